"""What one party is reported to say where another party in the same passage answers it.

"According to the union, the closure will cost the town 40 million a year. Orrin Foods disputed the
figure." Plain reported speech is a source's way of telling facts ("the company said it would hand
out water"), so a brief may state it as one; but when another party disputes, counters or defends
against it, each side's words are that side's view, and a sentence that states one as fact takes a
side. ("Denies wrongdoing" is left out: it answers an accusation, and "was charged with" already
tells a charge as one.) On the development files two edits are caught, no faithful item lost.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from briefing.check.tree import is_reporting, lemma, subject_of

# Verbs by which a party answers what another says.
_ANSWERING = frozenset({"dispute", "defend", "counter", "contest", "rebut", "refute"})
_SAID = frozenset({"ccomp", "xcomp", "advcl"})


def contested(doc: Doc) -> set[int]:
    """Token indices of what parties are reported to say, in a passage where one answers another."""
    reports = list(_reports(doc))
    speakers = {speaker for speaker, _, _ in reports}
    answered = any(lemma(verb) in _ANSWERING for _, _, verb in reports)
    if len(speakers) < 2 or not answered:
        return set()
    return {i for _, said, _ in reports for i in said}


def _reports(doc: Doc) -> Iterator[tuple[str, set[int], Token]]:
    """(who, what they are said to say, the verb) for each report and each answer in the passage."""
    for t in doc:
        if t.lower_ == "according" and t.dep_ == "prep":  # "According to the union, the closure will…"
            to = next((c for c in t.children if c.lower_ == "to"), None)
            who = next((g for g in to.children if g.dep_ == "pobj"), None) if to is not None else None
            if who is not None and t.head is not t:
                yield lemma(who), {g.i for g in t.head.subtree} - {g.i for g in t.subtree}, t
        elif is_reporting(t) or (lemma(t) in _ANSWERING and t.pos_ == "VERB"):
            who = _speaker(t)
            if who is not None:
                yield lemma(who), {g.i for c in t.children if c.dep_ in _SAID for g in c.subtree}, t


def _speaker(verb: Token) -> Token | None:
    """The subject of a reporting verb, or of the verb it hangs on ("criticised the buyback, saying")."""
    found = subject_of(verb)
    if found is None and verb.dep_ in _SAID and verb.head is not verb:
        found = subject_of(verb.head)
    return found
