"""A comparison turned round: "as higher nickel prices hit profits" where the source has "lower nickel
prices". The tagger's lemma of "higher" is "high", which names no movement, so the direction check
does not read comparatives; this one does, only where both sides put one on the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from briefing.check.align import Problems
from briefing.check.tree import lemma, phrase_words

# The two ends of a scale, as comparatives: "higher" against "lower" ("more" and "fewer" are the
# direction check's own).
_SCALES = (
    (frozenset({"higher", "greater", "larger", "bigger", "stronger", "faster"}),
     frozenset({"lower", "smaller", "weaker", "slower"})),
    (frozenset({"better"}), frozenset({"worse"})),
    (frozenset({"earlier"}), frozenset({"later"})),
    (frozenset({"longer"}), frozenset({"shorter"})),
    (frozenset({"cheaper"}), frozenset({"dearer", "costlier"})),
)  # fmt: skip


def flipped_comparatives(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """Comparatives on the same noun that stand at the two ends of one scale."""
    problems = []
    told = [t for doc in evidence for t in doc if _comparative(t)]
    for token in (t for t in claim if _comparative(t)):
        side = _side(token)
        if side is None:
            continue
        same = [t for t in told if lemma(t.head) == lemma(token.head) and _alike(t.head, token.head)]
        scale, end = side
        if same and all(_side(t) == (scale, 1 - end) for t in same):
            problems.append(f"'{token.text} {token.head.text}' where the source says '{same[0].text}'")
    return problems


def _comparative(token: Token) -> bool:
    return token.tag_ == "JJR" and token.dep_ == "amod" and token.head.pos_ == "NOUN"


def _side(token: Token) -> tuple[int, int] | None:
    word = token.lower_
    for scale, (up, down) in enumerate(_SCALES):
        if word in up or word in down:
            return scale, 0 if word in up else 1
    return None


def _alike(a: Token, b: Token) -> bool:
    """The same thing: "nickel prices" and "nickel prices", not "nickel prices" and "gold prices"."""
    words_a, words_b = phrase_words(a) - {a.lower_, lemma(a)}, phrase_words(b) - {b.lower_, lemma(b)}
    modifiers_a = {w for w in words_a if w not in _ENDS}
    modifiers_b = {w for w in words_b if w not in _ENDS}
    return modifiers_a == modifiers_b or not (modifiers_a and modifiers_b)


_BASES = frozenset({"high", "low", "large", "small", "good", "bad"})
_ENDS = frozenset(w for up, down in _SCALES for w in up | down) | _BASES
