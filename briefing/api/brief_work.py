"""One piece of model work: articles in, a checked `Result` (and its rendering) out, on the model thread."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from briefing.api.bodies import Format, JobProgress
from briefing.api.errors import ApiError
from briefing.api.metrics import Metrics
from briefing.api.model_thread import Ticket
from briefing.backends.base import Backend
from briefing.config import Settings
from briefing.errors import Cancelled
from briefing.pipeline import Prepared, prepare_articles, summarize
from briefing.progress import Event, Progress
from briefing.render import render
from briefing.schema import Article, Result, Skipped
from briefing.write.cache import BriefCache

log = logging.getLogger("briefing.api")


@dataclass
class Tracker(Progress):
    """A job's progress (stage now, stages done, latest line) kept from the pipeline's events instead
    of printed; each change is handed to `changed` (the Redis queue publishes it there)."""

    stream: TextIO | None = None
    current: str | None = None
    done: list[str] = field(default_factory=list)
    last: str | None = None
    changed: Callable[[JobProgress], None] | None = None

    def emit(self, event: Event) -> None:
        """Follow the event: a stage starting or ending, or a line worth showing (logged too)."""
        super().emit(event)
        if event.kind == "stage_started":
            self.current = event.stage
        elif event.kind == "stage_finished" and event.stage is not None:
            self.current = None
            self.done.append(event.stage)
        elif (line := event.line()) is not None:
            self.last = line
            log.debug("%s", line)
        else:
            return
        if self.changed is not None:
            self.changed(self.view())

    def view(self) -> JobProgress:
        """The job's progress as the API shows it."""
        return JobProgress(stage=self.current, stages_done=list(self.done), message=self.last)


@dataclass(frozen=True)
class Done:
    """A finished brief, and its body in the format asked for."""

    result: Result
    body: str
    format: Format


@dataclass(frozen=True)
class Order:
    """What one request asks the model thread to do."""

    articles: Sequence[Article]
    skipped: Sequence[Skipped]
    per_article_only: bool
    format: Format
    max_sentences: int | None = None


def brief_work(
    order: Order,
    backend: Backend,
    settings: Settings,
    metrics: Metrics,
    tracker: Tracker,
    cache: BriefCache | None = None,
) -> Callable[[Ticket[Done]], Done]:
    """The function the model thread runs for `order`; it stops when its ticket is withdrawn.
    Articles already briefed (same text, model, prompts and settings) come from `cache`."""

    if order.max_sentences is not None:
        most = order.max_sentences
        settings = settings.model_copy(
            update={"max_sentences": most, "min_sentences": min(settings.min_sentences, most)}
        )

    def run(ticket: Ticket[Done]) -> Done:
        try:
            if ticket.cancelled():
                raise Cancelled("withdrawn before it started")
            prepared = prepare_articles(
                order.articles, settings, backend.count_tokens, tracker, skipped=order.skipped
            )
            # The cache is used on this thread alone, one job at a time: its counters' rise is this job's.
            hits, misses = (cache.hits, cache.misses) if cache is not None else (0, 0)
            result = summarize(
                prepared, backend, settings, tracker,
                per_article_only=order.per_article_only, cancelled=ticket.cancelled, cache=cache,
            )  # fmt: skip
            metrics.count_usage(result)
            if cache is not None:
                metrics.cache.labels("hit").inc(cache.hits - hits)
                metrics.cache.labels("miss").inc(cache.misses - misses)
            _require_briefs(result, prepared)
            done = Done(result, render(result, order.format), order.format)
        except Cancelled:
            metrics.outcomes.labels("cancelled").inc()
            raise
        except ApiError as exc:
            metrics.outcomes.labels(exc.body.error).inc()
            raise
        metrics.outcomes.labels("done").inc()
        return done

    return run


def _require_briefs(result: Result, prepared: Prepared) -> None:
    """A result without a single brief is an error: the input's (422) or the model's (502)."""
    if result.article_briefs:
        return
    reasons = [f"{s.what}: {s.reason}" for s in result.skipped]
    if any(e.passage_ids and e.duplicate_of is None for e in prepared.articles):
        raise ApiError(
            502, "model_failed", "the model did not produce a usable brief for any article", reasons=reasons
        )
    raise ApiError(422, "nothing_to_brief", "no article had any text left to brief", reasons=reasons)
