"""Updates a later report states itself ("rose to 14, up from 11"), told as updates, never as disputes."""

from __future__ import annotations

from factories import make_article, make_passages

from briefing.check.disagree import find_disagreements
from briefing.schema import Disagreement, Passage

REVISED = (
    "The number of people hurt when the Tellin Bridge fell rose to 14 overnight, up from 11 reported at "
    "the scene, the ambulance service said."
)


def _passages(articles: dict[str, list[str]]) -> dict[str, Passage]:
    found = {}
    for article_id, sentences in articles.items():
        article = make_article(article_id, f"Story {article_id}", sentences)
        found |= {p.id: p for p in make_passages(article, sentences, None)}
    return found


def _told(found: list[Disagreement]) -> list[tuple[bool, list[tuple[str, list[str]]]]]:
    return [(d.update, [(s.value, [c.article_id for c in s.citations]) for s in d.sides]) for d in found]


def test_a_report_revising_an_earlier_count_is_an_update_from_the_first_report() -> None:
    found = find_disagreements(_passages({
        "a1": ["In all, 11 people were taken to hospital after the Tellin Bridge fell."],
        "b2": [REVISED],
    }))  # fmt: skip
    assert _told(found) == [(True, [("11 people", ["a1"]), ("14", ["b2"])])]


def test_the_earlier_value_a_report_gives_itself_backs_nothing() -> None:
    # Before: b2's own "up from 11" backed a1's 11, so the two counts were neither a dispute nor an update.
    found = find_disagreements(_passages({"b2": [REVISED]}))
    assert _told(found) == [(True, [("11", ["b2"]), ("14", ["b2"])])]


def test_a_revised_margin_is_not_disputed_with_a_candidates_tally() -> None:
    found = find_disagreements(_passages({
        "a1": [
            "Reyes-Hall won by just 212 votes after a night of counting.",
            "Reyes-Hall took 14,906 votes to Ombasa's 14,694.",
        ],
        "b2": ["A recount cut Tomasz Reyes-Hall's lead to 187 votes, down from the 212 declared at dawn."],
    }))  # fmt: skip
    assert _told(found) == [(True, [("212 votes", ["a1"]), ("187 votes", ["b2"])])]


def test_a_source_giving_two_years_is_still_not_counted_against_the_other() -> None:
    found = find_disagreements(_passages({
        "a1": ["The mine produced 62% of global cobalt supply in 2019, and 90% of global cobalt supply now."],
        "b2": ["The mine produces 90% of global cobalt supply."],
    }))  # fmt: skip
    assert found == []
