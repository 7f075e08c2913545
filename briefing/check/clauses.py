"""What a clause asserts: denied or not, which end of a scale, who does it to whom, how sure, when."""

from __future__ import annotations

import re
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
    is_reported,
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
        # "schools were closed": what a passive moves is its subject, not an agent it may lack.
        passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if passive is None and verb.dep_ in {"advcl", "conj"}:  # "X was elected, winning 58%"
            passive = next((c for c in verb.head.children if c.dep_ == "nsubjpass"), None)
        doer = subject_of(verb) or passive
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
        doer, amounts, other = _doer(token), _amounts(token), _counterpart(token)
        # The closest telling decides: "revenue rose 4%" over "the company's profit, down".
        closeness = {
            t.i: len(_doer(t) & doer) + 2 * len(_amounts(t) & amounts) + _converse(t, doer, other)
            for t, s in ev_sides
            if s[0] == side[0]
        }
        same_fact = [
            (t, s) for t, s in ev_sides if closeness.get(t.i, 0) and closeness[t.i] == max(closeness.values())
        ]
        # "Lund lost to Hadzic" tells "Hadzic won against Lund" from the other side.
        if same_fact and all((s[1] != side[1]) != _converse(t, doer, other) for t, s in same_fact):
            problems.append(f"'{token.text}' where the source says '{same_fact[0][0].text}'")
    return problems + votes(claim, evidence)


def _counterpart(token: Token) -> set[str]:
    """The other party of a contest: "Hadzic" in "lost to Hadzic", "Lund" in "won against Lund"."""
    verb = token if token.pos_ in {"VERB", "AUX"} else token.head
    # The parser may hang "against Lund" on the object or the round: "won the run-off against Lund".
    near = [*verb.children, *(g for c in verb.children if c.dep_ in {"dobj", "prep"} for g in c.children)]
    near += [g for c in near if c.dep_ == "pobj" for g in c.children]
    preps = [p for p in near if p.dep_ == "prep" and lemma(p) in {"to", "against"}]
    parties = [g for p in preps for g in p.children if g.dep_ == "pobj" and g.pos_ in {"PROPN", "NOUN"}]
    return {w for g in parties for w in phrase_words(g)}


def _converse(told: Token, doer: set[str], other: set[str]) -> bool:
    """Whether the source's telling has the sentence's other party as its doer, or the other way."""
    return bool(other and _doer(told) & other) or bool(doer and _counterpart(told) & doer)


_COUNT = r"(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_TALLY_SIDE = re.compile(
    r"\b" + _COUNT + r"(?:\s+votes?)?(?:\s+to\s+|\s*[-–]\s*)" + _COUNT + r"\b(?:\s+votes)?"
    r"(?:\s+(?!to\b|against\b|for\b|in\b)\w+){0,3}?\s+(against|in\s+favou?r|for|to)\s+(\w+)",
    re.IGNORECASE,
)
_AGAINST_VERBS = DIRECTION_AXES["approval"][1] | {"strike", "walk"}


def _vote_sides(text: str) -> dict[tuple[str, str], str]:
    """Each tally ("7 to 2", "412-187") and the side it was cast on: "for" or "against"."""
    sides = {}
    for first, second, marker, word in _TALLY_SIDE.findall(text):
        marker = marker.lower()
        if marker == "to":
            side = "against" if word.lower().rstrip("s") in _AGAINST_VERBS else "for"
        else:
            side = "against" if marker == "against" else "for"
        sides[(first.lower(), second.lower())] = side
    return sides


def votes(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """ "voted 6 to 5 against closing" where the source's 6 to 5 was to close."""
    told: dict[tuple[str, str], set[str]] = {}
    for doc in evidence:
        for tally, side in _vote_sides(doc.text).items():
            told.setdefault(tally, set()).add(side)
    return [
        f"'{a} to {b}' {side} where the source's vote was the other way"
        for (a, b), side in _vote_sides(claim.text).items()
        if (a, b) in told and side not in told[(a, b)]
    ]


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
            # "the coming 12 months" is "the next year".
            words = next((g for g in _RELATIVE_SYNONYMS if t.lower_ in g), {t.lower_})
            heads = {lemma(t.head)} | ({"year"} if _a_year(t.head) else set())
            said_together = any(
                words & {w.lower_ for w in s} and heads & {lemma(w) for w in s}
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
        elif when == "past" and matches and all(_reported_future(m) for m in matches):
            problems.append(f"'{token.text}' is done where the source reports it as to come")
    return problems + _clock_times(claim, evidence) + _before_after(claim, evidence)


_RELATIVE_SYNONYMS = ({"next", "coming", "following"}, {"last", "past", "previous"})


def _a_year(noun: Token) -> bool:
    """ "12 months", "twelve months": a year."""
    return lemma(noun) == "month" and any(c.lower_ in {"12", "twelve"} for c in noun.children)


def _reported_future(token: Token) -> bool:
    """ "said Lindahl would step down": a future told in the past, not yet done."""
    auxes = {lemma(c) for c in token.children if c.dep_ == "aux"}
    return "would" in auxes and is_reported(token) and not is_hedged(token)


_CLOCK = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?m\b\.?", re.IGNORECASE)


def _clock_set(text: str) -> set[tuple[int, int, str]]:
    return {(int(h), int(m or 0), ap.lower()) for h, m, ap in _CLOCK.findall(text)}


def _clock_times(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """ "4am" where the source says "4pm"."""
    told = {t for doc in evidence for t in _clock_set(doc.text)}
    return [
        f"'{h}{f':{m:02d}' if m else ''}{ap}m' is not in the source"
        for h, m, ap in _clock_set(claim.text) - told
    ]


# "two days after prosecutors opened": the span, its side, and the first word of what it is measured from.
_SPAN_ORDER = re.compile(
    r"\b(\w+)\s+(minute|hour|day|week|month|year)s?\s+(before|after|earlier|later)\s+(?:the\s+)?(\w+)",
    re.IGNORECASE,
)
_ORDER_SIDE = {"before": "before", "earlier": "before", "after": "after", "later": "after"}


def _orders(text: str) -> set[tuple[str, str, str, str]]:
    return {
        (n.lower(), unit.lower(), _ORDER_SIDE[side.lower()], anchor.lower())
        for n, unit, side, anchor in _SPAN_ORDER.findall(text)
    }


def _before_after(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """ "two days before prosecutors opened" where the source says "two days after prosecutors opened".

    Only against the same anchor: "a week before announcing" and "came a week after the cut" say one
    thing from its two ends."""
    told = {o for doc in evidence for o in _orders(doc.text)}
    return [
        f"'{n} {unit}s {side}' where the source says {'after' if side == 'before' else 'before'}"
        for n, unit, side, anchor in _orders(claim.text)
        if (n, unit, side, anchor) not in told and any((n, unit, anchor) == (o[0], o[1], o[3]) for o in told)
    ]
