"""Edits of the development files that every check passed (bench/faithfulness, dev sets), written
here as new invented stories, each beside a faithful twin that must still pass.
"""

from __future__ import annotations

import pytest
from structure_twins import assert_caught_and_twin_passes

# (sources, unfaithful edit, the check that catches it, faithful sentence in other words)
TWINS = [
    # "Hydro dams supplied 42% of the power": the share counts the power, and whose share it is the
    # subject says; the solar parks have a share of their own in the other passage.
    (["Hydro dams supplied 42% of Orlan's power last year, up from 35% in 2023, the grid operator "
      "said.",
      "Solar parks produced 9% of Orlan's electricity last year, the energy ministry said."],
     "Solar parks supplied 42% of Orlan's power last year, up from 35% in 2023.", "figures",
     "Orlan drew 42% of its power from hydro dams last year, against 35% in 2023, the grid operator "
     "said, while solar parks produced 9%, according to the ministry."),
    # A figure set in a place that only the other passage names: the 600 homes are the whole
    # quake's; Tarnby is only where two people died.
    (["A magnitude 5.9 earthquake struck the Vell region at dawn on Sunday, killing two people and "
      "damaging more than 600 homes, the emergency office said.",
      "Both of the dead were in the market town of Tarnby, where the old footbridge over the Dun also "
      "fell, the mayor said."],
     "The earthquake damaged more than 600 homes in Tarnby, the emergency office said.", "figures",
     "More than 600 homes were damaged when the earthquake struck the Vell region on Sunday, the "
     "emergency office said."),
    # The place nearest a figure decides (the faithful twin names both places; the edit was caught
    # before this rule too): 31% is Holm's share, not Dunmere's.
    (["Electric vans made up 18 per cent of new van sales in Dunmere in the first half of the year, "
      "the importers' association said.",
      "Across the border in Holm, hybrid vans took a 9 per cent share in the first six months, while "
      "electric vans made up 31 per cent of sales, figures showed."],
     "Electric vans made up 31 per cent of new van sales in Dunmere in the first half of the year.",
     "figures",
     "Electric vans took 18 per cent of new van sales in Dunmere in the first half of the year, "
     "against 31 per cent over the border in Holm."),
    # A kind dropped: only the timber exports fell; told as "exports" the fall covers every kind.
    (["Sales of timber to Ostreva fell 11% in the third quarter, the forestry board said, while "
      "overall trade with Ostreva was flat."],
     "Sales to Ostreva fell 11% in the third quarter, the forestry board said.", "qualifiers",
     "Timber sales to Ostreva dropped 11% in the third quarter, according to the forestry board."),
    # "of" after a measure or a relational noun names no kind: "48 tonnes", "parents" stay plain.
    (["Crews removed 48 tonnes of rubbish from the Brisk estuary, and parents of pupils at Holm "
      "primary school joined the clean-up on Sunday, the council said."],
     "Parents joined the clean-up of the Brisk estuary on Sunday.", None,
     "Crews cleared 48 tonnes from the Brisk estuary, and parents joined the clean-up on Sunday, "
     "the council said."),
    # What a party with a side to take foresees is its view, however plainly the source reports it.
    (["Closing the Harwell library would leave 3,000 children without a place to study, campaigners "
      "said at a protest on Friday. The council said the closure would save 200,000 pounds a year."],
     "Campaigners protested on Friday against the Harwell library closure, which would leave 3,000 "
     "children without a place to study.", "attribution",
     "Campaigners said on Friday that closing the Harwell library would leave 3,000 children without "
     "a place to study."),
    # What such a party reports as done stays a fact; its "if" clause is no view of its own.
    (["Nurses at Brisk General voted 71% to 29% to accept the pay offer, the nurses' union said. The "
      "union said waiting times could double if the Holm clinic shut.",
      "The health board voted on Monday to close the Holm clinic in May."],
     "Nurses at Brisk General accepted the pay offer.", None,
     "Nurses at Brisk General voted 71% to 29% to accept the pay offer, and the Holm clinic is due to "
     "shut in May."),
    # "Veld was knocked out, beaten by Marek": the passive participle is done to the main subject.
    (["Second seed Tomas Veld was knocked out of the Arlen Open on Tuesday, beaten 7-6, 6-3 by the "
      "qualifier Ivo Marek."],
     "Second seed Tomas Veld beat the qualifier Ivo Marek 7-6, 6-3 at the Arlen Open on Tuesday.", "roles",
     "The qualifier Ivo Marek beat second seed Tomas Veld 7-6, 6-3 at the Arlen Open on Tuesday."),
    # Where a movement went, told as where it came from.
    (["Harwell General diverted patients to two nearby clinics on Friday after a flood in its basement."],
     "Harwell General took in patients diverted from two nearby clinics on Friday.", "roles",
     "After its basement flooded on Friday, Harwell General diverted patients to two nearby clinics."),
    # Two places of one name ("Gallery") are two places: from one to the other is no swap.
    (["The Lantern Gallery's exhibition will move to the Palace Gallery in Corbrook in May."],
     "The exhibition will move from the Palace Gallery to the Lantern Gallery in May.", "roles",
     "The exhibition will move from the Lantern Gallery to Corbrook's Palace Gallery in May."),
    # The figure told of "admissions among children" given to them in the sentence is the overall one.
    (["Hospital admissions in Kelby rose by 4 per cent last year, the health board said. Admissions "
      "among children rose by 9 per cent, and waiting times were unchanged."],
     "Admissions among children in Kelby rose by 4 per cent last year.", "figures",
     "Admissions among children in Kelby rose by 9 per cent last year, the health board said."),
    # Two ministers of one title are two people: the words are the one the source names.
    (["The trade ministers of Osk and Lenby met on Friday. Tariffs on timber will be cut from March, "
      "Osk Trade Minister Mara Volk said after the meeting.",
      "Lenby Trade Minister Piet Arnold described the meeting as 'difficult but useful'."],
     "Osk Trade Minister Mara Volk described the meeting as difficult but useful.", "speaker",
     "Lenby Trade Minister Piet Arnold described the meeting as difficult but useful."),
    # When the words were said ("after Harlow beat them") is not what was said: the words are the coach's.
    (["'We expected a hard match and we got one,' said Harlow coach Ada Lind after her side's 2-1 win "
      "over Dunmore. Dunmore captain Joel Kerr said his team had 'given it away in the second half.'"],
     "Dunmore captain Joel Kerr said his side had expected a hard match and got one after Harlow beat "
     "them 2-1.", "speaker",
     "Harlow coach Ada Lind said her side had expected a hard match and got one after beating Dunmore "
     "2-1."),
    # A detective sergeant speaks for the police.
    (["A 30-year-old man was charged with arson after a fire at a warehouse in Kelby, police said.",
      "The warehouse owner remains in hospital, Detective Sergeant Ian Moss said."],
     "The warehouse owner remains in hospital, Ian Moss said.", None,
     "The warehouse owner remains in hospital, police said, as a 30-year-old man was charged with "
     "arson."),
    # "as the museum announced a winter closure" is when, not what the speaker said.
    (["'We cannot pay the heating bills on donations alone,' said Ina Ross, director of the Mill Museum, "
      "which said on Monday it would close for the winter. The city's arts officer, Tom Hale, said the "
      "council 'had done what it could'."],
     "Arts officer Tom Hale said the Mill Museum could not pay the heating bills on donations alone, as "
     "the museum announced a winter closure.", "speaker",
     "Ina Ross, director of the Mill Museum, said it could not pay the heating bills on donations alone, "
     "as the museum announced a winter closure."),
    # The smaller part of a split vote told as the backers.
    (["The planning committee approved the Holm tower by a majority of 8 to 3 on Monday."],
     "Only three of the eleven councillors on the planning committee backed the Holm tower.", "direction",
     "Eight of the eleven councillors on the planning committee backed the Holm tower on Monday."),
    (["Three of the nine members of the rate committee voted for a cut, while six preferred to hold."],
     "Six of the nine members of the rate committee backed a cut.", "direction",
     "Three of the nine members of the rate committee backed a cut."),
    # "thanks to the wardens the council hired in May": the parse hangs "the council" on the verb,
    # leaving the cause's own clause for the effect, where the source's "following" sentence tells it.
    (["Fly-tipping in Dunmore fell 22% last year, council figures show. The council hired six street "
      "wardens in May following complaints from residents, and added a recycling site in July."],
     "Fly-tipping in Dunmore dropped 22% last year thanks to the street wardens the council hired in May.",
     "causes",
     "Fly-tipping in Dunmore fell 22% last year; the council had hired six street wardens in May."),
    # A named place told as another kind of area: the district covers the city and its towns.
    (["Burglaries across the Ardley district, which covers the city and nine villages, rose by 8 per "
      "cent last year to 1,240, the police said."],
     "Burglaries in Ardley city rose by 8 per cent last year to 1,240, the police said.", "qualifiers",
     "Burglaries in the district of Ardley, city and villages alike, rose by 8 per cent last year to "
     "1,240, the police said."),
    # A promise told as fact: "would" is the speaker's word about what is to come (a synthesis lead:
    # "The buoys would be installed by the end of April.").
    (["Fishers say no monitoring has started. The water board said the sensor buoys would be "
      "installed in Kelm Bay by the end of June."],
     "The sensor buoys in Kelm Bay would be installed by the end of June.", "attribution",
     "The water board said it would install the sensor buoys in Kelm Bay by the end of June."),
]  # fmt: skip


@pytest.mark.parametrize(("sources", "unfaithful", "check", "faithful"), TWINS)
def test_the_edit_is_caught_and_its_twin_passes(
    sources: list[str], unfaithful: str, check: str, faithful: str
) -> None:
    assert_caught_and_twin_passes(sources, unfaithful, check, faithful)
