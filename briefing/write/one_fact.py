"""A lead sentence that joins two facts, cut into one sentence a fact.

Two facts in one sentence count only the outlets that report both: "The plant will produce 120,000
cubic metres a day, and Mayor Rusk cut the ribbon" is borne out by the two outlets that tell both,
not by the four that tell the first. The lead prompt asks for one fact a sentence; a small model
still joins them. Two whole clauses joined by "and" or a semicolon, each with its own subject and
verb, are cut apart here without another model call; the cut stands only if each part passes every
check on its own, else the sentence stays as the model wrote it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.tokens import Doc, Token

from briefing.check.tree import is_reporting
from briefing.schema import Passage, Sentence
from briefing.text.parser import parse
from briefing.write.grounded import grounded
from briefing.write.reply_format import text_problems

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl"})
_FEWEST_WORDS = 4  # a part shorter than this is no fact of its own


def one_fact_each(
    sentence: Sentence, shown: Sequence[str], passages: Mapping[str, Passage]
) -> list[Sentence]:
    """The sentence cut into its whole clauses, each checked on its own; else the sentence itself."""
    parts = clauses_of(sentence.text)
    if parts is None:
        return [sentence]
    cited = list(dict.fromkeys(c.passage_id for c in sentence.citations))
    checked = []
    for part in parts:
        if text_problems(part):
            return [sentence]
        done = grounded(part, cited, list(shown), passages)
        if isinstance(done, str):
            return [sentence]
        checked.append(done)
    return checked


def clauses_of(text: str) -> list[str] | None:
    """The two sentences that a sentence of two whole clauses joined by "and" or ";" makes, or None.

    Only clauses of the main verb are cut, and not under a verb of saying ("Rusk said the plant is
    ready, and it will open"): what follows may be what was said, and cut off it would lose its
    speaker. A second clause opening with a pronoun ("and it will …") needs the first; it stays.
    """
    doc = parse(text)
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if len(roots) != 1 or is_reporting(roots[0]) or not _has_subject(roots[0]):
        return None
    root = roots[0]
    second = next((c for c in root.children if c.dep_ == "conj" and c.i > root.i and _has_subject(c)), None)
    if second is None:
        return None
    join = _join_before(doc, second)
    if join is None:
        return None
    first_words = doc[: join.i].text.rstrip(" ,;")
    rest = doc[join.i + 1 :]
    if not len(rest) or rest[0].pos_ == "PRON" or rest[0].lower_ in {"this", "that", "these", "those"}:
        return None
    second_words = rest.text.strip()
    parts = [_as_sentence(first_words), _as_sentence(second_words)]
    if any(len(p.split()) < _FEWEST_WORDS for p in parts):
        return None
    return parts


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in _SUBJECTS for c in verb.children)


def _join_before(doc: Doc, clause: Token) -> Token | None:
    """The "and" or ";" that opens the clause: the last one between the main verb and the clause's
    first word, outside quotation marks."""
    start = min(t.i for t in clause.subtree)
    joins = [t for t in doc[clause.head.i + 1 : start] if _joins(t, clause) and _outside_quotes(doc, t.i)]
    return joins[-1] if joins else None


def _joins(token: Token, clause: Token) -> bool:
    return token.text == ";" or (token.lower_ == "and" and token.head in (clause, clause.head))


def _outside_quotes(doc: Doc, i: int) -> bool:
    marks = sum(1 for t in doc[:i] if t.text in {'"', "“", "”"})
    return marks % 2 == 0


def _as_sentence(words: str) -> str:
    words = words.strip()
    if not words:
        return words
    words = words[0].upper() + words[1:]
    return words if words[-1] in ".!?" else words.rstrip(",;:") + "."
