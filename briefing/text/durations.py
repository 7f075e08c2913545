"""Spans of time said two ways, told one way before a sentence is checked against its sources.

"Within the next fortnight" and "within the next two weeks", "over the next 18 months" and "over
the next year and a half", "the week to 12 January" and "the seven days to 12 January", "the first
quarter" and "the first three months" say the same; read word by word, the figure "two" or "18" is
missing from the other side, and "next year" looks like a time the source never gives. Both the
sentence and its passages are rewritten to one form, so every check compares like with like; the
rest of the text is left as it was. (Counts of months or decades given against years, "24 months"
for "two years", stay with the figures check: `figure_match._durations`.)
"""

from __future__ import annotations

import re

# Determiners and time words after which a span reads as "week", not "a week": "the past seven days".
_BEFORE = r"(?P<before>\b(?:the|past|last|next|previous|coming|first|final|this)\s+)?"

_PLAIN: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"\b(?:(?:a|one)\s+)?year\s+and\s+a\s+half\b|\bone\s+and\s+a\s+half\s+years\b", re.I),
        "18 months",
    ),
    (re.compile(r"\bhalf\s+a\s+year\b", re.I), "six months"),
    (re.compile(r"\b(?:a\s+)?fortnight\b(?!ly)", re.I), "two weeks"),
    (re.compile(r"\b(?:a|one)\s+decade\b(?!s)", re.I), "10 years"),
    (re.compile(r"\b(first|last|final)\s+(?:three|3)\s+months\b", re.I), r"\1 quarter"),
)
_SEVEN_DAYS = re.compile(_BEFORE + r"\b(?:seven|7)\s+days\b", re.I)


def plain_durations(text: str) -> str:
    """`text` with each span of time said the one way the checks compare (see the module doc)."""
    for pattern, plain in _PLAIN:
        text = pattern.sub(plain, text)
    return _SEVEN_DAYS.sub(lambda m: f"{m['before']}week" if m["before"] else "a week", text)
