"""Waiting for work on the model thread: a deadline, a client that may leave, a shutdown."""

from __future__ import annotations

import asyncio
import time
from typing import TypeVar

from starlette.requests import Request

from briefing.api.errors import ApiError
from briefing.api.model_thread import Ticket
from briefing.api.service_state import ServiceState
from briefing.errors import Cancelled

T = TypeVar("T")
# How often a waiting request checks whether its client is still there.
_POLL_S = 0.25


async def wait_for(ticket: Ticket[T], request: Request, deadline: float, runtime: ServiceState) -> T:
    """The ticket's result; 504 at the deadline; a client that leaves withdraws its ticket."""
    waiting = asyncio.wrap_future(ticket.future)
    try:
        while not waiting.done():
            left = deadline - time.monotonic()
            if left <= 0:
                ticket.cancel()  # the model thread drops it, or stops at its next model call
                raise _timeout(runtime)
            await asyncio.wait({waiting}, timeout=min(_POLL_S, left))
            if not waiting.done() and await request.is_disconnected():
                ticket.cancel()
                raise ApiError(499, "client_disconnected", "the client went away; the work was dropped")
    finally:
        if not waiting.done():
            ticket.cancel()  # this request is being torn down (server shutdown): nobody will read it
    if waiting.cancelled():
        raise ApiError(503, "shutting_down", "the service is shutting down; the work was dropped")
    try:
        return waiting.result()
    except Cancelled as exc:
        # The model thread noticed first: past the deadline, or stopped by a shutdown.
        if ticket.timed_out():
            raise _timeout(runtime) from exc
        raise ApiError(503, "shutting_down", "the service is shutting down; the work was dropped") from exc


def _timeout(runtime: ServiceState) -> ApiError:
    limit = runtime.service.request_timeout_s
    return ApiError(504, "timeout", f"no brief within {limit:g} s", limit="request_timeout_s", value=limit)
