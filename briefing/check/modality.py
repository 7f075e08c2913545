"""Whether a clause is a possibility, plan or condition rather than a fact, and which tense it is in."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from briefing.check.cues import CONDITION_MARKERS, HEDGE_GOVERNORS, HEDGE_MODALS
from briefing.check.tree import is_reported, is_reporting, lemma


def is_hedged(token: Token) -> bool:
    """Whether the clause is a possibility, plan or condition rather than a fact."""
    return hedged_itself(token) or hedge_governor(token) is not None


def hedged_itself(token: Token) -> bool:
    """Whether the clause's own words make it a possibility or condition: "could", "if", "possibly"."""
    for child in token.children:
        word = lemma(child)
        if child.dep_ == "aux" and word in HEDGE_MODALS:
            return True
        if child.dep_ == "aux" and word == "would" and not is_reported(token):
            return True
        if child.dep_ == "advmod" and word in HEDGE_GOVERNORS:
            return True
        if child.dep_ == "advcl" and any(lemma(g) in CONDITION_MARKERS for g in child.children):
            return True
    return False


def hedge_governor(token: Token) -> str | None:
    """The verb that makes the clause a plan or estimate ("plans to close", "expects that it will
    close", "were damaged, it estimated"), climbing through the complements only."""
    node = token
    while node.dep_ in {"xcomp", "ccomp", "conj"} and node.head != node:
        # "expected 4.1 million and urged travellers": a verb joined to "expected" is not governed by it.
        governed = node.dep_ != "conj"
        node = node.head
        if governed and lemma(node) in HEDGE_GOVERNORS:
            return lemma(node)
    return None


def tense(token: Token) -> str | None:
    """ "past", "future" or None (present, or not told) for the clause headed by `token`."""
    auxes = [lemma(c) for c in token.children if c.dep_ in {"aux", "auxpass"}]
    if "will" in auxes or "shall" in auxes:
        return "future"
    if token.dep_ == "xcomp" and lemma(token.head) in {"go", "set", "due", "schedule"}:
        return "future"
    if "would" in auxes:
        return None  # future in the past, or a hedge: neither tense is asserted
    if "to" in auxes:  # "to shut": the tagger often reads irregular verbs as past here
        return None
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in token.children):
        return None  # "if the station shut": a condition, in no tense of its own
    if token.tag_ == "VBD" or ("have" in auxes and token.tag_ == "VBN") or _main_verb_misread(token, auxes):
        return "past"
    if any(c.tag_ == "VBD" for c in token.children if c.dep_ in {"aux", "auxpass"}):
        return "past"
    return None


def _main_verb_misread(token: Token, auxes: list[str]) -> bool:
    """ "The footbridge reopened on Monday, the council said", parsed as a footbridge that was
    reopened, which the council said, or tagged as a participle with a subject of its own: the
    sentence's own verb, in the past."""
    if token.tag_ != "VBN" or auxes:
        return False
    if any(c.dep_ == "nsubj" for c in token.children):
        return True
    if token.dep_ != "acl":
        return False
    noun = token.head
    return noun.dep_ == "ROOT" or (noun.dep_ == "nsubj" and is_reporting(noun.head))


_PROPOSING = frozenset({"propose", "plan", "consider", "mull", "weigh", "explore"})


def proposal_made_deed(told: Token, token: Token) -> bool:
    """ "has proposed a congestion charge" told as "is introducing" it: a proposal made a deed (not
    "has put forward a plan for a charge", which keeps it one)."""
    if lemma(told) not in _PROPOSING or lemma(token) in HEDGE_GOVERNORS | {lemma(told)}:
        return False
    forward = any(c.lower_ == "forward" for c in token.children)
    planned = any(c.dep_ == "dobj" and lemma(c) in _PLAN_NOUNS for c in token.children)
    return not forward and not planned


_PLAN_NOUNS = frozenset({"plan", "proposal", "bid", "scheme", "idea", "option"})


def only_planned(word: str, evidence: Sequence[Doc]) -> bool:
    """ "would appeal" where the source's only appeal is one "it was considering": the deed is named
    by a noun that a plan or hope governs, and nowhere else."""
    told = [t for doc in evidence for t in doc if lemma(t) == word and t.pos_ in {"NOUN", "VERB"}]
    return bool(told) and all(
        t.pos_ == "NOUN" and t.dep_ == "dobj" and lemma(t.head) in HEDGE_GOVERNORS for t in told
    )
