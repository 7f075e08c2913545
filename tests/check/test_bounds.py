"""A figure's side: "more than", "at least", "nearly", "up to" before it, "or more" after it.

Each row is an invented source, a sentence that puts the truth on another side of its figure, and a
faithful telling that must pass every structure check.
"""

from __future__ import annotations

import pytest

from briefing.check.bounds import side_of
from briefing.check.placed_figures import figure_tokens
from briefing.check.structure import structure_problems
from briefing.text.parser import parse

# (source, sentence with the side turned, faithful sentence)
TABLE = [
    ("Nearly 300 homes were flooded when the river burst its banks, the council said.",
     "More than 300 homes were flooded when the river burst its banks.",
     "Almost 300 homes were flooded when the river burst its banks, the council said."),
    ("At least 12 people died in the fire, police said on Sunday.",
     "Twelve people died in the fire, police said on Sunday.",
     "A dozen or more people died in the fire, police said on Sunday."),
    ("The ferry can carry up to 400 passengers, the operator said.",
     "The ferry can carry more than 400 passengers, the operator said.",
     "The ferry can take as many as 400 passengers, the operator said."),
    ("The club has 5,000 members, its chairman said.",
     "The club has over 5,000 members, its chairman said.",
     "The club has about 5,000 members, its chairman said."),
    ("Fewer than 40 staff remain at the plant, the union said.",
     "At least 40 staff remain at the plant, the union said.",
     "Under 40 staff remain at the plant, the union said."),
]  # fmt: skip


@pytest.mark.parametrize(("source", "turned", "faithful"), TABLE)
def test_a_figure_told_on_another_side_fails_and_its_faithful_twin_passes(
    source: str, turned: str, faithful: str
) -> None:
    problems = structure_problems(turned, [source])["figures"]
    assert any("the source" in p for p in problems), problems
    assert not any(structure_problems(faithful, [source]).values())


def test_a_ceiling_reported_as_reached_passes() -> None:
    # How a maximum is told: "gusts reached 142 km/h" for "gusts of up to 142 km/h".
    source = "Storm Halvard brought gusts of up to 142 km/h to the island overnight."
    sentence = "Storm Halvard's gusts reached 142 km/h on the island."
    assert not structure_problems(sentence, [source])["figures"]


def test_a_preposition_before_a_figure_is_no_bound() -> None:
    (figure,) = figure_tokens(parse("Workers struck in a dispute over 300 jobs."))
    assert side_of(figure) == (None, "")
    (figure,) = figure_tokens(parse("Over 300 jobs will go."))
    assert side_of(figure) == ("above", "over")
    (figure,) = figure_tokens(parse("No more than 300 jobs will go."))
    assert side_of(figure) == ("ceiling", "no more than")


def test_a_figure_is_placed_on_its_own_number_not_inside_a_longer_one() -> None:
    # "9" of "a 9-year-old" was placed on the "19" before it, and took that figure's words.
    doc = parse("At least 19 people died, and a 9-year-old girl was pulled from the rubble.")
    placed = {str(f.value): f.token.text for f in figure_tokens(doc)}
    assert placed == {"19": "19", "9": "9"}
