"""Reading `POST /v1/briefs`: a JSON body or uploaded files, checked against the limits, into articles.

Uploaded files are read from memory with the CLI's own readers (by file extension); nothing is
written to disk under a client's file name, so a name like `../../etc/passwd` is only a label.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from pydantic import ValidationError
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect, Request

from briefing.api.bodies import ArticleIn, BriefRequest, Format, UploadOptions
from briefing.api.errors import ApiError, FieldProblem, invalid, problems
from briefing.api.service_config import ServiceSettings
from briefing.errors import InputError
from briefing.ingest import article_from_fields, read_upload, unique_ids
from briefing.schema import Article, Skipped


@dataclass
class BriefInput:
    """A request body, parsed and within limits, not yet turned into articles."""

    per_article_only: bool
    format: Format
    articles: list[ArticleIn] = field(default_factory=list)
    files: list[tuple[str, bytes]] = field(default_factory=list)
    max_sentences: int | None = None


async def read_input(request: Request, service: ServiceSettings) -> BriefInput:
    """Parse the body by its content type; 415, 422 or 413 if it cannot be taken."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json" or kind.endswith("+json"):
        try:
            body = await request.body()
        except ClientDisconnect as exc:  # nobody is left to answer; keep it out of the 5xx counts
            raise ApiError(400, "client_disconnected", "the client left while sending the body") from exc
        try:
            parsed = BriefRequest.model_validate_json(body)
        except ValidationError as exc:
            raise invalid(problems(exc.errors(include_input=False))) from exc
        _check_count(len(parsed.articles), service)
        for number, article in enumerate(parsed.articles):
            _check_length(len(article.text), f"articles[{number}].text", service)
        return BriefInput(
            parsed.per_article_only,
            parsed.format,
            articles=parsed.articles,
            max_sentences=parsed.max_sentences,
        )
    if kind == "multipart/form-data":
        return await _read_form(request, service)
    raise ApiError(
        415, "unsupported_media_type", "send application/json or multipart/form-data", field="content-type"
    )


async def _read_form(request: Request, service: ServiceSettings) -> BriefInput:
    try:
        # Our own limits below name the setting; Starlette's only need to be out of their way.
        form = await request.form(max_files=100_000, max_fields=1_000)
    except ClientDisconnect as exc:
        raise ApiError(400, "client_disconnected", "the client left while sending the body") from exc
    except StarletteHTTPException as exc:
        raise invalid([FieldProblem(field="body", message=str(exc.detail), type="multipart")]) from exc
    options: dict[str, str] = {}
    files: list[tuple[str, bytes]] = []
    for name, value in form.multi_items():
        if name == "files" and isinstance(value, UploadFile):
            files.append((_label(value.filename, len(files)), await value.read()))
        elif name == "files":
            raise invalid([FieldProblem(field="files", message="must be an uploaded file", type="file")])
        elif isinstance(value, str):
            options[name] = value
        else:
            raise invalid(
                [FieldProblem(field=name, message="must be a form field, not a file", type="value")]
            )
    try:
        parsed = UploadOptions.model_validate(options)
    except ValidationError as exc:
        raise invalid(problems(exc.errors(include_input=False))) from exc
    if not files:
        raise invalid([FieldProblem(field="files", message="upload at least one file", type="missing")])
    _check_count(len(files), service)
    return BriefInput(parsed.per_article_only, parsed.format, files=files, max_sentences=parsed.max_sentences)


def _label(filename: str | None, number: int) -> str:
    # Only the last part of the name is kept, as a label; it is never opened.
    name = posixpath.basename((filename or "").replace("\\", "/")).strip()
    return name or f"upload-{number + 1}"


def to_articles(given: BriefInput, service: ServiceSettings) -> tuple[list[Article], list[Skipped]]:
    """Articles from fields or files (CPU work: run it in a thread); unreadable files are skipped."""
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for number, fields in enumerate(given.articles):
        where = f"articles[{number}]"
        try:
            articles.append(
                article_from_fields(
                    f"request {where}",
                    fields.title,
                    fields.text,
                    source=fields.source,
                    url=fields.url,
                    published=fields.published,
                    byline=fields.byline,
                )
            )
        except InputError as exc:
            part = "title" if "title" in exc.reason else "text"
            raise invalid(
                [FieldProblem(field=f"{where}.{part}", message=exc.reason, type="value_error")]
            ) from exc
    for name, data in given.files:
        found = read_upload(name, data)
        if found is None:
            skipped.append(Skipped(what=name, reason="unsupported file type (use .txt, .md, .html or .json)"))
            continue
        for item in found:
            if isinstance(item, InputError):
                skipped.append(Skipped(what=item.origin, reason=item.reason))
            else:
                _check_length(len(item.text), item.origin, service)
                articles.append(item)
    _check_count(len(articles), service)
    if not articles:
        raise ApiError(
            422, "no_articles", "none of the uploaded files could be read as an article",
            field="files", reasons=[f"{s.what}: {s.reason}" for s in skipped],
        )  # fmt: skip
    return unique_ids(articles), skipped


def _check_count(count: int, service: ServiceSettings) -> None:
    if count > service.max_articles:
        raise ApiError(
            413, "too_many_articles", f"{count} articles; at most {service.max_articles} in one request",
            field="articles", limit="max_articles", value=service.max_articles,
        )  # fmt: skip


def _check_length(length: int, where: str, service: ServiceSettings) -> None:
    if length > service.max_article_chars:
        raise ApiError(
            413, "article_too_long",
            f"{where} has {length} characters; at most {service.max_article_chars}",
            field=where, limit="max_article_chars", value=service.max_article_chars,
        )  # fmt: skip
