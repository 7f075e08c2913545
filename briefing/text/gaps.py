"""A sentence with a hole where the model left words out: "Halvorsen's chief executive, told analysts …".

A small model shortening "Halvorsen's chief executive, Ruth Tamm, told analysts …" drops the name and
keeps one of its commas, and the sentence reads as if cut. English never puts a lone comma between a
subject and its verb, so a comma that stands right after the subject's last word and right before
its verb marks the gap. ("The mayor, however, said" has a word between; "The mayor, who resigned,
said" closes the subject after the second comma; in "The quay, closed since August, will reopen" the
predicate comes after the second comma, which the parser does not always see.)
"""

from __future__ import annotations

from spacy.tokens import Doc

from briefing.text.parser import parse

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_OPENS_PREDICATE = _FINITE | {"VBN"}  # "…, opened on Friday" is often read as a participle


def cut_subject(sentence: str) -> str | None:
    """The subject that a lone comma parts from its verb, as written; None when there is none."""
    doc = parse(sentence)
    for verb in doc:
        if verb.tag_ not in _FINITE or verb.i < 2 or _predicate_follows(doc, verb.i):
            continue
        comma = doc[verb.i - 1]
        subject = next((c for c in verb.children if c.dep_ in _SUBJECTS and c.i < verb.i), None)
        if comma.text != "," or subject is None:
            continue
        words = [t for t in subject.subtree if t.i < comma.i]  # the parser may hang the comma on it
        if words[-1].i == comma.i - 1 and not any(t.text == "," for t in words):
            return doc[words[0].i : comma.i].text
    return None


def _predicate_follows(doc: Doc, start: int) -> bool:
    """Whether a later comma opens a predicate of its own ("…, will reopen", "…, was marred"): then
    the words after the first comma were an aside, and the subject's verb comes after them."""
    return any(
        t.text == "," and t.i + 1 < len(doc) and doc[t.i + 1].tag_ in _OPENS_PREDICATE
        for t in doc[start + 1 :]
    )
