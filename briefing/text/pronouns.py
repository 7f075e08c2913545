"""A pronoun a sentence leaves for the reader to resolve: "Police have not yet named him."

Every sentence of a brief must stand alone: the story shows article-brief sentences one by one under
"What each outlet adds", and a reader of "Police have not yet named him." cannot tell who is meant.
A third-person personal pronoun outside quotation marks needs a noun before it in the sentence that
it can stand for: a singular noun or a name for "he", "his", "she", "her"; any noun for "they". The
rule is deliberately loose ("The council said his family …" passes): it catches the sentence that
names no one, not every unclear reference.
"""

from __future__ import annotations

from briefing.text.parser import parse
from briefing.text.words import quotations

_SINGULAR = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
_PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
_SINGULAR_TAGS = frozenset({"NN", "NNP"})
_NOUN_TAGS = _SINGULAR_TAGS | {"NNS", "NNPS"}


def unresolved_pronoun(sentence: str) -> str | None:
    """The first third-person pronoun outside quotations with no noun before it in the sentence
    that it can stand for, as written; None when every such pronoun has one."""
    quoted = quotations(sentence)
    doc = parse(sentence)
    for token in doc:
        word = token.lower_
        if word not in _SINGULAR | _PLURAL or any(s <= token.idx < e for s, e in quoted):
            continue
        wanted = _SINGULAR_TAGS if word in _SINGULAR else _NOUN_TAGS
        before = doc[: token.i]
        if not any(t.tag_ in wanted or t.pos_ == "PROPN" or t.ent_type_ == "PERSON" for t in before):
            return token.text
    return None
