"""A figure whose counted noun comes before it, an earlier value it replaced, and what a measure or a
share is of, on invented sentences (the bench clusters' phrasings: bench/synthesis/)."""

from __future__ import annotations

import pytest

from briefing.text.quantities import Quantity, quantities
from briefing.text.quantity_compare import same_fact, same_value


def _read(text: str) -> list[tuple[str, str, int]]:
    return [(q.figure.text, q.kind, q.current_at) for q in quantities(text)]


@pytest.mark.parametrize(
    ("text", "read"),
    [
        (
            "The number of people hurt when the Tellin Bridge fell rose to 14 overnight, up from 11 reported "
            "at the scene.",
            [("14", "people", 0), ("11", "people", -1)],
        ),
        (
            "Harl Foods raised its estimate of job losses across the group to 640, up from the 450 it gave "
            "in the morning.",
            [("640", "people", 0), ("450", "people", -1)],
        ),
        (
            "Officials raised the number of homes evacuated to 450 on Saturday, up from 300 on Friday.",
            [("450", "home", 0), ("300", "home", -1)],
        ),
        (
            "A recount cut her lead to 187 votes, down from the 212 declared at dawn.",
            [("187", "vote", 0), ("212", "vote", -1)],
        ),
        ("The death toll rose from 12 to 15 on Tuesday.", [("12", "people", 1), ("15", "people", 0)]),
    ],
)
def test_a_revised_figure_counts_the_noun_before_it_and_its_earlier_value_too(
    text: str, read: list[tuple[str, str, int]]
) -> None:
    assert _read(text) == read


def test_a_word_after_a_figure_that_counts_nothing_is_no_kind() -> None:
    assert _read("Eleven were reported at the scene; 11 reported overnight.") == []
    # An earlier value in another sentence is not this one's: "up from" looks back in its own sentence only.
    assert [q.current_at for q in quantities("Sales hit 40 stores. Up from 12 in May.")] == [0]


def _one(text: str) -> Quantity:
    [q] = [q for q in quantities(text) if q.kind not in ("hour",)]
    return q


def test_a_measure_of_something_is_that_things() -> None:
    a = _one("Gauges at the works recorded 112 millimetres of rain in the day to Friday.")
    b = _one("Figures from the weather network show 130mm of rain fell on the upper valley.")
    assert (a.thing, b.thing) == ("rain", "rain")
    assert same_fact(a, b) and not same_value(a, b)


def test_a_share_said_of_one_thing_is_that_things_in_any_words() -> None:
    spelled = _one("Turnout was thirty-eight percent, according to the elections office.")
    digits = _one("Officials put turnout at 41 percent, unusually high for May.")
    assert same_fact(spelled, digits) and not same_value(spelled, digits)
    # Another thing's share is not compared: unemployment is not turnout.
    assert not same_fact(digits, _one("Unemployment was 41 percent in the old mill towns."))
