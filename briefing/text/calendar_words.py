"""Month and weekday names in news text: they say when, and a brief must give them as its source does.

Capitalised month and weekday names count as dates; "May" only next to a number or after a
preposition, as it is also a verb and a surname.
"""

from __future__ import annotations

from briefing.text.numbers import _tokens

MONTHS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
})  # fmt: skip
WEEKDAYS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
})  # fmt: skip
_MAY_CUES = frozenset({
    "in", "since", "until", "till", "by", "from", "of", "early", "late", "mid", "last", "next", "this",
    "before", "after",
})  # fmt: skip


def dates(text: str) -> list[str]:
    """Capitalised month and weekday names in `text`, as written."""
    tokens = _tokens(text)
    found = []
    for i, tok in enumerate(tokens):
        if tok.kind != "word" or not tok.text[0].isupper() or tok.low not in MONTHS | WEEKDAYS:
            continue
        near_number = any(0 <= k < len(tokens) and tokens[k].kind == "num" for k in (i - 1, i + 1))
        if tok.low != "may" or near_number or (i > 0 and tokens[i - 1].low in _MAY_CUES):
            found.append(tok.text)
    return found
