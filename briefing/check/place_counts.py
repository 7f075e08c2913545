"""A count told of a place that the source gives another count: "Eleven people were treated after a
fire at Greystone Court", where the source's eleven were treated after fires in two blocks, "seven at
Greystone Court and four at Linden House". The sentence narrows the whole to one of its parts (or, as
"about 400 homes in Dunmore" where Dunmore had 340 and a neighbouring parish 60, widens a part).

The place is a name in a phrase of place ("at Greystone Court", "in Dunmore"). It fails when, in a
source sentence that names it, the count nearest the place is another one, of the same thing (the
same counted noun and unit, or a bare figure: "seven at Greystone Court"), that the sentence does
not give, and the sentence's own count is not as near the place there.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from briefing.check.align import Problems
from briefing.check.blend import nearest_figure, placed_in
from briefing.check.placed_figures import Figure, figure_tokens
from briefing.check.tree import distance, lemma


def count_of_another_place(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """Counts the sentence gives a place where the source gives that place a different count."""
    told = _counts(claim)
    values = {f.value for f in told}
    problems = []
    for place in _placed_names(claim):
        own = [f for f in told if f.token.sent.start == place.sent.start]
        if not own:
            continue
        said = nearest_figure(place, own)
        for there in (t for doc in evidence for t in _placed_names(doc) if _same_name(t, place)):
            counts = _counts(there.sent)
            other = nearest_figure(there, counts) if counts else None
            if other is None or other.value in values or not _counts_alike(other, said):
                continue
            near = distance(there, other.token)
            same = [f for f in counts if f.value == said.value]
            if (near <= _NEAR or _sets_the_scene(there, other)) and all(
                distance(there, f.token) > near for f in same
            ):
                problems.append(
                    f"'{place.text}': the source gives it {other.token.text}, not {said.token.text}"
                )
                break
    return problems


# How close (in parse edges) a source's count must be to the place to be the place's own: "seven at
# Greystone Court" is two edges, "about 340 homes in Dunmore" three.
_NEAR = 3
_NOT_COUNTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"})


def _counts(doc: Doc | Span) -> list[Figure]:
    """Figures that count or measure things ("14 weeks", "6%"); not years or dates."""
    return [f for f in figure_tokens(doc) if f.unit is not None or f.token.ent_type_ not in _NOT_COUNTS]


def _sets_the_scene(place: Token, figure: Figure) -> bool:
    """A place phrase on the figure's own verb: "Across the region as a whole, the average wait was
    unchanged at 19 weeks" gives the region its 19 weeks, however far apart the parse puts them."""
    head = place.head.head  # place <- preposition <- what the phrase hangs on
    return figure.verb is not None and head == figure.verb and place.head.dep_ == "prep"


def _placed_names(doc: Doc) -> list[Token]:
    """The last word of each name in a phrase of place: "Court" of "at Greystone Court"; not dates."""
    return [
        t for t in doc
        if (t.pos_ == "PROPN" or lemma(t) in _PLACE_NOUNS) and t.dep_ not in {"compound", "flat"}
        and t.ent_type_ not in {"DATE", "TIME"} and placed_in(t)
    ]  # fmt: skip


# Places named by a common noun: "across the region", "in the city".
_PLACE_NOUNS = frozenset({"region", "district", "county", "state", "country", "city", "province", "area"})


def _same_name(a: Token, b: Token) -> bool:
    return a.lower_ == b.lower_ and _first_words(a) == _first_words(b)


def _first_words(token: Token) -> list[str]:
    return [c.lower_ for c in token.children if c.dep_ in {"compound", "flat"}]


def _counts_alike(other: Figure, said: Figure) -> bool:
    """Counts of the same thing: the same counted noun, or a bare figure standing for it."""
    if other.unit != said.unit:
        return False
    if other.counted is None or said.counted is None:
        return True
    return lemma(other.counted) == lemma(said.counted)
