"""Nouns the program's own sentence uses that the articles it was written from never do, in any form.

A rule for what the model writes, not for checking someone else's text. The entailment judge and the
structure checks pass "Hundreds of homes in Orvel were left without power after the River Tamsey
burst its banks" against a passage where the river "forced families out of about 300 homes": most of
its words are there, nothing is negated or swapped, and the 1.5B judge answers yes. "Power" is in no
passage of the story. A writer told to rest every sentence on its passages has no business naming a
thing they never name, so the phrase that names it is cut if the rest stands, else the model is asked
to write the sentence again without it (generate.py); a headline that names one is replaced
(final_check.py).

Measured: of the 182 sentences and headlines the default model wrote over the synthesis bench's ten
clusters at 1f4230d, 7 carry a noun that no article of their cluster has in any form; 3 are the
invented power cut, 4 paraphrases ("gap" for a deficit, "funds" for money) a cut or a second try can
put in the articles' words. Units and clock times after a figure ("80 km", "3:10 am") are left to the
figure checks: counted as nouns, they refused whole sentences ("Polls closed at 3:10 am on Friday").
On the faithfulness bench's heavy human paraphrases 70% of the faithful items carry such a word,
which is why `briefing verify` does not use it: an editor's own wording is not a fault.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.tokens import Token

from briefing.schema import Passage
from briefing.text.copying import outside_quotes
from briefing.text.numbers import NUMBER_WORDS
from briefing.text.parser import parse
from briefing.text.words import content_words, stem

# Nouns a writer uses for what a passage names in particular: "officials" for a named office,
# "residents" for families on a street. They add no fact of their own.
_GENERIC = frozenset({
    "people", "person", "official", "authority", "resident", "number", "total", "figure", "year",
    "day", "week", "month", "hour", "minute", "time", "area", "place", "part", "group", "side",
    "member", "statement", "report", "plan", "way", "thing", "case", "event", "news", "man", "woman",
    "candidate",
})  # fmt: skip
# British and American spellings of one word ("metres"/"meters", "labour"/"labor").
_SPELLINGS = (("our", "or"), ("tre", "ter"), ("ise", "ize"), ("yse", "yze"), ("ogue", "og"))


def unsaid_nouns(sentence: str, passages: Sequence[str]) -> list[str]:
    """The nouns of `sentence`, outside quotation marks, that no passage has in any form.

    A form is the word's stem, its other spelling, a longer or shorter word of the same stem
    ("evacuation" for "evacuated") or two passage words run together ("seawater" for "sea water").
    Names are the names check's business and are not looked at here.
    """
    theirs = {w for text in passages for w in content_words(text)}
    stems = {stem(_spelled(w)) for w in theirs}
    found = []
    for token in parse(" ".join(outside_quotes(sentence))):
        word = token.text.lower()
        lemma = token.lemma_.lower()
        if token.pos_ != "NOUN" or not word.isalpha() or lemma in _GENERIC or lemma in NUMBER_WORDS:
            continue
        if _measure(token):
            continue  # "80 km", "6 am": a unit or a clock time, the figure checks' business
        if stem(_spelled(word)) in stems or _shares_stem(word, theirs) or _run_together(word, theirs):
            continue
        found.append(word)
    return list(dict.fromkeys(found))


def unsaid_in_articles(text: str, article_ids: set[str], passages: Mapping[str, Passage]) -> list[str]:
    """`unsaid_nouns` against every passage of these articles: the whole article counts as said, not
    only the passages a sentence cites or its prompt showed."""
    return unsaid_nouns(text, [p.text for p in passages.values() if p.article_id in article_ids])


def quoted_list(nouns: Sequence[str]) -> str:
    """'"power", "outage"': the nouns as a reason names them."""
    return ", ".join(f'"{n}"' for n in nouns)


def _measure(token: Token) -> bool:
    """A unit or time of day after its figure ("112 mm", "3:10 am"), or a short abbreviation."""
    before = token.doc[token.i - 1] if token.i > 0 else None
    figure = before is not None and (before.like_num or any(c.isdigit() for c in before.text))
    return figure or len(token.text) <= 2 or any(c.dep_ == "nummod" for c in token.children)


def _spelled(word: str) -> str:
    for british, american in _SPELLINGS:
        word = word.replace(british, american)
    return word


def _shares_stem(word: str, theirs: set[str]) -> bool:
    # "failure" and "fail", "evacuations" and "evacuated": they begin alike for at least four letters
    # and for all but a suffix's length (three letters) of the shorter.
    return any(len(w) >= 4 and _common_start(word, w) >= max(4, min(len(word), len(w)) - 3) for w in theirs)


def _common_start(a: str, b: str) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))


def _run_together(word: str, theirs: set[str]) -> bool:
    return any(
        word.startswith(w) and word[len(w) :] in theirs for w in theirs if 3 <= len(w) <= len(word) - 3
    )
