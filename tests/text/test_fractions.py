"""A share said as a fraction is the same figure as its percentage; a fraction of a unit is not."""

from __future__ import annotations

import pytest

from briefing.check.verify import verify_sentence
from briefing.text.fractions import plain_fractions


@pytest.mark.parametrize(
    ("fraction", "percentage"),
    [
        ("Sales fell by a quarter.", "Sales fell by 25%."),
        ("Costs rose by three-quarters.", "Costs rose by 75%."),
        ("A fifth of the homes lost power.", "20% of the homes lost power."),
        ("One in ten drivers was fined.", "10% of drivers was fined."),
    ],
)
def test_a_fraction_of_a_whole_is_told_as_its_percentage(fraction: str, percentage: str) -> None:
    assert plain_fractions(fraction) == percentage


@pytest.mark.parametrize(
    "kept",
    ["The rate rose by a quarter of a percentage point.", "The rate rose by a quarter point.",
     "She won by a fifth of a second.", "Fares were cut by half."],
)  # fmt: skip
def test_a_fraction_of_a_unit_or_a_half_is_left_as_written(kept: str) -> None:
    assert plain_fractions(kept) == kept


def test_the_checks_take_a_fraction_for_its_percentage_and_no_other() -> None:
    source = ["Honey output in Varn dropped by a quarter this year to about 180 tonnes, beekeepers said."]
    passed = verify_sentence(
        "Varn's honey output fell 25% this year to about 180 tonnes, beekeepers said.", source
    )
    failed = verify_sentence(
        "Varn's honey output fell 20% this year to about 180 tonnes, beekeepers said.", source
    )
    assert passed.passed, passed.reason()
    assert not failed.passed and any(c.name == "numbers" and not c.passed for c in failed.checks)
