"""A cap on request bodies that counts the bytes received, so chunked bodies cannot slip past it.

Starlette has no body limit of its own, and a chunked body has no Content-Length to check. This
middleware refuses a declared length over the cap at once, and otherwise counts bytes as the app
reads them, failing the read the moment the count passes the cap.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from briefing.api.errors import ApiError, error_response

LIMIT = "max_body_bytes"


def too_large(limit: int) -> ApiError:
    """The 413 for a body over `limit` bytes."""
    return ApiError(
        413, "body_too_large", f"the request body is larger than {limit} bytes", limit=LIMIT, value=limit
    )


class BodyLimitMiddleware:
    """Answers 413 to bodies over `max_bytes`, declared or counted."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self._refuse(send)
            return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise too_large(self.max_bytes)
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except ApiError as exc:
            # Routes answer the error themselves; this catches reads made outside a route.
            if started or exc.body.error != "body_too_large":
                raise
            await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        error = too_large(self.max_bytes)
        response = error_response(error.status, error.body, {"Connection": "close"})
        await response({"type": "http"}, _no_body, send)


async def _no_body() -> Message:
    return {"type": "http.disconnect"}


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None  # the server rejects a malformed length before we see it
    return None
