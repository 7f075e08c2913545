"""Words that change a fact without changing its clause: ranks and qualifiers (scope in `scope.py`)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from briefing.check.ages import age_dropped
from briefing.check.align import Problems
from briefing.check.areas import area_changed
from briefing.check.cues import (
    LOOSE_QUALIFIERS,
    ORDINALS,
    QUALIFIER_GROUPS,
    QUALIFIERS,
)
from briefing.check.kinds import kind_dropped
from briefing.check.partitives import among_dropped, partitive_dropped
from briefing.check.place_counts import count_of_another_place
from briefing.check.reach import reach_widened
from briefing.check.scope import (
    narrowing_dropped,
    one_of_places,
    part_dropped,
    part_of_count,
    part_of_place,
    spread_widened,
    widened,
)
from briefing.check.tree import (
    content_lemmas,
    lemma,
)
from briefing.text.lexicon import STOPWORDS


def ordinals(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """Ranks ("second-largest", "third") the sources do not give, or give to the thing otherwise."""
    said = {t.lower_ for doc in evidence for t in doc if not _time_unit(t)}
    said |= {_MEDAL_PLACES[m] for m in said & _MEDAL_PLACES.keys()}  # "took bronze": third
    ranks = [
        t for t in claim if t.lower_ in ORDINALS and not (t.i > 0 and t.nbor(-1).lower_ in _FRACTION_COUNTS)
    ]
    # "first budgeted", "first reported": "originally", no rank.
    said |= {"first"} if said & {"originally", "initially", "original", "initial"} else set()
    problems = [f"'{t.text}' is not in the source" for t in ranks if t.lower_ not in said]
    if re.search(r"\brunners?[- ]up\b", claim.text, re.I) and not said & {"runner", "runners", "second"}:
        problems.append("'runner-up' (second) is not in the source")
    for t in claim:  # "took silver" where the source says "finished third"
        if t.text in _MEDALS and not said & _MEDALS[t.text]:
            problems.append(f"'{t.text}' is not in the source")
    told = _ranked_nouns(evidence)
    for (noun, streak), rank in _ranked_nouns([claim]):
        others = {told_rank for key, told_rank in told if key == (noun, streak)}
        if others and rank not in others:
            problems.append(f"'{rank} {noun}' where the source says '{sorted(others)[0]} {noun}'")
    return list(dict.fromkeys(problems + _rank_dropped(claim, evidence)))


def _time_unit(token: Token) -> bool:
    """ "by almost a second", "seconds later": the unit of time, no rank ("in the second" is one)."""
    if token.lower_ == "seconds":
        return True
    counted = any(c.dep_ == "nummod" or c.lower_ in {"a", "an"} for c in token.children)
    return token.lower_ == "second" and token.dep_ in {"pobj", "dobj", "npadvmod", "nsubj"} and counted


# A medal and the words that give its place.
_MEDALS = {
    "gold": frozenset({"gold", "first", "won", "win", "winner", "champion"}),
    "silver": frozenset({"silver", "second", "runner"}),
    "bronze": frozenset({"bronze", "third"}),
}
_MEDAL_PLACES = {"gold": "first", "silver": "second", "bronze": "third"}
_STREAK_WORDS = frozenset({"straight", "consecutive", "successive", "running"})


def _ranked_nouns(docs: Sequence[Doc]) -> list[tuple[tuple[str, bool], str]]:
    """((noun, whether a streak), ordinal) for each ranked noun: "a second day", "a fourth straight
    quarter" (a streak), "the third quarter"."""
    found = []
    for doc in docs:
        for t in doc:
            if t.lower_ not in ORDINALS or t.dep_ != "amod" or t.head.pos_ != "NOUN":
                continue
            noun = t.head
            in_a_row = doc[noun.i + 1 : noun.i + 4].text.lower().startswith("in a row")
            streak = in_a_row or any(c.lower_ in _STREAK_WORDS for c in noun.children)
            found.append(((lemma(noun), streak), t.lower_))
    return found


def _superlatives(doc: Doc | Span) -> list[tuple[Token, str | None]]:
    """Each superlative and the rank before it: ("busiest", "second") for "second-busiest"."""
    found = []
    for t in doc:
        if t.tag_ != "JJS" and not (t.lower_.endswith("est") and t.pos_ == "ADJ"):
            continue
        rank = next((c.lower_ for c in t.children if c.lower_ in ORDINALS), None)
        if rank is None and t.i >= 2 and t.nbor(-1).text in {"-", "‐"} and t.nbor(-2).lower_ in ORDINALS:
            rank = t.nbor(-2).lower_
        found.append((t, rank))
    return found


def _rank_dropped(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """ "the busiest station" where the source sentence saying it has "the second-busiest"."""
    problems: Problems = []
    words = content_lemmas(claim)
    sentences = [s for doc in evidence for s in doc.sents]
    if not sentences:
        return problems
    closest = max(sentences, key=lambda s: len(words & content_lemmas(s)))
    told = _superlatives(closest)
    for token, rank in _superlatives(claim):
        same = [r for t, r in told if lemma(t) == lemma(token)]
        if same and rank not in same:
            shown = f"{same[0]}-{token.lower_}" if same[0] else token.lower_
            problems.append(f"the source says '{shown}'")
    return problems


# "a third", "two fifths": a fraction, not a rank.
_FRACTION_COUNTS = frozenset({"a", "one", "two", "three", "four", "a-", "one-", "two-"})


def _group(word: str) -> frozenset[str]:
    return next((g for g in QUALIFIER_GROUPS if word in g), frozenset({word}))


_ONE_TIME = re.compile(r"\bone[- ]time\b(?! (?:payment|fee|charge|bonus|grant|levy|tax))", re.IGNORECASE)
_PAST_TERM = re.compile(r"\b(?:from|between) (?:19|20)\d\d (?:to|until|and) (?:19|20)\d\d\b")


_FORMER_WORDS = frozenset({"formerly", "disused", "defunct", "derelict"})


def _held_until(token: Token) -> bool:
    """ "who was health minister until she left government": a post held up to a time now past."""
    return (
        token.lemma_ == "be"
        and token.tag_ == "VBD"
        and any(c.dep_ == "attr" and c.pos_ == "NOUN" for c in token.children)
        and any(g.lower_ == "until" for c in token.children if c.dep_ in {"advcl", "prep"} for g in c.subtree)
    )


def _qualifier_words(doc: Doc) -> set[str]:
    words = set()
    # "who used to be a constable", "who previously served as minister": a former one.
    if any(t.lower_ == "used" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to" for t in doc):
        words.add("former")
    if any(t.lower_ in {"previously", "once"} and lemma(t.head) in {"serve", "be"} for t in doc):
        words.add("former")
    # "formerly chief technology officer", "was health minister until 2021", "the disused depot".
    if any(t.lower_ in _FORMER_WORDS or _held_until(t) for t in doc):
        words.add("former")
    # "who once kept the books", "a one-time executive", "minister from 2016 to 2019": a former one.
    if any(t.lower_ == "once" and t.dep_ == "advmod" and t.head.dep_ in {"relcl", "acl"} for t in doc):
        words.add("former")
    if _ONE_TIME.search(doc.text) or _PAST_TERM.search(doc.text):
        words.add("former")
    for t in doc:
        word = t.lower_.removesuffix("-")
        if word in QUALIFIERS:
            words.add(word)
        if t.lower_.startswith("ex-"):
            words.add("ex")
    return words


def _suspected_of(token: Token) -> str | None:
    """ "a man suspected of photographing military sites": what he is only suspected of."""
    if lemma(token) not in {"suspect", "accuse", "allege"} and token.lower_ not in {"suspected", "accused"}:
        return None
    deeds = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    return lemma(deeds[0]) if deeds and deeds[0].dep_ in {"pcomp", "pobj"} else None


def _names_of(token: Token) -> set[str]:
    """The proper names a title is joined to: "Anton Reyes" in "Deputy Finance Minister Anton Reyes"."""
    near = [*token.children, token.head] if token.head != token else list(token.children)
    return {t.lower_ for t in near if t.pos_ == "PROPN" and t.dep_ in {"compound", "flat", "appos", "nsubj"}}


def _unqualified(evidence: Sequence[Doc]) -> dict[str, set[tuple[str, str]]]:
    """For each qualifier group's first word, (noun, name) pairs the sources give without one of the
    group: "acting minister" said of one person does not make "Minister Anton Reyes" acting when the
    sources call him "Deputy Finance Minister Anton Reyes"."""
    plain: dict[str, set[tuple[str, str]]] = {}
    for doc in evidence:
        for t in doc:
            if t.pos_ not in {"NOUN", "PROPN"} or not (names := _names_of(t) - {t.lower_}):
                continue
            before = {c.lower_.removesuffix("-") for c in t.children} | {t.nbor(-1).lower_ if t.i else ""}
            for group in QUALIFIER_GROUPS:
                if not before & group:
                    plain.setdefault(min(group), set()).update((lemma(t), n) for n in names)
    return plain


def _same_one_plain(target: str, word: str, claim: Doc, plain: dict[str, set[tuple[str, str]]]) -> bool:
    pairs = plain.get(min(_group(word)), set())
    return any((target, n) in pairs for t in claim if lemma(t) == target for n in _names_of(t) - {t.lower_})


# "Investigators believe an electrical fault caused it" keeps the source's "a suspected fault".
_SUSPICION = frozenset({"suspected", "alleged", "possible", "probable"})
_BELIEF = frozenset({"believe", "suspect", "think", "allege", "accuse"})


def _believed(doc: Doc) -> bool:
    return any(lemma(t) in _BELIEF and t.pos_ == "VERB" for t in doc)


def qualifiers(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """ "Former", "acting", "alleged" and the like dropped from what the source says, or added to it."""
    problems = []
    claim_quals = _qualifier_words(claim)
    claim_words = {lemma(t) for t in claim} | {t.lower_ for t in claim}
    if "chief executive" in claim.text.lower():
        claim_words.add("ceo")  # "interim CEO" dropped from "will succeed him as chief executive"
    ev_quals: set[str] = set()
    plain = _unqualified(evidence)
    for doc in evidence:
        ev_quals |= _qualifier_words(doc)
        for t in doc:
            word = t.lower_.removesuffix("-")
            if word not in QUALIFIERS or (word in LOOSE_QUALIFIERS and t.head.pos_ != "PROPN"):
                continue
            deed = _suspected_of(t)
            if t.head == t or (t.dep_ not in {"amod", "compound", "advmod", "nmod"} and deed is None):
                continue
            target = deed or lemma(t.head)
            if _same_one_plain(target, word, claim, plain):
                continue  # the sources also give the sentence's person this title without it
            kept = claim_quals | (_SUSPICION if _believed(claim) else set())
            if target in claim_words and target not in STOPWORDS and not (_group(word) & kept):
                shown = f"{t.text} of {target}" if deed else f"{t.text} {t.head.text}"
                problems.append(f"the source says '{shown}'")
    for word in claim_quals - {w for q in ev_quals for w in _group(q)}:
        if word not in LOOSE_QUALIFIERS:
            problems.append(f"'{word}' is not in the source")
    scope = widened(claim, evidence) + part_of_place(claim, evidence) + one_of_places(claim, evidence)
    scope += (
        part_of_count(claim, evidence) + part_dropped(claim, evidence) + partitive_dropped(claim, evidence)
    ) + among_dropped(claim, evidence)
    scope += (
        (narrowing_dropped(claim, evidence) + spread_widened(claim, evidence) + age_dropped(claim, evidence))
        + reach_widened(claim, evidence)
        + count_of_another_place(claim, evidence)
        + kind_dropped(claim, evidence)
        + area_changed(claim, evidence)
    )
    return list(dict.fromkeys(problems + scope))
