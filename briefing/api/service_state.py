"""What one app holds while it runs: settings, the model, the model thread, jobs, metrics."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, TypeVar

from fastapi import Depends
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from briefing.api.errors import ApiError, ErrorBody, error_response
from briefing.api.jobs import Jobs, JobStore
from briefing.api.keys import ApiKey
from briefing.api.metrics import Metrics
from briefing.api.model_slot import GuardedBackend, ModelSlot
from briefing.api.model_thread import Ticket, Worker
from briefing.api.service_config import ServiceSettings
from briefing.config import Settings
from briefing.write.cache import BriefCache

T = TypeVar("T")


@dataclass
class ServiceState:
    """The state behind every route of one app."""

    service: ServiceSettings
    settings: Settings
    model: ModelSlot
    metrics: Metrics
    jobs: Jobs
    keys: list[ApiKey]
    worker: Worker
    cache: BriefCache | None = None  # per-article briefs already written, when the settings ask for it
    draining: bool = False
    draining_since: float | None = None

    def start_draining(self) -> None:
        """From now on, new requests get 503; those already in flight go on."""
        if not self.draining:
            self.draining, self.draining_since = True, time.monotonic()

    def drain_left(self) -> float:
        """Seconds of the drain time not yet spent since draining began."""
        spent = 0.0 if self.draining_since is None else time.monotonic() - self.draining_since
        return max(0.0, self.service.drain_s - spent)

    def backend(self) -> GuardedBackend:
        """The loaded model, or 503 saying why there is none (yet)."""
        if self.draining:
            raise self._unavailable("shutting_down", "the service is shutting down")
        if self.model.backend is None:
            code = "model_loading" if self.model.state == "loading" else "model_unavailable"
            raise self._unavailable(code, self.model.reason)
        return self.model.backend

    def memory_jobs(self) -> JobStore:
        """The in-memory job store; the routes that use it are mounted only when there is no Redis."""
        assert isinstance(self.jobs, JobStore), "jobs live in Redis: briefing.api.queue serves them"
        return self.jobs

    def refuse_if_full(self) -> None:
        """429 at once when the line is full, before a body is read or parsed: a client sending
        megabytes to a busy service hears so in milliseconds, and the service reads nothing."""
        if self.worker.full():
            raise self._queue_full()

    def admit(self, work: Callable[[Ticket[T]], T], deadline: float | None) -> Ticket[T]:
        """Put `work` in line for the model, or 429 with Retry-After at once when the line is full."""
        ticket = self.worker.submit(work, deadline)
        if ticket is None:
            raise self._queue_full()
        return ticket

    def _queue_full(self) -> ApiError:
        self.metrics.rejected.labels("queue_full").inc()
        retry = self.worker.retry_after()
        return ApiError(
            429, "queue_full",
            f"the model is busy and {self.service.queue_size} requests already wait; retry in {retry} s",
            headers={"Retry-After": str(retry), "Connection": "close"},
            limit="queue_size", value=self.service.queue_size,
        )  # fmt: skip

    def _unavailable(self, code: str, reason: str) -> ApiError:
        self.metrics.rejected.labels(code).inc()
        return ApiError(503, code, reason, headers={"Retry-After": "5"})


def get_state(request: Request) -> ServiceState:
    """The app's runtime, for `Depends`."""
    runtime: ServiceState = request.app.state.runtime
    return runtime


# The one dependency every route takes: `state: State` (FastAPI's template's `Annotated` style).
State = Annotated[ServiceState, Depends(get_state)]


class DrainMiddleware:
    """While shutting down, new requests get 503 (those already inside finish); /healthz stays open."""

    def __init__(self, app: ASGIApp, runtime: Callable[[], ServiceState]) -> None:
        self.app, self.runtime = app, runtime

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.runtime().draining and scope["path"] != "/healthz":
            body = ErrorBody(error="shutting_down", detail="the service is shutting down")
            response = error_response(503, body, {"Connection": "close", "Retry-After": "5"})
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)
