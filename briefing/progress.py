"""Progress lines and stage timings on stderr; results alone go to stdout."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TextIO

from briefing.schema import Usage


@dataclass
class StageTimer:
    """Counts filled in while a stage runs."""

    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0


@dataclass
class Progress:
    """Writes `briefing: ...` lines to stderr and records how long each stage took."""

    stream: TextIO | None = field(default_factory=lambda: sys.stderr)
    usage: list[Usage] = field(default_factory=list)

    def say(self, message: str) -> None:
        """One progress line (nothing when quiet)."""
        if self.stream is not None:
            print(f"briefing: {message}", file=self.stream, flush=True)

    @contextmanager
    def stage(self, name: str) -> Iterator[StageTimer]:
        """Time a stage; the caller fills in model calls and tokens on the yielded timer."""
        timer = StageTimer()
        started = time.perf_counter()
        try:
            yield timer
        finally:
            self.usage.append(
                Usage(
                    stage=name,
                    seconds=round(time.perf_counter() - started, 3),
                    calls=timer.calls,
                    prompt_tokens=timer.prompt_tokens,
                    completion_tokens=timer.completion_tokens,
                )
            )

    def summary(self) -> None:
        """The closing table: seconds, model calls and tokens in/out per stage."""
        if self.stream is None or not self.usage:
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
