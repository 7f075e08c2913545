"""Grouping the day's articles into stories, and ranking them.

Reprints (found by deduplication) join their original first. Then articles about the same event are
linked by TF-IDF cosine similarity (scikit-learn): it runs in milliseconds on this CPU, needs no model
download (no embedding model can be had offline here), is deterministic, and news reports of one event
share the rare words that TF-IDF weighs most: names, places, figures.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from briefing.schema import Extraction, Passage


@dataclass(frozen=True)
class Story:
    """Articles about one event; `independent` counts distinct outlets, reprints not included."""

    article_ids: list[str]
    independent: int
    latest: datetime


@dataclass(frozen=True)
class Stories:
    """The stories kept, best first, and how many were cut by the cap."""

    kept: list[Story]
    cut: int


def group(
    extractions: Sequence[Extraction],
    passages: Mapping[str, Passage],
    when: Mapping[str, datetime],
    similarity: float,
    cap: int,
) -> Stories:
    """Stories from deduplicated articles; `when` gives each article's time (published or first seen)."""
    ids = [e.article.id for e in extractions]
    parent = {i: i for i in ids}

    def root(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(a: str, b: str) -> None:
        parent[root(a)] = root(b)

    for e in extractions:
        if e.duplicate_of is not None and e.duplicate_of in parent:
            join(e.article.id, e.duplicate_of)
    for a, b in _similar_pairs(extractions, passages, similarity):
        join(a, b)
    members: dict[str, list[str]] = {}
    for i in ids:
        members.setdefault(root(i), []).append(i)
    # Independent sources are outlets, not articles: two pieces from one newsroom confirm nothing,
    # and a reprint is its original's outlet speaking again.
    outlet = {e.article.id: e.article.source or e.article.id for e in extractions if e.duplicate_of is None}
    stories = [
        Story(
            article_ids=group_ids,
            independent=len({outlet[i] for i in group_ids if i in outlet}),
            latest=max(when[i] for i in group_ids),
        )
        for group_ids in members.values()
    ]
    # More independent sources first, then the most recent.
    stories.sort(key=lambda s: (s.independent, s.latest), reverse=True)
    return Stories(kept=stories[:cap], cut=max(0, len(stories) - cap))


def _similar_pairs(
    extractions: Sequence[Extraction], passages: Mapping[str, Passage], threshold: float
) -> list[tuple[str, str]]:
    originals = [e for e in extractions if e.duplicate_of is None]
    if len(originals) < 2:
        return []
    # The cleaned text (passages), so shared site boilerplate does not make two stories look alike.
    texts = [" ".join([e.article.title, *(passages[p].text for p in e.passage_ids)]) for e in originals]
    vectors = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    scores = cosine_similarity(vectors)
    return [
        (originals[i].article.id, originals[j].article.id)
        for i in range(len(originals))
        for j in range(i + 1, len(originals))
        if scores[i, j] >= threshold
    ]
