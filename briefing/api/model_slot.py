"""The model behind the service: loaded once in a background thread, and guarded while it answers."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from briefing.backends.base import Backend, Completion, Message
from briefing.check.entail import YesNoScorer
from briefing.errors import BriefingError, GenerationError

log = logging.getLogger("briefing.api")

ModelState = Literal["loading", "ready", "failed"]
# What clients (unauthenticated /readyz among them) are told; the log has the path and the exception.
MODEL_FAILED = "model failed to load; the service log says why"
T = TypeVar("T")


class GuardedBackend:
    """A backend whose unexpected failures become GenerationError, so one bad call fails one brief."""

    def __init__(self, inner: Backend) -> None:
        self.inner = inner
        self.name, self.sha256, self.n_ctx = inner.name, inner.sha256, inner.n_ctx
        # Whether the wrapped model can be the entailment judge (check/entail.judge_for asks).
        self.can_judge = isinstance(inner, YesNoScorer)

    def yes_probability(self, messages: list[Message]) -> float:
        """The wrapped judge's P(Yes); any crash in it is a GenerationError."""
        inner = self.inner
        if not isinstance(inner, YesNoScorer):
            raise GenerationError("the model cannot answer yes/no questions")
        return self._guarded("judging a sentence", lambda: inner.yes_probability(messages))

    def complete(
        self,
        messages: list[Message],
        *,
        max_tokens: int,
        json_schema: dict[str, Any] | None = None,
    ) -> Completion:
        """One completion from the wrapped backend; any crash in it is a GenerationError."""
        return self._guarded(
            "a completion",
            lambda: self.inner.complete(messages, max_tokens=max_tokens, json_schema=json_schema),
        )

    def count_tokens(self, text: str) -> int:
        """Length of `text` in the wrapped model's tokens."""
        return self._guarded("counting tokens", lambda: self.inner.count_tokens(text))

    def _guarded(self, what: str, call: Callable[[], T]) -> T:
        try:
            return call()
        except BriefingError:
            raise
        except Exception as exc:
            # The pipeline turns GenerationError into a skipped brief; anything else would be a 500.
            # Clients see the kind of failure only: the name may hold a server's address.
            log.exception("model %s failed during %s", self.name, what)
            raise GenerationError(f"the model failed during {what}: {type(exc).__name__}") from exc


@dataclass
class ModelSlot:
    """Where the loaded model lives, and why it is not there yet (loading) or at all (failed)."""

    state: ModelState = "loading"
    reason: str = "the model is loading"
    backend: GuardedBackend | None = None
    load_seconds: float | None = None
    _thread: threading.Thread | None = field(default=None, repr=False)

    @classmethod
    def ready_with(cls, backend: Backend) -> ModelSlot:
        """A slot holding a backend built elsewhere (tests, embedding): no loading at all."""
        return cls(
            state="ready", reason="the model is loaded", backend=GuardedBackend(backend), load_seconds=0
        )

    def load_in_background(self, load: Callable[[], Backend]) -> None:
        """Start loading in a thread, so the service answers /healthz while the model loads."""
        if self._thread is not None or self.state != "loading":
            return
        self._thread = threading.Thread(target=self._load, args=(load,), name="briefing-load", daemon=True)
        self._thread.start()

    def _load(self, load: Callable[[], Backend]) -> None:
        started = time.monotonic()
        try:
            backend = load()
        except BriefingError as exc:
            log.error("the model could not be loaded: %s", exc)
            self.state, self.reason = "failed", MODEL_FAILED
            return
        except Exception:  # a loader bug must not take the process down with it
            log.exception("model load failed")
            self.state, self.reason = "failed", MODEL_FAILED
            return
        self.load_seconds = time.monotonic() - started
        self.backend = GuardedBackend(backend)
        self.state, self.reason = "ready", "the model is loaded"
        log.info("model %s loaded in %.1f s", backend.name, self.load_seconds)
