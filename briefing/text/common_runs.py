"""The words two outlets' tellings of one fact share in the same order: what they agree the fact is.

"It cannot be passed from person to person" and "the infection does not pass from person to person"
share "from person to person"; "found its way round the eastern end of Orvel's flood wall" and "the
town's flood wall ... was outflanked at its eastern end" share "flood wall" and "eastern end". A
sentence written for the fact that says neither ("Doctors warn of no transmission") has lost it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefing.text.words import content_words

_WORD = re.compile(r"[\w'’-]+")
MOST_RUNS = 3


def common_runs(text: str, others: Sequence[str]) -> list[str]:
    """Runs of two or more words that `text` and at least one of `others` both have, as `text` writes
    them, longest first, at most `MOST_RUNS`; each has two content words and no figure (a date is an
    aside the fact can be told without, and figures are checked on their own), and none lies
    inside another."""
    words = _WORD.findall(text)
    low = [w.casefold() for w in words]
    spans: set[tuple[int, int]] = set()
    for other in others:
        spans |= _shared_spans(low, [w.casefold() for w in _WORD.findall(other)])
    runs = []
    for start, end in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        run = " ".join(words[start:end])
        content = content_words(run)
        if sum(w in content for w in low[start:end]) < 2 or any(c.isdigit() for c in run):
            continue
        if any(start >= s and end <= e for s, e in spans if (s, e) != (start, end)):
            continue
        runs.append(run)
    return runs[:MOST_RUNS]


def keeps(sentence: str, run: str) -> bool:
    """Whether `sentence` says the content words of `run` (by their stems: "person", "persons")."""
    said = set(content_words(sentence).values())
    return set(content_words(run).values()) <= said


def _shared_spans(a: list[str], b: list[str]) -> set[tuple[int, int]]:
    """(start, end) in `a` of each maximal run of two or more words that `b` also has in that order."""
    found = set()
    previous = [0] * (len(b) + 1)
    for i in range(1, len(a) + 1):
        current = [0] * (len(b) + 1)
        for j in range(1, len(b) + 1):
            if a[i - 1] == b[j - 1]:
                current[j] = previous[j - 1] + 1
        for j in range(1, len(b) + 1):
            length = current[j]
            # A run ends here when the next words differ (or either text ends).
            ends = length >= 2 and (i == len(a) or j == len(b) or a[i] != b[j])
            if ends:
                found.add((i - length, i))
        previous = current
    return found
