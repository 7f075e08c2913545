"""Which side of a figure the truth lies on: "more than 300" against the source's "nearly 300".

A figure's words before it ("more than", "up to", "nearly", "at least") say whether the count is a
floor, a ceiling or a round-off. Dropping "about" is harmless; turning a ceiling into the amount
("treats 210,000 cubic metres a day" for "up to 210,000"), a floor into the amount ("12 died" for
"at least 12"), or one side into the other ("more than" for "nearly") tells the reader another
figure.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from briefing.check.align import Problems
from briefing.check.cues import OVER_WHAT
from briefing.check.placed_figures import Figure, figure_tokens
from briefing.text.numbers import NUMBER_WORDS

# Words before a figure and the side they put the truth on.
_ABOVE = ("more than", "over", "at least", "a minimum of", "upwards of", "in excess of", "above",
          "no fewer than", "no less than", "just over", "well over", "exceeding", "north of")  # fmt: skip
_BELOW = ("nearly", "almost", "just under", "less than", "fewer than", "under", "below", "close to",
          "just short of", "shy of")  # fmt: skip
_CEILING = ("up to", "as many as", "as much as", "at most", "no more than", "a maximum of")
_APPROX = ("about", "around", "roughly", "approximately", "some", "an estimated", "circa")
# Longest first, so "no more than" is a ceiling before "more than" is read as a floor.
_PHRASES = sorted(
    ((phrase, side) for side, phrases in (("above", _ABOVE), ("ceiling", _CEILING), ("below", _BELOW),
     ("about", _APPROX)) for phrase in phrases),
    key=lambda pair: -len(pair[0].split()),
)  # fmt: skip
# One word that is also a preposition ("a dispute over 300 jobs") counts only as the number's modifier.
_AMBIGUOUS = frozenset({"over", "under", "above", "below", "some", "around", "about"})
_CURRENCY = frozenset("$£€¥")
# Words after a figure: "four or more", "300-plus", "or so".
_AFTER = {("or", "more"): "above", ("or", "over"): "above", ("plus",): "above", ("or", "so"): "about",
          ("or", "less"): "ceiling", ("or", "fewer"): "ceiling", ("at", "the", "earliest"): "above",
          ("at", "the", "least"): "above", ("at", "the", "latest"): "ceiling",
          ("at", "the", "most"): "ceiling"}  # fmt: skip

# (sentence's side, source's side) pairs that tell another figure; None is a figure given exactly.
# A ceiling told as the amount passes: "gusts reached 142 km/h" for "gusts of up to 142 km/h" is how
# a maximum is reported.
_CONFLICTS = {
    ("above", "below"): "the source has it below",
    ("above", "ceiling"): "the source gives it as a most",
    ("above", None): "the source gives it exactly",
    ("below", "above"): "the source has it above",
    ("below", None): "the source gives it exactly",
    ("ceiling", "above"): "the source has it above",
    (None, "above"): "the source has it as a least",
    ("about", "above"): "the source has it as a least",
}


def side_of(figure: Figure) -> tuple[str | None, str]:
    """The side the words before `figure` put the truth on, and those words ("" when none)."""
    doc, i = figure.token.doc, _start(figure.token)
    before = [t for t in doc[max(0, i - 3) : i] if t.sent.start == figure.token.sent.start]
    for phrase, side in _PHRASES:
        words = phrase.split()
        tail = before[-len(words) :] if len(before) >= len(words) else []
        if [t.lower_ for t in tail] != words:
            continue
        if len(words) == 1 and phrase in _AMBIGUOUS and tail[0].dep_ not in {"quantmod", "advmod"}:
            continue
        if phrase == "over" and _sanction_before(tail[0]) is not None:
            continue
        return side, phrase
    after = [t for t in doc[figure.token.i + 1 : figure.token.i + 5] if t.text != "-"]
    for skip in (0, 1):  # "until 22 June at the earliest": past the date's month or the unit
        if skip and (not after or after[0].is_punct):
            break
        next_words = tuple(t.lower_ for t in after[skip:])
        for following, side in _AFTER.items():
            if next_words[: len(following)] == following:
                return side, " ".join(following)
    return None, ""


def bound_changed(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """Figures whose side ("more than", "up to", "nearly") differs from every source's telling."""
    told = [f for doc in evidence for f in figure_tokens(doc)]
    problems: Problems = []
    for said in figure_tokens(claim):
        same = [f for f in told if f.value == said.value]
        if not same:
            continue  # the numbers check reports a figure the sources lack
        side, words = side_of(said)
        found = [side_of(f) for f in same]
        if any((side, theirs) not in _CONFLICTS for theirs, _ in found):
            continue
        theirs, their_words = found[0]
        shown = f"{words} {said.token.text}".strip()
        told_as = f"'{their_words} {same[0].token.text}'" if their_words else "the bare figure"
        problems.append(f"'{shown}': {_CONFLICTS[(side, theirs)]} ({told_as})")
    return problems


def _sanction_before(over: Token) -> Token | None:
    """The act of sanction or dispute this "over" follows in its clause, if any: what follows "over"
    is then its reason ("jailed for four years over 310,000 euros in bribes", not "more than")."""
    for t in reversed(over.doc[max(over.sent.start, over.i - 8) : over.i]):
        if t.is_punct:
            return None
        if t.lemma_.lower() in OVER_WHAT:
            return t
    return None


def _start(token: Token) -> int:
    """Where the figure's words begin: "two hundred", "$5 million" start before their head."""
    i = token.i
    while i > 0:
        prev = token.doc[i - 1]
        if not (prev.like_num or prev.lower_ in NUMBER_WORDS or prev.text in _CURRENCY):
            break
        i -= 1
    return i
