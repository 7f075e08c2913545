"""Sentence boundaries in news text, with character offsets."""

from __future__ import annotations

import re

# A boundary is end punctuation (optionally closed by a quote or bracket), whitespace, then
# something that can open a sentence.
_BOUNDARY = re.compile(r"(?<=[.!?])([\"'”’)\]]*)\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "sen", "gov", "rep", "gen", "col", "lt",
    "no", "inc", "co", "corp", "ltd", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.u", "e.g", "i.e", "a.m", "p.m",
}  # fmt: skip


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Split text[start:end] into sentences; returns (start, end) offsets into `text`."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        cut = match.start() + len(match.group(1))
        if _ends_with_abbreviation(text[cursor:cut]):
            continue
        spans.append((cursor, cut))
        cursor = match.end()
    if cursor < end:
        spans.append((cursor, end))
    return [(s, e) for s, e in (_trim(text, s, e) for s, e in spans) if e > s]


def _ends_with_abbreviation(sentence: str) -> bool:
    words = sentence.rstrip("\"'”’)]").split()
    if not words:
        return False
    last = words[-1].rstrip(".").lower()
    # "J." in "J. Smith" is an initial, not the end of a sentence.
    return last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
