"""Progress as events: the pipeline says what happens (a stage starts or ends, an article's brief
starts or ends, the cross brief starts, a note), once, as structured `Event`s.

Whoever runs the pipeline listens: the CLI prints each event as a `briefing: ...` line on stderr (or
as a JSON line, `--progress json`), the service keeps a job's progress from them, and the benches
label model calls by them. No one parses the human lines. Results alone go to stdout.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Literal, TextIO

from briefing.schema import Usage

EventKind = Literal[
    "stage_started", "stage_finished", "article_started", "article_finished", "cross_started", "note"
]
Listener = Callable[["Event"], None]


@dataclass(frozen=True)
class Event:
    """One thing that happened; fields not meant for its kind stay None."""

    kind: EventKind
    message: str | None = None  # a note's text
    stage: str | None = None
    article_id: str | None = None
    title: str | None = None
    number: int | None = None  # of the article among those being briefed, from 1
    total: int | None = None
    seconds: float | None = None  # a finished stage's or article's
    calls: int | None = None  # model calls a finished stage or article made
    prompt_tokens: int | None = None
    completion_tokens: int | None = None

    def line(self) -> str | None:
        """The human progress line for this event (without the `briefing: ` prefix), if it has one."""
        if self.kind == "note":
            return self.message
        if self.kind == "article_started":
            title = (self.title or "")[:60]
            return f"briefing article {self.number}/{self.total}: {self.article_id} {title!r}"
        if self.kind == "cross_started":
            return "writing the cross-article brief"
        # Stage starts and ends show in the closing table; an article's model calls in the briefer's
        # own lines, one per call.
        return None


@dataclass
class StageTimer:
    """Counts filled in while a stage runs."""

    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0


@dataclass
class Progress:
    """Hands every event to its listeners and prints it to `stream` (None: quiet); keeps stage timings.

    `format` "json" prints each event as one JSON object a line instead of the human line.
    """

    stream: TextIO | None = field(default_factory=lambda: sys.stderr)
    usage: list[Usage] = field(default_factory=list)
    listeners: list[Listener] = field(default_factory=list)
    format: Literal["text", "json"] = "text"

    def emit(self, event: Event) -> None:
        """Tell the listeners, then print the event."""
        for listener in self.listeners:
            listener(event)
        if self.stream is None:
            return
        if self.format == "json":
            fields = {k: v for k, v in asdict(event).items() if v is not None}
            print(json.dumps(fields, ensure_ascii=False), file=self.stream, flush=True)
        elif (text := event.line()) is not None:
            print(f"briefing: {text}", file=self.stream, flush=True)

    def say(self, message: str) -> None:
        """A note: one free-text progress line."""
        self.emit(Event("note", message=message))

    @contextmanager
    def stage(self, name: str) -> Iterator[StageTimer]:
        """Time a stage; the caller fills in model calls and tokens on the yielded timer."""
        timer = StageTimer()
        started = time.perf_counter()
        self.emit(Event("stage_started", stage=name))
        try:
            yield timer
        finally:
            usage = Usage(
                stage=name,
                seconds=round(time.perf_counter() - started, 3),
                calls=timer.calls,
                prompt_tokens=timer.prompt_tokens,
                completion_tokens=timer.completion_tokens,
            )
            self.usage.append(usage)
            self.emit(Event("stage_finished", stage=name, **usage.model_dump(exclude={"stage"})))

    def summary(self) -> None:
        """The closing table: seconds, model calls and tokens in/out per stage."""
        if self.stream is None or not self.usage or self.format == "json":
            return
        self.say("stage timings:")
        for u in self.usage:
            tokens = (
                f", {u.calls} model calls, {u.prompt_tokens} tokens in, {u.completion_tokens} out"
                if u.calls
                else ""
            )
            self.say(f"  {u.stage:<16} {u.seconds:8.2f} s{tokens}")
        total_in = sum(u.prompt_tokens for u in self.usage)
        total_out = sum(u.completion_tokens for u in self.usage)
        seconds = sum(u.seconds for u in self.usage)
        self.say(f"  {'total':<16} {seconds:8.2f} s, {total_in} tokens in, {total_out} out")
