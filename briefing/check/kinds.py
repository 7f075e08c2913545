"""A kind dropped: "shipments to Corvania slumped" where the source says "shipments of machinery to
Corvania slumped". An "of" with a bare noun after it says which kind of thing is meant; told without
it, the fact covers every kind. Only where the source never tells the noun without its kind."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from briefing.check.align import Problems
from briefing.check.tree import lemma

# Nouns an "of" after which names a share, a count or a measure, not a kind ("a deficit of 3.8 per
# cent", "a rise of 12 homes", "the number of people").
_MEASURES = frozenset(
    {"cent", "percent", "%", "point", "number", "total", "share", "rate", "level", "amount", "majority"}
    | {"minority", "half", "part", "proportion", "fraction", "quarter", "third", "most", "rest"}
)
# Nouns whose "of" names whose they are, not a kind: "parents of pupils", "members of the club".
_RELATIONAL = frozenset(
    {"parent", "family", "relative", "member", "friend", "owner", "head", "leader", "resident"}
)


def kind_dropped(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """Nouns of the sentence that every source telling narrows to one kind, told without it."""
    said = {lemma(t) for t in claim} | {t.lower_ for t in claim}
    problems = []
    for noun in claim:
        has_of = any(c.lower_ == "of" for c in noun.children)  # "a minority of the 2,100 people"
        if noun.pos_ != "NOUN" or has_of or lemma(noun) in _MEASURES:
            continue
        told = [t for doc in evidence for t in doc if t.pos_ == "NOUN" and lemma(t) == lemma(noun)]
        kinds = [kind for t in told if (kind := _kind(t)) is not None]
        if told and len(kinds) == len(told) and not any({lemma(k), k.lower_} & said for k in kinds):
            problems.append(f"'{noun.text}': the source says '{told[0].text} of {kinds[0].text}'")
    return problems


def _kind(noun: Token) -> Token | None:
    """The bare noun of a noun's "of" phrase ("shipments of machinery"), if it has one."""
    for of in (c for c in noun.children if c.lower_ == "of" and c.dep_ == "prep"):
        for kind in (g for g in of.children if g.dep_ == "pobj" and g.pos_ == "NOUN"):
            bare = not any(c.dep_ in {"det", "poss", "nummod", "amod"} for c in kind.children)
            counted = any(c.dep_ == "nummod" or c.like_num for c in noun.children)  # "312 grams of"
            if (
                bare
                and not counted
                and lemma(noun) not in _RELATIONAL
                and not kind.like_num
                and lemma(kind) not in _MEASURES
            ):
                return kind
    return None
