"""Whether two quantities (`briefing.text.quantities`) state one fact and give one value, and a label
for what a group of them measures.

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

from collections.abc import Sequence
from decimal import Decimal

from briefing.text.numbers import Figure
from briefing.text.quantities import Quantity
from briefing.text.quantity_words import CUE_STEMS, DOWN, MEASURE_KINDS, TIME, TOPICS, UP, WEAK


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


def same_fact(a: Quantity, b: Quantity, *, alone: bool = False) -> bool:
    """Whether `a` and `b` are of one kind and their contexts say they measure the same thing.

    `alone`: each is the only count of its noun its source gives ("About 1,800 teachers", "Some 2,100
    teachers"); a story that counts teachers once in each outlet counts the same teachers, so no
    shared word is needed (not for people or vehicles, which a story counts in many ways).
    """
    if a.kind != b.kind or not _same_sort(a, b) or not _same_aspects(a, b):
        return False
    if (a.context & UP and b.context & DOWN) or (a.context & DOWN and b.context & UP):
        return False
    if alone and _counts_things(a) and a.kind not in ("people", "vehicle"):
        return True
    shared = a.context & b.context
    score = sum(0.5 if w in WEAK else 1.0 for w in shared)
    if a.thing is not None and a.thing == b.thing:
        # A measure of one named thing: "a 40-metre span", "the span measured 45 metres". A share said
        # of one thing ("turnout was 41 percent", "turnout at 38%") is that thing's, whatever else is near.
        score += 1.0 if a.kind == "%" else 0.5
    # Percentages, money, head counts and durations measure many things in one story; cubic metres or
    # passengers seldom do, so for those a shared word and a shared "day" are enough.
    specific = a.figure.unit is None and a.kind not in TIME and a.kind != "people"
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
    told = sorted(label for label in events if label in TOPICS)
    if first.kind == "people" and told:
        return TOPICS[told[0]]
    rate = next((f" {q.rate}" for q in group if q.rate), "")
    shortest = min((q.of_words for q in group), key=len)
    shared_of = [w for w in shortest if all(w in q.of_words for q in group)]
    if first.kind == "%" and shared_of:
        return "share of " + " ".join(shared_of)
    unit = "percent" if first.kind == "%" else first.unit_text
    words = frozenset().union(*(q.context for q in group))
    label = next((name for name, stems in CUE_STEMS.items() if words & stems), None)
    if label is None and _counts_things(first):
        # Each side may name its own sort ("Six cars", "8 trucks"); the kind names them all.
        return f"number of {'vehicles' if first.kind == 'vehicle' else unit}{rate}"
    return f"{label or 'figure'} ({unit}{rate})"


def _counts_things(q: Quantity) -> bool:
    """Whether `q` counts things ("40 homes"), not a unit, a measure or a duration."""
    return (
        q.figure.unit is None
        and q.kind not in MEASURE_KINDS | TIME
        and not q.kind.startswith(("cubic ", "square "))
    )
