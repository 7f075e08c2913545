"""HTML pages: the main article text and its metadata, via trafilatura.

Tables in the article are kept, one row per line with its cells between " | ": a league table or
a budget table is often the story itself. A page counts as an article when one of its lines reads
as prose, counting the words of scripts written without spaces (Chinese, Japanese, Thai) from
their characters.
"""

from __future__ import annotations

import html
import re
from typing import Any

import trafilatura

from briefing.errors import InputError
from briefing.ingest.article import article_from_fields
from briefing.schema import Article
from briefing.text.sentences import word_count

# On a page with no article, trafilatura's fallbacks still return menu entries ("Home", "Sport");
# any real article has at least one line of prose this long.
MIN_PROSE_WORDS = 8
_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
# trafilatura writes a table as Markdown: "| a | b |" rows and a "|---|---|" rule under the header.
_TABLE_ROW = re.compile(r"^\s*\|(?P<cells>.*)\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*$")


def _title_tag(page: str) -> str | None:
    match = _TITLE_TAG.search(page)
    if match is None:
        return None
    title = " ".join(html.unescape(match.group(1)).split())
    return title or None


def _extract(origin: str, page: str) -> Any:
    try:
        # Reader comments are left out: they are not reporting.
        return trafilatura.bare_extraction(
            page,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            with_metadata=True,
        )
    except Exception as exc:  # trafilatura and lxml raise many kinds of error on broken markup
        raise InputError(origin, f"could not parse the HTML ({type(exc).__name__}: {exc})") from exc


def _attr(document: Any, name: str) -> str | None:
    value = getattr(document, name, None)
    return value if isinstance(value, str) and value.strip() else None


def _table_row(line: str) -> str | None:
    """A Markdown table row as "cell | cell" ("" for the rule under the header); None if not a row."""
    if _TABLE_RULE.match(line):
        return ""
    match = _TABLE_ROW.match(line)
    if match is None:
        return None
    return " | ".join(cell.strip() for cell in match.group("cells").split("|"))


def _plain_tables(text: str) -> str:
    """Table rows as lines of cells; the Markdown pipes around a row and its header rule dropped."""
    lines = []
    for line in text.split("\n"):
        row = _table_row(line)
        if row is None:
            lines.append(line)
        elif row.strip(" |"):
            lines.append(row)
    return "\n".join(lines)


def _has_prose(text: str) -> bool:
    return max(word_count(line) for line in text.split("\n")) >= MIN_PROSE_WORDS


def _drop_leading_title(text: str, title: str) -> str:
    # trafilatura keeps the page's <h1> as the first line of the text; it is the title, not body.
    first, _, rest = text.partition("\n")
    if " ".join(first.split()).casefold() == title.casefold():
        return rest
    return text


def read_html_article(origin: str, page: str) -> Article:
    """Extract the main text of an HTML page; InputError when there is no article text in it."""
    document = _extract(origin, page)
    text = _attr(document, "text") if document is not None else None
    if text is not None:
        text = _plain_tables(text)
    if text is None or not _has_prose(text):
        raise InputError(origin, "no article text found")
    title = _attr(document, "title") or _title_tag(page)
    if title is None:
        raise InputError(origin, "no title found (neither a headline nor a <title> element)")
    title = " ".join(title.split())
    text = _drop_leading_title(text, title)
    if not text.strip():
        raise InputError(origin, "no article text found")
    return article_from_fields(
        origin,
        title,
        text,
        source=_attr(document, "sitename"),
        url=_attr(document, "url"),
        published=_attr(document, "date"),
        byline=_attr(document, "author"),
    )
