"""Which figures and dates of a sentence its cited texts give, however either writes them.

A figure passes when a cited figure of its unit has its value, rounded as the sentence rounds it
("about 3,300" for 3,312), or when it is the sum or difference of two cited figures of its unit (a
brief does the arithmetic its sources invite). Percentage and basis points convert into each other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from briefing.text.calendar_words import dates
from briefing.text.numbers import Figure, figures


def _same_unit(said: str | None, cited: str | None, cited_units: set[str | None]) -> bool:
    if said is None or said == cited:
        return True
    if said.endswith("$") and cited is not None and cited.endswith("$"):
        return "$" in (said, cited)  # a bare "$" may be any dollar
    # An amount the cited text gives without its currency, where that currency is named elsewhere.
    return cited is None and said not in ("%", "pp", "bp") and said in cited_units


def _in_other_points(figure: Figure) -> Figure | None:
    """25 basis points are a quarter of a percentage point, and the other way round."""
    if figure.unit == "pp":
        return replace(figure, value=figure.value * 100, unit="bp")
    if figure.unit == "bp":
        return replace(figure, value=figure.value / 100, unit="pp")
    return None


def _rounds_to(said: Figure, cited: Figure) -> bool:
    """Whether `said` is `cited` rounded to the precision `said` is written at, within 5%."""
    if said.value == cited.value:
        return True
    if cited.value == 0 or abs(said.value - cited.value) > abs(cited.value) / 20:
        return False
    try:
        step = Decimal(1).scaleb(-said.decimals)
        return (cited.value / said.scale).quantize(step, rounding=ROUND_HALF_UP) * said.scale == said.value
    except InvalidOperation:
        return False


_MAX_DERIVING = 8  # beyond this many figures of a unit, sums and differences would match too much


def _derived(said: Figure, available: list[Figure], spelled: bool = False) -> bool:
    """Whether `said` is the sum or difference of two cited figures of its unit.

    Briefs do the arithmetic their sources invite: "273 people, 212 residents and 61 staff", "75
    fewer than last year's 289", "0.7 points wider than 3.1%".
    """
    # A number spelled out ("two supports") counts a few things; adding it to a figure of something
    # else would turn "10 weeks" and "two supports" into "12 weeks". Only a remainder the sentence
    # names as one ("the other six" of "nine children … three") may come from spelled-out numbers.
    # "0.7 percentage points wider than 3.1%": a difference of shares is in points.
    units = {said.unit, "%"} if said.unit == "pp" else {said.unit}
    summands = [
        f
        for f in available
        if f.unit in units and not f.weak and (spelled or any(c.isdigit() for c in f.text))
    ]
    pool = list({f.value: f for f in summands}.values())
    if len(pool) > _MAX_DERIVING:
        return False
    for i, a in enumerate(pool):
        for b in pool[i + 1 :]:
            for value in (a.value + b.value, abs(a.value - b.value)):
                if value and _rounds_to(said, Figure(value, said.unit, said.text, a.scale, a.decimals)):
                    return True
    return False


def _remainder(said: Figure, sentence: str) -> bool:
    """ "the other six", "the remaining 40": a figure the sentence tells as what is left of another."""
    return (
        re.search(rf"\b(?:other|remaining)\s+{re.escape(said.text)}\b", sentence, re.IGNORECASE) is not None
    )


_DURATION = re.compile(r"\b(\w+)\s+(months|decades)\b", re.IGNORECASE)
_A_YEAR = re.compile(r"\b(?:a|one|next|last|past|the|per)\s+year\b", re.IGNORECASE)


def _durations(sentence: str, texts: Sequence[str]) -> set[str]:
    """Numbers of a duration the texts give in other units: "twelve months" for "a year", "two decades"
    for "twenty years"."""
    told = set()
    for number, unit in _DURATION.findall(sentence):
        found = figures(number)
        if not found:
            continue
        value = found[0].value
        years = value / 12 if unit.lower() == "months" else value * 10
        if years != years.to_integral_value():
            continue
        said_years = any(
            f.value == years and re.search(re.escape(f.text) + r"\s+years?\b", t)
            for t in texts
            for f in figures(t)
        )
        if said_years or (years == 1 and any(_A_YEAR.search(t) for t in texts)):
            told.add(number.lower())
    return told


# Metric measures in their base unit: "21 millimetres" is "2.1 centimetres".
_METRIC = {
    "millimetre": ("m", Decimal("0.001")), "centimetre": ("m", Decimal("0.01")), "metre": ("m", Decimal(1)),
    "kilometre": ("m", Decimal(1000)), "mm": ("m", Decimal("0.001")), "cm": ("m", Decimal("0.01")),
    "km": ("m", Decimal(1000)), "gram": ("g", Decimal(1)), "kilogram": ("g", Decimal(1000)),
    "kg": ("g", Decimal(1000)), "tonne": ("g", Decimal(10**6)), "millilitre": ("l", Decimal("0.001")),
    "litre": ("l", Decimal(1)), "ml": ("l", Decimal("0.001")),
}  # fmt: skip
_UNIT_NAMES = "|".join(sorted(_METRIC, key=len, reverse=True))
_MEASURE = re.compile(r"([\w.,-]+)[\s-]?(" + _UNIT_NAMES + r")s?\b", re.I)


def _measures(text: str) -> list[tuple[str, str, Decimal]]:
    """(number as written, dimension, amount in the base unit) for each metric measure."""
    found = []
    for number, unit in _MEASURE.findall(text.replace("meter", "metre").replace("liter", "litre")):
        values = figures(number)
        if values:
            dimension, size = _METRIC[unit.lower()]
            found.append((number.lower(), dimension, values[0].value * size))
    return found


def _converted(sentence: str, texts: Sequence[str]) -> set[str]:
    """Numbers of a measure the texts give in another metric unit."""
    told = {(d, a) for t in texts for _, d, a in _measures(t)}
    return {number for number, d, a in _measures(sentence) if (d, a) in told}


_CENTS = re.compile(r"(\d[\d.,]*(?=p\b)|\d[\d.,]*\b|[a-z]+)[\s-]?(?:cents?|pence|p)\b", re.I)


def _cents(sentence: str, texts: Sequence[str], available: Sequence[Figure]) -> set[str]:
    """ "$0.45" for "45 cents", and "45 cents" for "$0.45": one sum, said in the smaller coin."""
    amounts = {f.value for f in available if f.unit is not None and f.unit != "%"}
    coins = {f.value / 100 for t in texts for m in _CENTS.finditer(t) for f in figures(m.group(1))}
    told = {f.text.lower() for f in figures(sentence) if f.unit not in (None, "%") and f.value in coins}
    for m in _CENTS.finditer(sentence):
        told |= {f.text.lower() for f in figures(m.group(1)) if f.value / 100 in amounts}
    return told


_PROPORTION = re.compile(
    r"\b(\w+)\s+(?:in|out of)\s+(?:every\s+)?(\w+)\b|\b(\w+)-(tenths|fifths|quarters|thirds)\b", re.I
)
_PARTS = {"tenths": 10, "fifths": 5, "quarters": 4, "thirds": 3}


def _proportions(sentence: str, available: Sequence[Figure]) -> set[str]:
    """ "three in five", "nine-tenths": the numbers of a proportion the texts give as a percentage
    (60% give or take 3 points, for a proportion is a rounding)."""
    shares = [f.value for f in available if f.unit == "%"]
    told = set()
    for m in _PROPORTION.finditer(sentence):
        part, whole = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), None)
        top = figures(part)
        bottom = figures(whole) if whole else None
        denominator = bottom[0].value if bottom else _PARTS.get((m.group(4) or "").lower())
        if not top or not denominator:
            continue
        share = 100 * top[0].value / denominator
        if any(abs(share - s) <= 3 for s in shares):
            told.add(part.lower())
            if whole:
                told.add(whole.lower())
    return told


def missing_figures(sentence: str, cited_texts: Iterable[str]) -> list[str]:
    """Figures and dates in `sentence` that the cited texts do not give, as the sentence writes them."""
    texts = list(cited_texts)
    available = [f for t in texts for f in figures(t, cited=True)]
    available += [p for f in available if (p := _in_other_points(f)) is not None]
    units = {f.unit for f in available}
    told_in_other_words = _durations(sentence, texts) | _proportions(sentence, available)
    told_in_other_words |= _converted(sentence, texts) | _cents(sentence, texts, available)
    missing = [
        said.text
        for said in figures(sentence)
        if not said.weak
        and said.text.lower() not in told_in_other_words
        and not any(_same_unit(said.unit, f.unit, units) and _rounds_to(said, f) for f in available)
        and not _derived(said, available, spelled=_remainder(said, sentence))
    ]
    cited_dates = {d.lower() for t in texts for d in dates(t)}
    missing += [d for d in dates(sentence) if d.lower() not in cited_dates]
    return list(dict.fromkeys(missing))
