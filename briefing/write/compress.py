"""Cutting a copied sentence down to its core, so a brief says it in fewer words than its source.

A small model often copies the sentence it briefs. Rather than lose the fact, the program cuts the
detail a reader can spare, one piece of the dependency parse at a time: an appositive (", who oversaw
the project,"), a clause set off by a comma (", becoming the first city in the region…"), a relative
clause, a trailing phrase. It stops as soon as no run of more than `limit` source words is left.

Only cuts that keep the sentence true are tried: a cut can make a claim less detailed but never say
something else. Negations, modal and auxiliary verbs, conditions ("if", "unless"), the reporting verb
and its speaker, and anything inside quotation marks are never cut. The result still goes through
every check (`generate.py`), like any sentence the model writes.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from briefing.text.copying import longest_copied_run
from briefing.text.lexicon import REPORTING_VERBS
from briefing.text.parser import parse

# Dependents whose whole subtree can go without changing what the rest of the sentence claims.
# Not "npadvmod": "a day" in "120,000 cubic metres a day" is part of the figure.
_CUTTABLE = frozenset({"appos", "relcl", "acl", "advcl", "prep", "parataxis", "conj"})
_KEEP_MARKERS = frozenset({"if", "unless", "until", "except", "only", "without", "not", "no"})
_MIN_WORDS = 5
_FIGURES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})


def compress(sentence: str, sources: Sequence[str], limit: int) -> str | None:
    """The sentence cut until it copies no more than `limit` source words in a row; None if it cannot be."""
    doc = parse(sentence)
    removed: set[int] = set()
    text = sentence
    while longest_copied_run(text, sources).words > limit:
        options = [(tier, span) for tier, span in _cuts(doc) if span - removed]
        tried = [
            (tier, longest_copied_run(cut, sources).words, -len(span), cut, span)
            for tier, span in options
            if (cut := text_without(doc, removed | span))
        ]
        if not tried:
            return None
        # Phrases set off by commas go first (asides, by their punctuation), then the copy they break.
        _, _, _, text, span = min(tried, key=lambda item: item[:3])
        removed |= span
    if text == sentence or len(text.split()) < _MIN_WORDS:
        return None if text != sentence else sentence
    return text


def _cuts(doc: Doc) -> list[tuple[int, set[int]]]:
    """Each subtree that may be cut (token indices, with the comma before it), and its tier:
    0 for a phrase set off by a comma, 1 for any other."""
    quoted = _quoted(doc)
    spans: list[tuple[int, set[int]]] = []
    for token in doc:
        if token.dep_ not in _CUTTABLE or token.head == token or _protected(token):
            continue
        span = {t.i for t in token.subtree}
        if span & quoted:
            continue
        if token.dep_ == "conj":  # a coordinated item goes with its conjunction
            span |= {c.i for c in token.head.children if c.dep_ in {"cc", "punct"} and c.i < token.i}
        if token.dep_ == "relcl" and not _set_off(doc, span):
            continue  # "the drought that emptied its reservoirs": it says which one
        if token.dep_ in {"prep", "conj"} and not _set_off(doc, span) and token.i < token.head.i:
            continue  # a phrase before its head that is not set off holds the sentence together
        aside = _set_off(doc, span)
        if not aside and _core(token):
            continue
        spans.append((0 if aside else 1, span | _commas(doc, span)))
    return spans


def _protected(token: Token) -> bool:
    """A subtree whose loss would change the claim: a condition, a negation, the speaker's verb."""
    words = {t.lower_ for t in token.subtree}
    if words & _KEEP_MARKERS:
        return True
    if any(t.dep_ == "mark" and t.lower_ in _KEEP_MARKERS for t in token.subtree):
        return True
    return token.dep_ == "prep" and token.lower_ in {"according", "than", "between", "from", "to"}


def _core(token: Token) -> bool:
    """Part of what the sentence claims, not set off by a comma: a phrase the verb needs ("rely on
    the sea"), or a date or figure ("in early June"). Only where or when someone spoke may go."""
    if token.dep_ == "prep":
        return token.head.lemma_ not in REPORTING_VERBS
    return any(t.ent_type_ in _FIGURES for t in token.subtree)


def _set_off(doc: Doc, span: set[int]) -> bool:
    first = min(span)
    return first > 0 and doc[first - 1].text == ","


def _commas(doc: Doc, span: set[int]) -> set[int]:
    """The comma before a cut phrase, so no stray comma is left."""
    first = min(span)
    # Only the opening one: a comma after the phrase may close the clause around it.
    return {first - 1} if first > 0 and doc[first - 1].text in {",", "—", "–"} else set()


def _quoted(doc: Doc) -> set[int]:
    inside, found = False, set()
    for token in doc:
        if token.text in {'"', "“", "”", "‘", "’"} or (token.text == "'" and token.whitespace_ != ""):
            inside = not inside
            found.add(token.i)
        elif inside:
            found.add(token.i)
    return found


def text_without(doc: Doc, removed: set[int]) -> str:
    """The sentence without the removed tokens, tidied: no doubled spaces or dangling commas."""
    kept = [t for t in doc if t.i not in removed]
    if not any(t.pos_ in {"VERB", "AUX"} for t in kept):
        return ""
    following: list[Token | None] = [*kept[1:], None]
    text = "".join(t.text + _space_after(doc, t, after) for t, after in zip(kept, following, strict=True))
    text = text.strip()
    text = " ".join(text.split())
    for before, after in ((" ,", ","), (",,", ","), (", .", "."), (",.", "."), (" .", ".")):
        text = text.replace(before, after)
    text = text.strip(" ,")
    if text and text[-1] not in ".!?":
        text += "."
    return text[:1].upper() + text[1:]


def _space_after(doc: Doc, token: Token, after: Token | None) -> str:
    """The space after a kept word: its own, or, where words were cut after it, a space if the cut
    stretch had one anywhere ("logistics [and IT] functions" must not become "logisticsfunctions")."""
    if after is None or after.i == token.i + 1 or token.whitespace_:
        return token.whitespace_
    return " " if any(t.whitespace_ for t in doc[token.i : after.i]) else ""


def cut_out(sentence: str, words: Sequence[str]) -> str | None:
    """The sentence without the smallest phrase that may go holding each of `words` ("…, and Mayor
    Ruiz said it was a huge undertaking" for "undertaking"); None if some word is in no such phrase."""
    doc = parse(sentence)
    cuts = [span for _, span in _cuts(doc)]
    removed: set[int] = set()
    for word in words:
        at = {t.i for t in doc if t.lower_ == word}
        holding = [span for span in cuts if span & at]
        if not holding:
            return None
        removed |= min(holding, key=len)
    text = text_without(doc, removed)
    return text if text and len(text.split()) >= _MIN_WORDS else None
