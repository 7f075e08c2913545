"""Building an `Article` from its fields: normalised text, stable id and content hash."""

from __future__ import annotations

import hashlib
import re

from briefing.errors import InputError
from briefing.schema import Article

# Lines holding nothing but whitespace at either end of a body; interior blank lines are kept
# because they separate paragraphs.
_LEADING_BLANK_LINES = re.compile(r"\A(?:[^\S\n]*\n)+")


def normalize_newlines(text: str) -> str:
    """Turn Windows and old Mac line endings into `\\n`, so offsets do not depend on the platform."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def trim_blank_lines(text: str) -> str:
    """Drop blank lines (and trailing whitespace) at both ends, keeping everything between as is."""
    return _LEADING_BLANK_LINES.sub("", text).rstrip()


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _optional(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def article_from_fields(
    origin: str,
    title: str,
    text: str,
    *,
    source: str | None = None,
    url: str | None = None,
    published: str | None = None,
    byline: str | None = None,
) -> Article:
    """Build an article with its stable short id and content hash; InputError if title or body is empty."""
    title = " ".join(title.split())
    text = trim_blank_lines(normalize_newlines(text))
    if not title:
        raise InputError(origin, "the article has no title")
    if not text:
        raise InputError(origin, "the article has no body text")
    if not any(char.isalnum() for char in text):
        # Any script's letters count (CJK included); a body of quotes or dashes has nothing to brief.
        raise InputError(origin, "the article body has no words, only punctuation or symbols")
    url = _optional(url)
    # The id hashes content, not the origin, so the same article gets the same id from any path.
    digest = _sha256(f"{url or ''}\n{title}\n{text}")
    return Article(
        id="a" + digest[:6],
        title=title,
        text=text,
        source=_optional(source),
        url=url,
        published=_optional(published),
        byline=_optional(byline),
        origin=origin,
        content_hash=_sha256(f"{title}\n{text}"),
    )
