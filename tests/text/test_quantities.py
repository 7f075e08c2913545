"""What a figure counts or measures, and when two figures are one fact, on invented sentences."""

from __future__ import annotations

from decimal import Decimal

import pytest

from briefing.text.quantities import Quantity, quantities
from briefing.text.quantity_compare import same_fact, same_value


def _one(text: str) -> Quantity:
    found = quantities(text)
    assert len(found) == 1, [q.forms for q in found]
    return found[0]


def _same(a: str, b: str) -> tuple[bool, bool]:
    """(same fact, same value) of the one quantity in each text."""
    x, y = _one(a), _one(b)
    return same_fact(x, y), same_value(x, y)


# --- counted nouns ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "value", "form"),
    [
        ("Six vehicles slid into the canal.", "vehicle", 6, "Six vehicles"),
        ("Then 8 cars and trucks slid into the canal.", "vehicle", 8, "8 cars and trucks"),
        ("At least 40 homes were flooded in Dunmere.", "home", 40, "At least 40 homes"),
        ("The blast left twelve dead in Dunmere.", "people", 12, "twelve dead"),
        ("Officials said forty people were rescued.", "people", 40, "forty people"),
        ("The crash on the ring road left 30 injured.", "people", 30, "30 injured"),
    ],
)
def test_a_number_counts_the_noun_after_it(text: str, kind: str, value: int, form: str) -> None:
    q = _one(text)
    assert (q.kind, q.figure.value, q.forms[0]) == (kind, Decimal(value), form)


def test_a_count_after_a_month_or_a_weekday_is_still_a_count() -> None:
    assert _one("In March 40 homes were flooded in Dunmere.").figure.value == 40
    assert _one("On Monday 12 engineers returned to Dunmere.").figure.value == 12


def test_a_spelled_number_and_its_digits_are_one_value() -> None:
    assert _same(
        "Six vehicles slid into the Dunmere canal.", "Police said 6 vehicles slid into the Dunmere canal."
    ) == (
        True,
        True,
    )
    assert _same(
        "Six vehicles slid into the Dunmere canal.", "Police said 8 vehicles slid into the Dunmere canal."
    ) == (
        True,
        False,
    )


def test_one_sort_of_vehicle_is_a_part_of_all_vehicles() -> None:
    all_of_them = "Eight vehicles slid into the Dunmere canal."
    # Six cars may be six of the eight vehicles; nine cars cannot be.
    assert not same_fact(_one("Six cars slid into the Dunmere canal."), _one(all_of_them))
    assert same_fact(_one("Nine cars slid into the Dunmere canal."), _one(all_of_them))
    assert not same_fact(
        _one("Nine cars slid into the Dunmere canal."), _one("Two buses slid into the Dunmere canal.")
    )


def test_dates_and_years_are_not_quantities() -> None:
    for text in [
        "The Dunmere footbridge opened in 1998.",
        "The 1998 footbridge was built by Harl & Sons.",
        "On March 3 police closed the footbridge.",
        "The footbridge closed on 3 May after the storm.",
        "On Monday 12 March the footbridge closed.",
    ]:
        assert quantities(text) == [], text


# --- events ----------------------------------------------------------------------------------------


def test_the_dead_and_the_injured_are_different_facts() -> None:
    dead = _one("The Dunmere tunnel fire left 12 dead, officials said.")
    assert "<dead>" in dead.context
    assert same_fact(dead, _one("Fifteen people died in the Dunmere tunnel fire."))
    assert not same_fact(dead, _one("The Dunmere tunnel fire left 30 injured, officials said."))
    assert not same_fact(dead, _one("Fifteen people were hospitalised after the Dunmere tunnel fire."))
    # People counted by no event are not the dead: those on a train are not those who died on it.
    assert not same_fact(dead, _one("There were 40 people in the Dunmere tunnel during the fire."))


def test_counts_joined_by_and_keep_the_sentence_they_belong_to() -> None:
    dead, injured = quantities("At least 12 people died and 30 were injured when the Dunmere tunnel flooded.")
    assert (injured.forms[0], injured.kind) == ("30 were injured", "people")
    assert same_fact(injured, _one("The Dunmere tunnel flood injured 25 people."))
    assert same_fact(dead, _one("Fifteen people were killed when the Dunmere tunnel flooded."))


def test_different_events_are_different_facts() -> None:
    assert not same_fact(
        _one("The Dunmere footbridge opened with four lanes."),
        _one("The Dunmere footbridge was built with six lanes."),
    )
    assert same_fact(
        _one("The Dunmere footbridge opened with four lanes."),
        _one("The Dunmere footbridge opened with six lanes."),
    )


# --- measures --------------------------------------------------------------------------------------


def test_a_measure_before_its_noun_and_after_a_verb_is_one_fact() -> None:
    before = _one("The new crossing has a 40-metre span, engineers said.")
    after = _one("Its span measured 45 metres on completion.")
    assert (before.kind, before.thing, after.kind, after.thing) == ("metre", "span", "metre", "span")
    assert same_fact(before, after) and not same_value(before, after)
    # The same words about another thing measured: a tower is not the span.
    assert not same_fact(before, _one("Its tower measured 45 metres on completion."))


def test_kilometres_and_metres_are_one_kind_compared_at_the_written_precision() -> None:
    tunnel = _one("Crews finished the 3-km tunnel under Harl Hill.")
    assert (tunnel.kind, tunnel.figure.value) == ("metre", Decimal(3000))
    assert _same(
        "Crews finished the 3-km tunnel under Harl Hill.", "The tunnel under Harl Hill is 3.2 km long."
    ) == (
        True,
        False,
    )
    assert _same("The tunnel under Harl Hill stretches 3 km.", "The Harl Hill tunnel runs 3,000 metres.")[1]
    assert _same("The tunnel under Harl Hill stretches 3.2 km.", "The Harl Hill tunnel runs 3,200 metres.")[1]


def test_different_dimensions_are_different_facts() -> None:
    assert not same_fact(
        _one("The Harl Hill mast is 40 metres tall."), _one("The Harl Hill mast is 45 metres wide.")
    )
    assert same_fact(
        _one("The Harl Hill mast is a 40-metre-high structure."),
        _one("The Harl Hill mast is 45 metres tall."),
    )


def test_an_m_is_metres_only_before_what_it_measures() -> None:
    assert _one("The Harl mast is a 40m structure.").kind == "metre"
    homes = _one("The Harl plan will serve 5m homes.")  # before what it counts, "m" is a million
    assert (homes.kind, homes.figure.value) == ("home", 5_000_000)
