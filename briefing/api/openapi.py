"""The parts of the OpenAPI document FastAPI cannot infer: a body that is JSON or multipart, and errors."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from briefing.api.bodies import EXAMPLE_ARTICLE, UPLOAD_SCHEMA, BriefRequest, JobView, VerifyRequest
from briefing.api.errors import ErrorBody
from briefing.schema import Result

_REF = "#/components/schemas/{model}"
_RETRY_AFTER = {
    "Retry-After": {"description": "Seconds to wait before trying again.", "schema": {"type": "integer"}}
}


def error_doc(description: str, code: str, detail: str, **extra: Any) -> dict[str, Any]:
    example = {"error": code, "detail": detail, **extra}
    return {
        "model": ErrorBody,
        "description": description,
        "content": {"application/json": {"example": example}},
    }


# Every route behind the keys can answer these.
COMMON_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: error_doc("The request could not be read (the client left mid-body).", "bad_request", "..."),
    401: error_doc(
        "No valid API key (when keys are configured).", "unauthorized", "a valid API key is required"
    ),
    403: error_doc(
        "The API key lacks the scope this route needs; `scope` names it.",
        "insufficient_scope",
        "this API key lacks the 'verify' scope this request needs",
        scope="verify",
    ),
    422: error_doc(
        "Malformed JSON, a wrong type, an unknown or missing field; `field` names it.",
        "invalid_request",
        "articles[0].title: Field required",
        field="articles[0].title",
    ),
    503: {
        **error_doc("Shutting down, or the model is loading or failed to load.", "model_loading", "loading"),
        "headers": _RETRY_AFTER,
    },
}
_DOCUMENTS = {"text/markdown": {"schema": {"type": "string"}}, "text/html": {"schema": {"type": "string"}}}

BRIEF_RESPONSES: dict[int | str, dict[str, Any]] = {
    **COMMON_RESPONSES,
    200: {
        "model": Result,
        "description": "The brief: a `Result` object (format json), or a Markdown or HTML document.",
        "content": _DOCUMENTS,
    },
    202: {
        "model": JobView,
        "description": "Accepted as a job (`Prefer: respond-async` or `?async=true`); poll `Location`.",
        "headers": {"Location": {"description": "The job: /v1/jobs/{id}", "schema": {"type": "string"}}},
    },
    413: error_doc(
        "Body, article count or article length over its limit; `limit` and `value` name it.",
        "too_many_articles",
        "51 articles; at most 50 in one request",
        limit="max_articles",
        value=50,
    ),
    415: error_doc("Neither application/json nor multipart/form-data.", "unsupported_media_type", "..."),
    429: {
        **error_doc(
            "The model is busy and the waiting line is full.",
            "queue_full",
            "retry in 8 s",
            limit="queue_size",
            value=4,
        ),
        "headers": _RETRY_AFTER,
    },
    502: error_doc("The model failed to produce a usable brief for any article.", "model_failed", "..."),
    504: error_doc(
        "No brief within request_timeout_s; the work was stopped.", "timeout", "no brief in 120 s"
    ),
}

VERIFY_RESPONSES: dict[int | str, dict[str, Any]] = {
    **COMMON_RESPONSES,
    413: error_doc("Body over its limit.", "body_too_large", "...", limit="max_body_bytes", value=10485760),
    415: error_doc("Not application/json.", "unsupported_media_type", "..."),
    429: BRIEF_RESPONSES[429],
    504: error_doc("No verdicts within request_timeout_s; the work was stopped.", "timeout", "..."),
}

# The verify route reads its own body (after asking the queue for room), so FastAPI cannot infer it.
VERIFY_REQUEST_BODY: dict[str, Any] = {
    "required": True,
    "content": {"application/json": {"schema": {"$ref": _REF.format(model="VerifyRequest")}}},
}

BRIEF_REQUEST_BODY: dict[str, Any] = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {"$ref": _REF.format(model="BriefRequest")},
            "examples": {
                "one article": {"value": {"articles": [EXAMPLE_ARTICLE]}},
                "markdown, per article only": {
                    "value": {"articles": [EXAMPLE_ARTICLE], "per_article_only": True, "format": "md"}
                },
            },
        },
        "multipart/form-data": {
            "schema": UPLOAD_SCHEMA,
            "encoding": {"files": {"contentType": "text/plain, text/markdown, text/html, application/json"}},
        },
    },
}


def install(app: FastAPI) -> None:
    """Generate the document once, adding the request-body schemas the routes name by reference."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = get_openapi(
                title=app.title, version=app.version, description=app.description, routes=app.routes
            )
            schemas = document.setdefault("components", {}).setdefault("schemas", {})
            for model in (BriefRequest, VerifyRequest):
                request = model.model_json_schema(ref_template=_REF)
                schemas.update(request.pop("$defs", {}))
                schemas[model.__name__] = request
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
