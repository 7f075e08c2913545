"""Which clauses of the sources say what a clause of the sentence says: same predicate, most shared words."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from briefing.check.tree import (
    content_lemmas,
    is_reporting,
    predicate_key,
    predicates,
    subject_of,
)

Problems = list[str]


def best_matches(token: Token, candidates: list[Token], claim: Doc) -> list[Token]:
    """The candidates in the evidence sentences that share most content words with the claim."""
    words = content_lemmas(claim)

    def overlap(t: Token) -> int:
        return len(words & content_lemmas(t.sent))

    if not candidates:
        return []
    best = max(overlap(t) for t in candidates)
    return [t for t in candidates if overlap(t) == best]


def same_predicate(token: Token, evidence: Sequence[Doc]) -> list[Token]:
    key = predicate_key(token)
    return [t for doc in evidence for t in predicates(doc) if predicate_key(t) == key]


def same_clause(token: Token, evidence: Sequence[Doc]) -> list[Token]:
    """The source clauses with the same predicate; failing those, the ones where the same doer does
    something to the same thing in other words ("a filter let in the contamination" against "a filter
    may have allowed the contamination"; "the association has launched a review" against "it would
    seek a review", the association said)."""
    same = same_predicate(token, evidence)
    if same:
        return same
    doer, done_to = _doer_words(token), _object_words(token)
    if not doer or not done_to:
        return []
    return [
        t for doc in evidence for t in predicates(doc)
        if doer & _doer_words(t) and done_to & _object_words(t)
    ]  # fmt: skip


def _doer_words(token: Token) -> set[str]:
    doer = subject_of(token)
    if doer is not None and doer.pos_ == "PRON":
        # "it would seek a review", said the association: the one saying it.
        speaker = next((a for a in token.ancestors if is_reporting(a)), None)
        doer = subject_of(speaker) if speaker is not None else None
    return content_lemmas(doer.subtree) if doer is not None else set()


_PARTICLES = frozenset({"in", "out", "off", "up", "down"})


def _object_words(token: Token) -> set[str]:
    objects = [c for c in token.children if c.dep_ == "dobj"]
    # A particle read as a preposition: "let in the contamination", "called off the strike".
    objects += [g for c in token.children if c.dep_ == "prep" and c.lower_ in _PARTICLES for g in c.children]
    return content_lemmas(t for o in objects for t in [o, *o.children] if t.dep_ not in {"relcl", "acl"})
