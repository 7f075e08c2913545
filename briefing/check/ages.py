"""An age limit dropped: "free bus passes for all residents" where the source gives them to "all
residents aged 70 and over"; "unemployment rose to 16.2%" where that was "among the under-25s".

A group told without the ages the source limits it to is a wider group, and the fact is not said of
it. Only a source sentence that tells the same fact counts (it shares a figure with the sentence, or
the limited noun and two more of its words); a sentence that keeps the age, or speaks of the old or
the young in its own words, passes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc

from briefing.check.align import Problems
from briefing.check.tree import content_lemmas, lemma
from briefing.text.numbers import figures

_LIMIT = re.compile(
    r"\b(?:(?P<noun>\w+)\s+)?aged\s+(?P<age>\d+)\s+(?:and|or)\s+(?:over|above|older|under|younger)\b"
    r"|\b(?:over|under)-(?P<age2>\d+)s\b"
    r"|\b(?:over|under)\s+the\s+age\s+of\s+(?P<age3>\d+)\b",
    re.IGNORECASE,
)
# Words that say the group's age in other words.
_AGED = frozenset({
    "elderly", "old", "older", "pensioner", "senior", "young", "younger", "youth", "child", "teenager",
    "retiree", "aged",
})  # fmt: skip


def age_dropped(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """Age limits of the sources' telling of the sentence's fact that the sentence leaves out."""
    said_figures = {f.value for f in figures(claim.text)}
    said = {lemma(t) for t in claim} | {t.lower_ for t in claim}
    if said & _AGED:
        return []
    problems = []
    for doc in evidence:
        for sent in doc.sents:
            for limit in _LIMIT.finditer(sent.text):
                age = limit["age"] or limit["age2"] or limit["age3"]
                if int(age) in said_figures:
                    continue
                shared_figure = bool({f.value for f in figures(sent.text)} - {int(age)} & said_figures)
                noun = (limit["noun"] or "").lower()
                alike = noun in said and len(content_lemmas(sent) & said - {noun}) >= 2
                if shared_figure or alike:
                    problems.append(f"the source limits it by age: '{limit.group(0)}'")
    return list(dict.fromkeys(problems))
