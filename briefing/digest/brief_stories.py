"""Briefing the day's stories: the pipeline run once per story, over all of that story's articles."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from briefing.backends.base import Backend
from briefing.config import Settings
from briefing.digest.compose import StoryView, story_view
from briefing.digest.stories import Stories, group
from briefing.pipeline import Prepared, prepare_articles, summarize
from briefing.progress import Progress
from briefing.schema import Article, Provenance, Skipped
from briefing.write.cache import BriefCache


@dataclass
class Briefed:
    """The stories briefed, the ones that could not be, and what the pipeline skipped."""

    stories: list[StoryView]
    failed: list[str]
    skipped: list[Skipped]
    cut: int
    provenance: Provenance | None


def brief_stories(
    articles: Sequence[Article],
    when: Mapping[str, datetime],
    backend: Backend,
    settings: Settings,
    progress: Progress,
    *,
    similarity: float,
    cap: int,
    cache: BriefCache | None,
) -> Briefed:
    """Deduplicate all articles together, group them into stories, brief each story across its articles."""
    prepared = prepare_articles(articles, settings, backend.count_tokens, progress)
    stories = group(prepared.articles, prepared.passages, when, similarity, cap)
    progress.say(
        f"{len(stories.kept) + stories.cut} stories; briefing the top {len(stories.kept)}"
        + (f" ({stories.cut} cut by max_stories)" if stories.cut else "")
    )
    briefed = Briefed([], [], list(prepared.skipped), stories.cut, None)
    for number, story in enumerate(stories.kept, start=1):
        progress.say(f"briefing story {number}/{len(stories.kept)} ({len(story.article_ids)} articles)")
        result = summarize(_story(prepared, story.article_ids), backend, settings, progress, cache=cache)
        briefed.provenance = result.provenance
        briefed.skipped += result.skipped
        if not result.article_briefs:
            titles = "; ".join(e.article.title for e in result.articles)
            reasons = "; ".join(s.reason for s in result.skipped) or "no brief passed the checks"
            briefed.failed.append(f"{titles} ({reasons})")
            continue
        briefed.stories.append(story_view(len(briefed.stories) + 1, result, story.independent))
    return briefed


def _story(prepared: Prepared, article_ids: Sequence[str]) -> Prepared:
    """The part of the day's prepared input that belongs to one story."""
    members = set(article_ids)
    return Prepared(
        articles=[e for e in prepared.articles if e.article.id in members],
        passages={k: p for k, p in prepared.passages.items() if p.article_id in members},
        skipped=[],
    )


__all__ = ["Briefed", "Stories", "brief_stories"]
