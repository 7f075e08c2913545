"""Scope: a sentence that says "all" or "every", or names a whole place, where the sources tell part."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from briefing.check.align import Problems
from briefing.check.tree import figure_tokens, lemma

# "each" is left out: "values each share at $14" distributes, it does not widen.
_UNIVERSAL = frozenset({"all", "every", "entire", "whole"})


def _quantified(doc: Doc) -> list[tuple[Token, Token]]:
    """(universal word, the noun it covers): "all 14 homes", "every ward", "all of the cuts"."""
    found = []
    for t in doc:
        if t.lower_ not in _UNIVERSAL or (t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "but"):
            continue  # "all but 6,500" names its exception
        noun = t.head
        # "every Wexford & Lyle store", "all 14 care homes"
        while noun.dep_ in {"compound", "nummod"} and noun.head != noun:
            noun = noun.head
        if t.lower_ == "all" and (of := next((c for c in t.children if c.lower_ == "of"), None)):
            noun = next((g for g in of.children if g.dep_ == "pobj"), noun)
        if lemma(noun) in _PARTS and (of := next((c for c in noun.children if c.lower_ == "of"), None)):
            noun = next((g for g in of.children if g.dep_ == "pobj"), noun)  # "every part of Veldra"
        if noun.pos_ in {"NOUN", "PROPN"} and noun != t:
            found.append((t, noun))
    return found


_PARTS = frozenset({"part", "region", "area", "corner", "district"})


def widened(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """ "all 14 care homes" or "every ward" where the source covers some of them: a scope widened."""
    covered = {lemma(noun) for doc in evidence for _, noun in _quantified(doc)}
    # "None of the passengers was hurt" tells of all of them: "all passengers escaped unhurt".
    covered |= {lemma(noun) for doc in evidence for noun in _denied_of_all(doc)}
    told = {lemma(t) for doc in evidence for t in doc}
    problems = []
    for word, noun in _quantified(claim):
        # The words of the phrase it opens: "every Wexford & Lyle store" covers stores.
        phrase = {lemma(t) for t in claim[word.i + 1 : word.i + 6] if t.pos_ == "NOUN"} | {lemma(noun)}
        if lemma(noun) in told and not phrase & covered:
            problems.append(f"'{word.text} {noun.text}': the source does not say all")
    return problems


def _denied_of_all(doc: Doc) -> list[Token]:
    """The nouns "none of the X" or "no X" covers."""
    found = []
    for t in doc:
        if t.lower_ == "none" and (of := next((c for c in t.children if c.lower_ == "of"), None)):
            found += [g for g in of.children if g.dep_ == "pobj"]
        elif t.lower_ == "no" and t.dep_ == "det" and t.head.pos_ == "NOUN":
            found.append(t.head)
    return found


# Words that take part of a place: "the northern half of Glenavon", "parts of the county".
_PARTITIVES = frozenset({
    "half", "part", "parts", "north", "south", "east", "west", "corner", "edge", "outskirts",
})  # fmt: skip


def _places(doc: Doc) -> list[Token]:
    """Names told as places: the object of "in", "across", "throughout", or of a partitive's "of"."""
    return [
        t for t in doc if t.pos_ == "PROPN" and t.dep_ == "pobj" and (t.head.lower_ in _WHERE or _part_of(t))
    ]


_SIDES = frozenset({"northern", "southern", "eastern", "western", "central", "rural", "coastal", "inner"})
_WHERE = frozenset({"in", "across", "throughout"})


def _part_of(place: Token) -> bool:
    """Whether a place is told as part of it: "northern Glenavon", or the object of "of" after a
    partitive noun ("the northern half of Glenavon")."""
    if any(c.dep_ in {"amod", "compound"} and c.lower_ in _SIDES for c in place.children):
        return True
    return place.dep_ == "pobj" and place.head.lower_ == "of" and place.head.head.lower_ in _PARTITIVES


def part_of_place(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """ "schools across Glenavon" where every source says "across the northern half of Glenavon"."""
    told: dict[str, list[bool]] = {}
    for doc in evidence:
        for place in _places(doc):
            told.setdefault(place.lower_, []).append(_part_of(place))
    problems = []
    for place in _places(claim):
        parts = told.get(place.lower_, [])
        if parts and all(parts) and not _part_of(place):
            problems.append(f"'{place.text}': the source tells only part of it")
    return problems


def one_of_places(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """ "210,000 kettles sold in Veldra" where the source's 210,000 were sold "in Veldra and Halvany".

    A count told of two places together is no count of one of them. Only where the source sentence
    with the places gives a figure the sentence repeats: that flooding hit "Veldra and Halvany" does
    say it hit Veldra.
    """
    values = {f.value for f in figure_tokens(claim)}
    said = claim.text.lower()
    problems = []
    for place in _places(claim):
        told = [t for doc in evidence for t in _places(doc) if t.lower_ == place.lower_]
        counted = [t for t in told if values & {f.value for f in figure_tokens(t.sent)}]
        others = {c.text for t in counted for c in t.conjuncts if c.pos_ == "PROPN"}
        if counted and len(counted) == len(told) and all(t.conjuncts for t in counted):
            missing = sorted(o for o in others if o.lower() not in said)
            if missing:
                problems.append(
                    f"'{place.text}': the source gives the figure for it and {missing[0]} together"
                )
    return problems
