"""The figures of a parsed text placed on its parse: which noun each counts, in which clause."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from spacy.tokens import Doc, Span, Token

from briefing.check.cues import UNIT_OF
from briefing.check.tree import lemma
from briefing.text.numbers import figures

_NOUNS = frozenset({"NOUN", "PROPN"})


@dataclass(frozen=True)
class Figure:
    """A figure in a parsed text: its value, the token that heads it, and what it counts."""

    value: Decimal
    token: Token
    unit: int | None  # index into cues.UNIT_GROUPS
    counted: Token | None  # "12 homes" -> homes; "70% of rare earths" -> earths
    verb: Token | None  # the clause the figure belongs to


def figure_tokens(doc: Doc | Span) -> Iterator[Figure]:
    """Every figure in `doc`, as the numbers module reads them, placed on the parse."""
    text = doc.text
    taken: set[int] = set()
    # The numbers module lists ordinals after the other figures, so each figure is looked for from
    # the start, at the first place not already taken.
    for found in figures(text, cited=True):
        start = _find_whole(text, found.text, 0)
        while start in taken:
            start = _find_whole(text, found.text, start + 1)
        if start < 0:
            continue
        taken.add(start)
        span = doc.char_span(start, start + len(found.text), alignment_mode="expand")
        if span is None or not len(span) or _code_or_tally(span):
            continue
        head = span.root
        yield Figure(found.value, head, *_bind(head, span))


def _find_whole(text: str, figure: str, start: int) -> int:
    """Where `figure` stands on its own from `start`: the "9" of "a 9-year-old", not of "19" (where
    it stands only inside a word, as the numbers module may read "5" in "5km", that place)."""
    found = text.find(figure, start)
    while found >= 0:
        before = text[found - 1] if found > 0 else " "
        after = text[found + len(figure)] if found + len(figure) < len(text) else " "
        inside = (figure[0].isalnum() and before.isalnum()) or (figure[-1].isalnum() and after.isalnum())
        if not inside:
            return found
        found = text.find(figure, found + 1)
    return text.find(figure, start)


_TALLY = re.compile(r"\d\s*[–—-]\s*\d")


def _code_or_tally(span: Span) -> bool:
    """Codes and tallies ("EF3", "SR-9", "10–2") name or score something; they count nothing."""
    mixed = any(any(c.isalpha() for c in t.text) and any(c.isdigit() for c in t.text) for t in span)
    # "Route 9", "Terminal 5": a bare number after a name is part of the name.
    before = span.doc[span.start - 1] if span.start > 0 else None
    named = before is not None and before.pos_ == "PROPN" and len(span) == 1 and span[0].text.isdigit()
    return mixed or named or bool(_TALLY.search(span.doc.text[span.start_char : span.end_char + 3]))


def _bind(head: Token, span: Span) -> tuple[int | None, Token | None, Token | None]:
    unit = next((UNIT_OF[t.lower_] for t in span if t.lower_ in UNIT_OF), None)
    noun: Token | None = head
    if head.dep_ in {"nummod", "quantmod", "compound"} and head.head.pos_ in _NOUNS | {"SYM"}:
        noun = head.head
    elif head.pos_ == "NUM":
        noun = None
    if noun is not None and (lemma(noun) in UNIT_OF or noun.lower_ in UNIT_OF):
        # A unit written with the figure ("4.3% year on year") is its own, whatever noun follows.
        unit = unit if unit is not None else UNIT_OF.get(lemma(noun), UNIT_OF.get(noun.lower_))
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        objects = [c for c in of.children if c.dep_ == "pobj"] if of is not None else []
        counted = objects[0] if objects else None
    else:
        counted = noun if noun is not None and noun.pos_ in _NOUNS and noun not in span else None
    anchor = counted or noun or head
    verb = next((t for t in [anchor, *anchor.ancestors] if t.pos_ in {"VERB", "AUX"}), None)
    return unit, counted, verb
