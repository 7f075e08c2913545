"""A reach the sources do not give: "a national record" where the source has "a record for the
region", "nationwide" where it names one county, "a world first" where it says "in Europe".

Only the words that spread a fact over a whole country, state or the world are read, written in
lower case ("National Grid" names a company): the sentence fails when no source has a word of the
same reach ("across the country", "the nation's", "statewide").
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from briefing.check.align import Problems
from briefing.check.tree import lemma

# Each reach: the sentence's words for it, and the source words that give it.
_REACHES = (
    (frozenset({"national", "nationwide", "countrywide", "nationally"}),
     frozenset({"national", "nationwide", "countrywide", "nationally", "nation", "country"})),
    (frozenset({"worldwide", "global", "globally", "world"}),
     frozenset({"worldwide", "global", "globally", "world", "globe", "international", "planet"})),
    (frozenset({"statewide"}), frozenset({"statewide", "state"})),
)  # fmt: skip


def reach_widened(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """ "a national record" where no source says the record is the country's."""
    told = {lemma(t) for doc in evidence for t in doc} | {t.lower_ for doc in evidence for t in doc}
    problems = []
    for token in claim:
        if token.text != token.lower_ or token.pos_ == "PROPN":
            continue
        for words, givers in _REACHES:
            if token.lower_ in words and not told & givers:
                problems.append(f"'{token.text}': the source does not give this reach")
    return problems
