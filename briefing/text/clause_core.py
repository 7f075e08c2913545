"""The core of a sentence's main clause: who did what to what, as lemmas.

Two sentences with one core tell one event, however their details differ: "Fishers have raised
concerns about the discharge affecting crab grounds." and "Local fishers have raised concerns about
the brine." share few words (the word-share rules miss them) but a reader sees the second as the
first said again. A brief says it once.

Only a full core counts (a subject, a verb and its object), and nothing that could tell two events
apart or two sides of a disagreement: a verb of saying or being ("Officials said ..." twice is two
statements), a pronoun subject (whose "it"?), one sentence denied and the other not, or figures that
differ ("Prices rose 5%" and "Prices rose 12%" disagree; they do not repeat).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from briefing.text.parser import parse

_SAYING = frozenset({"say", "tell", "add", "report", "state", "note", "claim", "argue"})
# Verbs that carry no event of their own: what is said, or what something is or has.
_NO_EVENT = _SAYING | {
    "be", "have", "do", "become", "remain", "seem", "include", "make", "get", "take", "give"
}  # fmt: skip
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_NEGATIONS = frozenset({"not", "n't", "never", "no"})
_FIGURE = re.compile(r"\d[\d,.]*")


class Core(NamedTuple):
    subject: str
    verb: str
    object: str
    denied: bool


def core(sentence: str) -> Core | None:
    """The (subject, verb, object) lemmas of the sentence's main clause, or of what its saying verb
    reports ("Fishers said they fear ..." has none: a pronoun); None when any part is missing."""
    doc = parse(sentence)
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if not roots:
        return None
    verb = roots[0]
    if verb.lemma_.lower() in _SAYING:
        reported = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if reported is None:
            return None
        verb = reported
    if verb.pos_ != "VERB" or verb.lemma_.lower() in _NO_EVENT:
        return None
    subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
    thing = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if subject is None or thing is None or subject.pos_ == "PRON" or thing.pos_ == "PRON":
        return None
    determiners = [c for c in thing.children if c.dep_ == "det"]  # "raised no concerns"
    denied = any(c.dep_ == "neg" or c.lower_ in _NEGATIONS for c in (*verb.children, *determiners))
    return Core(subject.lemma_.lower(), verb.lemma_.lower(), thing.lemma_.lower(), denied)


def same_core(a: str, b: str) -> bool:
    """Whether two sentences tell one event: one core, neither denying what the other states, and no
    figure of one missing from the other when both give figures."""
    ours, theirs = core(a), core(b)
    if ours is None or ours != theirs:
        return False
    figures_a, figures_b = set(_FIGURE.findall(a)), set(_FIGURE.findall(b))
    if figures_a and figures_b:
        return figures_a <= figures_b or figures_b <= figures_a
    return True
