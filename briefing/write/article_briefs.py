"""Per-article briefs: reused from the cache, built on a near copy already briefed, or written afresh;
then checked once more against their passages and cut to their word budget."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from briefing.check.entail import EntailmentJudge
from briefing.check.final_check import final_check
from briefing.config import Settings
from briefing.errors import GenerationError
from briefing.progress import Event, Progress
from briefing.schema import Article, Brief, Extraction, Passage, Provenance, Skipped
from briefing.write.briefer import Briefer, within_budget, words_allowed
from briefing.write.cache import BriefCache, brief_key
from briefing.write.near_copy import Base, merge, plan_revision

FROM_CACHE = "from the cache"


@dataclass(frozen=True)
class Written:
    """An article's brief as written; `key` is where to cache it once checked (FROM_CACHE: it was)."""

    extraction: Extraction
    brief: Brief
    key: str | None


def brief_articles(
    to_brief: Sequence[Extraction],
    briefer: Briefer,
    cache: BriefCache | None,
    provenance: Provenance,
    progress: Progress,
    stop_if_cancelled: Callable[[], None],
) -> tuple[list[Written], list[Skipped]]:
    """Each article's brief in turn, with an event as each starts and ends; failures are skipped."""
    written: list[Written] = []
    skipped: list[Skipped] = []
    bases: list[Base] = []  # articles briefed so far, for near copies to build on
    for number, extraction in enumerate(to_brief, start=1):
        stop_if_cancelled()
        article = extraction.article
        progress.emit(
            Event("article_started", article_id=article.id, title=article.title, number=number,
                  total=len(to_brief))
        )  # fmt: skip
        started, before = time.perf_counter(), briefer.cost.snapshot()
        try:
            brief, key = _article_brief(briefer, extraction, cache, provenance, bases)
            written.append(Written(extraction, brief, key))
            bases.append(Base(tuple(extraction.passage_ids), brief))
        except GenerationError as exc:
            skipped.append(skip_of(article, exc))
        calls, tokens_in, tokens_out = briefer.cost.since(before)
        progress.emit(
            Event("article_finished", article_id=article.id, number=number, total=len(to_brief),
                  seconds=round(time.perf_counter() - started, 3), calls=calls, prompt_tokens=tokens_in,
                  completion_tokens=tokens_out)
        )  # fmt: skip
    return written, skipped


def check_briefs(
    written: Sequence[Written],
    passages: Mapping[str, Passage],
    settings: Settings,
    judge: EntailmentJudge | None,
    cache: BriefCache | None,
) -> tuple[list[Brief], list[Skipped]]:
    """Fresh briefs checked once more (the judge reads every sentence) and cut to their budget, then
    cached; briefs from the cache were checked when written."""
    briefs: list[Brief] = []
    skipped: list[Skipped] = []
    for item in written:
        article, brief = item.extraction.article, item.brief
        if item.key != FROM_CACHE:
            try:
                brief = final_check(brief, passages, article.title, judge)
                texts = [passages[p].text for p in item.extraction.passage_ids]
                brief = within_budget(brief, words_allowed(texts, settings.brief_share))
            except GenerationError as exc:
                skipped.append(skip_of(article, exc))
                continue
            if cache is not None and item.key is not None:
                cache.put(item.key, brief, item.extraction.passage_ids)
        briefs.append(brief.model_copy(update={"flagged": item.extraction.flagged}))
    return briefs, skipped


def skip_of(article: Article, exc: GenerationError) -> Skipped:
    """The skipped entry of an article whose brief failed, with the reason."""
    return Skipped(what=f"brief of article {article.id} ({article.origin})", reason=str(exc))


def _article_brief(
    briefer: Briefer,
    extraction: Extraction,
    cache: BriefCache | None,
    provenance: Provenance,
    bases: Sequence[Base],
) -> tuple[Brief, str | None]:
    """One article's brief, and the key to cache it under once checked (FROM_CACHE: checked already)."""
    article, ids = extraction.article, extraction.passage_ids
    if cache is None:
        return _fresh_brief(briefer, extraction, bases), None
    recorded = provenance.model_dump(exclude={"source_hashes"})
    key = brief_key(article, [briefer.passages[p] for p in ids], recorded, briefer.shared)
    cached = cache.get(key, ids, briefer.passages)
    if cached is not None:
        briefer.say(f"  article {article.id}: brief reused from the cache")
        return cached, FROM_CACHE
    return _fresh_brief(briefer, extraction, bases), key


def _fresh_brief(briefer: Briefer, extraction: Extraction, bases: Sequence[Base]) -> Brief:
    """A near copy of an article briefed already pays only for what it changed; others in full."""
    article, ids = extraction.article, extraction.passage_ids
    revision = plan_revision(ids, bases, briefer.passages)
    if revision is None:
        return briefer.article(article, ids)
    new = None
    if revision.changed:
        try:
            new = briefer.changed_part(article, revision.changed)
            why = "too long for one prompt"
        except GenerationError as exc:
            new, why = None, str(exc)
        if new is None:
            briefer.say(
                f"  article {article.id}: its own passages could not be briefed alone ({why}); whole article"
            )
            return briefer.article(article, ids)
    briefer.say(
        f"  article {article.id}: near copy of {revision.base.brief.article_ids[0]}; kept "
        f"{len(revision.kept)} of its sentences, briefed {len(revision.changed)} passages of its own"
    )
    return merge(revision, article.id, article.title, ids, briefer.passages, new)
