"""The few told as the many: "only two of the twelve jurors backed the verdict" where the jury
reached it "by a majority of 10 to 2"; "three of the nine members backed the rise" where six voted
for it and three preferred to hold. The sentence counts who backed a decision; the sources split the
whole into two parts, and the part the sentence gives the backing to is the smaller one, which the
sources never have backing it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from spacy.tokens import Doc, Token

from briefing.check.align import Problems
from briefing.check.placed_figures import Figure, figure_tokens
from briefing.check.tree import lemma
from briefing.text.numbers import figures

_BACKING = frozenset({"back", "support", "favour", "favor", "endorse", "approve"})


def minority_backers(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """ "N of the M backed" where the sources split M into N and the rest, never have N backing, and
    have the rest backing or the rest larger (a majority decides)."""
    told = [f for doc in evidence for f in figure_tokens(doc)]
    values = {f.value for f in told}
    problems = []
    for part, whole, verb in _backers(claim):
        rest = whole - part
        split = part in values and rest in values
        if split and not _backing_in(part, told) and (rest > part or _backing_in(rest, told)):
            problems.append(f"'{part} of {whole}' {verb.text}: in the source {rest} of them did")
    return problems


def _backers(doc: Doc) -> Iterator[tuple[Decimal, Decimal, Token]]:
    """(part, whole, verb) for "two of the twelve jurors backed", "three of the nine members voted for"."""
    for t in doc:
        verb = t.head
        if t.dep_ != "nsubj" or not _backs(verb) or (part := _value(t)) is None:
            continue
        of = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        group = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        counts = [c for c in group.children if c.dep_ == "nummod"] if group is not None else []
        whole = _value(counts[0]) if counts else None
        if whole is not None and whole > part:
            yield part, whole, verb


def _backs(verb: Token) -> bool:
    """ "backed", "supported", "voted for"."""
    voted_for = lemma(verb) == "vote" and any(c.lower_ == "for" for c in verb.children)
    return lemma(verb) in _BACKING or voted_for


def _backing_in(part: Decimal, told: list[Figure]) -> bool:
    """Whether the sources have this part as the ones who backed: the subject of a backing verb
    ("six of the nine voted for"), not the figure of how it was decided ("approved by 8 to 3")."""
    return any(f.value == part and f.verb is not None and _backs(f.verb) and _subject_of(f) for f in told)


def _subject_of(figure: Figure) -> bool:
    below = figure.token
    while below.head != figure.verb and below.head != below:  # spaCy makes a new Token each time
        below = below.head
    return below.dep_ in {"nsubj", "nsubjpass"}


def _value(token: Token) -> Decimal | None:
    found = figures(token.text)
    return found[0].value if len(found) == 1 else None
