"""Near copies: an article that carries most of an already-briefed article word for word.

Syndicated copies often change one figure, add a paragraph or drop one. Deduplication already
shares the passages they carry word for word, so such a copy reads mostly the original's passages.
Briefing it from scratch would pay the model again for text it has just read. Instead, a sentence
of the earlier brief is kept when every passage it cites is also in the copy: it was checked
against those very passages. Only the passages the copy does not share go to the model.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from briefing.schema import Brief, Passage, Sentence
from briefing.text.figure_match import missing_figures
from briefing.text.names import missing_names

# A copy must share at least this share of its passage tokens with the earlier article; below it,
# the copy is its own article and is briefed in full.
MIN_SHARED = 0.6


@dataclass(frozen=True)
class Base:
    """An article briefed earlier in this run: its reading list and its brief."""

    passage_ids: tuple[str, ...]
    brief: Brief


@dataclass(frozen=True)
class Revision:
    """What a near copy takes from its base, and what it still needs the model for."""

    base: Base
    kept: list[Sentence]
    changed: list[str]  # passage ids of the copy that the base did not read, in reading order


def plan_revision(
    passage_ids: Sequence[str], bases: Sequence[Base], passages: Mapping[str, Passage]
) -> Revision | None:
    """The earlier brief this article can reuse most of, or None when it must be briefed in full."""
    reading = set(passage_ids)
    total = sum(passages[p].tokens for p in passage_ids) or 1
    best: Revision | None = None
    best_shared = 0
    for base in bases:
        read_before = set(base.passage_ids)
        shared = sum(passages[p].tokens for p in reading & read_before)
        if shared / total < MIN_SHARED or shared <= best_shared:
            continue
        kept = [s for s in base.brief.sentences if all(c.passage_id in reading for c in s.citations)]
        if kept:
            changed = [p for p in passage_ids if p not in read_before]
            best, best_shared = Revision(base, kept, changed), shared
    return best


def merge(
    revision: Revision,
    article_id: str,
    title: str,
    passage_ids: Sequence[str],
    passages: Mapping[str, Passage],
    new: Brief | None,
) -> Brief:
    """The copy's brief: kept and new sentences in the copy's reading order."""
    order = {p: i for i, p in enumerate(passage_ids)}
    new_sentences = new.sentences if new else []
    sentences = sorted(
        [*revision.kept, *new_sentences], key=lambda s: min(order[c.passage_id] for c in s.citations)
    )
    texts = [passages[p].text for p in passage_ids]
    headline = revision.base.brief.headline
    # The earlier headline may name a figure or a person the copy does not carry (the very figure
    # the copy changed): then the new part's headline, else the copy's own title.
    if missing_figures(headline, texts) or missing_names(headline, texts):
        headline = new.headline if new else title
    return Brief(
        kind="article",
        article_ids=[article_id],
        headline=headline,
        sentences=sentences,
        dropped=new.dropped if new else [],
        parts=1,
    )
