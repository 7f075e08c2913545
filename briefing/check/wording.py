"""Words that change a fact without changing its clause: ranks, qualifiers, causes."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from briefing.check.align import Problems
from briefing.check.cues import (
    CAUSAL_CUES,
    LOOSE_QUALIFIERS,
    ORDINALS,
    QUALIFIER_GROUPS,
    QUALIFIERS,
    SOURCE_CAUSAL_CUES,
    TIME_WORDS,
)
from briefing.check.scope import one_of_places, part_of_place, widened
from briefing.check.tree import (
    content_lemmas,
    lemma,
    subject_of,
)
from briefing.text.lexicon import STOPWORDS


def ordinals(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """Ranks ("second-largest", "third") the sources do not give, or give to the thing otherwise."""
    said = {t.lower_ for doc in evidence for t in doc}
    ranks = [
        t for t in claim if t.lower_ in ORDINALS and not (t.i > 0 and t.nbor(-1).lower_ in _FRACTION_COUNTS)
    ]
    problems = [f"'{t.text}' is not in the source" for t in ranks if t.lower_ not in said]
    told = _ranked_nouns(evidence)
    for (noun, streak), rank in _ranked_nouns([claim]):
        others = {told_rank for key, told_rank in told if key == (noun, streak)}
        if others and rank not in others:
            problems.append(f"'{rank} {noun}' where the source says '{sorted(others)[0]} {noun}'")
    return list(dict.fromkeys(problems + _rank_dropped(claim, evidence)))


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


def _qualifier_words(doc: Doc) -> set[str]:
    words = set()
    # "who used to be a constable", "who previously served as minister": a former one.
    if any(t.lower_ == "used" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to" for t in doc):
        words.add("former")
    if any(t.lower_ in {"previously", "formerly", "once"} and lemma(t.head) in {"serve", "be"} for t in doc):
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
            if target in claim_words and target not in STOPWORDS and not (_group(word) & claim_quals):
                shown = f"{t.text} of {target}" if deed else f"{t.text} {t.head.text}"
                problems.append(f"the source says '{shown}'")
    for word in claim_quals - {w for q in ev_quals for w in _group(q)}:
        if word not in LOOSE_QUALIFIERS:
            problems.append(f"'{word}' is not in the source")
    scope = widened(claim, evidence) + part_of_place(claim, evidence) + one_of_places(claim, evidence)
    return list(dict.fromkeys(problems + scope))


def _cause_words(cue: Token) -> set[str]:
    """What the sentence gives as the cause: the subject of "caused", "led to"; the object of
    "caused by", "because of", "due to"; the clause after "because"."""
    if cue.pos_ == "VERB":
        agent = next((g for c in cue.children if c.dep_ == "agent" for g in c.children), None)
        doer = agent or subject_of(cue)
        return content_lemmas(doer.subtree) if doer is not None else set()
    phrase = [g for c in cue.children for g in c.subtree] or [
        g for c in cue.head.children if c != cue for g in c.subtree
    ]
    if cue.dep_ == "mark":  # "because the pump failed": the clause it opens
        phrase = [t for t in cue.head.subtree if t != cue]
    return content_lemmas(phrase)


_NOT_CAUSES = TIME_WORDS | ORDINALS | frozenset({"cent", "percent", "quarter", "month", "year", "week"})


def _substance(words: set[str]) -> set[str]:
    """The words that name a cause, not its unit or date: "a 0.6 per cent rise in household spending
    in the third quarter" is told by "household spending rose 0.6", not by any "third quarter";
    they must make up the half of the cause's words a source sentence tells."""
    named = words - _NOT_CAUSES
    return named or words


# A source that says the cause is not known: "did not give a reason", "has not yet determined what
# started the fire", "keeping an open mind about the cause".
_UNKNOWN_CAUSE = re.compile(
    r"\b(?:no reason|(?:did not|didn't|would not|declined to) (?:give|say|explain|offer)\b[^.;]{0,25}"
    r"\b(?:reason|why|cause)|(?:cause|reason)s? (?:is|was|are|were|remains?) (?:not known|unknown|unclear|"
    r"not clear|under investigation)|not (?:yet )?(?:determined|established|known) (?:what|why|how)|"
    r"open mind about the cause)",
    re.IGNORECASE,
)


def _cause_unknown(evidence: Sequence[Doc], effect: set[str]) -> bool:
    """Whether a passage that tells the event (two of its words) says its cause is not known."""
    return any(
        _UNKNOWN_CAUSE.search(doc.text) and len(effect & content_lemmas(doc)) >= min(2, len(effect))
        for doc in evidence
    )


def _date_set(due: Token) -> bool:
    """ "due to shut", "due next spring", "due in May": when, not why."""
    if any(c.dep_ == "xcomp" for c in due.children):
        return True
    after = due.doc[due.i + 1] if due.i + 1 < len(due.doc) else None
    return after is not None and (after.lower_ in _WHEN or after.ent_type_ in {"DATE", "TIME"})


_WHEN = frozenset({"next", "this", "in", "on", "by", "later", "soon", "before", "within", "tomorrow"})


def _effect_words(cue: Token) -> set[str]:
    """What the sentence says happened, without who it happened to: a company's name is in every
    sentence about it, the plant it shuts only in the one that links the closure to its cause."""
    root = cue.sent.root
    doer = subject_of(root)
    told = content_lemmas(cue.sent)
    return told - content_lemmas(doer.subtree) if doer is not None else told


def _in_a_claim(cue: Token) -> bool:
    """Whether the cue sits in a clause that completes a noun: "its claim that X was to blame"."""
    return any(t.dep_ in {"acl", "ccomp"} and lemma(t.head) in _CLAIM_NOUNS for t in [cue, *cue.ancestors])


_CLAIM_NOUNS = frozenset({"claim", "argument", "suggestion", "allegation", "assertion", "view", "theory"})


def causes(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """A reason or consequence the sources do not give.

    The cause the sentence names must be in a source sentence that links it to something (a causal
    word, "after", "amid", "following", ...): a cause the sources mention without linking it to the
    event, or do not mention at all, fails.
    """
    problems = []
    claim_hedged = bool(_hedge_words(claim))
    for cue in claim:
        if lemma(cue) not in CAUSAL_CUES and cue.lower_ not in CAUSAL_CUES:
            continue
        if lemma(cue) == "due" and _date_set(cue):
            continue  # "is due to shut in May", "trials due next spring": a date set, not a reason
        cause = _cause_words(cue) - {lemma(cue)}
        if not cause:
            continue
        # The source must link this cause to this event: its sentence tells some of the rest too
        # (unless the cause is only someone's claim: "dismissing its claim that X was to blame").
        effect = set() if _in_a_claim(cue) else _effect_words(cue) - cause - {lemma(cue)}
        linked, surely = False, False
        for doc in evidence:
            for sent in doc.sents:
                words = content_lemmas(sent)
                cues = {lemma(t) for t in sent} | {t.lower_ for t in sent}
                tells_cause = len(_substance(cause) & words) >= max(1, len(cause) // 2)
                tells_event = len(effect & words) >= min(2, len(effect))
                if tells_cause and tells_event and cues & SOURCE_CAUSAL_CUES:
                    linked = True
                    surely = surely or not _hedge_words(sent)
        if not linked or _cause_unknown(evidence, effect):
            problems.append(f"'{cue.text}': the source does not give this cause")
        elif not surely and not claim_hedged:
            problems.append(f"'{cue.text}': the source gives this cause only as likely or suspected")
    return problems


# A cause the source only suspects: "was the most likely cause", "may have caused", "is believed to".
_CAUSE_HEDGES = frozenset({
    "likely", "probably", "possibly", "possible", "suspect", "suspected", "believe", "believed", "think",
    "thought", "apparent", "apparently", "unclear", "investigate", "investigating", "appear", "seem",
})  # fmt: skip
_HEDGE_MODALS = frozenset({"may", "might", "could"})


def _hedge_words(tokens: Doc | Span) -> set[str]:
    """The words that make a cause a guess; "may" only as a modal ("May 2024" is a month)."""
    return {lemma(t) for t in tokens if lemma(t) in _CAUSE_HEDGES or t.lower_ in _CAUSE_HEDGES} | {
        t.lower_ for t in tokens if t.tag_ == "MD" and t.lower_ in _HEDGE_MODALS
    }
