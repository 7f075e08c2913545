"""Which happening a sentence tells: the event of its main clause and the thing it happens to.

Outlets tell one happening in other words: "Marrowick opened its first desalination plant on
Tuesday.", "The Greyhaven Point plant went into service.", "Mayor Elena Rusk performed the official
opening." They share few words and none bears another out whole (no mayor in the first, no Tuesday
in the third), so neither the checks nor the model judge join them (the default model scores such
pairs at most 0.43, asked outright whether they tell one happening, and scores pairs that tell two
facts of the story as high); a reader sees one fact told three times.

News tells a few kinds of happening in many words: a thing opens or goes into service, closes,
collapses, a person resigns, workers strike. Each kind here lists its verbs, its nouns (carried by a
light verb: "performed the official opening") and its phrases ("went into service", "stepped down").
Two sentences tell one happening when their kinds match, what it happens to is the same thing (or
one does not say: "the official opening"), neither is denied or only a plan where the other
happened, and the days they name do not differ. Who did it is not compared: a city, its mayor and
its water authority all "open" one plant.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Token

from briefing.text.calendar_words import MONTHS, WEEKDAYS
from briefing.text.parser import parse

_OPEN, _CLOSE, _COLLAPSE, _RESIGN, _STRIKE = "open", "close", "collapse", "resign", "strike"
# Verbs and nouns that name a kind of happening on their own.
_WORDS = {
    "open": _OPEN, "inaugurate": _OPEN, "commission": _OPEN, "opening": _OPEN, "inauguration": _OPEN,
    "close": _CLOSE, "shut": _CLOSE, "closure": _CLOSE, "shutdown": _CLOSE,
    "collapse": _COLLAPSE,
    "resign": _RESIGN, "resignation": _RESIGN,
    "strike": _STRIKE, "walkout": _STRIKE,
}  # fmt: skip
# A verb and the words that follow it, which together name a kind ("went into service").
_PHRASES = {
    ("go", "into", "service"): _OPEN, ("go", "into", "operation"): _OPEN, ("enter", "service"): _OPEN,
    ("go", "live"): _OPEN, ("come", "online"): _OPEN, ("switch", "on"): _OPEN, ("cut", "ribbon"): _OPEN,
    ("shut", "down"): _CLOSE, ("give", "way"): _COLLAPSE, ("cave", "in"): _COLLAPSE,
    ("step", "down"): _RESIGN, ("walk", "out"): _STRIKE, ("go", "on", "strike"): _STRIKE,
}  # fmt: skip
# Phrases whose subject is who acts, not what the happening happens to ("the mayor cut the ribbon").
_CEREMONIES = frozenset({("cut", "ribbon")})
# Verbs that carry no happening of their own, only the noun after them ("held the opening").
_LIGHT = frozenset({"perform", "hold", "stage", "conduct", "carry", "begin", "start", "launch"})
# What these verbs also take that is no such happening: "opened an inquiry", "closed the deal",
# "struck a deal", "closed higher".
_OTHER_SENSES = frozenset({
    "fire", "investigation", "inquiry", "probe", "case", "talk", "negotiation", "account", "door",
    "way", "bidding", "deal", "agreement", "gap", "balance", "tone", "note", "blow", "chord", "lead",
    "session", "market", "trading", "eye", "mind", "higher", "lower",
})  # fmt: skip
_PLANNED = frozenset({"will", "would", "shall", "may", "might", "could", "can", "should", "must"})
_DAYS = WEEKDAYS | MONTHS


class Happening(NamedTuple):
    kind: str
    thing: str | None  # the lemma of what it happens to, when the sentence says
    denied: bool
    planned: bool
    days: frozenset[str]


def happening(sentence: str) -> Happening | None:
    """The happening the sentence's main clause tells, or None when it is none of the known kinds."""
    doc = parse(sentence)
    root = doc[:].root
    if root.pos_ not in {"VERB", "AUX"}:
        return None
    found = _kind_of(root)
    if found is None:
        return None
    kind, used, nominal = found
    if any(c.lemma_.lower() in _OTHER_SENSES for c in root.children if c.i not in used):
        return None
    auxiliaries = {c.lower_ for c in root.children if c.dep_ in {"aux", "auxpass"}}
    return Happening(
        kind=kind,
        thing=_thing(root, used, nominal),
        denied=any(c.dep_ == "neg" or c.lower_ in {"never", "no"} for c in root.children),
        planned=bool(auxiliaries & _PLANNED),
        days=frozenset(t.lower_ for t in doc if t.lower_ in _DAYS),
    )


def same_happening(a: str, b: str) -> bool:
    """Whether two sentences tell one happening, in whatever words (see the module's note)."""
    ours, theirs = happening(a), happening(b)
    if ours is None or theirs is None or ours.kind != theirs.kind:
        return False
    if ours.denied != theirs.denied or ours.planned != theirs.planned:
        return False
    if ours.days and theirs.days and not ours.days & theirs.days:
        return False
    return ours.thing is None or theirs.thing is None or ours.thing == theirs.thing


def _kind_of(verb: Token) -> tuple[str, set[int], Token | None] | None:
    """The kind of happening the verb tells, the tokens of its phrase (not what it happens to), and
    the noun that names it when a light verb carries it."""
    lemma = verb.lemma_.lower()
    # The phrase's words as the parse attaches them, or as they follow the verb ("gave way late on
    # Friday" is parsed with "way" under "late").
    following = [t for t in verb.doc[verb.i + 1 : verb.i + 5] if t.dep_ not in {"det", "poss"}]
    candidates: list[list[Token]] = [following[:1], following[:2]]
    for child in verb.children:
        words: list[Token] = [child]
        if child.dep_ == "prep":
            words += [g for g in child.children if g.dep_ == "pobj"][:1]
        candidates.append(words)
    for words in candidates:
        key = (lemma, *(w.lemma_.lower() for w in words))
        if key in _PHRASES:
            # A ceremony names no thing: its subject is left out of what it happens to.
            subject = {c.i for c in verb.children if c.dep_ == "nsubj"} if key in _CEREMONIES else set()
            return _PHRASES[key], {w.i for w in words} | subject, None
    if lemma in _WORDS:
        return _WORDS[lemma], set(), None
    if lemma in _LIGHT:
        for child in verb.children:
            if child.dep_ == "dobj" and child.lemma_.lower() in _WORDS:
                return _WORDS[child.lemma_.lower()], {child.i}, child
    return None


def _thing(verb: Token, used: set[int], nominal: Token | None) -> str | None:
    """What the happening happens to: the verb's object, else its passive or intransitive subject;
    for a noun carried by a light verb, what it is "of" ("the opening of the plant")."""
    if nominal is not None:
        of = [g for c in nominal.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        return of[0].lemma_.lower() if of else None
    roles = {c.dep_: c for c in verb.children if c.i not in used}
    for dep in ("dobj", "nsubjpass", "nsubj"):
        if dep in roles and roles[dep].pos_ != "PRON":
            return roles[dep].lemma_.lower()
    return None
