"""Figures and dates in news text, normalised so one amount compares equal however it is written.

A figure is a value and an optional unit: "90%", "90 percent", "90 per cent" and "ninety percent" are
all (90, "%"); "$1.2bn", "$1.2 billion", "1.2 billion dollars" and "$1,200 million" are all
(1200000000, "$"); "3 million" and "3,000,000" are both (3000000, None). Spelled-out numbers up to the
trillions ("forty-two", "two hundred and fifty", "a dozen") are read as their values. Units are only
percentages, percentage and basis points and currencies; "5 km" and "5 miles" are both just 5.

The sentence side is read conservatively so that wording does not fail a sentence: ordinal words
("first") give no figure and a bare "one" ("one of the largest") is not required. The cited side is
read generously (it also offers "third" as 3), so a copy of a cited text always finds its own figures.
Month and weekday names are read in `calendar_words`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

_TOKEN = re.compile(
    r"(?P<cur>(?:US|A|C|NZ|HK|S)\$|[$€£¥₹])"
    r"|(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)(?:(?:st|nd|rd|th)\b)?"
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<other>\S)"
)
_SMALL_WORDS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]  # fmt: skip
_SMALL = {w: i for i, w in enumerate(_SMALL_WORDS)}
_TENS_WORDS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_TENS = {w: 10 * i for i, w in enumerate(_TENS_WORDS, 2)}
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
# Abbreviated scales; "m" and "b" only after a currency, as "5m" is more often metres.
_ABBREVIATED = {"k": 10**3, "mn": 10**6, "bn": 10**9, "tn": 10**12, "trn": 10**12}
_CURRENCY_ONLY = {"m": 10**6, "b": 10**9}
# "eight hundredths of a second" is 0.08 (tenths are read as proportions: "nine-tenths").
_SMALL_PARTS = {"hundredths": Decimal(100), "thousandths": Decimal(1000)}
_ORDINAL_WORDS = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth",
]  # fmt: skip
# The cited side may also say "a decade" where a sentence says "ten years".
_ORDINALS = {w: i for i, w in enumerate(_ORDINAL_WORDS, 1)} | {"decade": 10}
_SYMBOLS = {"US$": "US$", "A$": "A$", "C$": "C$", "NZ$": "NZ$", "HK$": "HK$", "S$": "S$"}
_SYMBOLS |= {"$": "$", "€": "€", "£": "£", "¥": "¥", "₹": "₹"}
_CODES = {"USD": "US$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "AUD": "A$", "CAD": "C$"}
_CURRENCY_WORDS = {"dollar": "$", "euro": "€", "pound": "£", "sterling": "£", "yen": "¥", "rupee": "₹"}
_CURRENCY_WORDS |= {"yuan": "yuan", "renminbi": "yuan", "franc": "franc"}
_DOLLAR_QUALIFIERS = {"us": "US$", "american": "US$", "australian": "A$", "canadian": "C$"}
# Words that only say how big a figure is: the figures check covers them, lexical support need not.
NUMBER_WORDS = frozenset(
    [*_SMALL, *_TENS, *_SCALES, *_ABBREVIATED, "hundred", "dozen", "percent", "per", "cent", "pct"]
)


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()


@dataclass(frozen=True)
class Figure:
    """A number as written: its value, unit, the text it came from and the precision it was given at."""

    value: Decimal
    unit: str | None
    text: str
    scale: Decimal = Decimal(1)
    decimals: int = 0
    weak: bool = False  # a bare "one": too often a pronoun to require


def _tokens(text: str) -> list[_Token]:
    return [
        _Token(m.lastgroup or "other", m.group(m.lastgroup or 0), m.start(), m.end())
        for m in _TOKEN.finditer(text)
    ]


def _word(tokens: list[_Token], i: int) -> str:
    return tokens[i].low if i < len(tokens) and tokens[i].kind == "word" else ""


# A fraction before "a" + a scale: "half a million", "a quarter of a billion", "three quarters of a".
_FRACTIONS = (
    (("half",), Decimal("0.5")),
    (("a", "quarter", "of"), Decimal("0.25")),
    (("quarter", "of"), Decimal("0.25")),
    (("three", "quarters", "of"), Decimal("0.75")),
)


def _fraction(tokens: list[_Token], i: int) -> tuple[Decimal, int]:
    """The fraction the words at tokens[i] take of the scaled number after them, and where that
    number starts; (1, i) when there is none."""
    for words, share in _FRACTIONS:
        after = i + len(words)
        said = all(_word(tokens, i + k) == w for k, w in enumerate(words))
        if said and _word(tokens, after) in ("a", "an") and _word(tokens, after + 1) in {"dozen", *_SCALES}:
            return share, after
    return Decimal(1), i


def _share_of_point(tokens: list[_Token], i: int) -> tuple[Decimal, int] | None:
    """ "a quarter of a percentage point", "half a percentage point": the share, and the index of
    "percentage" so that the unit is read next."""
    for words, share in _FRACTIONS:
        after = i + len(words)
        said = all(_word(tokens, i + k) == w for k, w in enumerate(words))
        if said and _word(tokens, after) == "a" and _word(tokens, after + 1) in ("percentage", "basis"):
            return share, after + 1
    return None


def _spelled(tokens: list[_Token], i: int) -> tuple[Decimal, int] | None:
    """The value of number words starting at tokens[i] and the index after them, if any."""
    point = _share_of_point(tokens, i)
    if point is not None:
        return point
    share, start = _fraction(tokens, i)
    found = _whole(tokens, start)
    if found is not None and _word(tokens, found[1]) in _SMALL_PARTS:
        return found[0] / _SMALL_PARTS[_word(tokens, found[1])], found[1] + 1
    return None if found is None else (found[0] * share, found[1])


def _whole(tokens: list[_Token], i: int) -> tuple[Decimal, int] | None:
    """The value of whole-number words starting at tokens[i] and the index after them, if any."""
    total, current, last, j = Decimal(0), Decimal(0), "", i
    while j < len(tokens):
        w, half_a_scale = _word(tokens, j), _word(tokens, j + 2) == "half" and _word(tokens, j + 3) in _SCALES
        if w in _SMALL and last in ("", "tens", "hundred", "scale", "and"):
            current, last = current + _SMALL[w], "small"
        elif w in _TENS and last in ("", "hundred", "scale", "and"):
            current, last = current + _TENS[w], "tens"
        elif w in ("a", "an") and last == "" and _word(tokens, j + 1) in {"hundred", "dozen", *_SCALES}:
            current, last = Decimal(1), "small"
        elif w == "hundred" and last in ("small", "tens"):
            current, last = current * 100, "hundred"
        elif w == "dozen" and last in ("small", "tens"):
            current, last = current * 12, "dozen"
        elif w in _SCALES and last in ("small", "tens", "hundred", "dozen"):
            total, current, last = total + current * _SCALES[w], Decimal(0), "scale"
        elif w == "and" and last in ("hundred", "scale") and _word(tokens, j + 1) in {*_SMALL, *_TENS}:
            last = "and"
        elif w == "and" and last in ("small", "tens") and half_a_scale:
            current, j = current + Decimal("0.5"), j + 2  # "twenty-three and a half thousand"
        elif tokens[j].text == "-" and last == "tens" and _word(tokens, j + 1) in _SMALL:
            pass  # "forty-two"
        else:
            break
        j += 1
    if last in ("", "and"):
        return None
    return Decimal(total + current), j


def _joined(tokens: list[_Token], j: int) -> int:
    """Past a hyphen that joins a figure to its scale or currency ("a 640-million-dollar plant",
    "a 3.5-billion-pound deal"); j itself when there is none."""
    if not 0 < j < len(tokens) - 1 or tokens[j].text not in ("-", "‑"):
        return j
    glued = tokens[j - 1].end == tokens[j].start and tokens[j].end == tokens[j + 1].start
    following = _word(tokens, j + 1)
    joins = following in {*_SCALES, *_ABBREVIATED} or _currency_at(tokens, j + 1) is not None
    return j + 1 if glued and joins else j


def _unit_after(tokens: list[_Token], j: int, currency: bool) -> tuple[str | None, int, int]:
    """(unit, extra scale, index after) for what follows a number at tokens[j]."""
    j = _joined(tokens, j)
    w, nxt = _word(tokens, j), _word(tokens, j + 1)
    scale = 1
    if (
        w in _ABBREVIATED
        or w in _SCALES
        or (w in _CURRENCY_ONLY and (currency or _currency_at(tokens, j + 1) or _counts_after(tokens, j)))
    ):
        scale = {**_ABBREVIATED, **_SCALES, **_CURRENCY_ONLY}[w]
        j = _joined(tokens, j + 1)
        w, nxt = _word(tokens, j), _word(tokens, j + 1)
    if j < len(tokens) and tokens[j].text == "%":
        return "%", scale, j + 1
    if w in ("percent", "pct") or (w == "per" and nxt == "cent"):
        return "%", scale, j + (2 if w == "per" else 1)
    if w in ("percentage", "basis") and nxt in ("point", "points"):
        return ("pp" if w == "percentage" else "bp"), scale, j + 2
    found = _currency_at(tokens, j)
    if found:
        return found[0], scale, found[1]
    return None, scale, j


# Plural nouns that follow a length ("a 5m drop", "100m sprints" are rarer than "2m people").
_LENGTHS_BEFORE = frozenset({
    "metres", "meters", "feet", "yards", "miles", "inches", "races", "sprints", "heats", "finals",
    "hurdles", "runners", "records", "titles", "events",
})  # fmt: skip


def _counts_after(tokens: list[_Token], j: int) -> bool:
    """ "2.3m tonnes", "1.5m people": an "m" or "b" glued to its number and followed by what it counts
    is a million or a billion; "5m deep" and "a 100m sprint" stay metres."""
    if j == 0 or tokens[j - 1].end != tokens[j].start or j + 1 >= len(tokens):
        return False
    noun = tokens[j + 1].low
    plural = noun.endswith("s") and not noun.endswith("ss") and noun not in _LENGTHS_BEFORE
    return tokens[j + 1].kind == "word" and (plural or noun in {"people", "tonnes", "barrels"})


def _currency_at(tokens: list[_Token], j: int) -> tuple[str, int] | None:
    w = _word(tokens, j)
    if w in _DOLLAR_QUALIFIERS and _word(tokens, j + 1).rstrip("s") == "dollar":
        return _DOLLAR_QUALIFIERS[w], j + 2
    base = w[:-1] if w.endswith("s") and w[:-1] in _CURRENCY_WORDS else w
    if base in _CURRENCY_WORDS:
        return _CURRENCY_WORDS[base], j + 1
    if j < len(tokens) and tokens[j].text in _CODES:
        return _CODES[tokens[j].text], j + 1
    return None


def _figure_at(text: str, tokens: list[_Token], i: int) -> tuple[Figure, int] | None:
    """The figure starting at tokens[i] and the index after it, if one starts there."""
    tok, unit, j = tokens[i], None, i
    if tok.kind == "cur" or (tok.text in _CODES and j + 1 < len(tokens) and tokens[j + 1].kind == "num"):
        unit, j = _SYMBOLS.get(tok.text) or _CODES[tok.text], j + 1
    if j >= len(tokens):
        return None
    if tokens[j].kind == "num":
        digits = tokens[j].text.replace(",", "")
        mantissa, decimals, j = Decimal(digits), len(digits.partition(".")[2]), j + 1
    else:
        spelled = _spelled(tokens, j)
        if spelled is None:
            return None
        (mantissa, j), decimals = spelled, 0
    suffix, scale, end = _unit_after(tokens, j, unit is not None)
    unit = unit or suffix
    surface = text[tok.start : tokens[end - 1].end]
    weak = unit is None and scale == 1 and surface.lower() == "one"
    return Figure(mantissa * scale, unit, surface, Decimal(scale), decimals, weak), end


def figures(text: str, *, cited: bool = False) -> list[Figure]:
    """Every figure in `text`; `cited` also reads ordinal words and ranges, as the cited side may."""
    tokens, found, i = _tokens(text), [], 0
    spans: list[tuple[Figure, int, int]] = []
    while i < len(tokens):
        got = _figure_at(text, tokens, i)
        if got is None:
            if cited and tokens[i].low in _ORDINALS:
                found.append(Figure(Decimal(_ORDINALS[tokens[i].low]), None, tokens[i].text))
            i += 1
            continue
        spans.append((got[0], i, got[1]))
        i = got[1]
    found += [f for f, _, _ in spans]
    # "10-12%", "1 to 2 million" and "between 8.9 and 9.2 billion dollars" give their unit and scale
    # to the first figure: a sentence's "8.9" there is 8.9 billion dollars; a source's may be read
    # either way (`cited`).
    for (first, _, end), (second, start, _) in pairwise(spans):
        between = {t.low for t in tokens[end:start]}
        if first.scale != 1 or not between <= {"-", "–", "to", "and", "or"}:
            continue
        # A share takes no scale: "fell by six per cent to 1.9 million" is 6% of something.
        if first.unit is None or (
            second.unit in (None, first.unit) and second.scale != 1 and first.unit != "%"
        ):
            scaled = Figure(first.value * second.scale, first.unit or second.unit, first.text, second.scale)
            if scaled == first:
                continue
            found = [*found, scaled] if cited else [scaled if f is first else f for f in found]
    return [*found, *_ratios(spans, tokens)] if cited else found


def _ratios(spans: list[tuple[Figure, int, int]], tokens: list[_Token]) -> list[Figure]:
    """ "one in twenty", "1 in every 5" in a source are shares too, 5% and 20%, as a brief may give
    them (a sentence's own ratios are matched to a source's shares in `figure_match`)."""
    found = []
    for (part, _, end), (whole, start, _) in pairwise(spans):
        between = [t.low for t in tokens[end:start]]
        plain = part.unit is None and whole.unit is None and part.scale == whole.scale == 1
        if between not in (["in"], ["in", "every"]) or not plain or not 0 < part.value < whole.value:
            continue
        if whole.value == whole.value.to_integral_value() and 1900 <= whole.value <= 2100:
            continue  # "3 in 2025" is a figure and a year
        found.append(Figure(part.value * 100 / whole.value, "%", f"{part.text} in {whole.text}"))
    return found
