"""Reading the digest's sources: feeds (and the pages they link to), folders, JSONL files, URL lists.

One source failing never stops the others; every failure and every fallback is reported so the
digest's footer can say what was not read and why.
"""

from __future__ import annotations

import asyncio
import codecs
import contextlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import lxml.html

from briefing.digest.digest_config import FetchOptions, Source
from briefing.digest.feeds import Entry, FeedCopy, codec_of, fetch_feed, parse_feed
from briefing.digest.fetch import Fetched, Fetcher, FetchError
from briefing.errors import InputError
from briefing.ingest import article_from_fields, decode, ingest, normalize_newlines, read_html_article
from briefing.schema import Article

_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# A window of time: items published outside it are neither read nor have their pages fetched.
Window = tuple[datetime, datetime]


@dataclass
class SourceReport:
    """What one source gave, and what went wrong with it."""

    name: str
    kind: str
    articles: int = 0
    error: str | None = None
    problems: list[str] = field(default_factory=list)
    fallbacks: list[str] = field(default_factory=list)
    not_modified: bool = False  # a feed's 304: its kept copy was read
    copy: FeedCopy | None = field(default=None, repr=False)  # the feed's copy to keep for the next run


@dataclass
class Collected:
    """Every article read, and a report per source."""

    articles: list[Article]
    reports: list[SourceReport]

    @property
    def copies(self) -> list[FeedCopy]:
        """The copy to keep of each feed read that gave validators."""
        return [r.copy for r in self.reports if r.copy is not None]


def collect(
    sources: Sequence[Source],
    fetch: FetchOptions,
    say: Callable[[str], None],
    window: Window | None = None,
    copies: Mapping[str, FeedCopy] | None = None,
) -> Collected:
    """Read every source; never raises for a source's failure, it is reported instead.
    With `window`, feed items dated outside it are left out before any page is fetched. A feed with
    a copy in `copies` is asked for with a conditional GET; on 304 the copy is read."""
    return asyncio.run(_collect(sources, fetch, say, window, copies or {}))


async def _collect(
    sources: Sequence[Source],
    options: FetchOptions,
    say: Callable[[str], None],
    window: Window | None,
    copies: Mapping[str, FeedCopy],
) -> Collected:
    async with Fetcher(options.policy()) as fetcher:
        results = await asyncio.gather(*(_read(s, fetcher, options, window, copies) for s in sources))
    articles, reports = [], []
    for source, (found, report) in zip(sources, results, strict=True):
        report.articles = len(found)
        articles += found
        reports.append(report)
        state = f"failed: {report.error}" if report.error else f"{len(found)} articles"
        if report.not_modified and not report.error:
            state = f"not modified since the last run (HTTP 304); {state} from the kept copy"
        say(f"source {source.name!r} ({report.kind}): {state}")
    return Collected(articles, reports)


async def _read(
    source: Source, fetcher: Fetcher, options: FetchOptions, window: Window | None,
    copies: Mapping[str, FeedCopy],
) -> tuple[list[Article], SourceReport]:  # fmt: skip
    report = SourceReport(source.name, source.kind)
    concurrency = source.concurrency or options.concurrency
    try:
        if source.feed is not None:
            feed, copy = await fetch_feed(source.feed, fetcher, copies.get(source.feed))
            chosen = _chosen(parse_feed(feed), window, options, source, report)
            # Kept only once it reads: a broken body is not worth revalidating.
            report.copy, report.not_modified = copy, feed.status == 304
            found = await _read_entries(chosen, fetcher, concurrency, report)
        elif source.urls is not None:
            found = await _read_pages(source, source.urls, fetcher, concurrency, report)
        else:
            # A folder holds many outlets' files: each is named by its own source or byline line,
            # else its file name, never all after the folder.
            found = _read_files(source, report)
            if source.folder is not None:
                return [_with_outlet(a, a.byline or Path(a.origin).stem) for a in found], report
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


async def _read_entries(
    entries: list[Entry], fetcher: Fetcher, concurrency: int, report: SourceReport
) -> list[Article]:
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


def _chosen(
    entries: list[Entry], window: Window | None, options: FetchOptions, source: Source, report: SourceReport
) -> list[Entry]:
    """The items worth a page fetch: inside the window (undated ones too: their first sighting
    dates them), newest first, at most `max_items`; the report says how many were cut."""
    if window is not None:
        start, end = (t if t.tzinfo else t.replace(tzinfo=UTC) for t in window)
        entries = [e for e in entries if e.published is None or start < _utc(e.published) <= end]
    cap = source.max_items or options.max_items
    if len(entries) <= cap:
        return entries
    # Newest first, undated last, the feed's order among equals (sorted() is stable, reversed too).
    dated = sorted((e for e in entries if e.published), key=lambda e: _utc(e.published or ""), reverse=True)
    undated = [e for e in entries if not e.published]
    report.problems.append(f"{len(entries) - cap} older items (over max_items = {cap})")
    return (dated + undated)[:cap]


def _utc(iso: str) -> datetime:
    # _entry_time writes UTC ISO times, so this never needs a zone guessed.
    return datetime.fromisoformat(iso)


def _from_entry(entry: Entry, page: Fetched | FetchError | None, report: SourceReport) -> Article:
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
    return read_html_article(page.final_url, _page_text(page))


def _page_text(page: Fetched) -> str:
    """The page's text in the charset its Content-Type names; a byte order mark wins (as in browsers),
    and a page without a charset, or one it does not decode in, is read as a file is (UTF-8, else cp1252)."""
    codec = codec_of(page.charset)
    if codec is not None and not page.body.startswith(_BOMS):
        with contextlib.suppress(UnicodeDecodeError):
            text = page.body.decode(codec)
            if text.strip() and "\x00" not in text:
                return normalize_newlines(text)
    return decode(page.body, page.final_url)


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
