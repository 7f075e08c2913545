"""A claim told with less detail, when more outlets bear that out.

Outlets report one fact with different details: "A 71-year-old man died in a ford accident on
Thursday evening" in one, "a 71-year-old man died after his car was swept off the ford" in another;
"The council turned the Corn Exchange into a rest centre, with camp beds and hot food" in one,
"residents are housed at the Corn Exchange, which the council opened as a rest centre" in another.
Put to the other outlet the whole claim fails (no "Thursday", no camp beds) and the fact counts one
source, though both report it. So a claim that some independent source does not bear out is tried
again without its when ("on Thursday evening", "at about 10 pm", "late on Friday"), then cut at
its first clause break (`tellings.first_clause`), and when more sources bear the shorter out, the
story states it so: the shorter says less, never anything else. A limit in time ("until Monday",
"before 2027", "by the end of April") is never cut, nor a rest that attributes or conditions, nor
a figure ("closing 42 schools" is what an editor wants of a walkout) or a year (it tells history).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from spacy.tokens import Token

from briefing.check.crosscheck import corroborate
from briefing.check.entail import EntailmentJudge
from briefing.check.verify import verify_sentence
from briefing.schema import Corroboration, Passage
from briefing.text.calendar_words import MONTHS, WEEKDAYS
from briefing.text.numbers import figures
from briefing.text.parser import parse
from briefing.write.compress import text_without
from briefing.write.story_claims import Claim
from briefing.write.tellings import first_clause

_AT = frozenset({"on", "at", "in", "during", "overnight"})  # prepositions that only say when
_WHEN = frozenset({"DATE", "TIME"})
_DAY_WORDS = WEEKDAYS | MONTHS | {"yesterday", "today", "tonight", "overnight", "earlier", "later"}
_MIN_WORDS = 4
_YEAR = re.compile(r"(?:1[89]|20)\d\d")


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


_HOUR = re.compile(r"\b\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)", re.IGNORECASE)


def _figures(text: str) -> list[str]:
    """The figures of a text, an hour of the day aside ("at about 10 pm" may go)."""
    return sorted(f.text for f in figures(_HOUR.sub("", text)))


def _only_when(token: Token) -> bool:
    if token.head == token or token.head.pos_ not in {"VERB", "AUX"}:
        return False  # "the storm of January" names which storm
    if token.head.dep_ in {"acl", "amod"}:
        return False  # "the offer, tabled on Friday,": the participle would be left hanging
    if any(_YEAR.fullmatch(t.text) for t in token.subtree):
        return False  # "built in 1962": a year tells history from news (`text/background.py`)
    if token.dep_ == "prep" and token.lower_ in _AT:
        objects = [c for c in token.children if c.dep_ == "pobj"]
        return bool(objects) and all(o.ent_type_ in _WHEN for o in objects)
    return token.dep_ == "npadvmod" and token.lower_ in _DAY_WORDS


def as_capacity(sentence: str) -> str | None:
    """A figure the thing "will" reach told as what it "can" do ("The plant can produce 120,000
    cubic metres a day"), as most outlets give a capacity; it says less ("will" also says it is
    going to). None unless the main verb has "will" and a figure in its object."""
    doc = parse(sentence)
    root = doc[:].root
    will = [c for c in root.children if c.dep_ == "aux" and c.lower_ == "will"]
    if not will or any(c.dep_ == "neg" for c in root.children):
        return None
    objects = [c for c in root.children if c.dep_ == "dobj"]
    if not any(t.like_num for o in objects for t in o.subtree):
        return None
    i = will[0].i
    return doc[:i].text_with_ws + ("Can" if i == 0 else "can") + will[0].whitespace_ + doc[i + 1 :].text


def shorter_claims(text: str) -> list[str]:
    """The claim without its when, then cut at its first clause break (with and without its
    when), each once, shortest last; then a capacity told as one (`as_capacity`)."""
    undated = without_when(text)
    clause = first_clause(text)
    both = without_when(clause) if clause else None
    told = [undated, clause, both, as_capacity(text)]
    return [c for c in dict.fromkeys(told) if c is not None and c != text]


def told_more_widely(
    claim: Claim,
    found: Corroboration,
    evidence: Mapping[str, Passage],
    root: Callable[[str], str],
    judge: EntailmentJudge | None,
    total: int,
) -> Corroboration:
    """The claim's corroboration, or, when a shorter telling of it (`shorter_claims`) is borne out
    by more independent sources, the first such one's, the claim then stating the shorter text."""
    if found.independent_sources >= total:
        return found
    texts = [evidence[c.passage_id].text for c in claim.sentence.citations if c.passage_id in evidence]
    kept = _figures(claim.sentence.text)
    for core in shorter_claims(claim.sentence.text) if texts else []:
        if _figures(core) != kept:
            continue  # a figure is what an editor wants of a fact; a year tells history from news
        verdict = verify_sentence(core, texts)  # it says less than a checked sentence: no judge needed
        if not verdict.passed:
            continue
        shorter = claim.sentence.model_copy(update={"text": core, "verification": verdict})
        wider = corroborate(shorter, evidence, root, judge)
        if wider.independent_sources > found.independent_sources:
            claim.sentence = shorter
            return wider
    return found
