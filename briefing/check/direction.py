"""Which end of its scale a fact is put at: rose or fell, won or lost, for or against, convicted or
cleared, told by whom and about what, so that only tellings of the same fact are compared."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from spacy.tokens import Doc, Token

from briefing.check.align import Problems
from briefing.check.backers import minority_backers
from briefing.check.comparatives import flipped_comparatives
from briefing.check.cues import BEATING, DECISION_WORDS, DIRECTION_AXES, PHRASAL_SIDES, SIDE_PREPOSITIONS
from briefing.check.majority import majority_against_share
from briefing.check.tree import is_negated, lemma, phrase_words, subject_of
from briefing.text.numbers import figures

_EASE = frozenset({"ease", "soften"})
_COUNTS = frozenset({"number", "share", "proportion", "count", "total"})
_COMPARED = {"more": 0, "fewer": 1, "less": 1}


def _after_figure(token: Token) -> bool:
    """ "11 per cent more", "300 fewer": a comparison by a figure, not "more than 300"."""
    before = token.doc[max(0, token.i - 3) : token.i]
    return any(t.like_num for t in before) and token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "than"


# A doer that is the smaller part: what it did, the larger part did the other way.
_FEW = frozenset({"fewer", "few", "minority", "less"})


_BENCHMARKS = frozenset({"target", "average", "forecast", "estimate", "expectation", "benchmark", "goal"})


def _measured_against(token: Token) -> bool:
    """ "was 81% against a 95% target", "against 6% a year earlier": a comparison, no side taken."""
    objects = [g for g in token.children if g.dep_ == "pobj"]
    return any(
        lemma(o) in _BENCHMARKS or o.like_num or any(c.dep_ == "nummod" for c in o.children) for o in objects
    )


def _axis_side(token: Token) -> tuple[str, int] | None:
    word = lemma(token)
    # The parser often reads the particle as a preposition ("voted down the scheme"): right after.
    particles = [
        c.lower_ for c in token.children if c.dep_ == "prt" or (c.dep_, c.i) == ("prep", token.i + 1)
    ]
    phrasal = next((PHRASAL_SIDES[word, p] for p in particles if (word, p) in PHRASAL_SIDES), None)
    if phrasal is not None:
        return phrasal
    if token.dep_ == "prt" or (word == "back" and token.pos_ != "VERB"):
        return None
    if word in SIDE_PREPOSITIONS and (lemma(token.head) not in DECISION_WORDS or _measured_against(token)):
        return None
    if any(c.lower_ == "short" for c in token.children):  # "fell short of" is no fall
        return None
    if word in {"up", "down"} and any(t.lower_ == "from" for t in token.doc[max(0, token.i - 4) : token.i]):
        return None  # "came from two goals down": where a side started, no movement
    if word == "clear" and any(c.lower_ == "of" for c in token.children):  # "cleared of murder"
        return "verdict", 1
    if word == "succeed" and any(c.lower_ == "in" for c in token.children):  # not "succeeds Ruiz as chair"
        return "approval", 0  # "succeeded in his appeal" against "failed in his appeal"
    if token.lower_ in _COMPARED and _after_figure(token):
        return "amount", _COMPARED[token.lower_]  # "11 per cent more than a year earlier"
    if token.lower_ in _COMPARED and token.dep_ == "amod" and token.head.tag_ in {"NNS", "NN"}:
        return "amount", _COMPARED[token.lower_]  # "fewer young people are training", "fewer salmon"
    if word in _EASE and not any(c.dep_ in {"dobj", "nsubjpass"} for c in token.children):
        return "amount", 1  # "temperatures eased": a fall; "eased the rules" is a restriction lifted
    for axis, (up, down) in DIRECTION_AXES.items():
        if word in up or word in down:
            side = 0 if word in up else 1
            # "Ashcombe were beaten": the subject of a contest verb in the passive lost. With its
            # agent ("beaten by Vell"), the agent is the doer and won.
            passive = {c.dep_ for c in token.children} & {"auxpass", "nsubjpass"}
            if axis == "contest" and passive and not any(c.dep_ == "agent" for c in token.children):
                side = 1 - side
            return axis, side
    return None


def _doer(token: Token) -> set[str]:
    """Who or what moves in the direction `token` says: "exports" in "exports fell 12%"."""
    if token.dep_ == "amod" and token.head.pos_ == "NOUN":  # "fewer people", "a growing number of people"
        of = [g for c in token.head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
        counted = of[0] if of and lemma(token.head) in _COUNTS else token.head
        return phrase_words(counted) - {token.lower_, lemma(token)}
    verb = token if token.pos_ in {"VERB", "AUX"} else None
    if verb is None and token.head != token and token.head.pos_ in {"VERB", "AUX"}:
        verb = token.head
    if verb is not None:
        # "schools were closed": what a passive moves is its subject, not an agent it may lack.
        passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        # "X was elected, winning 58%"; "temperatures are expected to climb"
        if passive is None and verb.dep_ in {"advcl", "conj", "xcomp"}:
            passive = next((c for c in verb.head.children if c.dep_ == "nsubjpass"), None)
        doer = subject_of(verb) or passive
        if verb.dep_ in {"relcl", "acl"} and (
            doer is None or doer == verb.head or doer.tag_ in {"WDT", "WP"}
        ):
            doer = verb.head  # "a line that closed in 2019", "the line, closed in 2019": the line
            if doer.dep_ == "appos":  # "the railway, a line that closed": the railway too
                return phrase_words(doer) | phrase_words(doer.head)
            if doer.dep_ == "pobj" and doer.head.lower_ == "of":  # "a motion of no confidence … passed"
                return phrase_words(doer) | phrase_words(doer.head.head)
        return phrase_words(doer) if doer is not None else set()
    if token.pos_ == "NOUN":  # "a rise in exports", "the company's loss"
        # Not "from a profit": where a change comes from is no owner of it.
        owners = [
            g
            for c in token.children
            if c.dep_ == "prep" and c.lower_ in {"in", "of", "at", "for"}
            for g in c.children
            if g.dep_ == "pobj"
        ]
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
                ev_sides.append((t, (side[0], 1 - side[1]) if _denied(t) else side))
    for token in claim:
        side = _axis_side(token)
        if side is None or _denied(token):
            continue
        if _minority(token):
            continue  # "fewer than a third accepted": the rest rejected, as the source may say
        doer = _doer(token)
        amounts, what = _amounts(token), _object(token)
        # Only a contest has two parties, either of which may tell it: "voted against the merger"
        # names what was voted on, no party.
        contest = side[0] == "contest"
        other = _counterpart(token) if contest else set()
        # The closest telling decides: "revenue rose 4%" over "the company's profit, down"; "cleared of
        # murder" over "convicted of manslaughter".
        shared = {
            t.i: len(_doer(t) & doer)
            + 2 * len(_amounts(t) & amounts)
            + (contest and _converse(t, doer, other))
            + 2 * len(_object(t) & what)
            for t, s in ev_sides
            if s[0] == side[0]
        }
        # Of tellings as close, one in the same part of speech: "climb" against "ease", not "above".
        kinds = {t.i: t.pos_ == token.pos_ for t, _ in ev_sides}
        # And of those, one told as the sentence tells it, as done or as to come.
        tenses = {t.i: _to_come(t) == _to_come(token) for t, _ in ev_sides}
        closeness = {i: n + 0.5 * kinds[i] + 0.25 * tenses[i] if n else 0 for i, n in shared.items()}
        same_fact = [
            (t, s) for t, s in ev_sides if closeness.get(t.i, 0) and closeness[t.i] == max(closeness.values())
        ]
        if _change_told(token, side, doer, claim, ev_sides):
            continue
        # "Lund lost to Hadzic" tells "Hadzic won against Lund" from the other side.
        if same_fact and all(
            (s[1] != side[1]) != (contest and _converse(t, doer, other)) for t, s in same_fact
        ):
            problems.append(f"'{token.text}' where the source says '{same_fact[0][0].text}'")
    return (
        problems
        + votes(claim, evidence)
        + majority_against_share(claim, evidence)
        + flipped_comparatives(claim, evidence)
        + minority_backers(claim, evidence)
    )


def _change_told(
    token: Token, side: tuple[str, int], doer: set[str], claim: Doc, told: list[tuple[Token, tuple[str, int]]]
) -> bool:
    """Whether the sentence tells a change of one thing from end to end ("the unit, shut since July,
    might open again") that the source tells too ("which closed in July, could reopen"): then each
    end is the source's, whichever telling the parse puts closest. Each end must be told as the source
    tells it, as done or as to come: "open since March, could close" is not "closed in March, could
    reopen"."""
    ends = [
        t for t in claim if _axis_side(t) == (side[0], 1 - side[1]) and not _denied(t) and _doer(t) & doer
    ]
    return bool(ends) and all(
        any(s == _axis_side(end) and _doer(t) & doer and _to_come(t) == _to_come(end) for t, s in told)
        for end in [token, *ends]
    )


_TO_COME = frozenset({"could", "may", "might", "will", "would", "can", "shall", "should"})


def _to_come(token: Token) -> bool:
    return token.dep_ == "xcomp" or any(c.dep_ == "aux" and lemma(c) in _TO_COME for c in token.children)


def _minority(token: Token) -> bool:
    """Whether the nearest subject above `token` is the smaller part: "fewer than a third of the
    members (were ready to) accept"."""
    for node in [token, *token.ancestors]:
        subject = next((c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None:
            return any(t.lower_ in _FEW for t in subject.subtree)
    return False


def _denied(token: Token) -> bool:
    """Denied itself, or by the verb it completes: "is not expected to reopen"."""
    return is_negated(token) or (token.dep_ == "xcomp" and is_negated(token.head))


def _object(token: Token) -> set[str]:
    """What the clause is about, besides who: "murder" in "was cleared of murder"."""
    found = [c for c in token.children if c.dep_ == "dobj" or (token.pos_ == "ADP" and c.dep_ == "pobj")]
    found += [g for c in token.children if c.dep_ == "prep" and c.lower_ in {"of", "for"} for g in c.children]
    return {w for t in found if t.dep_ in {"dobj", "pobj"} for w in phrase_words(t)}


def _counterpart(token: Token) -> set[str]:
    """The other party of a contest: "Hadzic" in "lost to Hadzic", "Lund" in "won against Lund"."""
    verb = token if token.pos_ in {"VERB", "AUX"} else token.head
    # The parser may hang "against Lund" on the object or the round: "won the run-off against Lund".
    near = [*verb.children, *(g for c in verb.children if c.dep_ in {"dobj", "prep"} for g in c.children)]
    near += [g for c in near if c.dep_ == "pobj" for g in c.children]
    # "according to the agency", "due to rain" name no party.
    preps = [p for p in near if p.dep_ == "prep" and lemma(p) in {"to", "against"}]
    preps = [p for p in preps if p.head.lower_ not in _NO_PARTY]
    parties = [g for p in preps for g in p.children if g.dep_ == "pobj" and g.pos_ in {"PROPN", "NOUN"}]
    if lemma(verb) in BEATING:  # "beat top seed Relic": the one beaten
        parties += [c for c in verb.children if c.dep_ == "dobj"]
    # "to the world number 88, qualifier Beth Ainsley": the apposition names the party too.
    parties += [c for g in parties for c in g.children if c.dep_ == "appos"]
    return {w for g in parties for w in phrase_words(g)}


_NO_PARTY = frozenset({"according", "due", "owing", "thanks"})


def _converse(told: Token, doer: set[str], other: set[str]) -> bool:
    """Whether the source's telling has the sentence's other party as its doer, or the other way."""
    return bool(other and _doer(told) & other) or bool(doer and _counterpart(told) & doer)


_COUNT = r"(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_SHARE = r"(?:\s*%|\s+per\s*cent|\s+percent)?"  # "by 61 per cent to 39 per cent"
_TALLY_SIDE = re.compile(
    r"\b"
    + _COUNT
    + _SHARE
    + r"(?:\s+votes?)?(?:\s+to\s+|\s*[-–]\s*)"
    + _COUNT
    + r"\b"
    + _SHARE
    + r"(?:\s+votes)?"
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
    parts = [c for c in token.children if c.dep_ in {"npadvmod", "dobj", "prep", "advmod", "attr", "agent"}]
    return {f.value for c in parts for f in figures(" ".join(t.text for t in c.subtree))}
