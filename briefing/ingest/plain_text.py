"""Plain-text and Markdown articles: title line, then dateline/byline/source header, then the body."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from briefing.errors import InputError
from briefing.ingest.article import article_from_fields
from briefing.schema import Article
from briefing.text.boilerplate import boilerplate_reason

# Metadata is only looked for in this many non-blank lines after the title, so a body sentence
# further down that happens to look like a date or a byline is never taken out of the text.
HEADER_LINES = 5

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_ISO_TIME = r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_DATE = (
    rf"{_WEEKDAY}(?:{_MONTH}\s+{_DAY},?\s+\d{{4}}|{_DAY}\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}{_ISO_TIME}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}})"
)
_CLOCK = r"\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*\(?[a-z]{2,5}(?:[+-]\d{1,2})?\)?)?"
_TIME = rf"(?:\s*(?:,|at|[-\u2013\u2014])?\s*{_CLOCK})?"
_DATE_PREFIX = (
    r"(?:(?P<kind>published|updated|last updated|first published|posted|date|modified)"
    r"(?:\s+on)?\s*[:\-\u2013\u2014]?\s*)?"
)
_DATELINE = re.compile(
    rf"^{_DATE_PREFIX}(?P<value>(?:{_CLOCK},?\s+)?{_DATE}{_TIME})\.?$",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^(?:(?:by|written by|words by|reporting by)\s+|(?:author|authors|byline)\s*:\s*)(?P<value>.+)$",
    re.IGNORECASE,
)
_SOURCE = re.compile(r"^(?:source|outlet|publisher|publication)\s*:\s*(?P<value>.{1,80})$", re.IGNORECASE)
_URL = re.compile(r"^(?:(?:url|link|original(?:ly published)?(?: at)?)\s*:\s*)?(?P<value>https?://\S+)$")
# Several fields on one line: "By Jane Doe | June 12, 2025".
_FIELD_SEPARATOR = re.compile(r"\s+[|·•]\s+|\s+[-\u2013\u2014]\s+(?=by\b)", re.IGNORECASE)
_MARKDOWN_HEADING = re.compile(r"^#{1,6}(?:\s+|$)")
_BULLET = re.compile(r"^[-*\u2022]\s+")
_SETEXT_UNDERLINE = re.compile(r"^(?:=+|-+)\s*$")
# A capitalised word, optionally after a particle such as "al-" or "d'": "Doe", "J.", "al-Rashid".
_NAME_TOKEN = re.compile(r"^(?:[a-z]{1,3}['\u2019\-])?(?P<initial>[^\W\d_])[\w'\u2019.\-]*$")
_NAME_JOINERS = {"and", "&", "in", "at", "for", "of", "the", "de", "da", "del", "van", "von", "der", "al"}
_NAME_PARTS = re.compile(r",|;|\s+and\s+|\s+&\s+")


@dataclass
class Header:
    """Metadata read from the lines under the title."""

    published: str | None = None
    updated: str | None = None
    byline: str | None = None
    source: str | None = None
    url: str | None = None


def _looks_like_names(value: str) -> bool:
    # "Jane Doe and John Roe, Reuters" is a byline; "By Tuesday, the mine had closed." is a sentence.
    words = value.split()
    if not words or len(words) > 14 or value.endswith(("!", "?", ":")):
        return False
    if value.endswith(".") and len(words[-1]) > 4:
        return False
    for part in _NAME_PARTS.split(value):
        tokens = part.split()
        if not tokens:
            continue
        if not _name_token(tokens[0]):
            return False
        if not all(_name_token(t) or t.lower() in _NAME_JOINERS for t in tokens[1:]):
            return False
    return True


def _name_token(token: str) -> bool:
    match = _NAME_TOKEN.match(token)
    return match is not None and match.group("initial").isupper()


def _looks_like_outlet(value: str) -> bool:
    # "Source: Example Times", not "Source: officials said the figures were wrong."
    return len(value.split()) <= 8 and not value.endswith((".", "!", "?"))


def _read_field(part: str, header: Header) -> bool:
    """Record one header field into `header`; False if `part` is not metadata."""
    if match := _DATELINE.match(part):
        kind = (match.group("kind") or "").lower()
        if kind in ("updated", "last updated", "modified"):
            header.updated = header.updated or match.group("value")
        else:
            header.published = header.published or match.group("value")
        return True
    if (match := _BYLINE.match(part)) and _looks_like_names(match.group("value").strip()):
        header.byline = header.byline or match.group("value").strip()
        return True
    if (match := _SOURCE.match(part)) and _looks_like_outlet(match.group("value").strip()):
        header.source = header.source or match.group("value").strip()
        return True
    if match := _URL.match(part):
        header.url = header.url or match.group("value")
        return True
    return False


def _read_header_line(line: str, header: Header) -> Header | None:
    """The header with this line's fields added, or None if the line is not (all) metadata."""
    parts = [p.strip() for p in _FIELD_SEPARATOR.split(line.strip()) if p.strip()]
    # Fill a copy, so that a line that is only partly metadata leaves the header untouched.
    trial = replace(header)
    if not parts or not all(_read_field(p, trial) for p in parts):
        return None
    return trial


def _read_header(lines: list[str], index: int) -> tuple[Header, int]:
    """Metadata in the lines from `index` on, and the index of the first body line."""
    header = Header()
    body_start, looked = index, 0
    while index < len(lines) and looked < HEADER_LINES:
        line = lines[index]
        index += 1
        if not line.strip():
            continue
        looked += 1
        read = _read_header_line(line, header)
        if read is None:
            break
        header, body_start = read, index
    return header, body_start


def _title_text(line: str) -> str:
    return _BULLET.sub("", _MARKDOWN_HEADING.sub("", line.strip())).strip()


def split_title_header_body(text: str) -> tuple[str, Header, str]:
    """Split a text article into its title, its header metadata and the body exactly as written."""
    lines = text.splitlines(keepends=True)
    index = 0
    # Scraped files may open with "Skip to content" or "Highlights": such lines are not the title.
    while index < len(lines) and (
        not _title_text(lines[index]) or boilerplate_reason(lines[index]) is not None
    ):
        index += 1
    if index < len(lines) and _BULLET.match(lines[index].strip()):
        # No headline, only a list of highlights: the first item names the article but stays in the
        # body, since it is content.
        return _title_text(lines[index]), Header(), "".join(lines[index:])
    title = _title_text(lines[index]) if index < len(lines) else ""
    index += 1
    if index < len(lines) and _SETEXT_UNDERLINE.match(lines[index]):
        index += 1
    header, body_start = _read_header(lines, index)
    return title, header, "".join(lines[body_start:])


def read_text_article(origin: str, text: str) -> Article:
    """Parse a .txt/.md article; raises InputError when it has no title or no body."""
    title, header, body = split_title_header_body(text)
    if not title:
        raise InputError(origin, "no title line found")
    if not body.strip():
        raise InputError(origin, "no article text after the title and header lines")
    return article_from_fields(
        origin,
        title,
        body,
        source=header.source,
        url=header.url,
        # The date the article was first published; an "Updated" date only when there is no other.
        published=header.published or header.updated,
        byline=header.byline,
    )
