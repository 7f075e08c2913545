"""Every error the service answers is one JSON shape (`ErrorBody`), with a code a program can test."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("briefing.api")


class FieldProblem(BaseModel):
    """One invalid field of a request."""

    field: str = Field(description="Where: `articles[0].title`, `format`, `body`.")
    message: str
    type: str = Field(description="pydantic's error type, e.g. `missing`, `extra_forbidden`.")


class ErrorBody(BaseModel):
    """What every error response carries."""

    error: str = Field(description="Stable machine-readable code, e.g. `queue_full`, `too_many_articles`.")
    detail: str = Field(description="One line for a person.")
    field: str | None = Field(default=None, description="The request field at fault, when there is one.")
    limit: str | None = Field(default=None, description="The setting that was exceeded, when one was.")
    value: int | float | None = Field(default=None, description="That setting's value.")
    errors: list[FieldProblem] = Field(default_factory=list, description="Every invalid field (422).")
    reasons: list[str] = Field(default_factory=list, description="Why briefs failed (502, 422).")
    scope: str | None = Field(default=None, description="The API key scope the request needs (403).")


class ApiError(Exception):
    """An error answered as `ErrorBody` with this status and headers."""

    def __init__(
        self, status: int, error: str, detail: str, headers: Mapping[str, str] | None = None, **extra: Any
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.body = ErrorBody(error=error, detail=detail, **extra)
        self.headers = dict(headers or {})


def error_response(status: int, body: ErrorBody, headers: Mapping[str, str] | None = None) -> Response:
    """An error as a JSON response, leaving out fields that do not apply."""
    content = body.model_dump_json(exclude_defaults=True)
    return Response(content, status_code=status, media_type="application/json", headers=headers)


def field_name(loc: Sequence[int | str]) -> str:
    """A pydantic location as a person writes it: ("body", "articles", 0, "title") -> articles[0].title."""
    parts = [p for p in loc if p not in ("body", "query", "header", "path", "form")] or ["body"]
    name = ""
    for part in parts:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name


def problems(errors: Sequence[Any]) -> list[FieldProblem]:
    """pydantic error dicts as `FieldProblem`s; the offending input is never echoed back."""
    return [
        FieldProblem(field=field_name(e.get("loc", ())), message=str(e.get("msg", "invalid")), type=e["type"])
        for e in errors
    ]


def invalid(found: list[FieldProblem]) -> ApiError:
    """A 422 naming the first invalid field and listing all of them."""
    first = found[0] if found else FieldProblem(field="body", message="invalid request", type="invalid")
    return ApiError(
        422, "invalid_request", f"{first.field}: {first.message}", field=first.field, errors=found
    )


async def _api_error(_: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.body, exc.headers)


async def _validation_error(_: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    error = invalid(problems(exc.errors()))
    return error_response(error.status, error.body)


async def _http_error(_: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    try:
        phrase = HTTPStatus(exc.status_code).phrase
    except ValueError:
        phrase = "HTTP error"
    code = phrase.lower().replace(" ", "_").replace("-", "_")
    detail = exc.detail if isinstance(exc.detail, str) else phrase
    return error_response(exc.status_code, ErrorBody(error=code, detail=detail), exc.headers)


async def _unexpected(request: Request, exc: Exception) -> Response:
    # A bug, not an input problem: log it in full, tell the client only that it happened.
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(
        500, ErrorBody(error="internal_error", detail="internal error; see the service log")
    )


def install(app: FastAPI) -> None:
    """Register the handlers that turn every exception into an `ErrorBody` response."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
