"""More rewordings the structure checks once refused, and the edits beside them that must still fail.

Found on the ninth writer's file (bench/faithfulness/set-i.jsonl) and written here as new invented
stories: "has yet to", "formerly", "was minister until", "the disused quarry", "believe" for
"suspected", quotations in single marks, "dismissed it as", "blaming" for "citing", "caused no
damage", an age in apposition, a share followed by a scaled figure.
"""

from __future__ import annotations

import pytest
from structure_twins import assert_caught_and_twin_passes, assert_passes_every_structure_check

from briefing.check.structure import structure_problems
from briefing.text.figure_match import missing_figures

# (sources, unfaithful edit, the check that catches it, faithful sentence in other words)
TWINS = [
    # "has yet to" denies what it governs, as "no date has been set" does.
    (["The inquiry into the Varn dam leak has been delayed, and no date has been set for its hearings."],
     "The inquiry into the Varn dam leak has set a date for its hearings.", "polarity",
     "The inquiry into the Varn dam leak has yet to set a date for its hearings."),
    # "Formerly", "was ... until" and "disused" keep "former".
    (["Former finance director Olek Sand was charged on Friday with taking bribes from suppliers to Marl "
      "Rail."],
     "Olek Sand, finance director of Marl Rail, was charged on Friday with taking bribes.", "qualifiers",
     "Olek Sand, formerly finance director of Marl Rail, was charged on Friday with taking bribes."),
    (["Former transport minister Ada Crane will chair the Lenby port board, the port said on Monday."],
     "Transport minister Ada Crane will chair the Lenby port board, the port said on Monday.", "qualifiers",
     "Ada Crane, who was transport minister until she left parliament in 2022, will chair the Lenby port "
     "board, the port said on Monday."),
    (["The council plans to turn the disused Hollin quarry into a lake with a visitor centre."],
     "The council plans to turn the acting Hollin quarry into a lake with a visitor centre.", "qualifiers",
     "The council plans to turn the former Hollin quarry into a lake with a visitor centre."),
    # "Believe" keeps the source's "suspected".
    (["Fire officers said a suspected gas leak caused the explosion that destroyed a bakery in Tarn on "
      "Sunday."],
     "A gas leak caused the explosion that destroyed a bakery in Tarn on Sunday, fire officers said.",
     "qualifiers",
     "Fire officers believe a gas leak caused the explosion that destroyed a bakery in Tarn on Sunday."),
    # A quotation in single marks is someone's, as one in double marks is.
    (["Union leader Ada Pirie called the offer 'a slap in the face for every nurse', while hospital chief "
      "Leon Marr said the trust 'could go no further'."],
     "Hospital chief Leon Marr, speaking after talks in Tarn on Tuesday, called the three-year offer 'a slap "
     "in the face for every nurse'.", "speaker",
     "Union leader Ada Pirie called the offer 'a slap in the face for every nurse'."),
    # "Blaming" gives the reason the source's "citing" does; another reason is still invented.
    (["Harl Foods said on Monday it would close nine of its 40 bakeries, citing soaring energy costs."],
     "Blaming falling sales, Harl Foods said it would close nine of its 40 bakeries.", "causes",
     "Blaming soaring energy costs, Harl Foods said it would close nine of its 40 bakeries."),
    # "Caused no damage" claims no consequence.
    (["A magnitude 3.9 earthquake struck off Varn early on Sunday. The quake, centred 20 kilometres "
      "offshore, was felt across the region but caused no damage."],
     "A magnitude 3.9 earthquake struck off Varn on Sunday and caused damage across the region.", "polarity",
     "A magnitude 3.9 earthquake struck off Varn on Sunday and caused no damage."),
    # "and grazing on the new land will be increased": the noun after "and" is its own clause's subject,
    # however the parser hangs it.
    (["The trust said it would extend the Marl nature reserve by 300 hectares. Grazing will be reduced "
      "on the new land to let wild flowers return."],
     "The trust will extend the Marl reserve by 300 hectares, and grazing on the new land will be "
     "increased to let wild flowers return.", "direction",
     "The trust will extend the Marl reserve by 300 hectares, and grazing on the new land will be cut "
     "to let wild flowers return."),
    # "succeeded in his appeal" is the other end of "failed in his appeal".
    (["Goalkeeper Tom Ekwe has failed in his appeal against a two-match ban, the league said."],
     "Goalkeeper Tom Ekwe has succeeded in his appeal against a two-match ban, the league said.", "direction",
     "The league said goalkeeper Tom Ekwe's appeal against a two-match ban has failed."),
    # "the year before last" is not "last year", either way round.
    (["The Holm jazz festival, cancelled last year for lack of money, returns in August."],
     "The Holm jazz festival, cancelled the year before last for lack of money, returns in August.", "time",
     "The Holm jazz festival returns in August after last year's was cancelled for lack of money."),
    (["The Holm jazz festival, cancelled the year before last for lack of money, returns in August."],
     "The Holm jazz festival, cancelled last year for lack of money, returns in August.", "time",
     "The Holm jazz festival returns in August; it was cancelled the year before last for lack of money."),
    # "a minority of the 80" is a part taken, as "fewer than half of the 80" is.
    (["Fewer than half of Osk's 80 playgrounds have working fountains, an audit found."],
     "Osk's 80 playgrounds have working fountains, an audit found.", "qualifiers",
     "Only a minority of Osk's 80 playgrounds have working fountains, an audit found."),
    # An age limit dropped widens the group.
    (["Ferries to Holm will be free for all islanders aged 65 and over from May, the council said."],
     "Ferries to Holm will be free for all islanders from May, the council said.", "qualifiers",
     "From May, islanders aged 65 and over will travel free on ferries to Holm, the council said."),
    (["Among Varn's under-30s, home ownership fell to 21% last year, the housing office said."],
     "Home ownership in Varn fell to 21% last year, the housing office said.", "qualifiers",
     "Home ownership among young adults in Varn fell to 21% last year, the housing office said."),
    # A share above half is a majority, whatever words tell it.
    (["Members of the Osk dockers' union rejected the pay offer on Friday, with 64% opposed."],
     "A minority of Osk dockers' union members opposed the pay offer on Friday.", "direction",
     "Most members of the Osk dockers' union opposed the pay offer on Friday."),
    (["Only 38 per cent of Tarn residents backed the new parking scheme in the council's survey."],
     "A majority of Tarn residents backed the new parking scheme in the council's survey.", "direction",
     "A minority of Tarn residents backed the new parking scheme in the council's survey."),
    # "a growing number of young people" is "more young people", the other end of "fewer".
    (["Fewer young people in Osk are training as electricians, the college said on Monday."],
     "A growing number of young people in Osk are training as electricians, the college said on Monday.",
     "direction",
     "A shrinking number of young people in Osk are training as electricians, the college said on Monday."),
    # "in a case the company brought": the filer named, the other side left out, is still a side.
    (["A jury ordered Varn Chemicals to pay $2.1 million to the village of Osk for polluting its wells. "
      "The village had sued the company in 2022."],
     "A jury ordered Varn Chemicals to pay $2.1 million to Osk in a case the company brought in 2022.",
     "roles",
     "A jury ordered Varn Chemicals to pay $2.1 million to Osk in a case the village brought in 2022."),
]  # fmt: skip


@pytest.mark.parametrize(("sources", "unfaithful", "check", "faithful"), TWINS)
def test_the_edit_is_caught_and_its_twin_passes(
    sources: list[str], unfaithful: str, check: str, faithful: str
) -> None:
    assert_caught_and_twin_passes(sources, unfaithful, check, faithful)


def test_a_quotation_given_as_a_description_keeps_its_speaker() -> None:
    """ "dismissed it as '...'" gives its quotation to the one who dismissed, not to the other speaker."""
    sources = [
        "Councillor Rhys Bell called the scheme 'a vanity project'. Mayor Tia Okon defended it, "
        "saying: 'It will pay for itself within ten years.'"
    ]
    assert_passes_every_structure_check(
        "Mayor Tia Okon defended the scheme, saying 'It will pay for itself within ten years', while "
        "Councillor Rhys Bell dismissed it as 'a vanity project'.",
        sources,
    )


def test_an_age_in_apposition_is_the_named_person_s_alone() -> None:
    """The age comes from the passage that gives it; the race, from the other, is no blend."""
    sources = [
        "Cyclist Nel Brandt won the Varn Classic on Sunday at the Varn Ring, ahead of Ida Lomb.",
        "Brandt, 27, who rides for Team Osk in Tarnby, said she would now target the national title.",
    ]
    assert not structure_problems(
        "Nel Brandt, 27, won the Varn Classic at the Varn Ring on Sunday.", sources
    )["figures"]


def test_a_share_takes_no_scale_from_the_figure_after_it() -> None:
    source = ["Unit sales at Osk Motors fell 9% in the year to 2.4 million."]
    assert missing_figures("Osk Motors' unit sales fell by nine per cent to 2.4 million.", source) == []
    assert missing_figures("Osk Motors' unit sales fell by seven per cent to 2.4 million.", source) == [
        "seven per cent"
    ]


def test_a_share_keeps_its_unit_before_a_period_noun() -> None:
    """ "up 4.3% year on year" is a share, not a number of years."""
    sources = ["Rents in Osk rose 4.3% on the year, the statistics office said."]
    assert_passes_every_structure_check(
        "Rents in Osk were up 4.3% year on year, the statistics office said.", sources
    )


def test_a_sum_in_the_smaller_coin_is_the_same_sum() -> None:
    source = ["Tarn Ports will pay a dividend of 45 cents a share, up from 40 cents."]
    assert missing_figures("Tarn Ports announced a dividend of $0.45 a share.", source) == []
    assert missing_figures("Tarn Ports announced a dividend of $0.54 a share.", source) == ["$0.54"]
    assert missing_figures("A first-class stamp costs 95p.", ["A first-class stamp costs £0.95."]) == []


def test_an_announcement_told_as_done_is_no_deed_told_as_done() -> None:
    """ "said it would pay a dividend": the announcing is done, the paying is to come."""
    sources = ["Tarn Ports said on Monday it would pay a dividend of 45 cents a share."]
    assert not structure_problems("Tarn Ports announced a dividend of 45 cents a share.", sources)["time"]
    assert structure_problems("Tarn Ports paid a dividend of 45 cents a share.", sources)["time"]


def test_a_figure_in_an_apposition_is_the_subject_s_not_the_predicate_s() -> None:
    """ "Kestrel-3, a 410 million euro probe, entered orbit around Tarn 12": the cost is the probe's,
    from its own passage; Tarn 12, from the other, is where it went, no blend."""
    sources = [
        "The agency said its Kestrel-3 probe entered orbit around the asteroid Tarn 12 on Monday.",
        "Kestrel-3 cost 410 million euros, most of it paid by the Osk Foundation.",
    ]
    merged = "Kestrel-3, a 410 million euro probe, entered orbit around the asteroid Tarn 12 on Monday."
    assert not structure_problems(merged, sources)["figures"]
    borrowed = "Tarn 12, a 410 million euro asteroid, was reached by the agency's Kestrel-3 probe on Monday."
    assert structure_problems(borrowed, sources)["figures"]


def test_a_name_in_a_clause_joined_after_the_figure_s_is_not_the_figure_s() -> None:
    """ "won the second prize, and her publisher Orrin House ordered a reprint": the publisher's name
    belongs to the reprint, and the prize ordinal to the novel, each from its own passage."""
    sources = [
        "Novelist Kaja Brenn won the Tolm Prize on Friday for 'Low Water', her second novel.",
        "Brenn's publisher, Orrin House, said it had ordered a reprint of 25,000 copies.",
    ]
    merged = (
        "Kaja Brenn's second novel, 'Low Water', won the Tolm Prize on Friday, and her publisher Orrin "
        "House has ordered a 25,000-copy reprint."
    )
    assert not structure_problems(merged, sources)["figures"]


def test_a_count_told_of_a_place_the_source_gives_another_count_is_caught() -> None:
    """The nine are the two schools'; Harl Road had five: the sentence narrows the whole to one part.
    Told of both schools, or with its own count, the place passes."""
    sources = [
        "Nine pupils were taken to hospital after a gas leak at two schools on Monday, the ambulance "
        "service said: five at Harl Road Primary and four at St Anne's."
    ]
    problems = structure_problems(
        "Nine pupils were taken to hospital after a gas leak at Harl Road Primary.", sources
    )
    assert any("Primary" in p and "five" in p for p in problems["qualifiers"])
    for faithful in (
        "A gas leak at two schools sent nine pupils to hospital on Monday, five of them at Harl Road "
        "Primary.",
        "Five pupils from Harl Road Primary were among nine taken to hospital after a gas leak on Monday.",
    ):
        assert not structure_problems(faithful, sources)["qualifiers"], faithful


def test_a_figure_another_party_disputes_is_the_reporting_party_s_not_a_fact() -> None:
    """The union's estimate, disputed by the company, stated as fact takes the union's side; told as
    the union's, or from a passage where no one answers it, it passes."""
    disputed = [
        "According to the dockers' union, closing the Harl terminal will cost the town 25 million "
        "pounds a year. Osk Shipping, which runs the terminal, disputed the figure."
    ]
    unanswered = [
        "According to the dockers' union, closing the Harl terminal will cost the town 25 million "
        "pounds a year."
    ]
    fact = "Closing the Harl terminal will take 25 million pounds a year from the town."
    assert structure_problems(fact, disputed)["attribution"]
    assert not structure_problems(fact, unanswered)["attribution"]
    told = "The dockers' union says closing the Harl terminal will cost the town 25 million pounds a year."
    assert not structure_problems(told, disputed)["attribution"]


def test_payer_and_payee_swapped_are_caught_when_the_parser_misreads_the_payee() -> None:
    """ "to pay £1.4 million to software firm Brill": the parser reads "to software" as a clause of
    its own, so the payee is found among the verb's other words."""
    sources = [
        "Software firm Brill has been ordered to pay £1.4 million to its former supplier Osk Data after "
        "the High Court found it had broken a service contract."
    ]
    swapped = (
        "Osk Data has been ordered to pay £1.4 million to software firm Brill after the High Court found "
        "it had broken a service contract."
    )
    assert structure_problems(swapped, sources)["roles"]
    faithful = (
        "Brill, a software firm, has been ordered to pay £1.4 million to its former supplier Osk Data "
        "over a broken service contract."
    )
    assert not structure_problems(faithful, sources)["roles"]


def test_words_given_to_a_named_speaker_that_a_described_party_said_are_caught() -> None:
    """The county council said the charges pay for roads; the Chamber said they drive shoppers away.
    A described party ("the county council, which introduced the charges") that shares no word with
    the Chamber is another party, not the Chamber told another way."""
    sources = [
        "The Harl Chamber of Commerce said the new parking charges would drive shoppers away from the "
        "town centre. The county council, which introduced the charges, said they were needed to pay "
        "for road repairs."
    ]
    given = "The Harl Chamber of Commerce said the parking charges were needed to pay for road repairs."
    assert structure_problems(given, sources)["speaker"]
    for faithful in (
        "The county council said the new parking charges were needed to pay for road repairs.",
        "The Harl Chamber of Commerce said the new parking charges would drive shoppers from the town "
        "centre.",
    ):
        assert not structure_problems(faithful, sources)["speaker"], faithful


def test_a_figure_in_a_participle_clause_is_the_main_subject_s() -> None:
    """ "Osk claimed her first title, finishing 1.35 seconds clear": the margin is Osk's, and the
    passage with 1.35 seconds gives it to Brill."""
    sources = [
        "Mira Osk, 22, won the women's sprint in Tarnby on Sunday by 0.42 seconds, her first national title.",
        "In the men's sprint in Tarnby on Saturday, Jon Brill finished 1.35 seconds ahead of the field for "
        "his third title.",
    ]
    blended = (
        "Mira Osk claimed her first national title in the Tarnby sprint, finishing 1.35 seconds clear "
        "of the field."
    )
    assert structure_problems(blended, sources)["figures"]
    for faithful in (
        "Mira Osk claimed her first national title in the Tarnby sprint, winning by 0.42 seconds.",
        "Jon Brill took his third title in Tarnby, finishing 1.35 seconds ahead of the field.",
    ):
        assert not structure_problems(faithful, sources)["figures"], faithful


def test_a_figure_of_a_verb_joined_by_and_is_the_shared_subject_s() -> None:
    """ "The plant will build 30,000 buses a year and employ 1,200 people": the 1,200 are the Osk
    plant's, and the passage with 1,200 gives them to Brill's factory."""
    sources = [
        "Osk Motors said it would build 30,000 electric buses a year at its new Tarnby plant, which opens "
        "in 2027 and will employ 700 people.",
        "Rival Brill Automotive's Harl factory, opened last year, employs 1,200 people, the company said.",
    ]
    told = (
        "Osk Motors' new Tarnby plant, opening in 2027, will build 30,000 electric buses a year and "
        "employ {} people."
    )
    assert structure_problems(told.format("1,200"), sources)["figures"]
    assert not structure_problems(told.format("700"), sources)["figures"]


def test_a_comparative_turned_round_on_the_same_thing_is_caught() -> None:
    """ "as higher copper prices hit profits" where the source has lower ones; a comparative on
    another thing ("higher wage costs") is no contradiction of it."""
    sources = [
        "Tarn Mining said it would cut 300 jobs at its Osk copper mine as lower copper prices hit profits "
        "and higher wage costs squeezed margins."
    ]
    flipped = "Tarn Mining will cut 300 jobs at its Osk copper mine as higher copper prices hit profits."
    assert structure_problems(flipped, sources)["direction"]
    faithful = (
        "Tarn Mining will cut 300 jobs at its Osk copper mine, blaming lower copper prices and higher "
        "wage costs."
    )
    assert not structure_problems(faithful, sources)["direction"]


def test_a_span_the_source_only_expects_is_not_stated_as_fact() -> None:
    """ "will be out for five weeks" where the club said she "is expected to miss about five weeks":
    the verbs differ, the figure finds the telling; kept as an expectation, it passes."""
    sources = [
        "Goalkeeper Ana Brill is expected to miss about five weeks with a knee injury suffered in Sunday's "
        "draw with Tarnby, her club, Osk City, said."
    ]
    certain = (
        "Osk City goalkeeper Ana Brill will be out for five weeks with a knee injury suffered against Tarnby."
    )
    assert structure_problems(certain, sources)["hedges"]
    expected = "Osk City expect goalkeeper Ana Brill to be out for about five weeks with a knee injury."
    assert not structure_problems(expected, sources)["hedges"]


def test_a_district_s_figure_told_of_the_whole_county_is_caught() -> None:
    """The 11 weeks are the western district's; across the county the wait stayed at 16 weeks."""
    sources = [
        "Waiting times for knee operations in the western health district fell to an average of 11 weeks "
        "in the year to March, from 18 weeks, the health board said. Across the county as a whole, the "
        "average wait was unchanged at 16 weeks."
    ]
    widened = (
        "Average waiting times for knee operations across the county fell to 11 weeks in the year to March."
    )
    assert any("county" in p for p in structure_problems(widened, sources)["qualifiers"])
    for faithful in (
        "Average waiting times for knee operations in the western health district fell to 11 weeks in the "
        "year to March.",
        "Across the county the average wait for knee operations stayed at 16 weeks, while the western "
        "district's fell to 11.",
    ):
        assert not structure_problems(faithful, sources)["qualifiers"], faithful
