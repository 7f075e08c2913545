"""A majority or a minority against the share the source gives: "a minority of shareholders opposed
the package" where the source says "with 57% opposed".

A share above half is a majority and one below half a minority, whatever words tell it. Only a share
that does the same thing counts: the word right after it ("57% opposed", "41 per cent of members
backed") or the verb it is the subject of has the lemma of the sentence's verb.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from spacy.tokens import Doc, Token

from briefing.check.align import Problems
from briefing.check.cues import REPORTING
from briefing.check.tree import lemma
from briefing.text.numbers import figures

_SIDES = {"majority": 1, "most": 1, "minority": -1}
_SHARE_WORDS = frozenset({"%", "cent", "percent"})
_TELLING = REPORTING | {"reveal", "show", "find", "disclose", "publish"}


def majority_against_share(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """ "A minority ... opposed" where the source's share that opposed is above half, and the
    other way round."""
    problems = []
    shares = [share for doc in evidence for share in _shares(doc)]
    sides = [side for doc in evidence for side in _sides(doc)]
    for token in claim:
        side = _SIDES.get(token.lower_)
        verb = _verb_of(token) if side is not None else None
        if side is None or verb is None:
            continue
        for value, deeds, shown in shares:
            if value != 50 and any(_same_deed(d, lemma(verb)) for d in deeds) and (value > 50) != (side > 0):
                problems.append(f"'{token.text} … {verb.text}' where the source says '{shown}'")
        # "A minority of residents backed" in the source, in words.
        for told_side, deed, told in sides:
            if told_side != side and _same_deed(deed, lemma(verb)):
                problems.append(f"'{token.text} … {verb.text}' where the source says '{told}'")
    return list(dict.fromkeys(problems))


def _shares(doc: Doc) -> list[tuple[Decimal, set[str], str]]:
    """(share, what it did, as written) for each percentage: the verb it is the subject of ("38 per
    cent of residents backed"), or the word right after it ("with 57% opposed")."""
    found = []
    for t in doc:
        number = next((c for c in t.children if c.dep_ == "nummod" and c.like_num), None)
        if t.lower_ not in _SHARE_WORDS or number is None:
            continue
        shown = doc[number.i : t.i + 1].text
        value = next((f.value for f in figures(shown) if f.unit == "%"), None)  # "57%", "sixty per cent"
        if value is None:
            continue
        deeds = {lemma(t.head)} if t.dep_ in {"nsubj", "nsubjpass"} else set()
        if t.i + 1 < len(doc):
            deeds.add(lemma(doc[t.i + 1]))
        found.append((value, deeds, shown))
    return found


def _sides(doc: Doc) -> list[tuple[int, str, str]]:
    """(side, what the group did, the side word) for each "a majority of ... backed" of a text. When
    the parser makes the group the subject of the reporting verb ("A minority ... backed plans, the
    council revealed", read as a minority that revealed), each other verb of the sentence is a deed."""
    found = []
    for t in doc:
        verb = _verb_of(t) if t.lower_ in _SIDES else None
        if verb is None:
            continue
        deeds = [verb]
        if lemma(verb) in _TELLING:
            deeds = [v for v in t.sent if v.pos_ == "VERB" and lemma(v) not in _TELLING]
        found += [(_SIDES[t.lower_], lemma(d), t.text) for d in deeds]
    return found


def _verb_of(token: Token) -> Token | None:
    """The verb the group does: "a minority of shareholders opposed", "most members backed"."""
    noun = token.head if token.dep_ == "amod" else token
    return noun.head if noun.dep_ in {"nsubj", "nsubjpass"} and noun.head.pos_ == "VERB" else None


def _same_deed(told: str, said: str) -> bool:
    """ "opposed" (the tagger's lemma of an adjective) and "oppose": one deed."""
    return bool(told) and (told.startswith(said) or said.startswith(told))
