"""Who did what to whom across different verbs for one deal, contest or case.

The roles check compares clauses with the same verb. A sentence may tell the source's deal with
another verb: "A sold its unit to B" is "B bought A's unit", "A won against B" is "A beat B" is
"A held off B", "A filed a lawsuit against B" is "A took B to court". Each such clause is read as an
event with its two sides in a fixed order (seller and buyer, winner and loser, who sues and who is
sued); a sentence that puts the source's sides the other way round has swapped the roles.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import NamedTuple

from spacy.tokens import Doc, Token

from briefing.check.align import Problems
from briefing.check.cues import BEATING
from briefing.check.tree import lemma, participants, phrase_words, subject_of


class Event(NamedTuple):
    action: str
    first: set[str]  # the seller, the winner, who sues
    second: set[str]  # the buyer, the loser, who is sued
    shown: str


_BUYING = frozenset({"buy", "acquire", "purchase"})
_SUITS = frozenset({"lawsuit", "suit", "case", "claim", "complaint", "action"})
_FILING = frozenset({"file", "launch", "bring", "lodge", "begin", "start", "initiate"})
_SELLING = frozenset({"sell", "offload", "divest"})


def converse_roles(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """ "Norvik bought the unit of Halsey" where the source says "Norvik sold its unit to Halsey"."""
    told = [e for doc in evidence for e in _events(doc)]
    problems = []
    for said in _events(claim):
        for source in told:
            if said.action != source.action or said.first & source.first:
                continue
            # "in a case the company brought" names no other side: its filer is the source's sued.
            if said.first & source.second and (said.second & source.first or not said.second):
                problems.append(f"'{said.shown}': the source's {said.action} has its sides swapped")
    return list(dict.fromkeys(problems))


def _events(doc: Doc) -> Iterator[Event]:
    for verb in doc:
        if verb.pos_ != "VERB":
            continue
        doer = _doer(verb)
        if doer is None:
            continue
        one, obj, word = phrase_words(doer), _object(verb), lemma(verb)
        shown = f"{doc[doer.left_edge.i : doer.i + 1].text} … {verb.text}"
        if word in _SELLING and (buyer := _pobj(verb, "to")) is not None:
            yield Event("sale", one, phrase_words(buyer), shown)
        elif word in _BUYING and obj is not None and (seller := _seller(verb, obj)):
            yield Event("sale", seller, one, shown)
        elif obj is not None and (word in BEATING or (word == "hold" and _particle(verb, "off"))):
            yield Event("win", one, phrase_words(obj), shown)
        elif word == "win" and (loser := _pobj(verb, "against", deep=True)) is not None:
            yield Event("win", one, phrase_words(loser), shown)
        elif word == "lose" and (winner := _pobj(verb, "to")) is not None:
            yield Event("win", phrase_words(winner), one, shown)
        elif word == "sue" and obj is not None:
            yield Event("suit", one, phrase_words(obj), shown)
        elif word == "sue" and (sued := next((c for c in verb.children if c.dep_ == "nsubjpass"), None)):
            yield Event("suit", one, phrase_words(sued), shown)  # "A is being sued by B": B sues
        elif word in _FILING and obj is not None and lemma(obj) in _SUITS:
            if (sued := _pobj(verb, "against", deep=True)) is not None:
                yield Event("suit", one, phrase_words(sued), shown)
        elif word in {"take", "bring"} and obj is not None and _court(verb):
            yield Event("suit", one, phrase_words(obj), shown)
        elif word in _FILING and verb.dep_ in {"relcl", "acl"} and lemma(verb.head) in _SUITS:
            yield Event("suit", one, set(), shown)  # "a case the company brought in 2021"


def _doer(verb: Token) -> Token | None:
    """The clause's doer; for "was elected leader, winning …" the one elected."""
    doer = subject_of(verb)
    if doer is None and verb.dep_ == "advcl":
        doer = next((c for c in verb.head.children if c.dep_ == "nsubjpass"), None)
    return doer


def _object(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def _particle(verb: Token, word: str) -> bool:
    return any(c.dep_ == "prt" and c.lower_ == word for c in verb.children)


def _pobj(verb: Token, preposition: str, deep: bool = False) -> Token | None:
    """The object of the verb's `preposition` ("sold to B"); with `deep`, also one hung on a phrase of
    the clause ("winning in the second round against B"), never inside another clause."""
    heads = [verb] + ([t for t in verb.subtree if t.pos_ == "NOUN" and _in_clause(t, verb)] if deep else [])
    for head in heads:
        for prep in head.children:
            if prep.lower_ == preposition and prep.dep_ in {"prep", "dative"}:
                found = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if found is not None:
                    return found
    return None


def _in_clause(token: Token, verb: Token) -> bool:
    """Whether no other clause head stands between `token` and `verb`."""
    for ancestor in token.ancestors:
        if ancestor == verb:
            return True
        if ancestor.pos_ in {"VERB", "AUX"}:
            return False
    return False


def _seller(verb: Token, obj: Token) -> set[str]:
    """Who sold what was bought: "bought it from A", "bought A's unit", "bought the unit of A"."""
    if (source := _pobj(verb, "from")) is not None:
        return phrase_words(source)
    for child in obj.children:
        if child.dep_ == "poss" and child.pos_ == "PROPN":
            return phrase_words(child)
        if child.lower_ == "of" and (owner := next((g for g in child.children if g.dep_ == "pobj"), None)):
            return phrase_words(owner)
    return set()


def _court(verb: Token) -> bool:
    """ "took them to court"."""
    court = _pobj(verb, "to")
    return court is not None and lemma(court) == "court"


def named_beside(doer: set[str], e_doer: Token, match: Token, token: Token) -> bool:
    """Whether the sentence's doer is done-to in the clause the source's takes its doer from, for
    the same act on the same thing: "Brannock filed a lawsuit against Delvin, seeking 14 million
    dollars" has Delvin seek nothing ("clearing the way" is no act on "parliament")."""
    head = match.head
    if match.dep_ not in {"advcl", "xcomp", "conj"} or subject_of(head) != e_doer:
        return False
    objects = [phrase_words(c) for t in (token, match) for c in t.children if c.dep_ == "dobj"]
    if len(objects) != 2 or not objects[0] & objects[1]:
        return False
    return any(doer & p for p in participants(head))
