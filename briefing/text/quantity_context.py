"""What a figure counts when the words after it do not say, whether it is an earlier value, and the
words around it that say what it measures.

News states a revised figure with its noun before it and the old value beside it: "the number of
people hurt rose to 14 overnight, up from 11", "raised the number of homes evacuated to 450 on
Saturday, up from 300", "cut his lead to 187 votes, down from the 212 declared", "rose from 11 to 14
people". The words after "14", "450", "640" or "212" name no counted noun ("overnight", "on",
"declared"), so without this the figure is no quantity at all, or counts "overnight".

- `noun_before`: the counted noun of "number of X", "estimate of X", "count of X", when the figure
  closes the clause ("... rose to 14", "... at 450").
- `earlier_value`: "up from 11", "down from the 212", "from 11 to 14": the figure is the value the
  sentence says was replaced; it takes the kind of the figure it was replaced by.
- `not_counted`: words right after a figure that are no counted noun ("overnight", "reported").
- `money_context`: a sum's context with its cost words and the project's noun each said one way, as
  outlets call one undertaking "the scheme" and "the expansion".
- `sentence_words_near`: the words of a figure's sentence, for a count of people something happened to.
"""

from __future__ import annotations

import re

from briefing.text.quantity_words import NOT_NOUNS
from briefing.text.words import content_words

# Words after a figure that count nothing: adverbs of time and participles ("11 reported", "212 declared").
_NOT_COUNTED = frozenset({
    "overnight", "today", "yesterday", "tonight", "earlier", "later", "now", "ago", "so",
})  # fmt: skip
_NUMBER_OF = re.compile(
    r"\b(?:number|count|total|tally|estimate|toll|figure)\s+of\s+((?:[a-z][a-z'-]*\s+){0,3}[a-z][a-z'-]*)",
    re.IGNORECASE,
)
_TOLL = re.compile(r"\btoll\b", re.IGNORECASE)  # "the death toll rose to 15": people
# The figure closes the clause that named the noun: "... rose to 14", "... stood at 450", "... was 12".
_CLOSES = re.compile(r"\b(?:to|at|reached|reaches|was|is|stands at|stood at)\s+(?:about\s+|some\s+)?$", re.I)
_UP_FROM = re.compile(r"\b(?:up|down)\s+from\s+(?:the\s+)?(?:about\s+)?$", re.IGNORECASE)
_FROM = re.compile(r"\bfrom\s+(?:the\s+)?$", re.IGNORECASE)
_TO_NEXT = re.compile(r"\s+to\s+$")


def not_counted(word: str) -> bool:
    """Whether a word right after a figure cannot be what it counts."""
    w = word.lower()
    return w in _NOT_COUNTED or (len(w) >= 5 and w.endswith("ed") and not w.endswith("eed"))


def noun_before(before: str, counted: set[str] | frozenset[str]) -> str | None:
    """The noun of "the number of X ... rose to" before a figure: the first word after "of" that is a
    plural or a known counted noun (`counted`), as written; None when the figure does not close it."""
    before = re.split(r"[.;!?]\s", before)[-1]  # the figure's own sentence
    if not _CLOSES.search(before):
        return None
    found = list(_NUMBER_OF.finditer(before))
    if not found:
        return "people" if _TOLL.search(before) else None
    for word in found[-1].group(1).lower().split():
        if word in counted or (word.endswith("s") and not word.endswith("ss") and len(word) > 3):
            return word
    return None


def earlier_value(before: str) -> int:
    """Where the figure this one is an earlier value of sits: -1 just before it ("rose to 14, up from
    11"), 1 just after it ("from 11 to 14"), 0 when it is no earlier value."""
    if _UP_FROM.search(before):
        return -1
    return 1 if _FROM.search(before) else 0


def closes_range(between: str) -> bool:
    """Whether the text between two figures joins "from A to B"."""
    return _TO_NEXT.fullmatch(between) is not None or between.strip() == "to"


# What a measure is of: the noun after "a 40-metre span", or before the verb in "the span measured 45 m",
# or after it in "112 millimetres of rain"; what a share is of: "turnout was 41 percent", "turnout at 38%".
_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|the|its|their|this|that)\s+$", re.IGNORECASE)
_MEASURED_BEFORE = re.compile(
    r"\b([a-z]+)\s+(?:measured|measures|measuring|is|was|are|were|stretches|stretched|stretching|spans"
    r"|spanned|extends|extended|runs|ran|reaches|reached|of)\s+$",
    re.IGNORECASE,
)
_SHARE_BEFORE = re.compile(r"\b([a-z]+)\s+(?:is|was|stood at|stands at|at|of)\s+$", re.IGNORECASE)
_NEXT_WORD = re.compile(r"[-\s]{0,2}([a-z][a-z-]*)\b")
_OF_NOUN = re.compile(r"\s+of\s+([a-z][a-z-]*)\b")


def thing_of(before: str, after: str, attached: bool, *, share: bool = False) -> str | None:
    """What a measure is of ("a 40-metre span", "the span is", "112 mm of rain"), stemmed; for a share
    (`share`), only the thing it is said of ("turnout was 41%", "put turnout at 38%")."""
    if share:
        m = _SHARE_BEFORE.search(before)
        return _stem(m.group(1)) if m else None
    if attached or _DETERMINER_BEFORE.search(before):
        m = _NEXT_WORD.match(after.lower())
        if m and m.group(1) not in NOT_NOUNS:
            return _stem(m.group(1))
    if m := _MEASURED_BEFORE.search(before):
        return _stem(m.group(1))
    m = _OF_NOUN.match(after.lower())
    return _stem(m.group(1)) if m and m.group(1) not in NOT_NOUNS else None


def _stem(word: str) -> str | None:
    return next(iter(content_words(word).values()), None)


# Nouns news uses for one undertaking, as outlets name it differently ("a 380 million dollar
# expansion", "the scheme"), and the words that make a sum its cost ("budgeted at", "costs").
_PROJECT = frozenset(content_words("scheme project expansion development programme plan upgrade").values())
_COST = frozenset(content_words("cost costs price spend budget budgeted invest investment").values())
_ATTRIBUTIVE = re.compile(r"\s*-?\s*([a-z]+)\b")  # "a $380m expansion": the sum is the expansion's
_ANTECEDENT = re.compile(r"\b([a-z]+),\s+(?:which|that)\b[^,]*$", re.IGNORECASE)  # "The scheme, which cost"


def money_context(near: frozenset[str], before: str, after: str) -> frozenset[str]:
    """The context of a sum, with what it is the cost of said one way whatever the outlet's noun.

    Cost words become "<cost>" and project nouns "<project>", each counting as one shared word; a sum
    written before a noun ("a 380 million dollar expansion") is that noun's cost, and one in a clause
    opened by "which" ("The scheme, which was budgeted at") is the cost of the noun before it.
    """
    words = set(near)
    if (m := _ATTRIBUTIVE.match(after)) and m.group(1) not in NOT_NOUNS:
        words |= {"<cost>", *content_words(m.group(1)).values()}
    if m := _ANTECEDENT.search(before):
        words |= set(content_words(m.group(1)).values())
    cost = {"<cost>"} if words & _COST else set()
    project = {"<project>"} if words & _PROJECT else set()
    return frozenset(words - _COST - _PROJECT) | cost | project


def sentence_words_near(left: str, right: str) -> list[str]:
    """The content words of the figure's sentence, nearest eight each side: what a toll is a toll of.

    In "12 people died and 30 were injured when the bridge fell", both counts are of the bridge, which
    their clauses ("12 people died", "30 were injured") do not say.
    """
    before = re.split(r"[.;!?]", left)[-1]
    after = re.split(r"[.;!?]", right)[0]
    words = [list(content_words(re.sub(r"\d", " ", part)).values()) for part in (before, after)]
    return words[0][-8:] + words[1][:8]
