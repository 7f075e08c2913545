"""`POST /v1/briefs`: brief articles now, or as a job when the client prefers to poll."""

from __future__ import annotations

import time

import anyio
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from briefing.api.auth import caller_of, require_scope
from briefing.api.brief_work import Order, Tracker, brief_work
from briefing.api.inputs import read_input, to_articles
from briefing.api.routes.brief_params import BRIEF_ROUTE, MEDIA_TYPES, AsyncQuery, PreferHeader, wants_async
from briefing.api.service_state import State
from briefing.api.waiting import wait_for

router = APIRouter(prefix="/v1", tags=["briefs"], dependencies=[Depends(require_scope("briefs"))])

# How often a waiting request checks whether its client is still there.
_POLL_S = 0.25


@router.post("/briefs", **BRIEF_ROUTE)
async def create_brief(
    request: Request, runtime: State, async_: AsyncQuery = False, prefer: PreferHeader = None
) -> Response:
    """Per-article briefs and a cross-article brief; JSON `Result`, Markdown or HTML."""
    started = time.monotonic()
    backend = runtime.backend()  # 503 before reading a body the model could not brief anyway
    runtime.refuse_if_full()  # and 429 before reading one it has no room for
    given = await read_input(request, runtime.service)
    articles, skipped = await anyio.to_thread.run_sync(to_articles, given, runtime.service)
    order = Order(articles, skipped, given.per_article_only, given.format, given.max_sentences)
    tracker = Tracker()
    work = brief_work(order, backend, runtime.settings, runtime.metrics, tracker, runtime.cache)
    if wants_async(prefer, async_):
        ticket = runtime.admit(work, started + runtime.service.job_timeout_s)
        job = runtime.memory_jobs().add(ticket, tracker, given.format, owner=caller_of(request))
        view = job.view(runtime.jobs.retention)
        return Response(
            view.model_dump_json(),
            status_code=202,
            media_type="application/json",
            headers={"Location": f"/v1/jobs/{job.id}", "Preference-Applied": "respond-async"},
        )
    deadline = started + runtime.service.request_timeout_s
    done = await wait_for(runtime.admit(work, deadline), request, deadline, runtime)
    return Response(done.body, media_type=MEDIA_TYPES[done.format])
