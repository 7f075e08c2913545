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
from briefing.check.verify import verify_sentence
from briefing.schema import Passage, Sentence
from briefing.text.parser import parse
from briefing.write.compress import text_without
from briefing.write.grounded import grounded
from briefing.write.reply_format import text_problems

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl"})
_FEWEST_WORDS = 4  # a part shorter than this is no fact of its own


def one_fact_each(
    sentence: Sentence, shown: Sequence[str], passages: Mapping[str, Passage]
) -> list[Sentence]:
    """The sentence cut into its whole clauses, each checked on its own; else the sentence itself."""
    parts = clauses_of(sentence.text) or verb_phrases_of(sentence.text)
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


def facts_of(sentence: Sentence, passages: Mapping[str, Passage]) -> list[Sentence]:
    """A checked sentence of two facts as one sentence a fact (`clauses_of`, `verb_phrases_of`),
    each part checked against the passages the sentence cites; else the sentence itself. Each part
    says less than the whole, so it rests on the same passages; the story counts each fact's
    outlets apart ("The plant cost 640 million dollars" is in every outlet, "has created 85
    permanent jobs" in one)."""
    parts = clauses_of(sentence.text) or verb_phrases_of(sentence.text)
    if parts is None:
        return [sentence]
    texts = [passages[c.passage_id].text for c in sentence.citations if c.passage_id in passages]
    checked = []
    for part in parts:
        verdict = verify_sentence(part, texts)
        if not verdict.passed:
            return [sentence]
        checked.append(sentence.model_copy(update={"text": part, "verification": verdict}))
    return checked


def verb_phrases_of(text: str) -> list[str] | None:
    """The two sentences that a sentence of one subject and two verbs joined by "and" makes, the
    second given the subject (and the first verb's auxiliaries when it has none): "The plant cost
    640 million dollars and has created 85 permanent jobs." makes "The plant has created 85
    permanent jobs."; None otherwise. Not under a verb of saying, not with a pronoun subject, and
    not when anything of the first verb follows the second ("…, officials said")."""
    doc = parse(text)
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if len(roots) != 1 or is_reporting(roots[0]):
        return None
    root = roots[0]
    subjects = [c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}]
    verbs = [c for c in root.children if c.dep_ == "conj" and c.pos_ in _VERBS and not _has_subject(c)]
    ands = [c for c in root.children if c.dep_ == "cc" and c.lower_ == "and"]
    if len(subjects) != 1 or subjects[0].pos_ == "PRON" or len(verbs) != 1 or not ands:
        return None
    span = sorted(t.i for t in verbs[0].subtree)
    if any(not t.is_punct for t in doc[span[-1] + 1 :]) or ands[-1].i > span[0]:
        return None
    first = text_without(doc, {ands[-1].i, *span})
    helpers = [] if _has_auxiliary(verbs[0]) else [c for c in root.children if c.dep_ in _HELPERS]
    subject = doc[min(t.i for t in subjects[0].subtree) : max(t.i for t in subjects[0].subtree) + 1]
    second = " ".join([subject.text, *(h.text for h in helpers), doc[span[0] : span[-1] + 1].text])
    parts = [_as_sentence(first), _as_sentence(second)]
    return None if any(len(p.split()) < _FEWEST_WORDS for p in parts) else parts


_HELPERS = frozenset({"aux", "auxpass", "neg"})
_VERBS = frozenset({"VERB", "AUX"})


def _has_auxiliary(verb: Token) -> bool:
    return any(c.dep_ in {"aux", "auxpass"} for c in verb.children)


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
