"""`/v1/jobs/{id}`: poll a job, fetch its result in its format, cancel it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import Response

from briefing.api.auth import caller_of, require_key, require_scope
from briefing.api.bodies import JobView
from briefing.api.errors import ApiError
from briefing.api.openapi import COMMON_RESPONSES, error_doc
from briefing.api.routes.brief_params import MEDIA_TYPES
from briefing.api.service_state import State

router = APIRouter(
    prefix="/v1/jobs",
    tags=["jobs"],
    dependencies=[Depends(require_key)],
    responses={
        **COMMON_RESPONSES,
        404: error_doc("No such job, or it expired.", "job_not_found", "no such job"),
    },
)

JobId = Annotated[str, Path(description="The id from the `Location` of the 202.", max_length=64)]


def _json(view: JobView, status: int = 200) -> Response:
    return Response(view.model_dump_json(), status_code=status, media_type="application/json")


@router.get(
    "/{job_id}",
    dependencies=[Depends(require_scope("jobs:read"))],
    summary="Job status",
    response_model=None,
    responses={200: {"model": JobView}},
)
async def get_job(job_id: JobId, request: Request, runtime: State) -> Response:
    """Status (queued, running, done, failed, cancelled), progress by stage, and the result once done."""
    return _json(runtime.jobs.get(job_id, caller_of(request)).view(runtime.jobs.retention))


@router.get(
    "/{job_id}/result",
    dependencies=[Depends(require_scope("jobs:read"))],
    summary="Job result",
    response_model=None,
    responses={
        200: {
            "description": "The brief in the job's format, exactly as `POST /v1/briefs` would answer it.",
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/Result"}},
                "text/markdown": {"schema": {"type": "string"}},
                "text/html": {"schema": {"type": "string"}},
            },
        },
        409: error_doc("The job has not finished, or it failed or was cancelled.", "job_not_done", "..."),
    },
)
async def get_job_result(job_id: JobId, request: Request, runtime: State) -> Response:
    """The finished brief in the format the job asked for."""
    job = runtime.jobs.get(job_id, caller_of(request))
    done = job.result()
    if done is None:
        raise ApiError(409, "job_not_done", f"the job is {job.status()}; there is no result")
    return Response(done.body, media_type=MEDIA_TYPES[done.format])


@router.delete(
    "/{job_id}",
    dependencies=[Depends(require_scope("briefs"))],
    summary="Cancel or forget a job",
    response_model=None,
    status_code=200,
    responses={200: {"model": JobView}, 204: {"description": "A finished job, now forgotten."}},
)
async def delete_job(job_id: JobId, request: Request, runtime: State) -> Response:
    """Cancel a queued or running job (200, status cancelled); forget a finished one (204)."""
    job = runtime.jobs.get(job_id, caller_of(request))
    if job.status() in ("queued", "running"):
        runtime.jobs.cancel(job)
        return _json(job.view(runtime.jobs.retention))
    runtime.jobs.forget(job)
    return Response(status_code=204)
