"""A claim told without when it happened, when more outlets bear that out.

Outlets report one fact with different times or none: "A 71-year-old man died in a ford accident on
Thursday evening" in one, "a 71-year-old man died after his car was swept off the ford" in another.
Put to the second outlet the whole claim fails ("Thursday" is not there) and the fact counts one
source, though every outlet reports the death. So a claim that some independent source does not
bear out is tried again without its when ("on Thursday evening", "at about 10 pm", "late on
Friday"), and when more sources bear that out, the story states it so: the shorter says less, never
anything else. A limit in time ("until Monday", "before 2027", "by the end of April") is never cut:
without it the claim would say something else.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from spacy.tokens import Token

from briefing.check.crosscheck import corroborate
from briefing.check.entail import EntailmentJudge
from briefing.check.verify import verify_sentence
from briefing.schema import Corroboration, Passage
from briefing.text.numbers import MONTHS, WEEKDAYS
from briefing.text.parser import parse
from briefing.write.compress import text_without
from briefing.write.story_claims import Claim

_AT = frozenset({"on", "at", "in", "during", "overnight"})  # prepositions that only say when
_WHEN = frozenset({"DATE", "TIME"})
_DAY_WORDS = WEEKDAYS | MONTHS | {"yesterday", "today", "tonight", "overnight", "earlier", "later"}
_MIN_WORDS = 4


def without_when(sentence: str) -> str | None:
    """The sentence without the phrases that only say when ("on Thursday evening", "at about 10
    pm", "Tuesday"); None when it has none or too little would be left."""
    doc = parse(sentence)
    removed: set[int] = set()
    for token in doc:
        if _only_when(token):
            removed |= {t.i for t in token.subtree}
            before = token.i - 1  # "late on Thursday", ", on Thursday,"
            while before >= 0 and (doc[before].lower_ in {"late", "early", ","} and before not in removed):
                removed.add(before)
                before -= 1
    if not removed:
        return None
    text = text_without(doc, removed)
    return text if len(text.split()) >= _MIN_WORDS else None


def _only_when(token: Token) -> bool:
    if token.head == token or token.head.pos_ not in {"VERB", "AUX"}:
        return False  # "the storm of January" names which storm
    if token.dep_ == "prep" and token.lower_ in _AT:
        objects = [c for c in token.children if c.dep_ == "pobj"]
        return bool(objects) and all(o.ent_type_ in _WHEN for o in objects)
    return token.dep_ == "npadvmod" and token.lower_ in _DAY_WORDS


def told_more_widely_undated(
    claim: Claim,
    found: Corroboration,
    evidence: Mapping[str, Passage],
    root: Callable[[str], str],
    judge: EntailmentJudge | None,
    total: int,
) -> Corroboration:
    """The claim's corroboration, or, when its text without its when is borne out by more
    independent sources, that one, the claim then stating the shorter text."""
    if found.independent_sources >= total:
        return found
    core = without_when(claim.sentence.text)
    if core is None:
        return found
    texts = [evidence[c.passage_id].text for c in claim.sentence.citations if c.passage_id in evidence]
    verdict = verify_sentence(core, texts)  # it says less than a checked sentence: no judge needed
    if not texts or not verdict.passed:
        return found
    shorter = claim.sentence.model_copy(update={"text": core, "verification": verdict})
    wider = corroborate(shorter, evidence, root, judge)
    if wider.independent_sources <= found.independent_sources:
        return found
    claim.sentence = shorter
    return wider
