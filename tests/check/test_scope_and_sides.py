"""Scope, sides and borrowed figures: a part told as the whole, a deal told from the wrong side, a
figure taken from another outlet's passage, a cause the source does not give.

Every row is an invented source, a sentence that turns its meaning, the check that must catch it,
and a faithful telling of the same fact that must pass every structure check.
"""

from __future__ import annotations

import pytest
from structure_twins import assert_caught_and_twin_passes

from briefing.check.structure import structure_problems
from briefing.check.verify import verify_sentence

# (source passages, unfaithful sentence, check that catches it, faithful sentence)
TABLE = [
    # The whole told as doing what a part of it does.
    (["Six of the 20 libraries in the county will shut on Sundays from March, the council said."],
     "The county's 20 libraries will shut on Sundays from March.", "qualifiers",
     "Six of the county's 20 libraries will shut on Sundays from March."),
    (["Some commuters will face delays of up to 40 minutes while the bridge is repaired, the transport "
      "office said."],
     "Commuters will face delays of up to 40 minutes while the bridge is repaired.", "qualifiers",
     "Some commuters will face delays of up to 40 minutes while the bridge is repaired."),
    # A narrowing dropped where the source tells the rest apart.
    (["Ticket sales in its Harwick cinemas rose 9% in the spring, while ticket sales in its rural venues "
      "fell 3%."],
     "Ticket sales rose 9% in the spring.", "qualifiers",
     "Ticket sales in its Harwick cinemas rose 9% in the spring."),
    (["Trams on the Green Line between Alder Park and Fenwick will be replaced by buses in May. The rest "
      "of the Green Line will run as normal."],
     "Green Line trams will be replaced by buses in May.", "qualifiers",
     "Trams will be replaced by buses between Alder Park and Fenwick on the Green Line in May."),
    # A figure's stretch of time.
    (["Sales rose 6% in the eight weeks to 3 January, the retailer said."],
     "Sales rose 6% over the year to 3 January.", "figures",
     "Sales climbed 6% in the eight weeks to 3 January, the retailer said."),
    # The place a figure is told of, named after "city of".
    (["At least 9 people were killed by the storm, the agency said.",
      "Seven of the dead were in Corlan and two in the village of Ebbing, the governor said."],
     "At least 9 people were killed by the storm in the port city of Corlan.", "figures",
     "At least 9 people were killed by the storm, seven of them in Corlan."),
    # The sides of one deal, contest or case told with another verb.
    (["Harlan Mills has sold its flour unit to the investment firm Brook Capital for 90 million dollars."],
     "Harlan Mills has bought the flour unit of Brook Capital for 90 million dollars.", "roles",
     "Brook Capital has bought the flour unit of Harlan Mills for 90 million dollars."),
    (["Ana Ruiz won the mayoral race, narrowly beating the incumbent, Carl Dunn."],
     "Carl Dunn narrowly defeated Ana Ruiz in the mayoral race.", "roles",
     "Ana Ruiz narrowly defeated Carl Dunn in the mayoral race."),
    (["Some 200 tenants have filed a lawsuit against Brockway Homes over damp flats."],
     "Brockway Homes has taken some 200 tenants to court over damp flats.", "roles",
     "Some 200 tenants have taken Brockway Homes to court over damp flats."),
    (["A 40-year-old man has been charged with attacking a taxi driver in Dunmore, police said."],
     "Police have charged a taxi driver with attacking a 40-year-old man in Dunmore.", "roles",
     "Police have charged a 40-year-old man with attacking a taxi driver in Dunmore."),
    # A figure from the other outlet's passage in a clause told from the first one.
    (["The Lorne Trust's hospitals recorded 900 cases of flu in January, forcing the closure of 14 wards, "
      "the trust said.",
      "Flu also hit hospitals in nearby Brack, where six wards were shut, the Brack health authority said."],
     "Flu cases at the Lorne Trust's hospitals reached 900 in January, forcing six wards to close.",
     "figures",
     "Flu cases at the Lorne Trust's hospitals reached 900 in January, forcing 14 wards to close."),
    # Causes told without a causal word.
    (["The Ridge fire had burned 900 hectares by Sunday. Investigators have not determined what started it."],
     "The Ridge fire, started by a discarded cigarette, had burned 900 hectares by Sunday.", "causes",
     "The Ridge fire had burned 900 hectares by Sunday."),
    (["Dorn's shares fell 5% on Monday. A rival had sued Dorn over a patent the week before."],
     "Dorn's shares fell 5% on Monday as investors reacted to the patent suit.", "causes",
     "Dorn's shares fell 5% on Monday."),
]  # fmt: skip


@pytest.mark.parametrize(("sources", "unfaithful", "check", "faithful"), TABLE)
def test_the_named_check_catches_the_edit_and_passes_its_faithful_twin(
    sources: list[str], unfaithful: str, check: str, faithful: str
) -> None:
    assert_caught_and_twin_passes(sources, unfaithful, check, faithful)


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("Profit rose 4% in the year to June.", "Profit rose 4% in the 12 months to June."),
        ("Output fell 2% in the quarter to March.", "Output fell 2% in the three months to March."),
    ],
)
def test_one_stretch_of_time_in_other_words_is_the_same(sentence: str, source: str) -> None:
    assert not structure_problems(sentence, [source])["figures"]


def test_a_part_without_the_rest_told_apart_may_lose_its_narrowing() -> None:
    """No other sales are told of: dropping "in its Harwick cinemas" narrows nothing away."""
    source = "Ticket sales in its Harwick cinemas rose 9% in the spring."
    assert not structure_problems("Ticket sales rose 9% in the spring.", [source])["qualifiers"]


def test_a_participle_opening_a_sentence_is_not_a_name() -> None:
    sentence = "Beaten 3-1 at home by Orrin City on Sunday, Ashby Town remain bottom of the league."
    source = "Ashby Town, bottom of the league, lost 3-1 at home to Orrin City on Sunday."
    names = next(c for c in verify_sentence(sentence, [source]).checks if c.name == "names")
    assert names.passed, names.missing
