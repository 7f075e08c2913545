"""Figures in a passage with what they measure, so two sources' values for one fact can be compared.

A quantity is a figure (`briefing.text.numbers`, which also reads spelled numbers: "six", "Fifteen",
"forty-two") with its kind and the words around it:

- kind: the unit ("%", a currency, with all dollars one), a measure ("40-metre", "3.2 km", "50 MW":
  metric lengths, masses and powers are converted to one base, so "3 km" is 3,000 metres), or, for a
  bare number, the noun it counts, after modifiers ("85 permanent jobs" counts jobs, "120,000 cubic
  metres" cubic metres, "8 cars and trucks" vehicles). Jobs, staff, people and the dead or injured
  ("12 dead", "30 were injured") are one kind, people; cars, trucks and buses are vehicles, a count of
  one sort of vehicle remembering its sort. A year ("in 1998"), a day of a month ("March 3", "3 May")
  or a bare number counting nothing is not a quantity.
- context: the content words of its clause, at most five each side, stopping at punctuation, a
  conjunction or another figure, so "70% of supply and 90% of magnet production" gives each its own.
  A count of people something happened to also takes its sentence's words, as in "12 died and 30 were
  injured when the bridge fell" both are of the bridge. Words naming one event count as one word, as
  do a sum's cost words and the noun of the project it pays for ("budgeted", "costs"; "scheme",
  "expansion"). An outbreak's "cases" are people who fell ill.
- aspects: what happened to what is counted (died, injured, in hospital, built, opened...) and which
  dimension a measure gives (long, high, wide, deep), from the words of its clause.
- thing: what a measure is of, the noun after it ("a 40-metre span") or before its verb ("the span
  measured 45 metres"); one named thing counts as one more half word shared.

Whether two quantities state one fact and give one value is `briefing.text.quantity_compare`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from briefing.text.calendar_words import MONTHS
from briefing.text.numbers import Figure, figures
from briefing.text.quantity_context import (
    closes_range,
    earlier_value,
    money_context,
    not_counted,
    noun_before,
    sentence_words_near,
    thing_of,
)
from briefing.text.quantity_words import (
    APPROXIMATE,
    ASPECTS,
    BOUNDS,
    CASUALTIES,
    HEDGE_STEMS,
    HEDGES,
    MEASURE_KINDS,
    MEASURES,
    MODIFIERS,
    NOT_NOUNS,
    PEOPLE,
    VEHICLES,
)
from briefing.text.words import content_words

_HEDGE = re.compile(r"(?:\b(?:" + "|".join(HEDGES + BOUNDS) + r")\s+)$", re.IGNORECASE)
_NEXT_WORD = re.compile(r"[-\s]{0,2}([a-z][a-z-]*)\b")
_COORDINATED = re.compile(r"\s+(?:and|or|&)\s+([a-z][a-z-]*)\b")
_CLAUSE_END = re.compile(r"[.;:!?()\[\]\"“”—–,]|\b(?:and|but|while|whereas|or|although|though)\b|\d")
_RATE = re.compile(r"\b(a|per|every|each)\s+(day|week|month|year)\b")
_MEASURE = re.compile(r"[ \t]?-?[ \t]?([A-Za-z]+)(?![\w])")
_DIMENSION_SUFFIX = re.compile(r"-(long|high|tall|wide|deep)\b", re.IGNORECASE)
# "m" is metres only before a word that a measure may describe, as "5m people" is five million.
_AFTER_METRES = re.compile(r"[ \t-]+([a-z]+)\b", re.IGNORECASE)
_ELLIPTICAL = re.compile(r"\s+(?:were|was|have been|had been|are|are still)\s+([a-z]+)\b")
_MONTH_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(MONTHS)) + r")\.?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    """One figure in a passage, with its kind and the words around it."""

    figure: Figure  # in the kind's base for a measure: "3 km" is 3,000 (metres)
    kind: str  # "%", "$", "€", "cubic metre", "metre", "people", "vehicle", ...
    unit_text: str  # the unit as written, for a label: "cubic metres", "%"
    forms: tuple[str, ...]  # verbatim in the passage, longest first: "up to 210,000 cubic metres", ...
    hedged: bool
    context: frozenset[str]
    # What it is a share of, lowercase: "of global supply" gives ("global", "supply").
    of_words: tuple[str, ...]
    rate: str | None  # "a day"
    # The one sort of a broader kind it counts: "car" for "6 cars" (kind "vehicle"); None for all of it.
    part: str | None = None
    # What happened and which dimension: ("event", "dead"), ("dimension", "length").
    aspects: frozenset[tuple[str, str]] = frozenset()
    thing: str | None = None  # what a measure is of, stemmed: "span" for "a 40-metre span"
    # An earlier value the sentence says was replaced ("up from 11", "from 11 to 14"): where the figure
    # that replaced it sits in the list, -1 just before, 1 just after; 0 for any other figure.
    current_at: int = 0

    @property
    def previous(self) -> bool:
        return self.current_at != 0


@dataclass(frozen=True)
class _Kind:
    """What a figure measures, read from the text after it."""

    kind: str
    unit_text: str
    length: int  # of the unit as written after the figure
    factor: Decimal = Decimal(1)  # the kind's base units in one written unit
    part: str | None = None
    aspects: frozenset[tuple[str, str]] = frozenset()


def _singular(word: str) -> str:
    if word == "people":
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _plural(word: str) -> bool:
    return word in ("people", "police", "staff", "personnel") or (
        word.endswith("s") and not word.endswith("ss")
    )


def _counted(noun: str) -> tuple[str, str | None]:
    """(kind, sort) of a counted noun, singular: vehicles of one sort keep the sort."""
    if noun in PEOPLE:
        return "people", None
    sort = noun[:-1] if noun[:-1] in VEHICLES and noun.endswith("e") else noun  # "buses" gave "buse"
    if sort in VEHICLES:
        return "vehicle", None if sort == "vehicle" else sort
    return noun, None


def _casualty(after: str) -> _Kind | None:
    """People counted by what happened to them: "12 dead", "30 were injured"."""
    m = _NEXT_WORD.match(after)
    if m and m.group(1) in CASUALTIES:
        return _Kind("people", m.group(1), m.end(), aspects=frozenset({ASPECTS[m.group(1)]}))
    m = _ELLIPTICAL.match(after)
    if m and m.group(1) in CASUALTIES:
        return _Kind("people", m.group(1), m.end(), aspects=frozenset({ASPECTS[m.group(1)]}))
    return None


def _count_noun(after: str) -> _Kind | None:
    """The noun a bare number counts, after modifiers, from the text after it."""
    after = after.lower()
    if casualty := _casualty(after):
        return casualty
    words: list[str] = []
    at = 0
    while (m := _NEXT_WORD.match(after, at)) and len(words) < 4:
        words.append(m.group(1))
        at = m.end()
        if m.group(1) not in MODIFIERS and m.group(1) not in ("cubic", "square"):
            break
    if not words or words[-1] in MODIFIERS or after[at : at + 2] in ("'t", "’t"):  # "two doesn't"
        return None
    noun = _singular(words[-1])
    if noun in NOT_NOUNS or words[-1] in NOT_NOUNS or len(noun) < 3 or not_counted(words[-1]):
        return None
    measure = [w for w in words[:-1] if w in ("cubic", "square")]
    unit = " ".join([*measure, words[-1]])
    if measure:
        return _Kind(" ".join([*measure, noun.replace("meter", "metre")]), unit, at)
    kind, part = _counted(noun)
    # "8 cars and trucks": two sorts of one kind counted together are that kind, all of it.
    joined = _COORDINATED.match(after, at)
    if joined and _plural(words[-1]) and _plural(joined.group(1)):
        other_kind, _ = _counted(_singular(joined.group(1)))
        if other_kind == kind and kind in ("vehicle", "people"):
            return _Kind(kind, f"{unit}{after[at : joined.end()]}", joined.end())
    return _Kind(kind, unit, at, part=part)


def _measure(after: str) -> _Kind | None:
    """A unit of measure right after a number: "-metre", " km", "MW", with "-high" and the like."""
    m = _MEASURE.match(after)
    if m is None or m.group(1).lower() not in MEASURES:
        return None
    written = m.group(1).lower()
    if written == "m":
        nxt = _AFTER_METRES.match(after, m.end())
        if nxt is None or _plural(nxt.group(1).lower()) or nxt.group(1).lower() in NOT_NOUNS:
            return None
    kind, factor = MEASURES[written]
    end, aspects = m.end(), frozenset[tuple[str, str]]()
    if suffix := _DIMENSION_SUFFIX.match(after, end):
        end, aspects = suffix.end(), frozenset({ASPECTS[suffix.group(1).lower()]})
    unit_text = written if len(written) <= 2 or kind == "foot" else _singular(written) + "s"
    return _Kind(kind, unit_text, end, factor, aspects=aspects)


def _kind(fig: Figure, before: str, after: str) -> _Kind | None:
    if fig.unit is not None:
        return _Kind(("$" if fig.unit.endswith("$") else fig.unit), fig.unit, 0)
    if re.fullmatch(r"(1[89]|20)\d\d", fig.text):  # a year, whatever follows it
        return None
    if fig.value <= 31 and fig.decimals == 0 and _MONTH_BEFORE.search(before):  # "March 3", not "March 40"
        return None
    return _measure(after) or _count_noun(after) or _noun_before(before)


def _noun_before(before: str) -> _Kind | None:
    """The noun of "the number of people hurt rose to" for a figure with none after it."""
    word = noun_before(before, PEOPLE | VEHICLES)
    if word is None:
        return None
    kind, part = _counted(_singular(word))
    return _Kind(kind, word if _plural(word) else f"{word}s", 0, part=part)  # "job losses": jobs


def _clause(left: str, right: str) -> tuple[str, str]:
    """The parts of the figure's clause before and after it."""
    ends = list(_CLAUSE_END.finditer(left))
    before = left[ends[-1].end() :] if ends else left
    first = _CLAUSE_END.search(right)
    return before, right[: first.start()] if first else right


def _aspects(*texts: str) -> frozenset[tuple[str, str]]:
    """What happened and which dimension, from the words of a clause."""
    return frozenset(ASPECTS[w] for t in texts for w in re.findall(r"[a-z]+", t.lower()) if w in ASPECTS)


def _in_base(fig: Figure, factor: Decimal) -> Figure:
    """`fig` in its kind's base unit, keeping the precision it was written at."""
    if factor == 1:
        return fig
    return replace(fig, value=fig.value * factor, scale=fig.scale * factor)


def quantities(text: str) -> list[Quantity]:
    """The figures in `text` that measure something, in order.

    An earlier value ("up from 11", "from 11 to 14") takes the kind of the figure that replaced it.
    """
    found: list[tuple[Quantity, _Kind, int]] = []  # each with its kind and where its figure ends
    opened: tuple[Figure, int, int] | None = None  # "from 11" waiting for the figure after "to"
    at = 0
    for fig in figures(text):
        start = text.find(fig.text, at)
        if start < 0 or fig.weak:
            continue
        at = start + len(fig.text)
        kind, step = _kind(fig, text[:start], text[at:]), earlier_value(text[:start])
        # "rose to 14, up from 11": the 11 counts what the 14 before it in its sentence counts.
        replaced = found[-1][1] if found and not re.search(r"[.;!?]", text[found[-1][2] : start]) else None
        if step == -1 and replaced is not None and kind is None:
            kind = replace(replaced, length=0)
        elif step == -1 and (replaced is None or kind is None or kind.kind != replaced.kind):
            step = 0
        if opened is not None and kind is not None and closes_range(text[opened[2] : start]):
            first, first_start, first_end = opened
            earlier = replace(kind, length=0)
            found.append((_quantity(first, text, first_start, first_end, earlier, 1), earlier, first_end))
        opened = (fig, start, at) if step == 1 and kind is None else None
        if kind is not None:
            found.append((_quantity(fig, text, start, at, kind, step if step == -1 else 0), kind, at))
    return [q for q, _, _ in found]


def _quantity(fig: Figure, text: str, start: int, at: int, kind: _Kind, current_at: int) -> Quantity:
    """The figure at `text[start:at]` as a quantity of `kind`, with the words around it."""
    end = at + kind.length
    hedge = _HEDGE.search(text[:start])
    lead = text[: hedge.start()] if hedge else text[:start]
    measured = kind.factor != 1 or kind.kind in MEASURE_KINDS
    attached = text[at : at + 1] == "-"
    share = kind.kind == "%"
    thing = thing_of(lead, text[end:], attached, share=share) if measured or share else None
    forms = [text[start:end]]
    if hedge:
        forms.insert(0, text[hedge.start() : end])
    before, after = _clause(text[:start], text[end:])
    # Without its hedge, as "close to 40" says nothing of a closure.
    aspects = kind.aspects | _aspects(_HEDGE.sub("", before), after, text[at:end])
    near = list(content_words(before).values())[-5:] + list(content_words(after).values())[:5]
    if kind.kind == "people" and any(a == "event" for a, _ in aspects):
        near += sentence_words_near(text[:start], text[end:])
    context = frozenset(near) - HEDGE_STEMS - set(content_words(kind.unit_text).values())
    if fig.unit is not None and kind.kind != "%":
        context = money_context(context, lead, text[end:])
    of = after.strip().removeprefix("of ") if after.strip().startswith("of ") else ""
    rate = _RATE.search(after)
    return Quantity(
        figure=_in_base(fig, kind.factor), kind=kind.kind, unit_text=kind.unit_text,
        forms=tuple(forms),
        hedged=hedge is not None and hedge.group(0).split()[0].lower() in APPROXIMATE,
        # Words naming one event count as one shared word: "died" and "killed" say the same.
        context=context | {f"<{label}>" for _, label in aspects},
        of_words=tuple(content_words(_RATE.sub("", of))),
        rate=rate.group(0) if rate else None, part=kind.part, aspects=aspects, thing=thing,
        current_at=current_at,
    )  # fmt: skip
