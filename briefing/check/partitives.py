"""A part of a group told as the whole of it, where the source counts the part: "About a third of
schools will switch" told as "Schools will switch"; "Bus drivers at two of the five depots will
strike" told as "The city's bus drivers will strike"."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Token

from briefing.check.align import Problems
from briefing.check.placed_figures import Figure, figure_tokens
from briefing.check.scope import quantified_somehow, same_noun
from briefing.check.tree import SUBJECTS, lemma

# Words that take a part of what follows their "of": "a third of", "most of", "a handful of".
_PART_HEADS = frozenset({
    "half", "third", "quarter", "fifth", "sixth", "tenth", "some", "most", "many", "several", "few",
    "minority", "majority", "handful", "fraction", "proportion", "share",
})  # fmt: skip  # not "number": "the number of practices fell" is all of them


def partitive_dropped(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """The sentence's subject, with no word of how many, where the sources' same subject doing the
    same thing is a counted part: "a third of schools", "drivers at two of five depots"."""
    said = {t.lower_ for t in claim} | {lemma(t) for t in claim}
    problems = []
    for noun in claim:
        if noun.pos_ != "NOUN" or noun.dep_ not in SUBJECTS or quantified_somehow(noun):
            continue
        for part in _parts_told(noun, evidence):
            if part.lower_ not in said and lemma(part) not in said:
                shown = part.doc[part.left_edge.i : part.right_edge.i + 1].text
                problems.append(f"'{noun.text}': the source says '{shown}'")
    return list(dict.fromkeys(problems))


def _parts_told(noun: Token, evidence: Sequence[Doc]) -> Iterator[Token]:
    verb = lemma(noun.head)
    for doc in evidence:
        for t in doc:
            if not same_noun(t, noun):
                continue
            whole = _part_taken(t)  # "a third of schools": the part is the subject
            if whole is not None and whole.dep_ in SUBJECTS and lemma(whole.head) == verb:
                yield whole
            if t.dep_ in SUBJECTS and lemma(t.head) == verb:  # "drivers at two of the five depots"
                yield from (p for c in t.children if c.dep_ == "prep" for p in c.children if _counted_part(p))


def _part_taken(token: Token) -> Token | None:
    """The part word `token` is taken from by "of": "third" for "schools" in "a third of schools"."""
    of = token.head
    if token.dep_ != "pobj" or of.lower_ != "of" or of.head == of:
        return None
    part = of.head
    return part if _counted_part(part) or lemma(part) in _PART_HEADS else None


def _counted_part(token: Token) -> bool:
    """ "two of the five depots", "40% of": a count taken of a whole its "of" names."""
    counted = token.like_num or any(c.like_num for c in token.children if c.dep_ == "nummod")
    return counted and any(c.lower_ == "of" for c in token.children)


def among_dropped(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """A figure the sources give only for a group "among" others ("support among voters under 30 has
    reached 31%"), told with none of that group's words: the part's figure told of the whole."""
    said = {lemma(t) for t in claim}
    told = [f for doc in evidence for f in figure_tokens(doc)]
    problems = []
    for figure in figure_tokens(claim):
        same = [f for f in told if f.value == figure.value]
        groups = [_among(f) for f in same]
        if same and all(g is not None for g in groups):
            words = [{lemma(t) for t in g.subtree if t.pos_ in {"NOUN", "PROPN", "NUM"}} for g in groups if g]
            if all(w and not w & said for w in words):
                problems.append(f"'{figure.value}': the source gives it only among {groups[0]}")
    return problems


def _among(figure: Figure) -> Token | None:
    """The group an "among" narrows the figure's clause to: its subject's or the verb's own."""
    verb = figure.verb
    if verb is None:
        return None
    holders = [verb, *(c for c in verb.children if c.dep_ in SUBJECTS)]
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ == "among":
                group = next((g for g in prep.children if g.dep_ == "pobj"), None)
                # "among the highest in the state" ranks; it names no group
                ranked = group is not None and (
                    group.tag_ == "JJS" or any(c.tag_ == "JJS" for c in group.children)
                )
                return None if group is None or ranked or group.pos_ not in {"NOUN", "PROPN"} else group
    return None
