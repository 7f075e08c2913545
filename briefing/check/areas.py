"""A named place told as another kind of area than the sources give it: "Kelvard city" where every
source says "the Kelvard district, which covers the city and 11 towns" (scope)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from briefing.check.align import Problems
from briefing.check.tree import lemma

_AREAS = frozenset({
    "city", "town", "district", "county", "region", "province", "state", "borough", "village",
    "municipality", "parish", "valley", "island", "metropolitan", "suburb", "shire",
})  # fmt: skip


def _named_areas(doc: Doc) -> dict[str, set[str]]:
    """Each place name with the area nouns it is told with: "Kelvard city", "the Kelvard district",
    "the city of Kelvard"."""
    found: dict[str, set[str]] = defaultdict(set)
    for t in doc:
        if t.pos_ != "PROPN":
            continue
        if t.dep_ == "compound" and lemma(t.head) in _AREAS:
            found[t.lower_] |= _kinds(t.head)
        elif t.dep_ == "pobj" and t.head.lower_ == "of" and lemma(t.head.head) in _AREAS:
            found[t.lower_] |= _kinds(t.head.head)
    return found


def _kinds(area: Token) -> set[str]:
    """The area noun with those compounded to it: "the island states of the Saltern Sea" are islands
    too."""
    return {lemma(a) for a in [area, *area.children] if a == area or a.dep_ == "compound"} & _AREAS


def area_changed(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """A place the sentence calls a city (town, district…) that the sources call only another kind."""
    theirs: dict[str, set[str]] = defaultdict(set)
    for doc in evidence:
        for name, areas in _named_areas(doc).items():
            theirs[name] |= areas
    return [
        f"'{name.title()} {'/'.join(sorted(areas))}': the sources say {'/'.join(sorted(theirs[name]))}"
        for name, areas in _named_areas(claim).items()
        if theirs.get(name) and not areas & theirs[name]
    ]
