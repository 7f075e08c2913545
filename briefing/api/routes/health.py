"""Liveness, readiness and metrics: what an orchestrator and a scraper ask."""

from __future__ import annotations

import anyio
from fastapi import APIRouter, Depends
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST

from briefing.api.auth import require_key_for_metrics
from briefing.api.bodies import Health, Readiness, ReadyState
from briefing.api.openapi import COMMON_RESPONSES
from briefing.api.service_state import State

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="Liveness", response_model=Health)
async def healthz() -> Health:
    """200 whenever the process answers, model or not."""
    return Health()


@router.get(
    "/readyz",
    summary="Readiness",
    response_model=None,
    responses={200: {"model": Readiness}, 503: {"model": Readiness, "description": "Not ready, and why."}},
)
async def readyz(runtime: State) -> Response:
    """200 once the model is loaded; 503 while it loads, if loading failed, or while shutting down."""
    model = runtime.model
    status: ReadyState = model.state
    reason = model.reason
    if runtime.draining:
        status, reason = "draining", "the service is shutting down"
    elif status == "ready" and not runtime.worker.alive:
        status, reason = "failed", "the model thread has stopped"
    elif status == "ready" and not await anyio.to_thread.run_sync(runtime.jobs.reachable):
        status, reason = "failed", "the job store (Redis) does not answer"
    view = Readiness(
        status=status,
        reason=reason,
        model=model.backend.name if model.backend else None,
        queue_waiting=runtime.worker.waiting,
        queue_capacity=runtime.worker.capacity - 1,
    )
    code = 200 if status == "ready" else 503
    return Response(view.model_dump_json(), status_code=code, media_type="application/json")


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    dependencies=[Depends(require_key_for_metrics)],
    response_class=Response,
    responses={
        200: {"content": {CONTENT_TYPE_LATEST.split(";")[0]: {"schema": {"type": "string"}}}},
        401: COMMON_RESPONSES[401],
        503: COMMON_RESPONSES[503],
    },
)
async def metrics(runtime: State) -> Response:
    """Requests by route and status, latency, queue depth, jobs by state, tokens, model load time."""
    return Response(runtime.metrics.exposition(), media_type=CONTENT_TYPE_LATEST)
