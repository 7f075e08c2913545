"""What a clause asserts: denied or not, which end of a scale, who does it to whom, how sure, when."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from briefing.check.align import Problems, best_matches, same_clause, same_predicate
from briefing.check.converses import converse_roles, named_beside
from briefing.check.cues import (
    HEDGE_GOVERNORS,
    RELATIVE_TIME,
    SPEECH_ACTS,
    TIME_NOUNS,
    TIME_WORDS,
)
from briefing.check.ends import ends_swapped
from briefing.check.hedged_figures import hedged_figures
from briefing.check.modality import (
    hedge_governor,
    hedged_itself,
    is_hedged,
    only_planned,
    proposal_made_deed,
    tense,
)
from briefing.check.tree import (
    is_negated,
    is_reported,
    lemma,
    participants,
    phrase_words,
    predicate_key,
    predicates,
    subject_of,
    words_beside,
)


def polarity(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """A clause the sources deny and the sentence asserts, or the other way round."""
    problems = []
    for token in predicates(claim):
        if lemma(token) in HEDGE_GOVERNORS and _governs_clause(token):
            continue  # "does not expect it to reopen" = "expects it to stay shut"; "would not seek a
            # retrial" is no such hedge: it has only an object
        if token.dep_ in {"acl", "xcomp"} and lemma(token.head) in HEDGE_GOVERNORS:
            continue  # "stayed shut despite plans to reopen": the reopening is not asserted
        matches = best_matches(token, same_predicate(token, evidence), claim)
        if matches and all(is_negated(m) != is_negated(token) for m in matches):
            said = "denies" if is_negated(token) else "asserts"
            problems.append(f"'{predicate_key(token)}': the sentence {said} what the source does not")
    return problems + _deaths(claim, evidence)


def _governs_clause(token: Token) -> bool:
    return any(c.dep_ in {"xcomp", "ccomp"} for c in token.children)


_DEATH = frozenset({"kill", "die", "dead", "death", "fatal", "fatality", "perish"})
_NONE = frozenset({"no", "none", "nobody", "zero"})


def _death_told(token: Token) -> bool | None:
    """True where `token` tells of a death ("killing", "two died", "lost their lives"), False where
    it denies one ("no one was killed", "no deaths", "nobody lost their life"), None otherwise."""
    word = lemma(token)
    if word == "life" and token.dep_ == "dobj" and lemma(token.head) == "lose":
        token, word = token.head, "lose"
    elif word not in _DEATH:
        return None
    denied = is_negated(token) or any(
        c.dep_ in {"det", "nsubj", "nsubjpass", "amod"} and lemma(c) in _NONE | {"one"} and _no_one(c)
        for c in token.children
    )
    return not denied


def _no_one(token: Token) -> bool:
    """ "no", "none", "nobody", and "no one" (parsed as "one" with "no" before it)."""
    return lemma(token) in _NONE or (token.i > 0 and token.doc[token.i - 1].lower_ == "no")


def _deaths(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """A death the sources deny ("no one had lost their life"), or denied where they report one."""
    told = {found for doc in evidence for t in doc if (found := _death_told(t)) is not None}
    said = {found for t in claim if (found := _death_told(t)) is not None}
    if told == {False} and True in said:
        return ["tells of a death where the source says no one died"]
    if told == {True} and False in said:
        return ["says no one died where the source reports a death"]
    return []


def roles(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """Doer and done-to swapped for the same action: who sued, paid, hit or beat whom."""
    problems = []
    for token in predicates(claim):
        doer = subject_of(token)
        # A passive's own subject is done-to, not doer; one it takes from "was ordered to pay" is the doer.
        if doer is None or (token.dep_ != "ROOT" and doer.dep_ == "nsubjpass" and doer.head == token):
            continue
        a = phrase_words(doer)
        for match in same_predicate(token, evidence):
            e_doer = subject_of(match)
            if e_doer is None:
                continue
            ea = phrase_words(e_doer)
            # The parser may miss what the sentence's verb is done to ("to pay £2.8 million to software
            # firm Quiller" read as a clause of its own): its other words then stand in for it.
            told = [*participants(token), words_beside(token, doer)]
            for p in told:
                if a & ea or not p or not (p & ea):
                    continue
                if any(a & ep for ep in participants(match)) or named_beside(a, e_doer, match, token):
                    problems.append(
                        f"'{doer.text}' and '{e_doer.text}' have swapped roles in '{lemma(token)}'"
                    )
                    break
    return list(dict.fromkeys(problems + converse_roles(claim, evidence) + ends_swapped(claim, evidence)))


def hedges(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """A possibility, plan or condition stated as a fact."""
    problems = []
    # The sentence keeps the source's "estimated" or "expects" where the parse may not hang it on this
    # clause: "were damaged by hail, the association estimated". A "could" must be kept as a word.
    governors = {lemma(t) for t in claim} & HEDGE_GOVERNORS
    for token in predicates(claim):
        if is_hedged(token) or is_negated(token):
            continue
        matches = best_matches(token, same_clause(token, evidence), claim)
        kept = all(not hedged_itself(m) and hedge_governor(m) in governors for m in matches)
        planned = matches and all(is_hedged(m) or proposal_made_deed(m, token) for m in matches) and not kept
        # "would appeal" where the source's appeal is only "considered": "would" keeps no plan.
        if planned or (not governors - {"would"} and only_planned(lemma(token), evidence)):
            problems.append(f"'{predicate_key(token)}' is a possibility or plan in the source")
    return problems + ([] if governors else hedged_figures(claim, evidence))


def time(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """Time words the sources do not use, and a tense the sources contradict."""
    said = {t.lower_ for doc in evidence for t in doc}
    if said & _EARLIER:
        said.add("ago")  # "a year ago" is "last year"
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
            if not said_together and not (t.lower_ == "this" and _told_plain(heads, evidence)):
                problems.append(f"'{t.lower_} {t.head.lower_}' is not in the source")
    for token in predicates(claim):
        when = tense(token)
        matches = best_matches(token, same_clause(token, evidence), claim)
        told = {tense(m) for m in matches} - {None}
        if when and told and when not in told:
            problems.append(f"'{token.text}' is {when} where the source's is {told.pop()}")
        elif (
            when == "past"
            and lemma(token) not in _TELLING_OF
            and matches
            and all(map(_reported_future, matches))
        ):
            problems.append(f"'{token.text}' is done where the source reports it as to come")
    return (
        problems
        + _clock_times(claim, evidence)
        + _before_after(claim, evidence)
        + _years_moved(claim, evidence)
        + _before_last(claim, evidence)
    )


_BEFORE_LAST = re.compile(r"\b(year|month|week|season)\s+before\s+last\b", re.IGNORECASE)
_LAST = re.compile(r"\blast\s+(year|month|week|season)\b", re.IGNORECASE)


def _before_last(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """ "the year before last" is not "last year", either way round."""
    said = {m.group(1).lower() for m in _BEFORE_LAST.finditer(claim.text)}
    told = {m.group(1).lower() for doc in evidence for m in _BEFORE_LAST.finditer(doc.text)}
    plain = {m.group(1).lower() for m in _LAST.finditer(claim.text)} - said
    told_plain = {m.group(1).lower() for doc in evidence for m in _LAST.finditer(doc.text)}
    return [f"'the {unit} before last' is not in the source" for unit in sorted(said - told)] + [
        f"'last {unit}' where the source says 'the {unit} before last'"
        for unit in sorted(plain & told - told_plain)
    ]


# "announced a dividend" is what "said it would pay a dividend" did: the telling is done, not the deed.
_TELLING_OF = frozenset({"announce", "declare", "unveil", "promise", "pledge", "propose", "plan"})
_YEAR = re.compile(r"(?:19|20)\d\d")


def _years_moved(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """A year the source gives one event put on another event the source also tells: "water found
    its way round the wall in 2011" where the wall "was completed in 2011". Only a year the claim
    hangs on a verb ("in 2011") that the source has too; a verb the source does not use may be a
    synonym of its own ("finished" for "completed") and is left alone."""
    verbs = {lemma(v) for doc in evidence for v in doc if v.pos_ == "VERB"}
    problems = []
    for year in claim:
        if not _YEAR.fullmatch(year.text) or year.dep_ != "pobj" or year.head.head.pos_ != "VERB":
            continue
        event = lemma(year.head.head)
        told = {lemma(g) for doc in evidence for y in doc if y.text == year.text if (g := _event_of(y))}
        if event in verbs and told and event not in told:
            problems.append(f"'{year.text}' is when the source's '{sorted(told)[0]}' happened, not '{event}'")
    return problems


def _event_of(token: Token) -> Token | None:
    """The nearest verb above a token: what a date says the time of."""
    return next((a for a in token.ancestors if a.pos_ == "VERB"), None)


_EARLIER = frozenset({"last", "earlier", "previous", "previously", "before", "ago"})
_RELATIVE_SYNONYMS = ({"next", "coming", "following"}, {"last", "past", "previous"})


def _a_year(noun: Token) -> bool:
    """ "12 months", "twelve months": a year."""
    return lemma(noun) == "month" and any(c.lower_ in {"12", "twelve"} for c in noun.children)


def _told_plain(heads: set[str], evidence: Sequence[Doc]) -> bool:
    """ "this weekend" for "at the weekend": the sources name the time with no "last" or "next"
    anywhere before it, so it is the present one."""
    told = [w for doc in evidence for w in doc if lemma(w) in heads]
    return bool(told) and all(
        not {c.lower_ for c in w.children} & RELATIVE_TIME and w.nbor(-1).lower_ not in RELATIVE_TIME
        for w in told
        if w.i > 0
    )


def _reported_future(token: Token) -> bool:
    """ "said Lindahl would step down": a future told in the past, not yet done."""
    auxes = {lemma(c) for c in token.children if c.dep_ == "aux"}
    if lemma(token) in SPEECH_ACTS and any(c.lower_ in {"i", "we"} for c in token.children):
        return False  # "I would urge anyone over 75 to ...": the appeal is made as it is said
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
