"""Rewordings the structure checks refused or edits they passed on the eleventh writer's file
(bench/faithfulness/set-k.jsonl), written here as new invented stories, each beside its twin.
"""

from __future__ import annotations

import pytest
from structure_twins import assert_caught_and_twin_passes

# (sources, unfaithful edit, the check that catches it, faithful sentence in other words)
TWINS = [
    # A clause is matched to the source clause that shares its own words first: "found evidence of
    # damage" is told by "found no evidence of damage", not by the sentence sharing the rest.
    (["An inquiry into the Brell dam, published on Monday, found that water losses had fallen 15% since "
      "2019. The inspectors said they had found no evidence of damage to the spillway, though they "
      "advised further checks."],
     "An inquiry found that water losses at the Brell dam had fallen 15% since 2019, and it also found "
     "evidence of damage to the spillway.", "polarity",
     "An inquiry found that water losses at the Brell dam had fallen 15% since 2019 and saw no sign of "
     "damage to the spillway, its inspectors said."),
    # "Would not seek a retrial" is a denied act: "seek" with a plain object is no hedge to look past.
    (["Prosecutors in Quint said on Tuesday they would not seek a retrial of the former port director "
      "Lena Rask after her jury was discharged."],
     "Prosecutors in Quint said they would seek a retrial of the former port director Lena Rask after "
     "her jury was discharged.", "polarity",
     "Prosecutors in Quint said they would not pursue a retrial of the former port director Lena Rask "
     "after her jury was discharged."),
    # "Fewer deer" and "more deer": a comparison on a noun whose plural is its singular.
    (["Fewer deer were counted in the Brell forest this winter than in any year since 1990, the rangers "
      "said, with 640 animals recorded."],
     "More deer were counted in the Brell forest this winter than in any year since 1990, with 640 "
     "animals recorded, the rangers said.", "direction",
     "The Brell forest rangers counted fewer deer this winter than in any year since 1990, recording 640 "
     "animals."),
    # "Took bronze ... by almost a second": the second is a time, not a place; bronze is third.
    (["Mia Sorn took bronze in the 400 metres at the Quint championships on Friday, behind Ada Vell and "
      "Lou Marr, and cut her personal best by almost a second."],
     "Mia Sorn finished second in the 400 metres at the Quint championships on Friday, behind Ada Vell.",
     "ordinals",
     "Mia Sorn finished third in the 400 metres at the Quint championships on Friday, behind Ada Vell "
     "and Lou Marr."),
    # The quotation is the speaker's whose reported clause holds it, not the nearest reporting verb's,
    # nor a verb inside the quotation ("than anyone predicted").
    (["Talks between the Brell Ferry Company and the seafarers' union broke down on Monday. The ferry "
      "company's chief executive, Jon Hale, said the offer of 3% was \"generous and final\" and urged the "
      "crews to accept it."],
     "Union leader Kai Rusk called the 3% offer \"generous and final\" after talks with the Brell Ferry "
     "Company broke down.", "speaker",
     "Ferry company chief executive Jon Hale called the 3% offer \"generous and final\" after talks with "
     "the seafarers' union broke down."),
    (["The lead author, Dr Ines Varga of the Quint Institute, said the glacier's retreat was 'quicker "
      "than any model predicted'. Professor Tom Baird, who was not involved, said longer records were "
      "needed."],
     "The glacier's retreat has been 'quicker than any model predicted', according to Professor Tom Baird, "
     "commenting on the Quint Institute study.",
     "speaker",
     "The glacier's retreat has been 'quicker than any model predicted', according to Dr Ines Varga."),
    # "A filed a lawsuit against B, seeking damages": B seeks nothing.
    (["Quint Dairies has filed a lawsuit against its former supplier, Brell Plastics, seeking 3 million "
      "dollars in damages over faulty bottles."],
     "Brell Plastics is seeking 3 million dollars in damages from its former customer Quint Dairies over "
     "faulty bottles.", "roles",
     "Quint Dairies is seeking 3 million dollars in damages from its former supplier Brell Plastics over "
     "faulty bottles."),
    # A report the outlet itself calls a claim, not yet verified, is the speaker's, not fact.
    (["Brell Motors says its new engine uses a third less fuel than the old one, a claim that has not "
      "been independently tested or verified."],
     "Brell Motors' new engine uses a third less fuel than the old one.", "attribution",
     "Brell Motors claims its new engine uses a third less fuel than the old one."),
    # "No longer allowed" denies as "not allowed" does.
    (["Drivers will no longer be allowed to park on Quint's seafront from June, the council decided."],
     "Drivers will be allowed to park on Quint's seafront from June, the council decided.", "polarity",
     "Drivers will not be allowed to park on Quint's seafront from June, the council decided."),
    # "Until 9 May at the earliest" is "until at least 9 May"; the bare date is not.
    (["Quint's main library will stay closed until at least 9 May while its roof is repaired, the "
      "council said."],
     "Quint's main library will stay closed until 9 May at the latest while its roof is repaired, the "
     "council said.", "figures",
     "Quint's main library will stay shut until 9 May at the earliest while the roof is repaired, the "
     "council said."),
    # "Against a 75% target" compares; it takes no side (not the other side of "68% for the first dose").
    (["A measles outbreak in Brell has grown to 52 confirmed cases, most of them young children, health "
      "officials said on Friday.",
      "Coverage in Brell stood at 68% for the first dose of the measles vaccine last year, well below the "
      "95% target, the health director said."],
     "Brell, where first-dose measles vaccine coverage was 68% last year against a 95% target, has seen "
     "its outbreak shrink to 52 confirmed cases.", "direction",
     "Brell, where first-dose measles vaccine coverage was 68% last year against a 95% target, now has 52 "
     "confirmed cases."),
    # "Jailed for five years over 200,000 euros in bribes": the bribes are the reason, not "more than".
    (["Former Quint councillor Pia Lenz was jailed for five years on Monday for taking bribes worth "
      "200,000 euros from builders."],
     "Former Quint councillor Pia Lenz was jailed for five years over nearly 200,000 euros in bribes.",
     "figures",
     "Former Quint councillor Pia Lenz was jailed for five years over 200,000 euros in bribes."),
    # A counted part ("about a quarter of clinics", "nurses at three of the nine wards") told as all.
    (["About a quarter of clinics in the Brell district will open on Saturdays from May to cut waiting "
      "lists, the health board said."],
     "Clinics in the Brell district will open on Saturdays from May to cut waiting lists, the health "
     "board said.", "qualifiers",
     "Roughly one in four clinics in the Brell district will open on Saturdays from May to cut waiting "
     "lists, the health board said."),
    (["Nurses at three of Quint hospital's nine wards will strike for 24 hours from Monday over staffing, "
      "their union said."],
     "Quint hospital's nurses will strike for 24 hours from Monday over staffing, their union said.",
     "qualifiers",
     "Nurses on three of the nine wards at Quint hospital will strike for 24 hours from Monday over "
     "staffing, their union said."),
    # A figure the source gives "among" a group only, told of everyone ("among the highest" ranks).
    (["Support for the Harbour Party among voters over 65 has risen to 44%, among the highest it has "
      "ever had, a poll for the Brell Courier found. Among all voters it stands at 19%."],
     "A poll for the Brell Courier puts the Harbour Party on 44%, among the highest it has ever had.",
     "qualifiers",
     "Among voters over 65, the Harbour Party has 44% support, among the highest it has ever had, a poll "
     "for the Brell Courier found."),
    # "Has proposed a charge" is a proposal; "is introducing" it makes it a deed.
    (["Brell's mayor, Oona Treace, has proposed a tourist tax of 3 a night, a plan the city council "
      "must approve in a vote next month."],
     "Brell's mayor, Oona Treace, is introducing a tourist tax of 3 a night, and the city council will "
     "vote on it next month.", "hedges",
     "Brell's mayor, Oona Treace, has put forward a plan for a tourist tax of 3 a night, which the city "
     "council must approve next month."),
    # "Pumping fuel" names no cause; "fuelled" would.
    (["Salvage crews began pumping fuel from the grounded tanker Vell Star on Sunday. The ship ran "
      "aground off Brell Point on Saturday with 30,000 tonnes of grain aboard."],
     "The grain aboard fuelled the grounding of the tanker Vell Star off Brell Point on Saturday.",
     "causes",
     "Salvage crews began pumping fuel on Sunday from the Vell Star, the tanker that ran aground off "
     "Brell Point on Saturday with 30,000 tonnes of grain aboard."),
]  # fmt: skip


@pytest.mark.parametrize(("sources", "unfaithful", "check", "faithful"), TWINS)
def test_the_edit_is_caught_and_its_twin_passes(
    sources: list[str], unfaithful: str, check: str, faithful: str
) -> None:
    assert_caught_and_twin_passes(sources, unfaithful, check, faithful)
