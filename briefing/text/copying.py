"""How much of a sentence is the source's own words in a row, outside quotation marks.

A brief that repeats the article's sentences is faithful but is not a brief: the reader has the
article already. Copying is fine as a marked quotation (someone's exact words, in quotation marks);
outside them, a run of more than `max_copied_words` consecutive words of one passage is refused and
the model is asked once to say it in its own words (see `generate.py`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefing.text.words import SINGLE_QUOTES

# A figure with its separators ("120,000", "3.5") is one word.
_WORD = re.compile(r"\d[\d,.]*\d|[^\W_]+(?:['’][^\W_]+)*")
# A quotation: double quotes, or single quotes that open after a space and close before one (an
# apostrophe inside a word, as in "city's", opens nothing).
_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]|(?<![^\W_])['‘][^'’]+['’](?![^\W_])")


@dataclass(frozen=True)
class CopiedRun:
    """The longest stretch of a sentence found word for word in one source."""

    words: int
    text: str


def _words(text: str) -> list[str]:
    return [w.lower().translate(SINGLE_QUOTES) for w in _WORD.findall(text)]


def outside_quotes(text: str) -> list[str]:
    """The stretches of `text` that are not inside quotation marks, in order."""
    return [part for part in _QUOTED.split(text) if part.strip()]


def longest_copied_run(sentence: str, sources: Sequence[str]) -> CopiedRun:
    """The longest run of consecutive words, outside quotation marks, that some source has in a row."""
    best = CopiedRun(0, "")
    for source in sources:
        theirs = _words(source)
        for part in outside_quotes(sentence):
            ours = _words(part)
            length, end = _longest_common_run(ours, theirs)
            if length > best.words:
                best = CopiedRun(length, " ".join(ours[end - length : end]))
    return best


def _longest_common_run(a: list[str], b: list[str]) -> tuple[int, int]:
    """Length of the longest common run of `a` and `b`, and where it ends in `a` (dynamic programming)."""
    best, best_end = 0, 0
    previous = [0] * (len(b) + 1)
    for i, word in enumerate(a, start=1):
        current = [0] * (len(b) + 1)
        for j, other in enumerate(b, start=1):
            if word == other:
                current[j] = previous[j - 1] + 1
                if current[j] > best:
                    best, best_end = current[j], i
        previous = current
    return best, best_end
