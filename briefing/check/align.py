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
    """The candidates that share most content words with the clause itself, then with the whole
    claim: "it also found evidence of harm" is told by "found no evidence of harm", not by the
    sentence that shares the rest of the claim ("the review found that tooth decay had fallen")."""
    words = content_lemmas(claim)
    own = clause_words(token)

    def overlap(t: Token) -> tuple[int, int]:
        return len(own & clause_words(t)), len(words & content_lemmas(t.sent))

    if not candidates:
        return []
    best = max(overlap(t) for t in candidates)
    return [t for t in candidates if overlap(t) == best]


def clause_words(token: Token) -> set[str]:
    """The content lemmas of the clause `token` heads, without the clauses joined to it or said in it."""
    inner = [c for c in token.children if c.dep_ in {"conj", "ccomp", "advcl", "parataxis"}]
    left_out = {t.i for c in inner for t in c.subtree}
    return content_lemmas(t for t in token.subtree if t.i not in left_out)


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
