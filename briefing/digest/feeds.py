"""Reading RSS and Atom feeds: fetched with a conditional GET, checked for XML attacks, then parsed.

A feed's last 200 reply is kept (its ETag, Last-Modified and body) and revalidated the next time
with If-None-Match / If-Modified-Since. A 304 says the feed is unchanged, so the kept body stands in
for it (HTTP caching's revalidation, RFC 9111): the run then reads exactly what a 200 would have
given, and a dry run, `--force` or `--since` never lose a feed's items to a 304.
"""

from __future__ import annotations

import calendar
import codecs
import io
import xml.sax
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import defusedxml
import defusedxml.sax
import feedparser

from briefing.digest.fetch import Fetched, Fetcher, FetchError

# Labels that mean windows-1252 to browsers (WHATWG Encoding): real pages labelled so use its quotes.
_WINDOWS_1252 = frozenset({"iso8859-1", "ascii"})


@dataclass(frozen=True)
class Entry:
    """A feed item: where its article is, and what the feed itself says of it."""

    link: str | None
    title: str
    summary: str
    published: str | None


@dataclass(frozen=True)
class FeedCopy:
    """A feed URL's last 200 reply: its validators, and its body to use when the feed is not modified."""

    url: str
    etag: str | None
    last_modified: str | None
    content_type: str
    charset: str | None
    body: bytes = b""

    @classmethod
    def of(cls, reply: Fetched) -> FeedCopy | None:
        """The copy worth keeping of a 200 reply: None when it gives no validator to send back."""
        if not (reply.etag or reply.last_modified):
            return None
        return cls(reply.url, reply.etag, reply.last_modified, reply.content_type, reply.charset, reply.body)

    def conditions(self) -> dict[str, str]:
        """The request headers that ask for the feed only if it changed."""
        headers = {"If-None-Match": self.etag, "If-Modified-Since": self.last_modified}
        return {name: value for name, value in headers.items() if value}


async def fetch_feed(url: str, fetcher: Fetcher, copy: FeedCopy | None) -> tuple[Fetched, FeedCopy | None]:
    """The feed, and the copy to keep of it. A 304 (not modified) gives the kept body with status 304,
    and the copy with the validators the 304 sent (RFC 9110: a 304 may update them)."""
    reply = await fetcher.fetch(url, copy.conditions() if copy is not None else None)
    if reply.status != 304 or copy is None:
        return reply, FeedCopy.of(reply)
    modified = reply.last_modified or copy.last_modified
    updated = replace(copy, etag=reply.etag or copy.etag, last_modified=modified)
    stored = Fetched(url, reply.final_url, 304, copy.content_type, copy.charset, copy.body)
    return stored, updated


def codec_of(charset: str | None) -> str | None:
    """The Python codec for a Content-Type charset, None when there is none or it is unknown."""
    if not charset:
        return None
    try:
        name = codecs.lookup(charset).name
    except LookupError:
        return None
    return "cp1252" if name in _WINDOWS_1252 else name


def unsafe_xml(body: bytes) -> str | None:
    """Why a feed may not be parsed, or None.

    Entity declarations (billion laughs, XXE) and references to anything outside the feed (an
    external DTD or entity: local files, internal URLs) are refused outright, RSS 0.91's public
    DTD included: nothing outside the feed is ever read. defusedxml checks as expat streams,
    before anything is expanded or fetched. A body expat cannot read at all goes on to
    feedparser's lenient parser (which keeps only simple character entities) unless it declares
    entities this check could not see.
    """
    try:
        defusedxml.sax.parseString(body, xml.sax.ContentHandler(), forbid_dtd=False)
    # The reasons quote nothing from the feed: a hostile feed chooses its entity names and paths.
    except defusedxml.EntitiesForbidden:
        return "refused: the feed declares XML entities, which are not read (entity expansion, XXE)"
    except (defusedxml.ExternalReferenceForbidden, defusedxml.DTDForbidden):
        return "refused: the feed refers to an XML resource outside it (an external DTD or entity)"
    except (xml.sax.SAXException, ValueError, UnicodeError):
        if b"<!entity" in body.lower():
            return "refused: the feed declares XML entities, which are not read (entity expansion, XXE)"
    return None


def parse_feed(fetched: Fetched) -> list[Entry]:
    """The feed's items; FetchError when it is refused or cannot be read as RSS or Atom."""
    refused = unsafe_xml(fetched.body)
    if refused is not None:
        raise FetchError(fetched.url, refused)
    # The HTTP charset wins over the XML declaration (RFC 7303), as feedparser applies it. The body goes
    # in as a stream: given bytes, feedparser tries them as a file name first, and would read a local
    # file whose path a hostile server sent as its feed.
    codec = codec_of(fetched.charset)
    media = fetched.content_type or "application/xml"
    headers = {"content-type": f"{media}; charset={codec}"} if codec else {}
    parsed: Any = feedparser.parse(io.BytesIO(fetched.body), response_headers=headers)
    problem = parsed.get("bozo_exception")
    # feedparser also flags benign things (a declared charset that was wrong); broken XML is fatal,
    # since its "entries" are whatever the lenient parser salvaged.
    if (parsed.bozo and not parsed.entries) or isinstance(problem, xml.sax.SAXException):
        raise FetchError(fetched.url, f"not a readable RSS or Atom feed ({problem})")
    return [
        Entry(
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
