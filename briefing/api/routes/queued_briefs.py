"""`POST /v1/briefs` when jobs live in Redis: every brief becomes a queued job that a worker runs.

The same request and answers as routes/briefs.py; a synchronous request is a job this replica waits
on. The replica needs no model for briefs: `briefing worker` processes do the model work.
"""

from __future__ import annotations

import asyncio
import time

import anyio
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from briefing.api.auth import caller_of, require_scope
from briefing.api.brief_work import Order
from briefing.api.errors import ApiError
from briefing.api.inputs import read_input, to_articles
from briefing.api.queue.store import RedisJobStore
from briefing.api.routes.brief_params import BRIEF_ROUTE, MEDIA_TYPES, AsyncQuery, PreferHeader, wants_async
from briefing.api.service_state import ServiceState, State

router = APIRouter(prefix="/v1", tags=["briefs"], dependencies=[Depends(require_scope("briefs"))])
# How often a synchronous request looks at its job in Redis (and whether its client is still there).
_POLL_S = 0.1


def _store(runtime: ServiceState) -> RedisJobStore:
    store = runtime.jobs
    assert isinstance(store, RedisJobStore), "this router is mounted only in Redis mode"
    return store


@router.post("/briefs", **BRIEF_ROUTE)
async def create_brief(
    request: Request, runtime: State, async_: AsyncQuery = False, prefer: PreferHeader = None
) -> Response:
    """Per-article briefs and a cross-article brief; JSON `Result`, Markdown or HTML."""
    store = _store(runtime)
    if await anyio.to_thread.run_sync(store.full):
        raise runtime._queue_full()  # the same 429 as in memory, before the body is read
    given = await read_input(request, runtime.service)
    articles, skipped = await anyio.to_thread.run_sync(to_articles, given, runtime.service)
    order = Order(articles, skipped, given.per_article_only, given.format, given.max_sentences)
    is_async = wants_async(prefer, async_)
    limit = runtime.service.job_timeout_s if is_async else runtime.service.request_timeout_s
    deadline = time.time() + limit
    owner = caller_of(request)
    job = await anyio.to_thread.run_sync(store.submit, order, owner, deadline)
    if is_async:
        return Response(
            job.view(store.retention).model_dump_json(),
            status_code=202,
            media_type="application/json",
            headers={"Location": f"/v1/jobs/{job.id}", "Preference-Applied": "respond-async"},
        )
    return await _wait(store, job.id, request, deadline, runtime)


async def _wait(
    store: RedisJobStore, job_id: str, request: Request, deadline: float, runtime: ServiceState
) -> Response:
    """The job's brief once a worker has finished it; 504 at the deadline; a client that leaves cancels."""
    try:
        while (outcome := await anyio.to_thread.run_sync(store.outcome, job_id)) is None:
            if time.time() >= deadline:
                limit = runtime.service.request_timeout_s
                raise ApiError(
                    504, "timeout", f"no brief within {limit:g} s", limit="request_timeout_s", value=limit
                )
            if await request.is_disconnected():
                raise ApiError(499, "client_disconnected", "the client went away; the work was dropped")
            await asyncio.sleep(_POLL_S)
    except BaseException:
        # Nobody will read this job: take it off the queue, or stop it at its next model call.
        with anyio.CancelScope(shield=True):  # even when this request is being cancelled
            await anyio.to_thread.run_sync(_withdraw, store, job_id)
        raise
    status, done, error = outcome
    await anyio.to_thread.run_sync(store.records.forget, job_id)  # a synchronous brief leaves no job behind
    if done is not None:
        return Response(done.body, media_type=MEDIA_TYPES[done.format])
    if error is not None:
        raise ApiError(
            _STATUS.get(error.error, 500),
            error.error,
            error.detail,
            **error.model_dump(exclude={"error", "detail"}, exclude_defaults=True),
        )
    raise ApiError(503, "shutting_down", f"the job was {status}; the work was dropped")


# HTTP status of a stored job error, as the synchronous route would have answered it.
_STATUS = {"model_failed": 502, "nothing_to_brief": 422, "timeout": 504, "result_too_large": 507,
           "worker_lost": 503, "internal_error": 500}  # fmt: skip


def _withdraw(store: RedisJobStore, job_id: str) -> None:
    record = store.records.get(job_id)
    if record is not None and record.status in ("queued", "running"):
        store.cancel(store.get(job_id, record.owner))
