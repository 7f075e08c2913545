"""Which noun, subject, place and unit each figure belongs to, in the sentence and in its sources."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from briefing.check.align import Problems
from briefing.check.cues import (
    PLACE_NOUNS,
    TIME_WORDS,
)
from briefing.check.tree import (
    Figure,
    distance,
    figure_tokens,
    lemma,
    phrase_words,
    subject_of,
)


def figures_bound(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """A figure joined to a noun, subject, place or unit that its source gives to another figure."""
    problems: Problems = []
    ev_figures = [f for doc in evidence for f in figure_tokens(doc) if not _is_date(f)]
    claim_figures = [f for f in figure_tokens(claim) if not _is_date(f)]
    for said in claim_figures:
        same = [f for f in ev_figures if f.value == said.value]
        # Only figures of the same kind compete for a noun: a count with a count, a share with a share.
        others = [f for f in ev_figures if f.value != said.value and f.unit == said.unit]
        if not same:
            continue  # the numbers check reports a figure the sources lack
        # A word is this figure's in the sentence only when no other figure there is nearer to it.
        mine = [t for t in said.token.sent if _nearest(t, claim_figures) is said]
        problem = _unit(said, same) or _counted(said, same, others)
        problem = problem or _subject(said, same, others, mine) or _scope(said, same, others, mine)
        if problem:
            problems.append(f"{said.token.text}: {problem}")
    return problems


def _nearest(token: Token, figures: list[Figure]) -> Figure | None:
    in_sent = [f for f in figures if f.token.sent.start == token.sent.start]
    return min(in_sent, key=lambda f: distance(token, f.token), default=None)


def _is_date(figure: Figure) -> bool:
    """Years and days of the month: they say when, not how many."""
    token = figure.token
    if figure.unit is None and token.like_num and len(token.text) == 4 and 1800 <= figure.value <= 2200:
        return True
    near = [token.head, *token.children, token.nbor(-1) if token.i > 0 else token]
    if token.i + 1 < len(token.doc):
        near.append(token.nbor(1))
    return token.ent_type_ in {"DATE", "TIME"} and any(lemma(t) in TIME_WORDS for t in near)


def _unit(said: Figure, same: list[Figure]) -> str | None:
    units = {f.unit for f in same if f.unit is not None}
    if said.unit is not None and units and said.unit not in units:
        return "another unit than the source's"
    return None


def _bound_to_other(word: str, others: list[Figure], same: list[Figure]) -> bool:
    """`word` goes with another figure in the evidence, never with this one.

    In a sentence that has this figure, `word` goes with whichever figure of the kind is nearest in
    the parse ("nine died: eight in the city" puts the city with eight); in other sentences only a
    close one (three edges at most) counts.
    """
    figures = [*same, *others]
    goes_with = []
    for sent in {f.token.sent.start: f.token.sent for f in figures}.values():
        in_sent = [f for f in figures if f.token.sent.start == sent.start]
        has_same = any(f in same for f in in_sent)
        for t in sent:
            if lemma(t) != word or any(t.i == f.token.i for f in in_sent):
                continue
            dists = [(distance(t, f.token), f) for f in in_sent]
            best = min(d for d, _ in dists)
            if has_same or best <= 3:
                goes_with.append(any(f in same for d, f in dists if d == best))
    return bool(goes_with) and not any(goes_with)


def _counted(said: Figure, same: list[Figure], others: list[Figure]) -> str | None:
    if said.counted is None:
        return None
    word = lemma(said.counted)
    counted = [f.counted for f in same if f.counted is not None]
    other_noun = all(lemma(c) != word and not (phrase_words(c) & phrase_words(said.counted)) for c in counted)
    if counted and other_noun and _bound_to_other(word, others, same):
        return f"the source counts '{counted[0].text}', not '{said.counted.text}'"
    return None


def _subject(said: Figure, same: list[Figure], others: list[Figure], mine: list[Token]) -> str | None:
    # Only a figure that is what the clause says of its subject ("exports fell 12%"), not one that
    # counts a noun of its own ("two hikers").
    if said.counted is not None or said.token.head != said.verb:
        return None
    doer = subject_of(said.verb) if said.verb is not None else None
    if doer is None or doer.pos_ not in {"NOUN", "PROPN"} or doer not in mine:
        return None
    doers = [d for f in same if f.verb is not None and (d := subject_of(f.verb)) is not None]
    doers = [d for d in doers if d.pos_ in {"NOUN", "PROPN"}]
    if (
        doers
        and all(not (phrase_words(d) & phrase_words(doer)) for d in doers)
        and _bound_to_other(lemma(doer), others, same)
    ):
        return f"in the source it belongs to '{doers[0].text}', not '{doer.text}'"
    return None


def _scope(said: Figure, same: list[Figure], others: list[Figure], mine: list[Token]) -> str | None:
    """A place the sentence ties to the figure that the source ties to another figure."""
    if said.verb is None:
        return None
    heads = [said.verb] + ([said.counted] if said.counted is not None else [])
    places = [
        g for h in heads for c in h.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
    ]
    for place in places:
        is_place = place.ent_type_ in {"GPE", "LOC", "FAC"} or lemma(place) in PLACE_NOUNS
        if is_place and place in mine and _bound_to_other(lemma(place), others, same):
            return f"the source ties '{place.text}' to another figure"
    return None
