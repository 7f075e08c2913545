"""Content words and their stems: what word-overlap support and the judge's evidence picking count."""

from __future__ import annotations

import re

from briefing.lexicon import STOPWORDS
from briefing.numbers import NUMBER_WORDS

SINGLE_QUOTES = str.maketrans({c: "'" for c in "‘’‚‛"})
_CONTENT_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_FLAT_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def flat(text: str) -> str:
    """The words of `text`, casefolded, one space apart and padded, for whole-word substring tests."""
    words = _FLAT_WORD.findall(text.translate(SINGLE_QUOTES).casefold())
    return " " + " ".join(words) + " "


def _stem(word: str) -> str:
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
    return {w: _stem(w) for w in words if w not in STOPWORDS and w not in NUMBER_WORDS and len(w) > 1}
