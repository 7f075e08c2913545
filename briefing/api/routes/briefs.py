"""`POST /v1/briefs`: brief articles now, or as a job when the client prefers to poll."""

from __future__ import annotations

import time
from typing import Annotated

import anyio
from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import Response

from briefing.api.auth import caller_of, require_scope
from briefing.api.inputs import read_input, to_articles
from briefing.api.openapi import BRIEF_REQUEST_BODY, BRIEF_RESPONSES
from briefing.api.runtime import Runtime, get_runtime
from briefing.api.waiting import wait_for
from briefing.api.work import Order, Tracker, brief_work

router = APIRouter(prefix="/v1", tags=["briefs"], dependencies=[Depends(require_scope("briefs"))])

MEDIA_TYPES = {
    "json": "application/json",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
}
# How often a waiting request checks whether its client is still there.
_POLL_S = 0.25


def _wants_async(prefer: str | None, async_: bool) -> bool:
    tokens = {part.strip().lower() for part in (prefer or "").replace(";", ",").split(",")}
    return async_ or "respond-async" in tokens


@router.post(
    "/briefs",
    summary="Brief articles",
    response_model=None,
    responses=BRIEF_RESPONSES,
    openapi_extra={"requestBody": BRIEF_REQUEST_BODY},
)
async def create_brief(
    request: Request,
    runtime: Annotated[Runtime, Depends(get_runtime)],
    async_: Annotated[
        bool, Query(alias="async", description="Answer 202 at once and run it as a job.")
    ] = False,
    prefer: Annotated[str | None, Header(description="`respond-async`: the same as `?async=true`.")] = None,
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
    if _wants_async(prefer, async_):
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
