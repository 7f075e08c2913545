"""Shares said as fractions, told as percentages before a sentence is checked against its sources.

"Dropped by a quarter" and "declined 25%", "a fifth of the homes" and "20% of the homes", "one in
ten drivers" and "10% of drivers" say the same; read figure by figure, "25%" is missing from the
other side. Both the sentence and its passages are rewritten to the percentage, like spans of time
(`durations.py`); thirds are left alone, as a writer gives them as 33%, 33.3% or "a third".
"""

from __future__ import annotations

import re

_SHARE = {"quarter": "25%", "fifth": "20%", "tenth": "10%", "three quarters": "75%"}
_ONE_IN = {"two": "50%", "four": "25%", "five": "20%", "ten": "10%", "2": "50%", "4": "25%", "5": "20%"}

# "by a quarter", "by three quarters": a change; not "by a quarter of a percentage point", a fraction
# of a unit, nor "by a quarter point". "By half" is left with "halve", which it pairs with as often
# as with "50%".
_NOT_OF_A_UNIT = r"(?!\s+(?:of\s+)?an?\b|\s+(?:percentage\s+)?points?\b)"
_BY = re.compile(r"\bby\s+(?:(?:a|one)\s+)?(quarter|fifth|tenth|three[\s-]quarters)\b" + _NOT_OF_A_UNIT, re.I)
# "a quarter of", "one fifth of", "three quarters of": a part ("half of" is left: "half of them"
# reads no better as a percentage, and "fewer than half" is a bound the checks read already).
_PART = re.compile(r"\b(?:(?:a|one)\s+(quarter|fifth|tenth)|(three[\s-]quarters))\s+of\b(?!\s+an?\b)", re.I)
# "one in four adults", "one in ten of the drivers".
_ONE_IN_PATTERN = re.compile(r"\bone\s+in\s+(two|four|five|ten|[245])\b(?:\s+of\b)?", re.I)


def _share(word: str) -> str:
    return _SHARE[re.sub(r"[\s-]+", " ", word.lower())]


def plain_fractions(text: str) -> str:
    """`text` with each fraction of a whole written as a percentage (see the module doc)."""
    text = _BY.sub(lambda m: f"by {_share(m[1])}", text)
    text = _PART.sub(lambda m: f"{_share(m[1] or m[2])} of", text)
    return _ONE_IN_PATTERN.sub(lambda m: f"{_ONE_IN[m[1].lower()]} of", text)
