"""The one orchestrator: inputs -> articles -> passages -> checked briefs. Entry points call this."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO

from briefing.backends.base import Backend
from briefing.brief import Briefer, within_budget, words_allowed
from briefing.cache import BriefCache, brief_key
from briefing.check.entail import judge_for
from briefing.check.version import checker_version
from briefing.chunk import chunk
from briefing.clean import clean
from briefing.config import Settings
from briefing.crosscheck import mark_brief, mark_updates, source_disagreements
from briefing.dedupe import dedupe
from briefing.errors import Cancelled, GenerationError
from briefing.final_check import final_check
from briefing.focus import focus
from briefing.ingest import ingest
from briefing.near_copy import Base, merge, plan_revision
from briefing.progress import Progress, StageTimer
from briefing.prompts import load_prompt
from briefing.published import published_utc
from briefing.schema import (
    Article,
    Brief,
    Extraction,
    Passage,
    Provenance,
    Result,
    Skipped,
)
from briefing.story import find_story, settle
from briefing.suspect import screen

PROMPT_NAMES = ("article", "combine", "story", "shorten", "entail")
# Settings that change what a brief says; recorded with every result.
_RECORDED_SETTINGS = (
    "n_ctx", "temperature", "seed", "passage_tokens", "max_tokens_brief",
    "near_duplicate_threshold", "min_sentences", "max_sentences", "grammar_first_rejection",
    "leave_out_commentary", "entailment", "entailment_threshold", "max_copied_words", "brief_share",
)  # fmt: skip


@dataclass(frozen=True)
class Prepared:
    """What the model will be given: articles, their passages, and what could not be read."""

    articles: list[Extraction]
    passages: dict[str, Passage]
    skipped: list[Skipped]


def prepare(
    inputs: Sequence[str],
    settings: Settings,
    count_tokens: Callable[[str], int],
    progress: Progress,
    *,
    stdin: BinaryIO | None = None,
) -> Prepared:
    """Ingest, clean, deduplicate and chunk; no model is loaded."""
    with progress.stage("ingest"):
        ingested = ingest(inputs, stdin=stdin)
    skipped = [Skipped(what=e.origin, reason=e.reason) for e in ingested.errors]
    progress.say(f"read {len(ingested.articles)} articles, {len(skipped)} inputs skipped")
    return prepare_articles(ingested.articles, settings, count_tokens, progress, skipped=skipped)


def prepare_articles(
    articles: Sequence[Article],
    settings: Settings,
    count_tokens: Callable[[str], int],
    progress: Progress,
    *,
    skipped: Sequence[Skipped] = (),
) -> Prepared:
    """Clean, deduplicate and chunk articles already read (by ingest, or from an API request)."""
    skipped = list(skipped)
    with progress.stage("clean"):
        cleaned, flags = screen([clean(a) for a in articles])
    progress.say(f"removed {sum(len(c.removed) for c in cleaned)} boilerplate lines")
    if any(flags.values()):
        count = sum(len(f) for f in flags.values())
        progress.say(f"flagged {count} paragraphs as suspect text: shown in the briefs, not used as facts")
    with progress.stage("dedupe"):
        # The earliest-published copy of a text becomes its home, so a wire story is the original
        # and the papers that reprint it are the copies.
        deduped = dedupe(
            sorted(cleaned, key=lambda c: _published_order(c.article)), settings.near_duplicate_threshold
        )
    progress.say(
        f"removed {sum(len(r) for r in deduped.removed.values())} repeated or reprinted stretches; "
        f"{len(deduped.duplicate_of)} articles are reprints"
    )
    with progress.stage("focus"):
        focused = focus(deduped.blocks) if settings.leave_out_commentary else None
    left_out = focused.left_out if focused is not None else {}
    if focused is not None:
        progress.say(
            f"left out {sum(len(r) for r in left_out.values())} sentences with nothing to check a brief "
            "against (commentary, summary items the body repeats, section headings)"
        )
    with progress.stage("chunk"):
        texts = {a.id: a.text for a in articles}
        shown = focused.shown if focused is not None else None
        chunked = chunk(deduped, texts, count_tokens, settings.passage_tokens, shown)
    extractions = [
        Extraction(
            article=c.article,
            passage_ids=chunked.reading[c.article.id],
            removed=sorted(
                [*c.removed, *deduped.removed[c.article.id], *left_out.get(c.article.id, [])],
                key=lambda r: r.start,
            ),
            flagged=flags[c.article.id],
            duplicate_of=deduped.duplicate_of.get(c.article.id),
        )
        for c in cleaned
    ]
    for e in extractions:
        if not e.passage_ids:
            skipped.append(
                Skipped(
                    what=f"article {e.article.id} ({e.article.origin})", reason="no text left after cleaning"
                )
            )
    progress.say(
        f"{len(chunked.passages)} passages, {sum(p.tokens for p in chunked.passages.values())} tokens"
    )
    return Prepared(extractions, chunked.passages, skipped)


def summarize(
    prepared: Prepared,
    backend: Backend,
    settings: Settings,
    progress: Progress,
    *,
    per_article_only: bool = False,
    cancelled: Callable[[], bool] = lambda: False,
    cache: BriefCache | None = None,
) -> Result:
    """Per-article briefs, then the cross-article brief; failures are reported, not fatal.

    `cancelled` is asked before every model call; when it says yes, the work stops with `Cancelled`
    (a prompt being evaluated cannot be interrupted, so this is the finest grain there is).
    With a `cache`, an article whose text was briefed before with the same model, prompts and
    settings reuses that brief instead of calling the model.
    """
    articles = {e.article.id: e.article for e in prepared.articles}
    judge = judge_for(backend, enabled=settings.entailment, threshold=settings.entailment_threshold)
    briefer = Briefer(backend, prepared.passages, settings, say=progress.say)
    skipped = list(prepared.skipped)
    to_brief = [e for e in prepared.articles if e.passage_ids and e.duplicate_of is None]
    written: list[tuple[Extraction, Brief, str | None]] = []  # fresh briefs carry their cache key
    bases: list[Base] = []  # articles briefed so far, for near copies to build on
    provenance = _provenance(backend, settings, articles.values())
    with progress.stage("article briefs") as timer:
        for number, extraction in enumerate(to_brief, start=1):
            _stop_if(cancelled)
            article = extraction.article
            progress.say(f"briefing article {number}/{len(to_brief)}: {article.id} {article.title[:60]!r}")
            try:
                brief, key = _article_brief(briefer, extraction, cache, provenance, bases)
                written.append((extraction, brief, key))
                bases.append(Base(tuple(extraction.passage_ids), brief))
            except GenerationError as exc:
                skipped.append(_skip(article, exc))
        _fill(timer, briefer)
    briefs: list[Brief] = []
    with progress.stage("final check"):
        for extraction, brief, key in written:
            article = extraction.article
            if key != _FROM_CACHE:
                try:
                    brief = final_check(brief, prepared.passages, article.title, judge)
                    texts = [prepared.passages[p].text for p in extraction.passage_ids]
                    brief = within_budget(brief, words_allowed(texts, settings.brief_share))
                except GenerationError as exc:
                    skipped.append(_skip(article, exc))
                    continue
                if cache is not None and key is not None:
                    cache.put(key, brief, extraction.passage_ids)
            briefs.append(brief.model_copy(update={"flagged": extraction.flagged}))
    cross, story, disagreements = None, None, []
    if not per_article_only:
        with progress.stage("cross-check"):
            found = source_disagreements(prepared.passages, prepared.articles)
            disagreements = mark_updates(
                found, lambda a: published_utc(articles[a]) if a in articles else None
            )
        if disagreements:
            progress.say(
                f"sources disagree on {len(disagreements)} facts: "
                + "; ".join(d.topic for d in disagreements)
            )
    if not per_article_only and len(briefs) >= 2:
        _stop_if(cancelled)
        with progress.stage("story"):
            story = find_story(
                briefs, prepared.passages, prepared.articles, disagreements, judge, progress.say
            )
        progress.say(
            f"{len(story.facts)} facts across {story.independent_sources} independent sources; "
            f"{sum(f.independent_sources >= 2 for f in story.facts)} reported by more than one"
        )
        before = (briefer.cost.calls, briefer.cost.prompt_tokens, briefer.cost.completion_tokens)
        with progress.stage("cross brief") as timer:
            lead = [f for f in story.facts if f.id in story.lead_fact_ids]
            try:
                cross = final_check(
                    briefer.lead(lead, story.independent_sources), prepared.passages, None, judge
                )
                cross = mark_brief(cross, prepared.passages, prepared.articles, disagreements, judge)
            except GenerationError as exc:
                skipped.append(Skipped(what="cross-article brief", reason=str(exc)))
            _fill(timer, briefer, before)
        story = settle(story, cross)
    return Result(
        articles=prepared.articles,
        passages=prepared.passages,
        article_briefs=briefs,
        cross_brief=cross,
        disagreements=disagreements,
        story=story,
        skipped=skipped,
        provenance=provenance,
        usage=progress.usage,
    )


_FROM_CACHE = "from the cache"


def _article_brief(
    briefer: Briefer,
    extraction: Extraction,
    cache: BriefCache | None,
    provenance: Provenance,
    bases: Sequence[Base],
) -> tuple[Brief, str | None]:
    """One article's brief, and the key to cache it under once checked (_FROM_CACHE: checked already)."""
    article, ids = extraction.article, extraction.passage_ids
    if cache is None:
        return _fresh_brief(briefer, extraction, bases), None
    recorded = provenance.model_dump(exclude={"source_hashes"})
    key = brief_key(article, [briefer.passages[p] for p in ids], recorded)
    cached = cache.get(key, ids, briefer.passages)
    if cached is not None:
        briefer.say(f"  article {article.id}: brief reused from the cache")
        return cached, _FROM_CACHE
    return _fresh_brief(briefer, extraction, bases), key


def _skip(article: Article, exc: GenerationError) -> Skipped:
    return Skipped(what=f"brief of article {article.id} ({article.origin})", reason=str(exc))


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


def _stop_if(cancelled: Callable[[], bool]) -> None:
    if cancelled():
        raise Cancelled("the briefing was cancelled before it finished")


def _published_order(article: Article) -> tuple[int, datetime]:
    """Sort key: articles with a readable date first, oldest first; the rest keep input order."""
    when = published_utc(article)
    return (0, when) if when is not None else (1, datetime.min)


def _fill(timer: StageTimer, briefer: Briefer, before: tuple[int, int, int] = (0, 0, 0)) -> None:
    cost = briefer.cost
    timer.calls = cost.calls - before[0]
    timer.prompt_tokens = cost.prompt_tokens - before[1]
    timer.completion_tokens = cost.completion_tokens - before[2]


def _provenance(backend: Backend, settings: Settings, articles: Iterable[Article]) -> Provenance:
    return Provenance(
        model=backend.name,
        model_sha256=backend.sha256,
        prompt_versions={name: load_prompt(name).version for name in PROMPT_NAMES},
        checker=checker_version(),
        settings={k: getattr(settings, k) for k in _RECORDED_SETTINGS},
        source_hashes={a.id: a.content_hash for a in articles},
    )
