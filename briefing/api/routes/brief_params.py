"""What `POST /v1/briefs` takes and answers, shared by its two implementations: in memory
(routes/briefs.py) and on the Redis queue (routes/queued_briefs.py); the app mounts one of them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Header, Query

from briefing.api.openapi import BRIEF_REQUEST_BODY, BRIEF_RESPONSES

# The decorator's arguments: the same documented route whichever implementation is mounted.
BRIEF_ROUTE: dict[str, Any] = {
    "summary": "Brief articles",
    "response_model": None,
    "responses": BRIEF_RESPONSES,
    "openapi_extra": {"requestBody": BRIEF_REQUEST_BODY},
}
MEDIA_TYPES = {
    "json": "application/json",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
}
AsyncQuery = Annotated[bool, Query(alias="async", description="Answer 202 at once and run it as a job.")]
PreferHeader = Annotated[str | None, Header(description="`respond-async`: the same as `?async=true`.")]


def wants_async(prefer: str | None, async_: bool) -> bool:
    """Whether the client asked for a job: `?async=true` or `Prefer: respond-async`."""
    tokens = {part.strip().lower() for part in (prefer or "").replace(";", ",").split(",")}
    return async_ or "respond-async" in tokens
