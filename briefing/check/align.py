"""Which clauses of the sources say what a clause of the sentence says: same predicate, most shared words."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from briefing.check.tree import (
    content_lemmas,
    predicate_key,
    predicates,
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
