"""Figures in a passage with what they measure, so two sources' values for one fact can be compared.

A quantity is a figure (`briefing.numbers`, which also reads spelled numbers: "six", "Fifteen",
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
  injured when the bridge fell" both are of the bridge. Words naming one event count as one word.
- aspects: what happened to what is counted (died, injured, in hospital, built, opened...) and which
  dimension a measure gives (long, high, wide, deep), from the words of its clause.
- thing: what a measure is of, the noun after it ("a 40-metre span") or before its verb ("the span
  measured 45 metres"); one named thing counts as one more half word shared.

Two quantities state the same fact (`same_fact`) when they are of one kind and their contexts share
enough words: two, or one and a half for units other than percent, money, people and time, which a
story seldom uses for two things; time words ("day", "year") count half; a rise never matches a fall.
Different events or dimensions are different facts ("opened with 4 lanes", "built with 6 lanes"; "12
dead", "30 injured"), and a count of people tied to an event never matches one tied to none. A count
of one sort of vehicle matches a count of all vehicles only where it is not the smaller, as "6 cars"
may be part of "8 vehicles". Values are the same (`same_value`) when one is the other rounded, or
within 5% when either is hedged ("about 90%"); a bound ("at least 12") is kept in the value as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from briefing.lexicon import STOPWORDS
from briefing.numbers import MONTHS, NUMBER_WORDS, WEEKDAYS, Figure, figures
from briefing.text_words import content_words

_HEDGES = ("about", "around", "roughly", "approximately", "nearly", "almost", "some", "up to", "close to")
# Bounds are written into the value ("at least 12 people") but widen no comparison.
_BOUNDS = ("at least", "more than", "over", "fewer than", "less than", "as many as", "at most")
_HEDGE_STEMS = frozenset(content_words(" ".join(_HEDGES + _BOUNDS)).values())
_APPROXIMATE = frozenset({"about", "around", "roughly", "approximately", "nearly", "almost", "some"})
_HEDGE = re.compile(r"(?:\b(?:" + "|".join(_HEDGES + _BOUNDS) + r")\s+)$", re.IGNORECASE)
# Words that may stand between a number and the noun it counts: "85 permanent jobs".
_MODIFIERS = frozenset({
    "permanent", "new", "additional", "extra", "more", "full-time", "part-time", "temporary", "local",
    "direct", "skilled", "further", "fresh", "other", "damaged", "destroyed", "private", "commercial",
    "residential", "armed", "young", "elderly", "foreign", "civilian", "separate", "small", "large",
})  # fmt: skip
_NEXT_WORD = re.compile(r"[-\s]{0,2}([a-z][a-z-]*)\b")
_COORDINATED = re.compile(r"\s+(?:and|or|&)\s+([a-z][a-z-]*)\b")
_PEOPLE = frozenset({
    "people", "person", "staff", "job", "worker", "employee", "position", "post", "role", "personnel",
})  # fmt: skip
_VEHICLES = frozenset({
    "vehicle", "car", "truck", "lorry", "van", "bus", "coach", "motorcycle", "motorbike", "minibus",
    "trailer", "tanker",
})  # fmt: skip
_TIME = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "decade", "summer", "winter"})
_NOT_UNITS = frozenset({"of", "to", "in", "and", "or", "a", "an", "the", "for", "on", "at", "by", "from"})
_NOT_NOUNS = _NOT_UNITS | STOPWORDS | MONTHS | WEEKDAYS | NUMBER_WORDS
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
    "length": "long length span stretch stretches measure measured measures extend extends",
}
_CUE_STEMS = {label: frozenset(content_words(words).values()) for label, words in _CUES.items()}

# Measures by kind: each name (singular) with how many of the kind's base unit one is. Metric lengths,
# masses and powers share a base so "3 km" and "3,000 metres" compare; miles and feet stay apart.
_MEASURE_NAMES: dict[str, dict[str, int | str]] = {
    "metre": {"millimetre": "0.001", "centimetre": "0.01", "metre": 1, "kilometre": 1000},
    "gram": {"gram": 1, "kilogram": 1000, "tonne": 10**6},
    "watt": {"watt": 1, "kilowatt": 10**3, "megawatt": 10**6, "gigawatt": 10**9},
    "mile": {"mile": 1}, "foot": {"foot": 1, "feet": 1}, "hectare": {"hectare": 1}, "acre": {"acre": 1},
    "litre": {"litre": 1},
}  # fmt: skip
_MEASURE_SHORT = {
    "mm": "millimetre", "cm": "centimetre", "m": "metre", "km": "kilometre", "kg": "kilogram",
    "kw": "kilowatt", "mw": "megawatt", "gw": "gigawatt", "ft": "foot", "ha": "hectare",
}  # fmt: skip


def _spellings(name: str) -> set[str]:
    """A measure's name as written: singular and plural, British and American ("metres", "meter")."""
    forms = {name} if name in ("foot", "feet") else {name, name + "s"}
    return forms | {f.replace("metre", "meter").replace("litre", "liter") for f in forms}


def _measure_table() -> dict[str, tuple[str, Decimal]]:
    """Every written form of a measure, lowercase -> (kind, how many of the kind's base one is)."""
    table = {
        written: (kind, Decimal(size))
        for kind, names in _MEASURE_NAMES.items()
        for name, size in names.items()
        for written in _spellings(name)
    }
    return table | {short: table[name] for short, name in _MEASURE_SHORT.items()}


_MEASURES = _measure_table()
_MEASURE_KINDS = frozenset(kind for kind, _ in _MEASURES.values())
_MEASURE = re.compile(r"[ \t]?-?[ \t]?([A-Za-z]+)(?![\w])")
_DIMENSION_SUFFIX = re.compile(r"-(long|high|tall|wide|deep)\b", re.IGNORECASE)
# "m" is metres only before a word that a measure may describe, as "5m people" is five million.
_AFTER_METRES = re.compile(r"[ \t-]+([a-z]+)\b", re.IGNORECASE)

# What happened to what is counted, or which dimension is measured: a clause word -> (aspect, label).
_ASPECT_WORDS = {
    ("event", "dead"): "dead died die dies dying death deaths killed kill kills killing fatal fatality "
    "fatalities perished drowned toll",
    ("event", "injured"): "injured injure injures injuring injury injuries wounded wounding hurt",
    ("event", "hospitalised"): "hospitalised hospitalized hospital hospitals hospitalisation",
    ("event", "missing"): "missing unaccounted",
    ("event", "rescued"): "rescued rescue rescues",
    ("event", "evacuated"): "evacuated evacuate evacuation evacuations",
    ("event", "arrested"): "arrested arrest arrests detained",
    ("event", "displaced"): "displaced homeless",
    ("event", "built"): "built build builds construct constructed construction",
    ("event", "opened"): "opened open opens opening inaugurated reopened",
    ("event", "closed"): "closed close closes closure shut",
    ("dimension", "length"): "long length lengths",
    ("dimension", "height"): "high height tall",
    ("dimension", "width"): "wide width",
    ("dimension", "depth"): "deep depth",
}
_ASPECTS = {word: aspect for aspect, words in _ASPECT_WORDS.items() for word in words.split()}
# Nouns a number may count that say what happened to people: "12 dead", "30 injured".
_CASUALTIES = frozenset({
    "dead", "died", "perished", "drowned", "killed", "deaths", "death", "fatalities", "fatality",
    "injured", "wounded", "hurt", "injuries", "injury", "missing", "hospitalised", "hospitalized",
    "evacuated", "rescued", "arrested", "displaced",
})  # fmt: skip
_ELLIPTICAL = re.compile(r"\s+(?:were|was|have been|had been|are|are still)\s+([a-z]+)\b")
_TOPICS = {
    "dead": "death toll", "injured": "number injured", "hospitalised": "number in hospital",
    "missing": "number missing", "evacuated": "number evacuated", "rescued": "number rescued",
    "arrested": "number arrested", "displaced": "number displaced",
}  # fmt: skip
# What a measure is of: the noun after "a 40-metre span", or before the verb in "the span measured 45 m".
_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|the|its|their|this|that)\s+$", re.IGNORECASE)
_MEASURED_BEFORE = re.compile(
    r"\b([a-z]+)\s+(?:measured|measures|measuring|is|was|are|were|stretches|stretched|stretching|spans"
    r"|spanned|extends|extended|runs|ran|reaches|reached|of)\s+$",
    re.IGNORECASE,
)
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
    if noun in _PEOPLE:
        return "people", None
    sort = noun[:-1] if noun[:-1] in _VEHICLES and noun.endswith("e") else noun  # "buses" gave "buse"
    if sort in _VEHICLES:
        return "vehicle", None if sort == "vehicle" else sort
    return noun, None


def _casualty(after: str) -> _Kind | None:
    """People counted by what happened to them: "12 dead", "30 were injured"."""
    m = _NEXT_WORD.match(after)
    if m and m.group(1) in _CASUALTIES:
        return _Kind("people", m.group(1), m.end(), aspects=frozenset({_ASPECTS[m.group(1)]}))
    m = _ELLIPTICAL.match(after)
    if m and m.group(1) in _CASUALTIES:
        return _Kind("people", m.group(1), m.end(), aspects=frozenset({_ASPECTS[m.group(1)]}))
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
        if m.group(1) not in _MODIFIERS and m.group(1) not in ("cubic", "square"):
            break
    if not words or words[-1] in _MODIFIERS or after[at : at + 2] in ("'t", "’t"):  # "two doesn't"
        return None
    noun = _singular(words[-1])
    if noun in _NOT_NOUNS or words[-1] in _NOT_NOUNS or len(noun) < 3:
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
    if m is None or m.group(1).lower() not in _MEASURES:
        return None
    written = m.group(1).lower()
    if written == "m":
        nxt = _AFTER_METRES.match(after, m.end())
        if nxt is None or _plural(nxt.group(1).lower()) or nxt.group(1).lower() in _NOT_NOUNS:
            return None
    kind, factor = _MEASURES[written]
    end, aspects = m.end(), frozenset[tuple[str, str]]()
    if suffix := _DIMENSION_SUFFIX.match(after, end):
        end, aspects = suffix.end(), frozenset({_ASPECTS[suffix.group(1).lower()]})
    unit_text = written if len(written) <= 2 or kind == "foot" else _singular(written) + "s"
    return _Kind(kind, unit_text, end, factor, aspects=aspects)


def _kind(fig: Figure, before: str, after: str) -> _Kind | None:
    if fig.unit is not None:
        return _Kind(("$" if fig.unit.endswith("$") else fig.unit), fig.unit, 0)
    if re.fullmatch(r"(1[89]|20)\d\d", fig.text):  # a year, whatever follows it
        return None
    if fig.value <= 31 and fig.decimals == 0 and _MONTH_BEFORE.search(before):  # "March 3", not "March 40"
        return None
    return _measure(after) or _count_noun(after)


def _clause(left: str, right: str) -> tuple[str, str]:
    """The parts of the figure's clause before and after it."""
    ends = list(_CLAUSE_END.finditer(left))
    before = left[ends[-1].end() :] if ends else left
    first = _CLAUSE_END.search(right)
    return before, right[: first.start()] if first else right


def _sentence_words(left: str, right: str) -> list[str]:
    """The content words of the figure's sentence, nearest eight each side: what a toll is a toll of.

    In "12 people died and 30 were injured when the bridge fell", both counts are of the bridge, which
    their clauses ("12 people died", "30 were injured") do not say.
    """
    before = re.split(r"[.;!?]", left)[-1]
    after = re.split(r"[.;!?]", right)[0]
    words = [list(content_words(re.sub(r"\d", " ", part)).values()) for part in (before, after)]
    return words[0][-8:] + words[1][:8]


def _aspects(*texts: str) -> frozenset[tuple[str, str]]:
    """What happened and which dimension, from the words of a clause."""
    return frozenset(_ASPECTS[w] for t in texts for w in re.findall(r"[a-z]+", t.lower()) if w in _ASPECTS)


def _thing(before: str, after: str, attached: bool) -> str | None:
    """What a measure is of: the noun after it ("a 40-metre span") or before its verb ("the span is")."""
    if attached or _DETERMINER_BEFORE.search(before):
        m = _NEXT_WORD.match(after.lower())
        if m and m.group(1) not in _NOT_NOUNS:
            return next(iter(content_words(m.group(1)).values()), None)
    if m := _MEASURED_BEFORE.search(before):
        return next(iter(content_words(m.group(1)).values()), None)
    return None


def _in_base(fig: Figure, factor: Decimal) -> Figure:
    """`fig` in its kind's base unit, keeping the precision it was written at."""
    if factor == 1:
        return fig
    return replace(fig, value=fig.value * factor, scale=fig.scale * factor)


def quantities(text: str) -> list[Quantity]:
    """The figures in `text` that measure something, in order."""
    found, at = [], 0
    for fig in figures(text):
        start = text.find(fig.text, at)
        if start < 0 or fig.weak:
            continue
        at = start + len(fig.text)
        kind = _kind(fig, text[:start], text[at:])
        if kind is None:
            continue
        end = at + kind.length
        hedge = _HEDGE.search(text[:start])
        lead = text[: hedge.start()] if hedge else text[:start]
        measured = kind.factor != 1 or kind.kind in _MEASURE_KINDS
        attached = text[at : at + 1] == "-"
        thing = _thing(lead, text[end:], attached) if measured else None
        forms = [text[start:end]]
        if hedge:
            forms.insert(0, text[hedge.start() : end])
        before, after = _clause(text[:start], text[end:])
        # Without its hedge, as "close to 40" says nothing of a closure.
        aspects = kind.aspects | _aspects(_HEDGE.sub("", before), after, text[at:end])
        near = list(content_words(before).values())[-5:] + list(content_words(after).values())[:5]
        if kind.kind == "people" and any(a == "event" for a, _ in aspects):
            near += _sentence_words(text[:start], text[end:])
        of = after.strip().removeprefix("of ") if after.strip().startswith("of ") else ""
        rate = _RATE.search(after)
        found.append(
            Quantity(
                figure=_in_base(fig, kind.factor), kind=kind.kind, unit_text=kind.unit_text,
                forms=tuple(forms),
                hedged=hedge is not None and hedge.group(0).split()[0].lower() in _APPROXIMATE,
                # Words naming one event count as one shared word: "died" and "killed" say the same.
                context=(frozenset(near) - _HEDGE_STEMS - set(content_words(kind.unit_text).values()))
                | {f"<{label}>" for _, label in aspects},
                of_words=tuple(content_words(_RATE.sub("", of))),
                rate=rate.group(0) if rate else None, part=kind.part, aspects=aspects, thing=thing,
            )
        )  # fmt: skip
    return found


def _same_aspects(a: Quantity, b: Quantity) -> bool:
    """Whether no event or dimension sets `a` and `b` apart."""
    for aspect in ("event", "dimension"):
        ours = {label for kind, label in a.aspects if kind == aspect}
        theirs = {label for kind, label in b.aspects if kind == aspect}
        if ours and theirs and not ours & theirs:
            return False
        # Who is counted depends on what happened to them: the dead are not the people on a bridge.
        if aspect == "event" and a.kind == "people" and bool(ours) != bool(theirs):
            return False
    return True


def _same_sort(a: Quantity, b: Quantity) -> bool:
    """Whether `a` and `b` count one sort, or one sort outnumbers all of it ("8 cars", "6 vehicles")."""
    if a.part == b.part:
        return True
    if a.part is not None and b.part is not None:
        return False
    part, whole = (a, b) if a.part is not None else (b, a)
    # Fewer cars than vehicles may be a share of them, not a second account.
    return part.figure.value >= whole.figure.value


def same_fact(a: Quantity, b: Quantity) -> bool:
    """Whether `a` and `b` are of one kind and their contexts say they measure the same thing."""
    if a.kind != b.kind or not _same_sort(a, b) or not _same_aspects(a, b):
        return False
    if (a.context & _UP and b.context & _DOWN) or (a.context & _DOWN and b.context & _UP):
        return False
    shared = a.context & b.context
    score = sum(0.5 if w in _WEAK else 1.0 for w in shared)
    if a.thing is not None and a.thing == b.thing:
        score += 0.5  # a measure of one named thing: "a 40-metre span", "the span measured 45 metres"
    # Percentages, money, head counts and durations measure many things in one story; cubic metres or
    # passengers seldom do, so for those a shared word and a shared "day" are enough.
    specific = a.figure.unit is None and a.kind not in _TIME and a.kind != "people"
    if specific and _counts_things(a) and _counts_things(b):
        # "3 patients" died and "two patients" died: one story seldom counts one kind of thing
        # twice, so one shared word or event is enough.
        return score >= 1.0
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
    events = set.intersection(*({label for kind, label in q.aspects if kind == "event"} for q in group))
    told = sorted(label for label in events if label in _TOPICS)
    if first.kind == "people" and told:
        return _TOPICS[told[0]]
    rate = next((f" {q.rate}" for q in group if q.rate), "")
    shortest = min((q.of_words for q in group), key=len)
    shared_of = [w for w in shortest if all(w in q.of_words for q in group)]
    if first.kind == "%" and shared_of:
        return "share of " + " ".join(shared_of)
    unit = "percent" if first.kind == "%" else first.unit_text
    words = frozenset().union(*(q.context for q in group))
    label = next((name for name, stems in _CUE_STEMS.items() if words & stems), None)
    if label is None and _counts_things(first):
        # Each side may name its own sort ("Six cars", "8 trucks"); the kind names them all.
        return f"number of {'vehicles' if first.kind == 'vehicle' else unit}{rate}"
    return f"{label or 'figure'} ({unit}{rate})"


def _counts_things(q: Quantity) -> bool:
    """Whether `q` counts things ("40 homes"), not a unit, a measure or a duration."""
    return (
        q.figure.unit is None
        and q.kind not in _MEASURE_KINDS | _TIME
        and not q.kind.startswith(("cubic ", "square "))
    )
