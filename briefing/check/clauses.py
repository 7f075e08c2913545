"""What a clause asserts: denied or not, which end of a scale, who does it to whom, how sure, when."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from spacy.tokens import Doc, Token

from briefing.check.align import Problems, best_matches, same_predicate
from briefing.check.cues import (
    DECISION_WORDS,
    DIRECTION_AXES,
    HEDGE_GOVERNORS,
    RELATIVE_TIME,
    SIDE_PREPOSITIONS,
    TIME_NOUNS,
    TIME_WORDS,
)
from briefing.check.tree import (
    is_hedged,
    is_negated,
    lemma,
    participants,
    phrase_words,
    predicate_key,
    predicates,
    subject_of,
    tense,
)
from briefing.text.numbers import figures


def polarity(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """A clause the sources deny and the sentence asserts, or the other way round."""
    problems = []
    for token in predicates(claim):
        if lemma(token) in HEDGE_GOVERNORS:  # "does not expect it to reopen" = "expects it to stay shut"
            continue
        matches = best_matches(token, same_predicate(token, evidence), claim)
        if matches and all(is_negated(m) != is_negated(token) for m in matches):
            said = "denies" if is_negated(token) else "asserts"
            problems.append(f"'{predicate_key(token)}': the sentence {said} what the source does not")
    return problems


def _axis_side(token: Token) -> tuple[str, int] | None:
    word = lemma(token)
    if token.dep_ == "prt" or (word == "back" and token.pos_ != "VERB"):
        return None
    if word in SIDE_PREPOSITIONS and lemma(token.head) not in DECISION_WORDS:
        return None
    if any(c.lower_ == "short" for c in token.children):  # "fell short of" is no fall
        return None
    for axis, (up, down) in DIRECTION_AXES.items():
        if word in up:
            return axis, 0
        if word in down:
            return axis, 1
    return None


def _doer(token: Token) -> set[str]:
    """Who or what moves in the direction `token` says: "exports" in "exports fell 12%"."""
    verb = token if token.pos_ in {"VERB", "AUX"} else None
    if verb is None and token.head != token and token.head.pos_ in {"VERB", "AUX"}:
        verb = token.head
    if verb is not None:
        doer = subject_of(verb)
        return phrase_words(doer) if doer is not None else set()
    if token.pos_ == "NOUN":  # "a rise in exports", "the company's loss"
        owners = [g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        owners += [c for c in token.children if c.dep_ == "poss"]
        return {w for o in owners for w in phrase_words(o)}
    return phrase_words(token.head) if token.head != token else set()


def direction(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """A fact put at the other end of its scale: rose for fell, against for for, lost for won.

    Only the same fact counts: the same doer ("exports fell", "exports rose"; "X lost to Y" and "Y
    won" agree) or the same amount ("slipped 4%" against "rose 4%").
    A denied word in the source stands at the other end ("did not reopen" is on the side of "shut").
    """
    problems = []
    ev_sides = []
    for doc in evidence:
        for t in doc:
            side = _axis_side(t)
            if side is not None:
                ev_sides.append((t, (side[0], 1 - side[1]) if is_negated(t) else side))
    for token in claim:
        side = _axis_side(token)
        if side is None or is_negated(token):
            continue
        doer, amounts = _doer(token), _amounts(token)
        same_fact = [
            (t, s) for t, s in ev_sides if s[0] == side[0] and (_doer(t) & doer or _amounts(t) & amounts)
        ]
        if same_fact and all(s[1] != side[1] for _, s in same_fact):
            problems.append(f"'{token.text}' where the source says '{same_fact[0][0].text}'")
    return problems


def _amounts(token: Token) -> set[Decimal]:
    """The figures a direction word moves by or to: "rose 4%", "fell by 6 per cent", "to 212"."""
    parts = [c for c in token.children if c.dep_ in {"npadvmod", "dobj", "prep", "advmod", "attr"}]
    return {f.value for c in parts for f in figures(" ".join(t.text for t in c.subtree))}


def roles(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """Doer and done-to swapped for the same action: who sued, paid, hit or beat whom."""
    problems = []
    for token in predicates(claim):
        doer = subject_of(token)
        if doer is None or (token.dep_ != "ROOT" and doer.dep_ == "nsubjpass"):
            continue
        a = phrase_words(doer)
        for match in same_predicate(token, evidence):
            e_doer = subject_of(match)
            if e_doer is None:
                continue
            ea = phrase_words(e_doer)
            for p in participants(token):
                if a & ea or not p or not (p & ea):
                    continue
                if any(a & ep for ep in participants(match)):
                    problems.append(
                        f"'{doer.text}' and '{e_doer.text}' have swapped roles in '{lemma(token)}'"
                    )
                    break
    return list(dict.fromkeys(problems))


def hedges(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """A possibility, plan or condition stated as a fact."""
    problems = []
    for token in predicates(claim):
        if is_hedged(token) or is_negated(token):
            continue
        matches = best_matches(token, same_predicate(token, evidence), claim)
        if matches and all(is_hedged(m) for m in matches):
            problems.append(f"'{predicate_key(token)}' is a possibility or plan in the source")
    return problems


def time(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """Time words the sources do not use, and a tense the sources contradict."""
    said = {t.lower_ for doc in evidence for t in doc}
    problems = [
        f"'{t.text}' is not in the source" for t in claim if t.lower_ in TIME_WORDS and t.lower_ not in said
    ]
    for t in claim:
        if t.lower_ in RELATIVE_TIME and lemma(t.head) in TIME_NOUNS:
            # "next year" against "last year": both words in one sentence of the source, else a change.
            said_together = any(
                t.lower_ in {w.lower_ for w in s} and lemma(t.head) in {lemma(w) for w in s}
                for doc in evidence
                for s in doc.sents
            )
            if not said_together:
                problems.append(f"'{t.lower_} {t.head.lower_}' is not in the source")
    for token in predicates(claim):
        when = tense(token)
        matches = best_matches(token, same_predicate(token, evidence), claim)
        told = {tense(m) for m in matches} - {None}
        if when and told and when not in told:
            problems.append(f"'{token.text}' is {when} where the source's is {told.pop()}")
    return problems
