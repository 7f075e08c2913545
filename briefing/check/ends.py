"""The two ends of a movement swapped: "diverted ambulances to neighbouring hospitals" told as
"took in ambulances diverted from neighbouring hospitals". The same verb and the same place, one
side says where it went, the other where it came from."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Token

from briefing.check.align import Problems
from briefing.check.tree import lemma, phrase_words

_TOWARDS = frozenset({"to", "into", "towards", "toward"})
_AWAY = frozenset({"from"})


def ends_swapped(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """A place the sources give as where something went, said to be where it came from, or back."""
    told = {(verb, end, side) for doc in evidence for verb, end, side in _ends(doc)}
    problems = []
    for verb, end, side in _ends(claim):
        other = "away" if side == "towards" else "towards"
        if (verb, end, other) in told and (verb, end, side) not in told:
            word = "to" if side == "away" else "from"
            problems.append(f"'{verb}' {'from' if side == 'away' else 'to'} '{end}': the source says {word}")
    return problems


def _ends(doc: Doc) -> Iterator[tuple[str, str, str]]:
    """(verb lemma, the words of the place, "towards" or "away") for each verb's to/from phrase: the
    Lantern Theatre and the Palace Theatre are two places."""
    for prep in doc:
        verb = prep.head if prep.head.pos_ == "VERB" else _participle(prep.head)
        if prep.dep_ != "prep" or verb is None:
            continue
        side = "towards" if prep.lower_ in _TOWARDS else "away" if prep.lower_ in _AWAY else None
        place: Token | None = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if side is None or place is None or place.like_num or not phrase_words(place):
            continue
        yield lemma(verb), " ".join(sorted(phrase_words(place))), side


def _participle(noun: Token) -> Token | None:
    """ "diverted ambulances to X", parsed with "diverted" describing the ambulances and "to X"
    hanging on them: the movement is the participle's."""
    if noun.pos_ != "NOUN":
        return None
    return next((c for c in noun.children if c.dep_ in {"amod", "acl"} and c.pos_ == "VERB"), None)
