"""`POST /v1/verify`: check claims against their sources, as `briefing verify` does."""

from __future__ import annotations

import time
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from pydantic import ValidationError
from starlette.requests import ClientDisconnect

from briefing.api.auth import require_scope
from briefing.api.bodies import VerifyRequest, VerifyResponse
from briefing.api.errors import ApiError, invalid, problems
from briefing.api.model_thread import Ticket
from briefing.api.openapi import VERIFY_REQUEST_BODY, VERIFY_RESPONSES
from briefing.api.service_state import State
from briefing.api.waiting import wait_for
from briefing.check.entail import judge_for
from briefing.errors import Cancelled
from briefing.verification import ClaimRequest, ClaimVerdict, verify_claim

router = APIRouter(prefix="/v1", tags=["verify"], dependencies=[Depends(require_scope("verify"))])


@router.post(
    "/verify",
    summary="Check claims against their sources",
    response_model=VerifyResponse,
    responses=VERIFY_RESPONSES,
    openapi_extra={"requestBody": VERIFY_REQUEST_BODY},
)
async def verify(request: Request, runtime: State) -> Response:
    """Each claim's sentences, whether their best passages bear them out, and every check."""
    started = time.monotonic()
    backend = runtime.backend()  # 503 before reading a body no model could check
    runtime.refuse_if_full()  # and 429 before reading one the queue has no room for
    parsed = await _read(request)
    items: list[ClaimRequest | ClaimVerdict] = [_item(n, raw) for n, raw in enumerate(parsed.claims)]
    settings = runtime.settings
    judge = judge_for(backend, enabled=settings.entailment, threshold=settings.entailment_threshold)

    def work(ticket: Ticket[VerifyResponse]) -> VerifyResponse:
        results = []
        for item in items:
            if ticket.cancelled():
                raise Cancelled("withdrawn")
            if isinstance(item, ClaimRequest):
                item = verify_claim(item, settings, backend.count_tokens, judge)
            results.append(item)
        return VerifyResponse(results=results)

    deadline = started + runtime.service.request_timeout_s
    done = await wait_for(runtime.admit(work, deadline), request, deadline, runtime)
    return Response(done.model_dump_json(), media_type="application/json")


async def _read(request: Request) -> VerifyRequest:
    """The body as a `VerifyRequest`, or 415 / 422 naming what is wrong."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/json" and not kind.endswith("+json"):
        raise ApiError(415, "unsupported_media_type", "send application/json", field="content-type")
    try:
        body = await request.body()
    except ClientDisconnect as exc:  # nobody is left to answer; keep it out of the 5xx counts
        raise ApiError(400, "client_disconnected", "the client left while sending the body") from exc
    try:
        return VerifyRequest.model_validate_json(body)
    except ValidationError as exc:
        raise invalid(problems(exc.errors(include_input=False))) from exc


def _item(number: int, raw: dict[str, Any]) -> ClaimRequest | ClaimVerdict:
    """A valid request, or a verdict that names the item and what is wrong with it."""
    try:
        return ClaimRequest.model_validate(raw)
    except ValidationError as exc:
        found = raw.get("id")
        name = found if isinstance(found, str) and found else f"claims[{number}]"
        reasons = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return ClaimVerdict(id=name, supported=False, error=f"claims[{number}]: {reasons}")
