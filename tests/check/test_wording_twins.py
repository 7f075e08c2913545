"""Faithful sentences in other words that the structure checks once refused, and edits they now catch.

Every story here is invented. A false alarm costs a true sentence in a brief, so each rewording
that must pass is kept beside, where there is one, the edit of the same fact that must fail.
"""

from __future__ import annotations

import pytest
from structure_twins import assert_caught_and_twin_passes, assert_passes_every_structure_check

from briefing.check.structure import structure_problems
from briefing.text.figure_match import missing_figures

# (source passages, faithful sentence in other words)
FAITHFUL = [
    # A contest told from the other side: the loser's "losing to" is the winner's "beat".
    (["Second seed Mara Voss was knocked out in the quarter-finals on Friday, losing 7-5, 6-3 to the "
      "world number 61, qualifier Ilse Brandt."],
     "Qualifier Ilse Brandt beat second seed Mara Voss 7-5, 6-3 in the quarter-finals on Friday."),
    # The passive of "beat" says who lost.
    (["Ten-man Dunley went on to lose 3-1 at Holm Park."],
     "Dunley, down to ten men, were beaten 3-1 at Holm Park."),
    # "from two goals down" is where a side started, no fall.
    (["Corran came from two goals down to beat Fell Athletic 3-2 on Saturday, a result that lifts them to "
      "third."],
     "Corran recovered from two goals behind to beat Fell Athletic 3-2 on Saturday and climb to third."),
    # What a relative clause closes is the noun it hangs on.
    (["The Tarn Valley Railway, a heritage line that closed in 2018 after a flood, will reopen on 5 June "
      "following a 2.4-million-pound repair, its trust said on Monday."],
     "The Tarn Valley Railway, closed since a 2018 flood, will reopen on 5 June after a 2.4-million-pound "
     "repair, its trust said."),
    # "according to the roads agency" names no party of the opening.
    (["The Lenby bypass, a road built to divert lorries, opened to traffic on Monday, 4 months late."],
     "The Lenby bypass opened on Monday, 4 months late, according to the regional roads agency."),
    # Former, said in other words.
    (["Former finance minister Ruth Dahl was charged with fraud on Tuesday.",
      "Dahl, who served as finance minister from 2015 to 2019, denies wrongdoing."],
     "Ruth Dahl, finance minister from 2015 to 2019, was charged with fraud on Tuesday."),
    (["Two former directors of Selm Bank were acquitted of fraud on Friday."],
     "Two one-time directors of Selm Bank were cleared of fraud on Friday."),
    # "all-cash" covers nothing; "every one of" and "nobody" cover all.
    (["Orvik agreed on Monday to buy the ferry line Tessel for 300 million euros in cash. The deal still "
      "needs approval from regulators."],
     "Orvik agreed on Monday to buy the ferry line Tessel in an all-cash deal worth 300 million euros."),
    (["'Every one of the 210 jobs is safe,' the owner, Tom Vance, said on Monday."],
     "The owner, Tom Vance, said on Monday that all 210 jobs were safe."),
    (["Nobody was hurt when the ferry ran aground near Holm on Friday. The 62 people on board were taken "
      "ashore by lifeboat."],
     "All 62 people on board were unhurt when the ferry ran aground near Holm on Friday."),
    # A plan that did not happen, told as a plan.
    (["The museum did not reopen on Saturday as planned, after engineers found more damage to its roof."],
     "The museum stayed shut on Saturday despite plans to reopen it, after engineers found more damage "
     "to its roof."),
    # "I would urge" is an appeal made as it is said; the sentence says whose it is.
    (["Dr Lena Ortiz said: 'I would urge parents to have their children vaccinated before the winter.'"],
     "Dr Lena Ortiz urged parents to have their children vaccinated before the winter."),
    # "claimed her first title" is a deed, not a claim.
    (["Mira Hahn, 22, claimed her first title on Sunday, winning the final by 0.5 seconds ahead of Jo "
      "Perl."],
     "Jo Perl finished 0.5 seconds behind Mira Hahn, who took her first title on Sunday."),
    # "revising down its estimate" is a cut: "trimmed its projection".
    (["The Tarn economy is expected to grow by 1.5% next year, the finance ministry said on Monday, "
      "revising down its earlier estimate of 2.1%."],
     "Tarn's finance ministry now expects growth of 1.5% next year, having trimmed its projection from "
     "2.1%."),
    # "this weekend" for "at the weekend": the present one, where no other is named.
    (["About 1,400 officers will be on duty at the weekend for the Lenby carnival, police said."],
     "About 1,400 officers will be on duty for the Lenby carnival this weekend, police said."),
    # "for the first time" is a rank, not a figure to be placed beside another.
    (["Orla Air will begin flying between Lenby and Tarn three times a week from 4 May, the first direct "
      "link between the two towns since 2015.",
      "The airline expects to carry about 20,000 passengers on the route in the first year."],
     "Orla Air, which expects to carry about 20,000 passengers on the route in its first year, will fly "
     "direct between Lenby and Tarn from 4 May for the first time since 2015."),
    # "first budgeted" is "originally budgeted".
    (["The bridge cost 50 million dollars, 8 million more than originally budgeted."],
     "The bridge cost $50 million, $8 million more than first budgeted."),
]  # fmt: skip

# (source passages, unfaithful edit, check that catches it, faithful telling)
TWINS = [
    (["Former finance minister Ruth Dahl was charged with fraud on Tuesday."],
     "Finance minister Ruth Dahl was charged with fraud on Tuesday.", "qualifiers",
     "Ruth Dahl, a one-time finance minister, was charged with fraud on Tuesday."),
    (["The museum did not reopen on Saturday as planned, after engineers found more damage to its roof."],
     "The museum reopened on Saturday after engineers found more damage to its roof.", "polarity",
     "The museum stayed shut on Saturday despite plans to reopen it."),
    (["Okafor, who finished third last year, won the Lenby marathon on Sunday."],
     "Okafor, last year's runner-up, won the Lenby marathon on Sunday.", "ordinals",
     "Okafor, third last year, won the Lenby marathon on Sunday."),
    (["Halden Group has agreed to sell its bakery arm to Corvin Foods for 40 million dollars."],
     "Corvin Foods is offloading its bakery arm to Halden Group for $40 million.", "roles",
     "Halden Group is offloading its bakery arm to Corvin Foods for $40 million."),
    (["The Fernley tenants' union has launched legal action against Marlow Estates over damp flats."],
     "The Fernley tenants' union is being sued by Marlow Estates over damp flats.", "roles",
     "Marlow Estates is being sued by the Fernley tenants' union over damp flats."),
    (["The ban applies to bars in the old town of Selby from 1 May, with the rest of the city to follow "
      "next year."],
     "The ban applies to bars across Selby from 1 May.", "qualifiers",
     "The ban applies to bars in Selby's old town from 1 May."),
    (["Last weekend's Lenby carnival drew 9,000 people, police said."],
     "This weekend's Lenby carnival drew 9,000 people, police said.", "time",
     "Last weekend's carnival in Lenby drew 9,000 people, police said."),
    # A deed the source names only as a plan: "considering an appeal".
    (["A tribunal ruled against Harl Foods on Monday. Harl said it was disappointed and was "
      "considering an appeal."],
     "Harl Foods said it was disappointed and would appeal the tribunal's ruling.", "hedges",
     "Harl Foods said it was disappointed by the tribunal's ruling and was considering an appeal."),
    # Direction words: advance and retreat, likely and unlikely, create and cut, for and against.
    (["The Tarn glacier retreated 30 metres last year, a survey by the Alpine Institute found."],
     "The Tarn glacier advanced 30 metres last year, a survey by the Alpine Institute found.", "direction",
     "The Tarn glacier retreated by 30 metres last year, according to a survey by the Alpine Institute."),
    (["Defender Tom Eke is unlikely to play on Saturday after hurting his ankle, his manager said."],
     "Tom Eke is likely to play on Saturday despite hurting his ankle, his manager said.", "direction",
     "Tom Eke is unlikely to play on Saturday after hurting his ankle, his manager said."),
    (["Holm Paper said on Monday it would cut 120 jobs at its Lenby mill."],
     "Holm Paper said on Monday it would create 120 jobs at its Lenby mill.", "direction",
     "Holm Paper said on Monday it would shed 120 jobs at its Lenby mill."),
    (["Shareholders in Pell Bank voted 64% in favour of the takeover by Orda Group on Friday."],
     "Some 64% of Pell Bank shareholders voted against the takeover by Orda Group on Friday.", "direction",
     "Some 64% of Pell Bank shareholders backed the takeover by Orda Group on Friday."),
    (["A motion of censure against Lenby's mayor failed in the council on Monday, winning 14 votes, "
      "short of the 21 needed."],
     "A motion of censure against Lenby's mayor passed in the council on Monday with 14 votes.",
     "direction",
     "A motion of censure against Lenby's mayor was defeated in the council on Monday, winning 14 votes."),
    # A reason the source does not link to the fall: "on news that".
    (["Dunmore Foods shares fell 4% on Monday as the wider market retreated. Separately, the company "
      "said its finance chief, Lea Brandt, would retire in May."],
     "Dunmore Foods shares fell 4% on Monday on news that finance chief Lea Brandt would retire in May.",
     "causes",
     "Dunmore Foods shares fell 4% on Monday as the wider market retreated."),
    # What one side's claim says, told as fact beside what others said.
    (["A herbal tea 'significantly lowers blood pressure', according to its maker Velin, which paid for "
      "a 30-person trial. Independent doctors said the trial was too small to show anything."],
     "Velin's herbal tea significantly lowers blood pressure, though independent doctors said a "
     "30-person trial was too small to show anything.", "attribution",
     "Velin says its herbal tea significantly lowers blood pressure, though independent doctors said "
     "the trial was too small to show anything."),
]  # fmt: skip


@pytest.mark.parametrize(("sources", "sentence"), FAITHFUL)
def test_a_faithful_rewording_passes_every_structure_check(sources: list[str], sentence: str) -> None:
    assert_passes_every_structure_check(sentence, sources)


@pytest.mark.parametrize(("sources", "unfaithful", "check", "faithful"), TWINS)
def test_the_named_check_catches_the_edit_and_passes_its_faithful_twin(
    sources: list[str], unfaithful: str, check: str, faithful: str
) -> None:
    assert_caught_and_twin_passes(sources, unfaithful, check, faithful)


def test_a_statement_joined_by_insisting_is_weighed_apart_from_the_first() -> None:
    """ "Hale said A, insisting B": A is the resident's words, whatever Hale's B adds."""
    sources = [
        '"We had ten minutes to get out," said Ruth Amos, a resident of Lenby. Police spokesman Tom Hale '
        "said the warning had been given as soon as the danger was clear."
    ]
    wrong = (
        "Police spokesman Tom Hale said residents of Lenby had ten minutes to get out, insisting the "
        "warning was given as soon as the danger was clear."
    )
    assert "'Hale' where the source has 'Amos'" in structure_problems(wrong, sources)["speaker"]
    right = "Ruth Amos, a resident of Lenby, said they had ten minutes to get out."
    assert not structure_problems(right, sources)["speaker"]


def test_a_metric_measure_in_another_unit_is_the_same_figure() -> None:
    source = ["The beetle measures just 1.8 centimetres from head to tail."]
    assert missing_figures("The beetle is only 18 millimetres long.", source) == []
    assert missing_figures("The beetle is only 18 centimetres long.", source) == ["18"]
    assert missing_figures("The beetle is only 180 millimetres long.", source) == ["180"]
