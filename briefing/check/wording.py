"""Words that change a fact without changing its clause: ranks, qualifiers, causes."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from briefing.check.align import Problems
from briefing.check.cues import (
    CAUSAL_CUES,
    LOOSE_QUALIFIERS,
    ORDINALS,
    QUALIFIER_GROUPS,
    QUALIFIERS,
    SOURCE_CAUSAL_CUES,
)
from briefing.check.tree import (
    content_lemmas,
    lemma,
    subject_of,
)
from briefing.text.lexicon import STOPWORDS


def ordinals(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """Ranks ("second-largest", "third") the sources do not give."""
    said = {t.lower_ for doc in evidence for t in doc}
    ranks = [
        t for t in claim if t.lower_ in ORDINALS and not (t.i > 0 and t.nbor(-1).lower_ in _FRACTION_COUNTS)
    ]
    return [f"'{t.text}' is not in the source" for t in ranks if t.lower_ not in said]


# "a third", "two fifths": a fraction, not a rank.
_FRACTION_COUNTS = frozenset({"a", "one", "two", "three", "four", "a-", "one-", "two-"})


def _group(word: str) -> frozenset[str]:
    return next((g for g in QUALIFIER_GROUPS if word in g), frozenset({word}))


def _qualifier_words(doc: Doc) -> set[str]:
    words = set()
    for t in doc:
        word = t.lower_.removesuffix("-")
        if word in QUALIFIERS:
            words.add(word)
        if t.lower_.startswith("ex-"):
            words.add("ex")
    return words


def qualifiers(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """ "Former", "acting", "alleged" and the like dropped from what the source says, or added to it."""
    problems = []
    claim_quals = _qualifier_words(claim)
    claim_words = {lemma(t) for t in claim} | {t.lower_ for t in claim}
    ev_quals: set[str] = set()
    for doc in evidence:
        ev_quals |= _qualifier_words(doc)
        for t in doc:
            word = t.lower_.removesuffix("-")
            if word not in QUALIFIERS or (word in LOOSE_QUALIFIERS and t.head.pos_ != "PROPN"):
                continue
            if t.dep_ not in {"amod", "compound", "advmod", "nmod"} or t.head == t:
                continue
            target = lemma(t.head)
            if target in claim_words and target not in STOPWORDS and not (_group(word) & claim_quals):
                problems.append(f"the source says '{t.text} {t.head.text}'")
    for word in claim_quals - {w for q in ev_quals for w in _group(q)}:
        if word not in LOOSE_QUALIFIERS:
            problems.append(f"'{word}' is not in the source")
    return list(dict.fromkeys(problems))


def _cause_words(cue: Token) -> set[str]:
    """What the sentence gives as the cause: the subject of "caused", "led to"; the object of
    "caused by", "because of", "due to"; the clause after "because"."""
    if cue.pos_ == "VERB":
        agent = next((g for c in cue.children if c.dep_ == "agent" for g in c.children), None)
        doer = agent or subject_of(cue)
        return content_lemmas(doer.subtree) if doer is not None else set()
    phrase = [g for c in cue.children for g in c.subtree] or [
        g for c in cue.head.children if c != cue for g in c.subtree
    ]
    if cue.dep_ == "mark":  # "because the pump failed": the clause it opens
        phrase = [t for t in cue.head.subtree if t != cue]
    return content_lemmas(phrase)


def causes(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """A reason or consequence the sources do not give.

    The cause the sentence names must be in a source sentence that links it to something (a causal
    word, "after", "amid", "following", ...): a cause the sources mention without linking it to the
    event, or do not mention at all, fails.
    """
    problems = []
    for cue in claim:
        if lemma(cue) not in CAUSAL_CUES and cue.lower_ not in CAUSAL_CUES:
            continue
        cause = _cause_words(cue) - {lemma(cue)}
        if not cause:
            continue
        linked = False
        for doc in evidence:
            for sent in doc.sents:
                words = content_lemmas(sent)
                cues = {lemma(t) for t in sent} | {t.lower_ for t in sent}
                if len(cause & words) >= max(1, len(cause) // 2) and cues & SOURCE_CAUSAL_CUES:
                    linked = True
        if not linked:
            problems.append(f"'{cue.text}': the source does not give this cause")
    return problems
