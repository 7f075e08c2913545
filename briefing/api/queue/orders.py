"""An `Order` (what a request asks the model to do) as JSON, to cross from a replica to a worker."""

from __future__ import annotations

import json

from pydantic import TypeAdapter

from briefing.api.brief_work import Order
from briefing.schema import Article, Skipped

_ARTICLES = TypeAdapter(list[Article])
_SKIPPED = TypeAdapter(list[Skipped])


def dump_order(order: Order) -> str:
    """The order as one JSON text."""
    return json.dumps({
        "articles": _ARTICLES.dump_python(list(order.articles), mode="json"),
        "skipped": _SKIPPED.dump_python(list(order.skipped), mode="json"),
        "per_article_only": order.per_article_only,
        "format": order.format,
        "max_sentences": order.max_sentences,
    })  # fmt: skip


def load_order(text: str) -> Order:
    """The order `dump_order` wrote."""
    data = json.loads(text)
    return Order(
        articles=_ARTICLES.validate_python(data["articles"]),
        skipped=_SKIPPED.validate_python(data["skipped"]),
        per_article_only=data["per_article_only"],
        format=data["format"],
        max_sentences=data["max_sentences"],
    )
