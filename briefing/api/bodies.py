"""Request and response bodies of the HTTP API (the brief itself is `briefing.schema.Result`)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from briefing.api.errors import ErrorBody
from briefing.schema import Result
from briefing.verification import ClaimVerdict

Format = Literal["json", "md", "html"]
JobStatus = Literal["queued", "running", "done", "failed", "cancelled"]
ReadyState = Literal["ready", "loading", "failed", "draining"]

# Must hold at least one character that is not whitespace (JSON Schema patterns match anywhere).
_NOT_BLANK = r"\S"

EXAMPLE_ARTICLE: dict[str, JsonValue] = {
    "title": "Council approves transit budget",
    "text": "The city council approved a $4m transit budget on Monday. The vote was 7 to 2.\n\n"
    "Bus fares will stay flat next year, the mayor said.",
    "source": "Daily Ledger",
    "url": "https://example.com/transit-budget",
    "published": "2024-05-06",
}


class ArticleIn(BaseModel):
    """One article given as fields."""

    model_config = ConfigDict(extra="forbid", strict=True, json_schema_extra={"examples": [EXAMPLE_ARTICLE]})

    title: str = Field(min_length=1, pattern=_NOT_BLANK, description="Headline.")
    text: str = Field(
        min_length=1, pattern=_NOT_BLANK, description="Body; paragraphs separated by blank lines."
    )
    url: str | None = Field(default=None, description="Where it was published; linked only if http(s).")
    source: str | None = Field(default=None, description="Outlet name.")
    published: str | None = Field(default=None, description="Publication date, any common format.")
    byline: str | None = Field(default=None, description="Author(s).")


class BriefRequest(BaseModel):
    """Articles to brief, and how (the JSON request body of `POST /v1/briefs`)."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        json_schema_extra={"examples": [{"articles": [EXAMPLE_ARTICLE], "format": "json"}]},
    )

    articles: list[ArticleIn] = Field(min_length=1, description="At least one; at most `max_articles`.")
    per_article_only: bool = Field(default=False, description="Skip the cross-article brief.")
    max_sentences: int | None = Field(
        default=None, ge=1, le=12, description="Most sentences per article brief (default: the server's, 5)."
    )
    format: Format = Field(default="json", description="json: the `Result` object; md or html: a document.")


class UploadOptions(BaseModel):
    """The form fields of a multipart `POST /v1/briefs` besides the files."""

    model_config = ConfigDict(extra="forbid")

    per_article_only: bool = False
    format: Format = "json"
    max_sentences: int | None = Field(default=None, ge=1, le=12)


UPLOAD_SCHEMA = {
    "type": "object",
    "required": ["files"],
    "properties": {
        "files": {
            "type": "array",
            "items": {"type": "string", "format": "binary"},
            "description": "Article files: .txt/.md (title on the first line), .html, .json/.jsonl.",
        },
        "per_article_only": {"type": "boolean", "default": False},
        "max_sentences": {"type": "integer", "minimum": 1, "maximum": 12},
        "format": {"type": "string", "enum": ["json", "md", "html"], "default": "json"},
    },
    "additionalProperties": False,
}


class JobProgress(BaseModel):
    """Where a job has got to."""

    stage: str | None = Field(default=None, description="The stage running now, e.g. `article briefs`.")
    stages_done: list[str] = Field(default_factory=list, description="Stages finished, in order.")
    message: str | None = Field(default=None, description="The latest progress line.")


class JobView(BaseModel):
    """A job's state; `result` once done, `error` once failed."""

    id: str
    status: JobStatus
    format: Format
    created_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None
    expires_at: datetime | None = Field(
        default=None, description="When the job and its result are forgotten."
    )
    progress: JobProgress
    result: Result | None = Field(default=None, description="The brief, as `POST /v1/briefs` returns it.")
    result_url: str | None = Field(default=None, description="The result in the job's format, once done.")
    error: ErrorBody | None = None


class Health(BaseModel):
    """Liveness: the process answers."""

    status: Literal["ok"] = "ok"


class Readiness(BaseModel):
    """Whether the model is loaded and the service accepts briefs."""

    status: ReadyState
    reason: str
    model: str | None = None
    queue_waiting: int = 0
    queue_capacity: int = 0


class VerifyRequest(BaseModel):
    """Claims to check, each with its sources; an item that is not valid is answered with its error."""

    model_config = ConfigDict(extra="forbid")

    claims: list[dict[str, JsonValue]] = Field(
        min_length=1,
        description='Each {"id": ..., "claim": ..., "sources": [{"title": ..., "text": ..., "url": ...}]}.',
    )


class VerifyResponse(BaseModel):
    """One verdict per claim, in the order given."""

    results: list[ClaimVerdict]
