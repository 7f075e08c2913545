"""Sentence boundaries in news text, with character offsets; how many words a stretch of text holds.

Chinese, Japanese, Thai and their neighbours are written without spaces between words, so their
sentences end at a full-width mark ("。", "！", "？") with no space after it, and their words are
counted from characters rather than from spaces.
"""

from __future__ import annotations

import math
import re

# A boundary is end punctuation (optionally closed by a quote or bracket), whitespace, then
# something that can open a sentence; or a full-width end mark not inside a closing quote
# (「…です。」と話した is one sentence).
_BOUNDARY = re.compile(
    r"(?<=[.!?])([\"'”’)\]]*)\s+(?=[\"'“‘(\[]?[A-Z0-9])"
    r"|(?<=[。！？])()\s*(?=[^\s」』）”’。！？])"
)
# Han characters and kana: a word of Chinese or Japanese news text is about two of them.
_HAN_KANA = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
HAN_KANA_PER_WORD = 2
# Thai, Lao, Burmese and Khmer letters and vowel signs: about five to a word.
_SOUTHEAST_ASIAN = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")
SOUTHEAST_ASIAN_PER_WORD = 5
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
        cut = match.start() + len(match.group(1) or "")
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


def word_count(text: str) -> int:
    """Words in `text`: spaced words, plus words estimated from the characters of unspaced scripts.

    Any threshold on words ("a line of prose has at least eight") then holds for Japanese or Thai
    as well, instead of seeing a whole paragraph of them as one word.
    """
    han_kana = len(_HAN_KANA.findall(text))
    southeast = len(_SOUTHEAST_ASIAN.findall(text))
    spaced = _SOUTHEAST_ASIAN.sub(" ", _HAN_KANA.sub(" ", text)).split()
    words = sum(1 for word in spaced if any(c.isalnum() for c in word))
    return words + math.ceil(han_kana / HAN_KANA_PER_WORD) + math.ceil(southeast / SOUTHEAST_ASIAN_PER_WORD)


def written_without_spaces(text: str) -> bool:
    """Whether most letters of `text` belong to scripts written without spaces between words."""
    unspaced = len(_HAN_KANA.findall(text)) + len(_SOUTHEAST_ASIAN.findall(text))
    letters = sum(1 for c in text if c.isalpha())
    return unspaced > 0 and unspaced * 2 >= letters
