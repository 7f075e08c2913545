"""Which outlets' tellings of one fact bear out the sentence written for it.

A fact several outlets tell is written up from all their tellings (`left_out.py`), and each outlet
counts only when its own passage bears the sentence out alone: a detail one outlet gives is not
reported by the others. A small model keeps details of the first telling ("ordered an investigation
into why the bridge failed, not speculating on a cause until engineers examined the wreckage"), so
the sentence's first clause ("The council ordered an investigation into the bridge failure.") is
tried too, and the one more outlets bear out is kept: the shorter says less, never anything else.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from briefing.check.entail import EntailmentJudge
from briefing.check.verify import verify_sentence
from briefing.schema import Citation, Passage, Sentence
from briefing.text.parser import parse

_MIN_CLAUSE_WORDS = 5
_CLAUSE_END = re.compile(r",\s+|;\s+|\s+(?:and|while|as)\s+")
# A rest that attributes, conditions or limits the first clause cannot be cut: "The plant will
# close, the union said", "…will close, if subsidies end", "…stays shut, until engineers report".
_ATTRIBUTES = re.compile(
    r"\b(?:said|says|say|told|tells|reported|reports|according|claimed|claims|added|announced)\b",
    re.IGNORECASE,
)
_CONDITIONS = re.compile(r"(?:if|unless|until|but|although|though|except|only|provided)\b", re.IGNORECASE)


def bears_out(text: str, passage: str, judge: EntailmentJudge | None) -> bool:
    """Whether one passage alone bears the sentence out: every check passes, or, when only the
    share of shared words is short (another outlet's wording), the judge says yes. The telling is
    already known to tell the same fact, so no floor of shared words stops the judge here."""
    verdict = verify_sentence(text, [passage], judge=judge)
    if verdict.passed:
        return True
    if judge is None or verdict.entailment is not None:
        return False  # no judge, or it was asked and said no
    failed = {c.name for c in verdict.checks if not c.passed}
    return failed == {"support"} and judge.entails(text, [passage])


def first_clause(text: str) -> str | None:
    """The sentence cut at its first clause break, when what is left is a sentence of its own (a
    subject and a finite verb, at least five words) and what is cut does not attribute, condition
    or limit it; None otherwise."""
    found = _CLAUSE_END.search(text)
    if found is None:
        return None
    head = text[: found.start()].rstrip(" ,;:")
    rest = text[found.end() :]
    if _ATTRIBUTES.search(rest) or _CONDITIONS.match(rest) or _as_a_role(text, found):
        return None
    if len(head.split()) < _MIN_CLAUSE_WORDS or head.count('"') % 2 or head.count("“") != head.count("”"):
        return None
    doc = parse(head)
    roots = [t for t in doc if t.dep_ == "ROOT"]
    whole = len(roots) == 1 and roots[0].pos_ in {"VERB", "AUX"}
    has_subject = any(t.dep_ in {"nsubj", "nsubjpass", "expl"} for t in roots[0].children) if whole else False
    return f"{head}." if whole and has_subject else None


def _as_a_role(text: str, found: re.Match[str]) -> bool:
    """Whether the break found is "as" before what something is or serves as ("opened the Corn
    Exchange as a rest centre"), not before a clause ("as the water rose"): cut there, the first
    part says another thing."""
    if found.group().strip().lower() != "as":
        return False
    at = found.start() + found.group().index("a")
    word = next((t for t in parse(text) if t.idx == at), None)
    return word is not None and word.dep_ != "mark"


def cited_by_each(
    sentence: Sentence, told: Sequence[str], passages: Mapping[str, Passage], judge: EntailmentJudge | None
) -> Sentence:
    """The sentence (or its first clause, when more tellings bear that out) citing every telling of
    its fact (`told`, passage ids) that bears it out alone, and no other. When none does alone (the
    sentence joins them), it is returned as written."""
    best: tuple[str, list[str]] = (sentence.text, [])
    for text in filter(None, (sentence.text, first_clause(sentence.text))):
        alone = [p for p in told if bears_out(text, passages[p].text, judge)]
        if len(alone) > len(best[1]):
            best = (text, alone)
    text, alone = best
    if not alone:
        return sentence
    citations = [Citation.of(passages[p], passages) for p in alone]
    return sentence.model_copy(update={"text": text, "citations": citations})
