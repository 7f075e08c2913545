"""One event told twice in other words is found by its core: who did what to what."""

from __future__ import annotations

import pytest

from briefing.text.clause_core import core, same_core


def test_one_event_with_other_details_is_the_same_core() -> None:
    first = "Fishers have raised concerns about the discharge affecting crab grounds."
    second = "Local fishers have raised concerns about the brine."
    assert core(first) == core(second)
    assert same_core(first, second)


def test_what_a_saying_verb_reports_is_the_core() -> None:
    assert same_core(
        "The council said engineers inspected the bridge on Monday.",
        "Engineers inspected the Quarry Road bridge, according to the council.",
    )


@pytest.mark.parametrize(
    ("a", "b", "why"),
    [
        ("Prices rose 5% in May.", "Prices rose 12% in May.", "figures differ: a disagreement"),
        ("The council approved the plan.", "The council did not approve the plan.", "one denies the other"),
        ("The council approved the plan.", "The council approved the budget.", "another object"),
        ("The council approved the plan.", "The mayor approved the plan.", "another subject"),
        ("Officials said the road was shut.", "Officials said the school was shut.", "a saying verb"),
        ("It raised concerns about the brine.", "It raised concerns about the noise.", "a pronoun subject"),
        ("The plant is the largest in Europe.", "The plant is the largest in Asia.", "no event: be"),
    ],
)
def test_what_could_be_two_events_or_two_sides_is_not_the_same_core(a: str, b: str, why: str) -> None:
    assert not same_core(a, b), why
