"""The period a figure counts over ("22,000 vehicles a day") and the stretch of time it is measured
in ("rose 6% in the six weeks to 4 January"), against the source's."""

from __future__ import annotations

import re

from briefing.check.placed_figures import Figure
from briefing.check.tree import lemma
from briefing.text.numbers import figures

_PERIODS = ("second", "minute", "hour", "day", "night", "week", "month", "quarter", "year")
# "a day" after a preposition is how long, not how often: "within a day", "for a week".
_PER_PERIOD = re.compile(
    r"^[^,;.\d]{0,40}?(?<!within )(?<!in )(?<!over )(?<!for )(?<!during )(?<!after )\b"
    r"(?:a|an|per|each|every)\s+(" + "|".join(_PERIODS) + r")\b",
    re.IGNORECASE,
)
_PERIOD_ADVERBS = {"hourly": "hour", "daily": "day", "nightly": "night", "weekly": "week",
                   "monthly": "month", "quarterly": "quarter", "annually": "year", "yearly": "year",
                   "annual": "year"}  # fmt: skip
_PERIOD_ADVERB = re.compile(r"^[^,;.\d]{0,40}?\b(" + "|".join(_PERIOD_ADVERBS) + r")\b", re.IGNORECASE)


def _rate_of(figure: Figure) -> str | None:
    """The period a figure is counted over: "22,000 vehicles a day" -> "day"; "annually" -> "year"."""
    after = figure.token.doc.text[figure.token.idx + len(figure.token.text) : figure.token.sent.end_char]
    if m := _PER_PERIOD.match(after):
        return m.group(1).lower()
    if m := _PERIOD_ADVERB.match(after):
        return _PERIOD_ADVERBS[m.group(1).lower()]
    return None


def rate_problem(said: Figure, same: list[Figure]) -> str | None:
    """ "22,000 vehicles a week" where the source counts a day's; "a month" where it gives a year's total."""
    rate = _rate_of(said)
    if rate is None:
        return None
    rates = {_rate_of(f) for f in same}
    if rate in rates:
        return None
    told = sorted(r for r in rates if r is not None)
    if told:
        return f"a {rate}'s figure where the source's is a {told[0]}'s"
    # "annual profit rose 18%": the period said before the figure, or as an adjective.
    words = {rate} | {word for word, period in _PERIOD_ADVERBS.items() if period == rate}
    if not any(w in f.token.sent.text.lower() for f in same for w in words):
        return f"the source gives no rate per {rate}"
    return None


_SPANS = frozenset(_PERIODS) | {"half"}


def _span_of(figure: Figure) -> set[str]:
    """The stretch of time a figure is measured over: "in the six weeks to 4 January" -> "6 week"."""
    if figure.verb is None:
        return set()
    spans = set()
    for prep in figure.verb.children:
        if prep.dep_ == "prep" and prep.lower_ in {"in", "over", "during", "for"}:
            for period in prep.children:
                if period.dep_ == "pobj" and lemma(period) in _SPANS:
                    count = " ".join(c.lower_ for c in period.children if c.dep_ == "nummod")
                    valued = figures(count)  # "ten years" and "10 years" are one span
                    span = f"{valued[0].value if valued else count} {lemma(period)}".strip()
                    spans.add(_SAME_SPAN.get(span, span))
    return spans


# One stretch of time in other words: "the 12 months to June" is "the year to June".
_SAME_SPAN = {
    "12 month": "year", "52 week": "year", "3 month": "quarter", "6 month": "half", "7 day": "week",
}  # fmt: skip


def span_problem(said: Figure, same: list[Figure]) -> str | None:
    """ "rose 6% over the year" where the source's 6% is "in the six weeks" to the same day."""
    mine = _span_of(said)
    told = set().union(*(_span_of(f) for f in same))
    if mine and told and not mine & told:
        return f"the source's figure is for {sorted(told)[0]}s, not {sorted(mine)[0]}"
    return None
