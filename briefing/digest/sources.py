"""Reading the digest's sources: feeds (and the pages they link to), folders, JSONL files, URL lists.

One source failing never stops the others; every failure and every fallback is reported so the
digest's footer can say what was not read and why.
"""

from __future__ import annotations

import asyncio
import calendar
import xml.sax
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import feedparser
import lxml.html

from briefing.digest.config import FetchOptions, Source
from briefing.digest.fetch import Fetched, Fetcher, FetchError
from briefing.errors import InputError
from briefing.fields import article_from_fields
from briefing.html_extract import read_html_article
from briefing.ingest import decode, ingest
from briefing.schema import Article

_HTML_TYPES = {"text/html", "application/xhtml+xml"}


@dataclass
class SourceReport:
    """What one source gave, and what went wrong with it."""

    name: str
    kind: str
    articles: int = 0
    error: str | None = None
    problems: list[str] = field(default_factory=list)
    fallbacks: list[str] = field(default_factory=list)


@dataclass
class Collected:
    """Every article read, and a report per source."""

    articles: list[Article]
    reports: list[SourceReport]


@dataclass(frozen=True)
class _Entry:
    """A feed item: where its article is, and what the feed itself says of it."""

    link: str | None
    title: str
    summary: str
    published: str | None


def collect(sources: Sequence[Source], fetch: FetchOptions, say: Callable[[str], None]) -> Collected:
    """Read every source; never raises for a source's failure, it is reported instead."""
    return asyncio.run(_collect(sources, fetch, say))


async def _collect(sources: Sequence[Source], options: FetchOptions, say: Callable[[str], None]) -> Collected:
    async with Fetcher(options.policy()) as fetcher:
        results = await asyncio.gather(*(_read(s, fetcher, options) for s in sources))
    articles, reports = [], []
    for source, (found, report) in zip(sources, results, strict=True):
        report.articles = len(found)
        articles += found
        reports.append(report)
        state = f"failed: {report.error}" if report.error else f"{len(found)} articles"
        say(f"source {source.name!r} ({report.kind}): {state}")
    return Collected(articles, reports)


async def _read(
    source: Source, fetcher: Fetcher, options: FetchOptions
) -> tuple[list[Article], SourceReport]:
    report = SourceReport(source.name, source.kind)
    concurrency = source.concurrency or options.concurrency
    try:
        if source.feed is not None:
            found = await _read_feed(source, source.feed, fetcher, concurrency, report)
        elif source.urls is not None:
            found = await _read_pages(source, source.urls, fetcher, concurrency, report)
        else:
            found = _read_files(source, report)
    except (FetchError, InputError) as exc:
        report.error = str(exc)
        return [], report
    return [_with_outlet(a, source.name) for a in found], report


def _read_files(source: Source, report: SourceReport) -> list[Article]:
    path = source.folder if source.folder is not None else source.jsonl
    if path is None or not path.exists():
        raise InputError(str(path), "no such file or folder")
    read = ingest([str(path)])
    report.problems += [str(e) for e in read.errors]
    return read.articles


async def _read_feed(
    source: Source, url: str, fetcher: Fetcher, concurrency: int, report: SourceReport
) -> list[Article]:
    entries = _entries(await fetcher.fetch(url))
    links = [e.link for e in entries if e.link]
    pages = dict(zip(links, await fetcher.fetch_many(links, concurrency), strict=True))
    articles = []
    for entry in entries:
        page = pages.get(entry.link) if entry.link else None
        try:
            articles.append(_from_entry(entry, page, report))
        except InputError as exc:
            report.problems.append(str(exc))
    return articles


def _entries(fetched: Fetched) -> list[_Entry]:
    parsed: Any = feedparser.parse(fetched.body)
    problem = parsed.get("bozo_exception")
    # feedparser also flags benign things (a declared charset that was wrong); broken XML is fatal,
    # since its "entries" are whatever the lenient parser salvaged.
    if (parsed.bozo and not parsed.entries) or isinstance(problem, xml.sax.SAXException):
        raise FetchError(fetched.url, f"not a readable RSS or Atom feed ({problem})")
    return [
        _Entry(
            link=entry.get("link"),
            title=entry.get("title", ""),
            summary=entry.get("summary", ""),
            published=_entry_time(entry),
        )
        for entry in parsed.entries
    ]


def _entry_time(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:  # feedparser gives UTC struct_time
            return datetime.fromtimestamp(calendar.timegm(parsed), UTC).isoformat()
    return None


def _from_entry(entry: _Entry, page: Fetched | FetchError | None, report: SourceReport) -> Article:
    """The linked page's main text; else the feed's summary, and the report says so."""
    why = "the item has no link"
    if isinstance(page, Fetched):
        try:
            article = _page_article(page)
            return article.model_copy(
                update={"published": entry.published or article.published, "url": page.final_url}
            )
        except InputError as exc:
            why = exc.reason
    elif isinstance(page, FetchError):
        why = page.reason
    origin = entry.link or entry.title
    summary = _plain(entry.summary)
    if not summary:
        raise InputError(origin, f"{why}, and the feed gives no summary")
    report.fallbacks.append(f"{origin}: {why}; used the feed's summary")
    return article_from_fields(origin, entry.title, summary, url=entry.link, published=entry.published)


def _page_article(page: Fetched) -> Article:
    if page.content_type not in _HTML_TYPES:
        raise InputError(page.final_url, f"not an HTML page ({page.content_type or 'no content type'})")
    text = decode(page.body, page.final_url)
    return read_html_article(page.final_url, text)


async def _read_pages(
    source: Source, urls: Sequence[str], fetcher: Fetcher, concurrency: int, report: SourceReport
) -> list[Article]:
    articles = []
    for url, page in zip(urls, await fetcher.fetch_many(urls, concurrency), strict=True):
        try:
            if isinstance(page, FetchError):
                raise page
            articles.append(_page_article(page).model_copy(update={"url": page.final_url}))
        except (FetchError, InputError) as exc:
            report.problems.append(str(exc) if str(exc).startswith(url) else f"{url}: {exc}")
    return articles


def _plain(html: str) -> str:
    """Text of a feed summary, which is often an HTML fragment."""
    if not html.strip():
        return ""
    try:
        return " ".join(lxml.html.fromstring(html).text_content().split())
    except (ValueError, lxml.etree.ParserError):
        return " ".join(html.split())


def _with_outlet(article: Article, name: str) -> Article:
    return article if article.source else article.model_copy(update={"source": name})
