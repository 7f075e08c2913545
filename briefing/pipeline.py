"""The one orchestrator: inputs -> articles -> passages -> checked briefs. Entry points call this."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO

from briefing.backends.base import Backend
from briefing.check.crosscheck import mark_brief, mark_updates, source_disagreements
from briefing.check.entail import EntailmentJudge, judge_for
from briefing.check.final_check import final_check
from briefing.check.verify import said_in_body
from briefing.check.version import checker_version
from briefing.config import Settings
from briefing.errors import Cancelled, GenerationError
from briefing.ingest import ingest
from briefing.prepare.chunk import chunk
from briefing.prepare.clean import clean
from briefing.prepare.dedupe import dedupe
from briefing.prepare.focus import focus
from briefing.prepare.shared import shared_counts
from briefing.prepare.suspect import screen
from briefing.progress import Event, Progress, StageTimer
from briefing.prompts import load_prompt
from briefing.schema import (
    Article,
    Brief,
    Chunked,
    Cleaned,
    Deduped,
    Disagreement,
    Extraction,
    FlaggedPassage,
    Passage,
    Provenance,
    Removal,
    Result,
    Skipped,
    Story,
)
from briefing.text.dates import published_utc
from briefing.write.article_briefs import brief_articles, check_briefs
from briefing.write.briefer import Briefer
from briefing.write.cache import BriefCache
from briefing.write.lead_order import open_with_top_fact
from briefing.write.left_out_writer import fill_left_out
from briefing.write.story import carries, find_story, settle

PROMPT_NAMES = ("article", "combine", "story", "shorten", "mend", "entail", "left_out")
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
        focused = focus(deduped.blocks, said_in_body) if settings.leave_out_commentary else None
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
    extractions = _extractions(cleaned, deduped, chunked, left_out, flags)
    skipped += [
        Skipped(what=f"article {e.article.id} ({e.article.origin})", reason="no text left after cleaning")
        for e in extractions
        if not e.passage_ids
    ]
    progress.say(
        f"{len(chunked.passages)} passages, {sum(p.tokens for p in chunked.passages.values())} tokens"
    )
    return Prepared(extractions, chunked.passages, skipped)


def _extractions(
    cleaned: Sequence[Cleaned],
    deduped: Deduped,
    chunked: Chunked,
    left_out: Mapping[str, Sequence[Removal]],
    flags: Mapping[str, list[FlaggedPassage]],
) -> list[Extraction]:
    """Each article with its passages, everything removed before the model (in text order), its
    suspect paragraphs, and which article it reprints."""
    return [
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
    judge = judge_for(backend, enabled=settings.entailment, threshold=settings.entailment_threshold)
    to_brief = [e for e in prepared.articles if e.passage_ids and e.duplicate_of is None]
    # What other outlets also report is marked for the model, so the briefs carry the shared facts.
    shared = shared_counts(prepared.passages, to_brief) if len(to_brief) > 1 else {}
    briefer = Briefer(backend, prepared.passages, settings, say=progress.say, shared=shared)
    provenance = _provenance(backend, settings, (e.article for e in prepared.articles))
    with progress.stage("article briefs") as timer:
        written, failed = brief_articles(
            to_brief, briefer, cache, provenance, progress, lambda: _stop_if(cancelled)
        )
        _fill(timer, briefer)
    with progress.stage("final check"):
        briefs, unchecked = check_briefs(written, prepared.passages, settings, judge, cache)
    cross = Cross(None, None, [], [])
    if not per_article_only:
        cross = _across(prepared, briefs, briefer, judge, progress, cancelled)
    return Result(
        articles=prepared.articles,
        passages=prepared.passages,
        article_briefs=briefs,
        cross_brief=cross.brief,
        disagreements=cross.disagreements,
        story=cross.story,
        skipped=[*prepared.skipped, *failed, *unchecked, *cross.skipped],
        provenance=provenance,
        usage=progress.usage,
    )


@dataclass(frozen=True)
class Cross:
    """What is found across the articles: the cross brief, the story behind it, the disagreements."""

    brief: Brief | None
    story: Story | None
    disagreements: list[Disagreement]
    skipped: list[Skipped]


def _across(
    prepared: Prepared,
    briefs: list[Brief],
    briefer: Briefer,
    judge: EntailmentJudge | None,
    progress: Progress,
    cancelled: Callable[[], bool],
) -> Cross:
    """Disagreements between the sources; with two briefs or more, the story and its cross brief."""
    articles = {e.article.id: e.article for e in prepared.articles}
    with progress.stage("cross-check"):
        found = source_disagreements(prepared.passages, prepared.articles)
        disagreements = mark_updates(found, lambda a: published_utc(articles[a]) if a in articles else None)
    if disagreements:
        topics = "; ".join(d.topic for d in disagreements)
        progress.say(f"sources disagree on {len(disagreements)} facts: {topics}")
    if len(briefs) < 2:
        return Cross(None, None, disagreements, [])
    _stop_if(cancelled)
    with progress.stage("left-out facts") as timer:
        before = briefer.cost.snapshot()
        more, skipped = fill_left_out(briefer, prepared.articles, briefs, judge)
        _fill(timer, briefer, before)
    with progress.stage("story"):
        story = find_story(
            [*briefs, *more], prepared.passages, prepared.articles, disagreements, judge, progress.say
        )
    progress.say(
        f"{len(story.facts)} facts across {story.independent_sources} independent sources; "
        f"{sum(f.independent_sources >= 2 for f in story.facts)} reported by more than one"
    )
    progress.emit(Event("cross_started"))
    cross = None
    before = briefer.cost.snapshot()
    with progress.stage("cross brief") as timer:
        lead = [f for f in story.facts if f.id in story.lead_fact_ids]
        try:
            checked = final_check(
                briefer.lead(lead, story.independent_sources), prepared.passages, None, judge
            )
            cross = open_with_top_fact(
                checked, lead, carries, lambda brief: final_check(brief, prepared.passages, None, judge)
            )
            cross = mark_brief(cross, prepared.passages, prepared.articles, disagreements, judge)
        except GenerationError as exc:
            skipped.append(Skipped(what="cross-article brief", reason=str(exc)))
        _fill(timer, briefer, before)
    return Cross(cross, settle(story, cross), disagreements, skipped)


def _stop_if(cancelled: Callable[[], bool]) -> None:
    if cancelled():
        raise Cancelled("the briefing was cancelled before it finished")


def _published_order(article: Article) -> tuple[int, datetime]:
    """Sort key: articles with a readable date first, oldest first; the rest keep input order."""
    when = published_utc(article)
    return (0, when) if when is not None else (1, datetime.min)


def _fill(timer: StageTimer, briefer: Briefer, before: tuple[int, int, int] = (0, 0, 0)) -> None:
    timer.calls, timer.prompt_tokens, timer.completion_tokens = briefer.cost.since(before)


def _provenance(backend: Backend, settings: Settings, articles: Iterable[Article]) -> Provenance:
    return Provenance(
        model=backend.name,
        model_sha256=backend.sha256,
        prompt_versions={name: load_prompt(name).version for name in PROMPT_NAMES},
        checker=checker_version(),
        settings={k: getattr(settings, k) for k in _RECORDED_SETTINGS},
        source_hashes={a.id: a.content_hash for a in articles},
    )
