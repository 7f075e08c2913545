"""Across outlets: how many independent sources bear out each sentence, and where sources disagree.

A syndicated copy is not a second witness: sources are counted after reprints are folded into their
original (passages carry their copies in `also_in`, whole reprints are `Extraction.duplicate_of`).
Disagreements come from the program (`briefing.check.disagree`), not the model, so a cross-article brief can
never silently pick one value or blend two.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime

from briefing.check.disagree import find_disagreements
from briefing.check.entail import EntailmentJudge
from briefing.check.verify import verify_sentence
from briefing.schema import (
    Brief,
    Citation,
    Corroboration,
    Disagreement,
    Extraction,
    Passage,
    Sentence,
    Side,
    SourceSupport,
)
from briefing.text.dates import published_utc


def source_of(extractions: Sequence[Extraction]) -> Callable[[str], str]:
    """Map an article id to its independent source: the original it reprints, or itself."""
    original = {e.article.id: e.duplicate_of or e.article.id for e in extractions}

    def root(article_id: str) -> str:
        seen = set()
        while original.get(article_id, article_id) != article_id and article_id not in seen:
            seen.add(article_id)
            article_id = original[article_id]
        return article_id

    return root


def corroborate(
    sentence: Sentence,
    passages: Mapping[str, Passage],
    root: Callable[[str], str],
    judge: EntailmentJudge | None = None,
) -> Corroboration:
    """The independent sources whose passages bear the sentence out: those cited, and any other.

    Another source counts when one of its passages passes every check against the sentence. With a
    model judge, a source that says the same in other words counts too: its closest passage (no
    contradiction found by the structure checks, every figure there) goes to the judge. A passage
    that contradicts the sentence never counts.
    """
    cited = [c.passage_id for c in sentence.citations]
    counted = {root(passages[p].article_id) for p in cited if p in passages}
    candidates: dict[str, list[str]] = {}
    for pid, passage in passages.items():
        source = root(passage.article_id)
        if pid not in cited and source not in counted:
            candidates.setdefault(source, []).append(pid)
    found = [_supporting(sentence.text, pids, passages, judge) for pids in candidates.values()]
    others = [pid for pid in found if pid is not None]
    by_source: dict[str, SourceSupport] = {}
    for pid in [*cited, *others]:
        passage = passages[pid]
        source = root(passage.article_id)
        copies = {s.article_id for s in passage.also_in} | {passage.article_id}
        known = by_source.get(source)
        reprints = sorted((copies | set(known.reprints if known else [])) - {source})
        ids = [*(known.passage_ids if known else []), pid]
        by_source[source] = SourceSupport(article_id=source, passage_ids=ids, reprints=reprints)
    return Corroboration(independent_sources=len(by_source), sources=list(by_source.values()))


_PLAUSIBLE_SUPPORT = 0.25  # below this a passage is about something else: not worth a judge call


def _supporting(
    text: str, pids: list[str], passages: Mapping[str, Passage], judge: EntailmentJudge | None
) -> str | None:
    """The passage of one source that bears `text` out, if any."""
    verdicts = {pid: verify_sentence(text, [passages[pid].text]) for pid in pids}
    passing = [pid for pid, v in verdicts.items() if v.passed]
    if judge is None:
        return passing[0] if passing else None
    plausible = [
        pid
        for pid, v in verdicts.items()
        if v.support >= _PLAUSIBLE_SUPPORT and all(c.passed for c in v.checks if c.name not in _WORDING)
    ]
    ranked = sorted(plausible, key=lambda pid: (pid not in passing, -verdicts[pid].support))
    for pid in ranked[:1]:
        if judge.entails(text, [passages[pid].text]):
            return pid
    return None


# Checks that fail on other wording alone; the judge decides those.
_WORDING = frozenset({"support", "names"})


def disputed_topics(sentence: Sentence, disagreements: Sequence[Disagreement]) -> list[str]:
    """Disagreements of which the sentence states some sides' values but not all."""
    topics = []
    for d in disagreements:
        stated = [_states(sentence.text, side.value, d.kind) for side in d.sides]
        if any(stated) and not all(stated):
            topics.append(d.topic)
    return topics


def _digits(text: str) -> set[str]:
    return {m.replace(",", "") for m in re.findall(r"\d[\d,.]*\d|\d", text)}


def _states(text: str, value: str, kind: str) -> bool:
    if kind == "figure":
        figures = _digits(value)
        return bool(figures) and figures <= _digits(text)
    surnames = [name.split()[-1] for name in value.split(" and ") if name.strip()]
    return any(surname in text for surname in surnames)


_REVISED = re.compile(
    r"\b(?:rose|risen|rises|climbed|increased|jumped|raised|revised|updated|now stands|has reached|"
    r"up from|down from|"
    r"new (?:toll|count|figure|estimate)|latest (?:toll|count|figure|estimate)|fell to|dropped to|lowered)\b",
    re.IGNORECASE,
)


def mark_updates(
    disagreements: Sequence[Disagreement], published: Callable[[str], datetime | None]
) -> list[Disagreement]:
    """Figure disagreements that are a later report revising an earlier figure, told as updates.

    An update: every side dated, each side later than the one before, and the latest side's own
    passage says the figure changed ("the toll rose to 15"). Anything less stays a disagreement.
    """
    marked = []
    for d in disagreements:
        dated = [(_earliest(side, published), side) for side in d.sides]
        times = [when for when, _ in dated]
        if d.kind != "figure" or any(when is None for when in times) or len(set(times)) != len(times):
            marked.append(d)
            continue
        ordered = [side for _, side in sorted(dated, key=lambda item: item[0])]  # type: ignore[arg-type,return-value]
        revised = any(_REVISED.search(c.quote) for c in ordered[-1].citations)
        marked.append(d.model_copy(update={"update": True, "sides": ordered}) if revised else d)
    return marked


def _earliest(side: Side, published: Callable[[str], datetime | None]) -> datetime | None:
    times = [published(c.article_id) for c in side.citations]
    return None if any(t is None for t in times) else min(t for t in times if t is not None)


def cross_check(
    brief: Brief | None,
    passages: Mapping[str, Passage],
    extractions: Sequence[Extraction],
    judge: EntailmentJudge | None = None,
) -> tuple[Brief | None, list[Disagreement]]:
    """Disagreements among the sources, and the cross brief with corroboration and disputes marked."""
    disagreements = source_disagreements(passages, extractions)
    if brief is None:
        return None, disagreements
    return mark_brief(brief, passages, extractions, disagreements, judge), disagreements


def source_disagreements(
    passages: Mapping[str, Passage], extractions: Sequence[Extraction]
) -> list[Disagreement]:
    """Facts that independent sources give differently, from the passages the model may see."""
    root = source_of(extractions)
    when = {e.article.id: published_utc(e.article) for e in extractions}
    evidence = _evidence(passages, extractions)
    return find_disagreements(
        evidence, lambda a, b: root(a) == root(b), lambda pid: when.get(evidence[pid].article_id)
    )


def mark_brief(
    brief: Brief,
    passages: Mapping[str, Passage],
    extractions: Sequence[Extraction],
    disagreements: Sequence[Disagreement],
    judge: EntailmentJudge | None = None,
) -> Brief:
    """The cross brief with each sentence's independent sources and the disputes it takes a side in.

    A source found to bear a sentence out is cited too, by the passage that does, so the reader can
    read each source the count names without opening anything.
    """
    root = source_of(extractions)
    evidence = _evidence(passages, extractions)
    sentences = []
    for s in brief.sentences:
        support = corroborate(s, evidence, root, judge)
        cited = {c.passage_id for c in s.citations}
        added = [
            Citation.of(passages[source.passage_ids[0]], passages)
            for source in support.sources
            if not cited & set(source.passage_ids)
        ]
        update = {
            "corroboration": support,
            "disputed": disputed_topics(s, disagreements),
            "citations": [*s.citations, *added],
        }
        sentences.append(s.model_copy(update=update))
    return brief.model_copy(update={"sentences": sentences})


def _evidence(passages: Mapping[str, Passage], extractions: Sequence[Extraction]) -> dict[str, Passage]:
    used = {p for e in extractions for p in e.passage_ids}  # suspect text is never evidence
    return {pid: passages[pid] for pid in passages if pid in used}
