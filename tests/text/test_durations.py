"""Spans of time said two ways are told one way before a sentence is checked (invented examples)."""

from __future__ import annotations

import pytest

from briefing.check.verify import verify_sentence
from briefing.text.durations import plain_durations


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("within the next fortnight", "within the next two weeks"),
        ("over the next year and a half", "over the next 18 months"),
        ("one and a half years ago", "18 months ago"),
        ("about half a year late", "about six months late"),
        ("in the seven days to 3 March", "in the week to 3 March"),
        ("closed for seven days", "closed for a week"),
        ("it took a decade", "it took 10 years"),
        ("in the first three months of next year", "in the first quarter of next year"),
        # Left as they are: a frequency, and decades that are no one span.
        ("the fortnightly market", "the fortnightly market"),
        ("for decades", "for decades"),
    ],
)
def test_a_span_is_told_the_one_way(text: str, plain: str) -> None:
    assert plain_durations(text) == plain


SOURCE = [
    '"Without rain in the next fortnight, we may have to ban hosepipes," said Ines Varga, director of '
    "Kellow Water, on Monday. The utility expects to hire 40 staff over the next 18 months."
]


@pytest.mark.parametrize(
    "sentence",
    [
        "Kellow Water may have to ban hosepipes if no rain falls in the next two weeks, its director "
        "Ines Varga said on Monday.",
        "Kellow Water expects to take on 40 staff over the next year and a half.",
    ],
)
def test_a_span_in_other_words_passes_the_figure_and_time_checks(sentence: str) -> None:
    verdict = verify_sentence(sentence, SOURCE)
    failed = {c.name: c.missing for c in verdict.checks if not c.passed and c.name != "support"}
    assert not failed, failed


def test_another_span_still_fails() -> None:
    verdict = verify_sentence(
        "Kellow Water may have to ban hosepipes if no rain falls in the next three weeks, Ines Varga said.",
        SOURCE,
    )
    assert not verdict.passed
    assert "three" in next(c for c in verdict.checks if c.name == "numbers").missing


def test_a_span_in_figures_and_the_same_span_in_words_agree() -> None:
    """ "over a decade" is told as "over 10 years"; the source's "over ten years" is the same span."""
    source = [
        "The pact will remove tariffs on 92 per cent of goods traded between Osk and Tarn over ten years."
    ]
    verdict = verify_sentence("Tariffs on 92 per cent of Osk-Tarn trade will go over a decade.", source)
    figures = next(c for c in verdict.checks if c.name == "figures")
    assert figures.passed, figures.missing
