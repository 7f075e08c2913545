"""Passages that other outlets also report are found before the model writes, and marked for it."""

from __future__ import annotations

from factories import make_cluster

from briefing.backends.fake import FakeBackend
from briefing.config import Settings
from briefing.prepare.shared import shared_counts
from briefing.prompts import load_prompt
from briefing.schema import Extraction, Passage
from briefing.write.briefer import Briefer

A = [
    "The Harl desalination plant opened on Tuesday.",
    "Fishing crews fear the salty water returned to the bay will harm the oyster beds.",
]
B = [
    "Marrowick switched on its seawater plant this week.",
    "Oyster fishers say salty water pumped back into the bay could harm their beds.",
]
C = ["A new bakery opened on Mill Street, selling rye bread."]


def _cluster(*bodies: list[str], duplicate: int | None = None) -> tuple[dict[str, Passage], list[Extraction]]:
    return make_cluster(*bodies, duplicate=duplicate)


def test_a_fact_another_outlet_reports_late_in_its_article_is_marked() -> None:
    passages, extractions = _cluster(A, B, C)
    counts = shared_counts(passages, extractions)
    assert counts == {"a1.2": 1, "a2.2": 1}  # the fishers' worry, in both; the openings share too little
    assert "a3.1" not in counts  # the bakery story shares nothing


def test_a_copy_of_an_article_is_not_another_outlet() -> None:
    passages, extractions = _cluster(A, A, duplicate=2)
    assert shared_counts(passages, extractions) == {}


def test_the_article_prompt_marks_the_shared_passages() -> None:
    passages, extractions = _cluster(A, B)
    briefer = Briefer(FakeBackend(), passages, Settings(backend="fake"), shared={"a1.2": 2})
    values = briefer._article_values(
        extractions[0].article, ["a1.1", "a1.2"], "", {"min_sentences": 1, "max_sentences": 2}
    )
    user = load_prompt("article").render(**values)[-1]["content"]
    assert "[P1] The Harl" in user
    assert "[P2] (also in 2 other outlets) Fishing crews" in user
