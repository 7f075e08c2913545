"""Figures in a passage with what they measure, so two sources' values for one fact can be compared.

A quantity is a figure (`briefing.numbers`) with its kind and the words around it:

- kind: the unit ("%", a currency, with all dollars one) or, for a bare number, the noun it counts
  ("85 permanent jobs" counts jobs, "120,000 cubic metres" cubic metres). Jobs, staff, people and the like
  are one kind. A bare number counting nothing ("in 2023", "March 3") is not a quantity.
- context: the content words of its clause, at most five each side, stopping at punctuation, a
  conjunction or another figure, so "70% of supply and 90% of magnet production" gives each its own.

Two quantities state the same fact (`same_fact`) when they are of one kind and their contexts share
enough words: two, or one and a half for units other than percent, money, people and time, which a
story seldom uses for two things; time words ("day", "year") count half; a rise never matches a fall.
Values are the same (`same_value`) when one is the other rounded, or within 5% when either is hedged
("about 90%").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from briefing.numbers import Figure, figures
from briefing.text_words import content_words

_HEDGES = ("about", "around", "roughly", "approximately", "nearly", "almost", "some", "up to", "close to")
_HEDGE_STEMS = frozenset(content_words(" ".join(_HEDGES)).values())
_APPROXIMATE = frozenset({"about", "around", "roughly", "approximately", "nearly", "almost", "some"})
_HEDGE = re.compile(r"(?:\b(?:" + "|".join(_HEDGES) + r")\s+)$", re.IGNORECASE)
# Words that may stand between a number and the noun it counts: "85 permanent jobs".
_MODIFIERS = frozenset({
    "permanent", "new", "additional", "extra", "more", "full-time", "part-time", "temporary", "local",
    "direct", "skilled", "further", "fresh", "other",
})  # fmt: skip
_NEXT_WORD = re.compile(r"[-\s]{0,2}([a-z][a-z-]*)\b")
_PEOPLE = frozenset({
    "people", "person", "staff", "job", "worker", "employee", "position", "post", "role", "personnel",
})  # fmt: skip
_TIME = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "decade", "summer", "winter"})
_NOT_UNITS = frozenset({"of", "to", "in", "and", "or", "a", "an", "the", "for", "on", "at", "by", "from"})
_CLAUSE_END = re.compile(r"[.;:!?()\[\]\"“”—–,]|\b(?:and|but|while|whereas|or|although|though)\b|\d")
_RATE = re.compile(r"\b(a|per|every|each)\s+(day|week|month|year)\b")
_WEAK = frozenset({"day", "week", "month", "year", "quarter", "first", "last", "next", "total", "time"})
_UP = frozenset(content_words("rise rose rises increase grow grew climb jump gain higher raise up").values())
_DOWN = frozenset(content_words("fall fell drop decline cut lower reduce shrink slump down").values())
_CUES = {
    "capacity": "produce treat turn capacity process pump generate hold store",
    "cost": "cost costs price spend budget invest investment worth",
    "jobs": "employ employs job staff hire workforce",
    "tariff": "tariff tariffs duty duties levy",
}
_CUE_STEMS = {label: frozenset(content_words(words).values()) for label, words in _CUES.items()}


@dataclass(frozen=True)
class Quantity:
    """One figure in a passage, with its kind and the words around it."""

    figure: Figure
    kind: str  # "%", "$", "€", "cubic metre", "people", ...
    unit_text: str  # the unit as written, for a label: "cubic metres", "%"
    forms: tuple[str, ...]  # verbatim in the passage, longest first: "up to 210,000 cubic metres", ...
    hedged: bool
    context: frozenset[str]
    # What it is a share of, lowercase: "of global supply" gives ("global", "supply").
    of_words: tuple[str, ...]
    rate: str | None  # "a day"


def _singular(word: str) -> str:
    if word == "people":
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _count_noun(after: str) -> tuple[str, str, int] | None:
    """(kind, unit as written, length) of the noun a bare number counts, from the text after it."""
    words: list[str] = []
    at = 0
    while (m := _NEXT_WORD.match(after, at)) and len(words) < 4:
        words.append(m.group(1))
        at = m.end()
        if m.group(1) not in _MODIFIERS and m.group(1) not in ("cubic", "square"):
            break
    if not words or words[-1] in _MODIFIERS:
        return None
    noun = _singular(words[-1])
    if noun in _NOT_UNITS or len(noun) < 3:
        return None
    measure = [w for w in words[:-1] if w in ("cubic", "square")]
    kind = "people" if noun in _PEOPLE else " ".join([*measure, noun.replace("meter", "metre")])
    return kind, " ".join([*measure, words[-1]]), at


def _kind(fig: Figure, after: str) -> tuple[str, str, int] | None:
    if fig.unit is not None:
        return ("$" if fig.unit.endswith("$") else fig.unit), fig.unit, 0
    if re.fullmatch(r"(1[89]|20)\d\d", fig.text):  # a year, whatever follows it
        return None
    return _count_noun(after)


def _clause(left: str, right: str) -> tuple[str, str]:
    """The parts of the figure's clause before and after it."""
    ends = list(_CLAUSE_END.finditer(left))
    before = left[ends[-1].end() :] if ends else left
    first = _CLAUSE_END.search(right)
    return before, right[: first.start()] if first else right


def quantities(text: str) -> list[Quantity]:
    """The figures in `text` that measure something, in order."""
    found, at = [], 0
    for fig in figures(text):
        start = text.find(fig.text, at)
        if start < 0 or fig.weak:
            continue
        at = start + len(fig.text)
        kind = _kind(fig, text[at:])
        if kind is None:
            continue
        end = at + kind[2]
        hedge = _HEDGE.search(text[:start])
        forms = [text[start:end]]
        if hedge:
            forms.insert(0, text[hedge.start() : end])
        before, after = _clause(text[:start], text[end:])
        near = list(content_words(before).values())[-5:] + list(content_words(after).values())[:5]
        of = after.strip().removeprefix("of ") if after.strip().startswith("of ") else ""
        rate = _RATE.search(after)
        found.append(
            Quantity(
                figure=fig, kind=kind[0], unit_text=kind[1], forms=tuple(forms),
                hedged=hedge is not None and hedge.group(0).split()[0].lower() in _APPROXIMATE,
                context=frozenset(near) - _HEDGE_STEMS - set(content_words(kind[1]).values()),
                of_words=tuple(content_words(_RATE.sub("", of))),
                rate=rate.group(0) if rate else None,
            )
        )  # fmt: skip
    return found


def same_fact(a: Quantity, b: Quantity) -> bool:
    """Whether `a` and `b` are of one kind and their contexts say they measure the same thing."""
    if a.kind != b.kind:
        return False
    if (a.context & _UP and b.context & _DOWN) or (a.context & _DOWN and b.context & _UP):
        return False
    shared = a.context & b.context
    score = sum(0.5 if w in _WEAK else 1.0 for w in shared)
    # Percentages, money, head counts and durations measure many things in one story; cubic metres or
    # passengers seldom do, so for those a shared word and a shared "day" are enough.
    specific = a.figure.unit is None and a.kind not in _TIME and a.kind != "people"
    return score >= (1.5 if specific else 2.0)


def _rounded(x: Figure, y: Figure) -> bool:
    """Whether `x` is `y` written at `x`'s precision."""
    step = x.scale * Decimal(1).scaleb(-x.decimals)
    return abs(x.value - y.value) * 2 <= step and abs(x.value - y.value) * 20 <= abs(y.value)


def same_value(a: Quantity, b: Quantity) -> bool:
    """Whether `a` and `b` give one value, allowing for rounding and hedges."""
    x, y = a.figure, b.figure
    if x.value == y.value or _rounded(x, y) or _rounded(y, x):
        return True
    return (a.hedged or b.hedged) and abs(x.value - y.value) * 20 <= max(abs(x.value), abs(y.value))


def topic(group: Sequence[Quantity]) -> str:
    """A short label for what the quantities in `group` measure: "capacity (cubic metres a day)"."""
    first = group[0]
    rate = next((f" {q.rate}" for q in group if q.rate), "")
    shortest = min((q.of_words for q in group), key=len)
    shared_of = [w for w in shortest if all(w in q.of_words for q in group)]
    if first.kind == "%" and shared_of:
        return "share of " + " ".join(shared_of)
    unit = "percent" if first.kind == "%" else first.unit_text
    words = frozenset().union(*(q.context for q in group))
    label = next((name for name, stems in _CUE_STEMS.items() if words & stems), "figure")
    return f"{label} ({unit}{rate})"
