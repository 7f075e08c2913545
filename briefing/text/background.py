"""Whether a sentence tells history or context rather than the news the reports are about.

Background ranks low in a story, is not a fact "left out" of the briefs, and a figure it gives is no
account of today's figure ("four people fell ill in 2014" does not dispute "13 cases"). It is either
worded as history ("historically", "years ago", "since 2019") or names a year before the reports'
own. A year in an aside set off by commas that says more than the year ("The flood wall, finished in
2011, held"), or in a closing "which" or past-participle clause ("round the flood wall, which was
completed in 2011.", "round the flood wall, completed in 2011."), dates the thing, not the news;
", in 2014," alone dates the sentence itself.
"""

from __future__ import annotations

import re
from datetime import datetime

_BACKGROUND = re.compile(
    r"\b(?:historically|years ago|decades ago|in the past|previously|used to|once again|"
    r"for decades|was founded|had long|since (?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
_ASIDE = re.compile(
    r",(?!\s*(?:in|during)\s+(?:19|20)\d\d\s*,)[^,]*\b(?:19|20)\d\d\b[^,]*,"
    # A closing clause on the noun before it: "... the flood wall, which was completed in 2011." or,
    # as a model shortens it, "... the flood wall, completed in 2011 after flooding in 2007."
    r"|,\s*(?:which|who|\w+ed)\b[^,]*\b(?:19|20)\d\d\b[^,]*$"
)


def is_background(text: str, published: datetime | None) -> bool:
    """History or context: background words, or a year before the reports' own outside an aside."""
    return _BACKGROUND.search(text) is not None or tells_past_year(text, published)


def tells_past_year(text: str, published: datetime | None) -> bool:
    """Whether the sentence is dated to a year before `published`'s, not counting asides."""
    years = [int(y) for y in _YEAR.findall(_ASIDE.sub(",", text))]
    return published is not None and bool(years) and max(years) < published.year


def without_dated_asides(text: str) -> str:
    """The sentence without its asides that date a thing ("the flood wall, which was completed in
    2011 after flooding in 2007."): what a writer told to leave out background should not copy, and
    what a small model otherwise pins on the news ("water got round the wall in 2011")."""
    kept = _ASIDE.sub(lambda m: "." if m.group(0).rstrip().endswith(".") else " ", text)
    kept = re.sub(r"\s+([.,;:])", r"\1", re.sub(r"\s{2,}", " ", kept)).strip()
    return kept if kept[-1:] in ".!?\"'”’" else f"{kept}."
