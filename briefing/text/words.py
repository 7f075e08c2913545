"""Content words and their stems: what word-overlap support and the judge's evidence picking count."""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefing.text.lexicon import STOPWORDS
from briefing.text.numbers import NUMBER_WORDS

SINGLE_QUOTES = str.maketrans({c: "'" for c in "‘’‚‛"})
_CONTENT_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_FLAT_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def flat(text: str) -> str:
    """The words of `text`, casefolded, one space apart and padded, for whole-word substring tests."""
    words = _FLAT_WORD.findall(text.translate(SINGLE_QUOTES).casefold())
    return " " + " ".join(words) + " "


def stem(word: str) -> str:
    """A crude stem that "rise", "rises", "rising" and "raised"/"raise" share."""
    w = word.removesuffix("'s")
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
    # "rise", "rises", "rising" and "raised"/"raise" meet once a final e and a doubled consonant go.
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiou":
        w = w[:-1]
    return w


def content_words(text: str) -> dict[str, str]:
    """The content words of `text`, each with its stem, in order."""
    words = _CONTENT_WORD.findall(text.translate(SINGLE_QUOTES).casefold())
    return {w: stem(w) for w in words if w not in STOPWORDS and w not in NUMBER_WORDS and len(w) > 1}


_DOUBLE_QUOTES = str.maketrans({c: '"' for c in "“”„‟«»″"})
_DOUBLE = re.compile(r'"([^"]*)"')
# A single-quoted stretch only counts when it opens after a space and is several words long, since
# apostrophes ("fishers' association", "it's") look the same.
_SINGLE = re.compile(r"(?<![\w'])'(?=\w)((?:[^'\n]|(?<=\w)'(?=\w))*?[^\s'])'(?!\w)")


def quotations(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each quotation in `sentence`."""
    text = sentence.translate(_DOUBLE_QUOTES).translate(SINGLE_QUOTES)
    spans = [m.span(1) for m in _DOUBLE.finditer(text)]
    outside = "".join(" " if any(s - 1 <= i < e + 1 for s, e in spans) else c for i, c in enumerate(text))
    spans += [m.span(1) for m in _SINGLE.finditer(outside) if len(m.group(1).split()) >= 2]
    return sorted(spans)


def support(sentence: str, cited: Sequence[str]) -> tuple[float, list[str]]:
    """The share of the sentence's content words found in the cited text, and those not found."""
    words = content_words(sentence)
    available = {s for text in cited for s in content_words(text).values()}
    absent = [w for w, stem in words.items() if stem not in available]
    # An unsupported word counts one extra: short sentences, where two shared words ("plant", "year")
    # would otherwise make half, need fuller support; a fully supported sentence still scores 1.
    return ((len(words) - len(absent)) / (len(words) + bool(absent)) if words else 1.0), absent
