"""A pronoun a sentence leaves for the reader to resolve: "Police have not yet named him."

Every sentence of a brief must stand alone: the story shows article-brief sentences one by one under
"What each outlet adds", and a reader of "Police have not yet named him." cannot tell who is meant.
A third-person personal pronoun outside quotation marks needs a noun before it in the sentence that
it can stand for: a singular noun or a name for "he", "his", "she", "her"; any noun for "they". The
rule is deliberately loose ("The council said his family …" passes): it catches the sentence that
names no one, not every unclear reference.
"""

from __future__ import annotations

from briefing.text.lexicon import REPORTING_VERBS
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


def unanchored_subject(sentence: str) -> str | None:
    """The subject of a short sentence that names nothing at all, when it is a bare "the" and one
    noun: "The pensioner lost his life.", "The tower has been shut down." Alone under "What each
    outlet adds", neither says which pensioner or tower, nor anything more. A sentence with a name or
    a figure anywhere ("The tower at Holm has been shut down", "The plant will cost 40 million") has
    its anchor, and a longer one says what it is about ("The council has opened an investigation into
    the collapse."). In one synthesis run 2 of 181 sentences were found, neither one an editor would
    keep; of the 1,844 claims of the faithfulness sets, none."""
    doc = parse(sentence)
    if sum(t.is_alpha for t in doc) > _MOST_WORDS:
        return None
    if any(t.pos_ == "PROPN" or (t.like_num and t.ent_type_ not in _WHEN) for t in doc):
        return None
    root = doc[:].root
    if root.lemma_ in REPORTING_VERBS:
        return None
    subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.pos_ != "NOUN":
        return None
    children = list(subject.children)
    if len(children) == 1 and children[0].lower_ == "the":
        return f"{children[0].text} {subject.text}"
    return None


_WHEN = frozenset({"DATE", "TIME"})
_MOST_WORDS = 7

_POINTING = frozenset({"this", "that", "these", "those"})
# "that day", "this year": a time the reader places from the brief's date, not a thing left unsaid.
_TIMES = frozenset({
    "day", "night", "morning", "afternoon", "evening", "week", "weekend", "month", "year", "time",
    "season", "spring", "summer", "autumn", "winter", "quarter", "decade", "century", "moment",
    "hour", "point", "stage", "date", "harvest",
})  # fmt: skip


def pointing_back(sentence: str) -> str | None:
    """A "that argument", "this decision" outside quotations whose noun the sentence has not named
    before: it points back to a sentence of the source the reader never sees ("Dolores Akintola
    rejected that argument.", in a synthesis run). None when there is none."""
    quoted = quotations(sentence)
    doc = parse(sentence)
    for token in doc:
        if token.lower_ not in _POINTING or token.dep_ != "det" or any(s <= token.idx < e for s, e in quoted):
            continue
        noun = token.head
        if noun.pos_ != "NOUN" or noun.lemma_.lower() in _TIMES or noun.i < token.i:
            continue
        opens_clause = token.lower_ == "that" and noun.dep_ in {"nsubj", "nsubjpass"}
        if opens_clause and token.i and doc[token.i - 1].pos_ == "VERB":
            continue  # "found that tooth decay had fallen": "that" opens what was found
        if not any(t.lemma_.lower() == noun.lemma_.lower() for t in doc[: token.i]):
            return f"{token.text} {noun.text}"
    return None
