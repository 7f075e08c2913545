"""Rewordings the structure checks refused or edits they passed on the tenth writer's file
(bench/faithfulness/set-j.jsonl), written here as new invented stories, each beside its twin.
"""

from __future__ import annotations

import pytest
from structure_twins import assert_caught_and_twin_passes

# (sources, unfaithful edit, the check that catches it, faithful sentence in other words)
TWINS = [
    # A clause that tells when the saying happens ("will write ... after") is not what is said.
    (["Osk Rovers chairman Ian Dale claimed the referee's errors had cost his team the match, and said "
      "the club would complain to the league."],
     "Osk Rovers will complain to the league after the referee's errors cost the team the match.",
     "attribution",
     "Osk Rovers will complain to the league; chairman Ian Dale claimed the referee's errors had cost the "
     "team the match."),
    # A change told end to end: each end as the source tells it, done or to come.
    (["The Varn lido, which closed in March, could reopen in the autumn if repairs are paid for, the "
      "council said."],
     "The Varn lido, open since March, could close in the autumn if repairs are paid for, the council "
     "said.", "direction",
     "The Varn lido, shut since March, might open again in the autumn should repairs be paid for, the "
     "council said."),
    # "Not going to cut" denies the cut; "denied cutting" denies the cutting, however it is parsed.
    (["\"We are not going to close any branches this year,\" Osk Bank chief executive Ida Lund said."],
     "Osk Bank chief executive Ida Lund said the bank would close branches this year.", "polarity",
     "Osk Bank chief executive Ida Lund said the bank would not close any branches this year."),
    (["Osk Construction has denied cutting corners on the Tarn school extension, after inspectors found "
      "cracks in two ceilings."],
     "Osk Construction admitted it had cut corners on the Tarn school extension, after inspectors found "
     "cracks in two ceilings.", "polarity",
     "Osk Construction insisted it had not cut corners on the Tarn school extension, after inspectors "
     "found cracks in two ceilings."),
    # "Pressed the ministry to reopen" asks for it, as "urging" does; "lost ... to a frost" gives the
    # frost as the cause, which "blaming" may name (and no other).
    (["Apple growers in Varn have lost about a third of their blossom to a late frost, the growers' "
      "union said on Monday, urging the ministry to reopen a hardship fund that closed last year."],
     "Blaming heavy rain for the loss of blossom, the Varn growers' union on Monday pressed the ministry "
     "to reopen a hardship fund that closed last year.", "causes",
     "Blaming a late frost for the loss of blossom, the Varn growers' union on Monday pressed the "
     "ministry to revive a hardship fund that closed last year."),
    # Each speaker is given what they say in a sentence that holds two ("A called it X, while B
    # insisted Y"), and a semicolon ends what a speaker is given.
    (["Union leader Ada Pirie called the plan “a licence to cut jobs”, while Osk Rail chief Leon Marr "
      "insisted it would “put the network on a sound footing for a decade”."],
     "Union leader Ada Pirie insisted the plan would “put the network on a sound footing for a decade”.",
     "speaker",
     "Osk Rail chief Leon Marr insisted the plan would “put the network on a sound footing for a "
     "decade”, while union leader Ada Pirie dismissed it as “a licence to cut jobs”."),
    (["Tarn council will spend £2.1 million resurfacing 40 miles of roads this year, its highways chief, "
      "Ida Lund, said on Tuesday.",
      "Residents reported 3,200 potholes last year, up from 2,500 the year before, according to figures "
      "obtained by the Tarn Gazette."],
     "Residents said Tarn council will spend £2.1 million resurfacing 40 miles of roads this year.",
     "speaker",
     "Tarn council will spend £2.1 million resurfacing 40 miles of roads this year; residents reported "
     "3,200 potholes last year, up from 2,500 the year before, according to figures obtained by the Tarn "
     "Gazette."),
    # An estimate told as whose it is ("officers expect"), not as fact.
    (["Osk council approved new boilers for its schools on Monday. Council officers estimate the boilers "
      "will save about £90,000 a year in heating costs."],
     "Osk council approved new boilers for its schools, which will save about £90,000 a year in heating "
     "costs.", "attribution",
     "Osk council approved new boilers for its schools, a switch officers expect to save about £90,000 a "
     "year in heating costs."),
    # "Nurses at four of the six hospitals": the part told as the whole, however far from the verb.
    (["Nurses at three of the eight hospitals run by the Osk Health Trust will strike for 24 hours from "
      "2 May, the nurses' union said."],
     "Nurses at the Osk Health Trust's eight hospitals will strike for 24 hours from 2 May, the nurses' "
     "union said.", "qualifiers",
     "Nurses at three of the Osk Health Trust's eight hospitals will strike for 24 hours from 2 May, the "
     "nurses' union said."),
    # A record for the region told as the country's.
    (["Temperatures in the north reached 35.1C at Osk on Tuesday, a June record for the region, "
      "forecasters said."],
     "Temperatures reached 35.1C at Osk on Tuesday, a national record for June, forecasters said.",
     "qualifiers",
     "Temperatures reached 35.1C at Osk on Tuesday, a regional record for June, forecasters said."),
    # "The footbridge reopened on Monday, the council said", misread as a footbridge that was reopened:
    # still a past deed, which "will reopen" contradicts.
    (["The Hollin footbridge reopened to pedestrians on Monday after six weeks of repairs to its rusted "
      "steel supports, the city council said."],
     "The Hollin footbridge will reopen to pedestrians on Monday after six weeks of repairs to its rusted "
     "steel supports, the city council said.", "time",
     "After six weeks of repairs to its rusted steel supports, the Hollin footbridge was reopened to "
     "pedestrians on Monday, the city council said."),
    # "A minority ... backed" in the source's words, though the parser makes the minority the
    # subject of "revealed".
    (["A minority of residents who took part in the Osk harbour consultation — 38% of 2,100 respondents "
      "— backed plans for a marina, the council revealed on Monday."],
     "A majority of the 2,100 people who responded to the Osk harbour consultation backed plans for a "
     "marina, the council said on Monday.", "direction",
     "A minority of the 2,100 people who responded to the Osk harbour consultation backed plans for a "
     "marina, the council said on Monday."),
    # A medal is a place: silver is second, not the third the source gives.
    (["Ana Vell finished third in the women's 800m final at the Northern Games in Osk on Friday, in "
      "1:59.80, behind Ida Lund and Mia Sorn. It was her first medal at a major championship."],
     "Ana Vell took silver in the women's 800m at the Northern Games in Osk in 1:59.80, her first medal at "
     "a major championship.", "ordinals",
     "Ana Vell took bronze in the women's 800m at the Northern Games in Osk in 1:59.80, her first medal at "
     "a major championship."),
    # "Two teenage boys" counts the source's "teenagers"; a count moved to the huts is still caught.
    (["Two teenagers have been arrested after a fire destroyed three beach huts in Osk on Friday night. "
      "Police said the boys, aged 15 and 16, had been released under investigation."],
     "Three teenage boys have been arrested after a fire destroyed two beach huts in Osk on Friday night.",
     "figures",
     "Two teenage boys, aged 15 and 16, have been arrested and released under investigation after a fire "
     "destroyed three beach huts in Osk on Friday night."),
    # "has led the firm to close" names a cause; two figures told side by side link nothing.
    (["Tarn & Vell said on Monday it would close 9 of its 30 shops by March. In a separate update, the "
      "company reported a 5% fall in sales in the year to June."],
     "A 5% fall in sales in the year to June has led Tarn & Vell to close 9 of its 30 shops by March.",
     "causes",
     "Tarn & Vell will close 9 of its 30 shops by March, and separately reported a 5% fall in sales in the "
     "year to June."),
    (["Cases of whooping cough in the Osk region rose to 318 in the first quarter, health officials said "
      "on Monday, compared with 80 a year earlier. Vaccination rates among pregnant women in the region "
      "have fallen to 64% from 75% five years ago, separate figures show."],
     "Whooping cough cases in the Osk region rose to 318 in the first quarter due to a fall in vaccination "
     "rates among pregnant women to 64%.", "causes",
     "Whooping cough cases in the Osk region rose to 318 in the first quarter, while vaccination rates "
     "among pregnant women have fallen to 64%, separate figures show."),
    # "The plant is set to open in 2028": the year is said of the plant, which another outlet's year
    # is not.
    (["Varn Motors confirmed on Thursday it will build its new battery plant in Osk, creating 900 jobs. "
      "It did not say when production would start.",
      "Rival carmaker Tarn said its own battery plant in Lenby would open in 2029 with about 1,500 jobs."],
     "Varn Motors' new battery plant in Osk is set to open in 2029 and create 900 jobs.", "figures",
     "Varn Motors' new battery plant in Osk will create 900 jobs, while rival Tarn's plant in Lenby is set "
     "to open in 2029."),
    # A quotation in one part of what is reported ("was 'wholly unjustified'") makes that part someone's
    # view, not the plain report beside it ("and would run a reduced timetable").
    (["Osk Buses said the drivers' strike was 'wholly unjustified' and would run a reduced timetable on "
      "the affected days."],
     "The drivers' strike is wholly unjustified, and Osk Buses will run a reduced timetable on the "
     "affected days.", "attribution",
     "Osk Buses will run a reduced timetable on the days of the drivers' strike."),
    # Two kinds of one group ("wheat growers", "barley growers") keep their own figures.
    (["Wheat growers in the Osk valley harvested an average of 8.2 tonnes per hectare this season, "
      "compared with 5.9 tonnes for barley, the farmers' union said on Wednesday."],
     "Barley growers in the Osk valley averaged 8.2 tonnes a hectare this season against 5.9 tonnes for "
     "wheat, the farmers' union said.", "figures",
     "Wheat growers in the Osk valley averaged 8.2 tonnes a hectare this season against 5.9 tonnes for "
     "barley, the farmers' union said."),
]  # fmt: skip


@pytest.mark.parametrize(("sources", "unfaithful", "check", "faithful"), TWINS)
def test_the_edit_is_caught_and_its_twin_passes(
    sources: list[str], unfaithful: str, check: str, faithful: str
) -> None:
    assert_caught_and_twin_passes(sources, unfaithful, check, faithful)
