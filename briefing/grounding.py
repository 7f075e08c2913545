"""Checks that a sentence says nothing its cited passages do not: figures and quotations.

Small models change figures and invent quotes more than anything else, so these checks are done by
the program on every sentence, whatever the model was asked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# Double quotes, or single quotes that open after a non-letter and close before one, so that the
# apostrophes of "city's" and "fishers'" are not taken for quotation marks.
_QUOTED = re.compile(r"[\"“]([^\"“”]+)[\"”]|(?<!\w)['‘]([^'‘’]+?)['’](?!\w)")


def numbers_in(text: str) -> set[str]:
    """Figures in `text`, normalised so "1,200" and "1200" compare equal."""
    found = set()
    for match in _NUMBER.finditer(text):
        value = match.group(0)
        # A comma between digit groups is a thousands separator ("1,200"); a trailing ".0" is noise.
        value = re.sub(r",(?=\d{3}\b)", "", value).replace(",", ".")
        found.add(value.removesuffix(".0") if "." in value else value)
    return found


def _flat(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.lower().split())


def grounding_problems(sentence: str, cited_texts: Iterable[str]) -> list[str]:
    """Figures and quotations in `sentence` that none of the cited texts contain."""
    sources = list(cited_texts)
    problems = []
    available = set().union(*(numbers_in(t) for t in sources)) if sources else set()
    missing = sorted(numbers_in(sentence) - available)
    if missing:
        problems.append(f"figures not in the cited passages: {', '.join(missing)}")
    flat_sources = [_flat(t) for t in sources]
    for double, single in _QUOTED.findall(sentence):
        quote = double or single
        flat_quote = _flat(quote).strip(" .,;:")
        if flat_quote and not any(flat_quote in s for s in flat_sources):
            problems.append(f'quotation not found verbatim in the cited passages: "{quote.strip()}"')
    return problems
