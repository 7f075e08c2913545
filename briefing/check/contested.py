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
    speakers = {lemma(speaker) for speaker, _, _ in reports}
    answered = any(lemma(verb) in _ANSWERING for _, _, verb in reports)
    if len(speakers) < 2 or not answered:
        return set()
    return {i for _, said, _ in reports for i in said}


# Parties with a side to take: what they say is their view however plainly a source tells it
# ("campaigners said the closure would put mothers at risk", "according to the union").
_INTERESTED = frozenset({
    "campaigner", "union", "analyst", "critic", "opponent", "activist", "association", "prosecutor",
    "prosecution", "diplomat", "insider", "protester", "opposition", "plaintiff", "claimant",
})  # fmt: skip


def interested_views(doc: Doc) -> set[int]:
    """Token indices of what parties with a side to take are reported to judge or foresee ("would put
    mothers at risk", "made journeys slower"). What they report as done ("workers voted 68% to 32%",
    "drivers will strike on 4 November") is how sources tell facts, and stays a fact."""
    views: set[int] = set()
    for speaker, said, _ in _reports(doc):
        if {lemma(t) for t in speaker.subtree} & _INTERESTED and any(_judging(doc[i]) for i in said):
            views |= said - _conditions(doc, said)
    return views


def _conditions(doc: Doc, said: set[int]) -> set[int]:
    """The "if" clauses of what is said: "could rise … if the station shut" foresees the rise, not
    the shutting."""
    marked = [doc[i] for i in said if doc[i].dep_ == "mark" and doc[i].lower_ in {"if", "unless"}]
    return {g.i for mark in marked for g in mark.head.subtree}


def _judging(token: Token) -> bool:
    return token.lower_ in _CONJECTURE or token.tag_ in {"JJR", "RBR"}


_CONJECTURE = frozenset({"would", "could", "might", "risk", "undervalued", "overvalued"})


def _reports(doc: Doc) -> Iterator[tuple[Token, set[int], Token]]:
    """(who, what they are said to say, the verb) for each report and each answer in the passage."""
    for t in doc:
        if t.lower_ == "according" and t.dep_ == "prep":  # "According to the union, the closure will…"
            to = next((c for c in t.children if c.lower_ == "to"), None)
            who = next((g for g in to.children if g.dep_ == "pobj"), None) if to is not None else None
            if who is not None and t.head is not t:
                yield who, {g.i for g in t.head.subtree} - {g.i for g in t.subtree}, t
        elif is_reporting(t) or (lemma(t) in _ANSWERING and t.pos_ == "VERB"):
            who = _speaker(t)
            if who is not None:
                yield who, {g.i for c in t.children if c.dep_ in _SAID for g in c.subtree}, t


def _speaker(verb: Token) -> Token | None:
    """The subject of a reporting verb, or of the verb it hangs on ("criticised the buyback, saying")."""
    found = subject_of(verb)
    if found is None and verb.dep_ in _SAID and verb.head is not verb:
        found = subject_of(verb.head)
    return found
