"""`create_app`: the FastAPI application, its middleware and its lifespan (model load, drain)."""

from __future__ import annotations

import logging
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import anyio
from fastapi import APIRouter, FastAPI
from starlette.middleware.cors import CORSMiddleware

import briefing
from briefing.api import errors, openapi
from briefing.api.jobs import Jobs, JobStore
from briefing.api.keys import parse_keys
from briefing.api.limits import BodyLimitMiddleware
from briefing.api.metrics import Metrics, MetricsMiddleware
from briefing.api.model_slot import ModelSlot
from briefing.api.model_thread import Worker
from briefing.api.routes import briefs, health, jobs, verify
from briefing.api.service_config import ServiceSettings
from briefing.api.service_state import DrainMiddleware, ServiceState
from briefing.backends.base import Backend
from briefing.config import Settings
from briefing.progress import Progress
from briefing.runtime import open_brief_cache, open_model
from briefing.write.cache import BriefCache

log = logging.getLogger("briefing.api")

DESCRIPTION = """Cited news briefs from a local model, over HTTP.

One model serves every client, one brief at a time: requests wait in a bounded line and get
`429` with `Retry-After` when it is full. Long work can run as a job (`Prefer: respond-async`).
Jobs live in memory only and are lost on restart.
"""


def _load(settings: Settings) -> Backend:
    """The model, loaded in the background while the service already answers /healthz."""
    return open_model(settings, Progress(sys.stderr))


class _LoggedProgress(Progress):
    """Progress lines as warnings in the service log, where operators look."""

    def say(self, message: str) -> None:
        log.warning("%s", message)


def _open_cache(settings: Settings) -> BriefCache | None:
    """The brief cache, or None when it is off or cannot be opened (the service runs without it)."""
    cache = open_brief_cache(settings, _LoggedProgress(stream=None))
    if cache is not None:
        log.info("brief cache: %s", cache.path)
    return cache


def _job_store(service: ServiceSettings) -> Jobs:
    """Jobs in this process's memory, or in Redis when BRIEFING_REDIS_URL is set."""
    if service.redis_url is None:
        return JobStore(service.job_retention_s, service.max_jobs, service.max_jobs_bytes)
    from redis import Redis  # the queue's imports: only when it is used

    from briefing.api.queue.store import RedisJobStore

    return RedisJobStore(service, Redis.from_url(service.redis_url.get_secret_value()))


def _queued_briefs_router() -> APIRouter:
    from briefing.api.routes import queued_briefs

    return queued_briefs.router


def create_app(
    settings: ServiceSettings | None = None,
    backend: Backend | None = None,
    *,
    pipeline: Settings | None = None,
) -> FastAPI:
    """The service; with `backend` given (tests, embedding) no model is loaded."""
    service = settings or ServiceSettings()
    pipeline = pipeline or Settings()
    runtime = _service_state(service, pipeline, backend)
    app = FastAPI(
        title="briefing",
        version=briefing.__version__,
        description=DESCRIPTION,
        lifespan=_lifespan(runtime, pipeline),
    )
    app.state.runtime = runtime
    errors.install(app)
    _include_routers(app, service)
    openapi.install(app)
    _add_middleware(app, service, runtime.metrics)
    return app


def _service_state(service: ServiceSettings, pipeline: Settings, backend: Backend | None) -> ServiceState:
    """The service's state: the model slot, the job store, the keys, the worker and the metrics."""
    model = ModelSlot.ready_with(backend) if backend is not None else ModelSlot()
    metrics = Metrics()
    runtime = ServiceState(
        service=service,
        settings=pipeline,
        model=model,
        metrics=metrics,
        jobs=_job_store(service),
        keys=parse_keys(service.keys()),
        worker=Worker(service.queue_size),
    )
    metrics.watch(
        lambda: runtime.worker.waiting,
        lambda: runtime.worker.running,
        runtime.jobs.counts,
        lambda: runtime.model.load_seconds,
    )
    return runtime


def _lifespan(
    runtime: ServiceState, pipeline: Settings
) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """Start-up (the cache, the model loading in the background) and shutdown (drain, close)."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if runtime.worker.closed:  # the same app started again (tests)
            runtime.worker = Worker(runtime.service.queue_size)
        runtime.draining, runtime.draining_since = False, None
        runtime.cache = _open_cache(pipeline)
        runtime.model.load_in_background(lambda: _load(pipeline))
        yield
        # The server has already waited for requests in flight; jobs get what is left of the drain time.
        runtime.start_draining()
        await anyio.to_thread.run_sync(runtime.worker.close, runtime.drain_left())
        if runtime.cache is not None:
            runtime.cache.close()
            runtime.cache = None

    return lifespan


def _include_routers(app: FastAPI, service: ServiceSettings) -> None:
    # With Redis, briefs become queued jobs that `briefing worker` processes run.
    brief_router = _queued_briefs_router() if service.redis_url is not None else briefs.router
    for router in (brief_router, verify.router, jobs.router, health.router):
        app.include_router(router)


def _add_middleware(app: FastAPI, service: ServiceSettings, metrics: Metrics) -> None:
    # Added innermost first: CORS answers preflights before anything counts bytes or checks keys.
    app.add_middleware(BodyLimitMiddleware, max_bytes=service.max_body_bytes)
    app.add_middleware(DrainMiddleware, runtime=lambda: app.state.runtime)
    app.add_middleware(MetricsMiddleware, metrics=metrics)
    if service.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=service.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "Prefer"],
            expose_headers=["Location", "Retry-After", "Preference-Applied"],
        )
