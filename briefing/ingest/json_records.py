"""Articles given as JSON: one object, a list, `{"articles": [...]}`, or JSON Lines."""

from __future__ import annotations

import json
from typing import Any

from briefing.errors import InputError
from briefing.ingest.article import article_from_fields
from briefing.schema import Article

REQUIRED = ("title", "text")
OPTIONAL = ("url", "source", "published", "byline")


def _type_name(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")


def article_from_record(origin: str, record: Any) -> Article:
    """Build an article from one JSON object; InputError naming the missing or wrong field."""
    if not isinstance(record, dict):
        raise InputError(origin, f"expected an article object, got {_type_name(record)}")
    for name in REQUIRED:
        if name not in record:
            raise InputError(origin, f"missing required field '{name}'")
        if not isinstance(record[name], str):
            raise InputError(origin, f"field '{name}' must be a string, got {_type_name(record[name])}")
        if not record[name].strip():
            raise InputError(origin, f"field '{name}' is empty")
    optional: dict[str, str | None] = {}
    for name in OPTIONAL:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise InputError(origin, f"field '{name}' must be a string or null, got {_type_name(value)}")
        optional[name] = value
    # Unknown fields are ignored on purpose: exports from other tools carry ids, tags and so on.
    return article_from_fields(
        origin,
        record["title"],
        record["text"],
        source=optional["source"],
        url=optional["url"],
        published=optional["published"],
        byline=optional["byline"],
    )


def _collect(pairs: list[tuple[str, Any]]) -> list[Article | InputError]:
    results: list[Article | InputError] = []
    for origin, record in pairs:
        try:
            results.append(article_from_record(origin, record))
        except InputError as error:
            results.append(error)
    return results


def read_json_articles(origin: str, text: str) -> list[Article | InputError]:
    """Articles of a JSON document; one InputError per bad record, the good ones still returned."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise InputError(origin, f"malformed JSON at {where}: {exc.msg}") from exc
    except RecursionError as exc:
        raise InputError(origin, "malformed JSON: nested too deeply") from exc
    if isinstance(data, dict) and "articles" in data:
        # A cluster file: {"id": ..., "reference": ..., "articles": [...]}; only the articles are read.
        data = data["articles"]
        if not isinstance(data, list):
            raise InputError(origin, f"field 'articles' must be a list, got {_type_name(data)}")
    if isinstance(data, dict):
        return _collect([(origin, data)])
    if isinstance(data, list):
        if not data:
            raise InputError(origin, "the JSON list holds no articles")
        return _collect([(f"{origin}[{i}]", record) for i, record in enumerate(data)])
    raise InputError(origin, f"expected an article object or a list of them, got {_type_name(data)}")


def read_jsonl_articles(origin: str, text: str) -> list[Article | InputError]:
    """Articles of a JSON Lines document, one object per line; bad lines are InputErrors."""
    results: list[Article | InputError] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        line_origin = f"{origin}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            results.append(InputError(line_origin, f"malformed JSON at column {exc.colno}: {exc.msg}"))
            continue
        except RecursionError:
            results.append(InputError(line_origin, "malformed JSON: nested too deeply"))
            continue
        results.extend(_collect([(line_origin, record)]))
    if not results:
        raise InputError(origin, "no JSON records in the file")
    return results
