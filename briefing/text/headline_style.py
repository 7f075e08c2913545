"""A sentence written as a headline: "Bridge collapses, cars stranded, dust spreads across town centre."

A small model given a news page often answers in the page's own register: the headline's and the
standfirst's clipped phrases, with no article and no main verb. Such a line is no sentence to an
editor, and as the telling of a fact it reaches the cross-article lead. It is found by three signs
together, each alone also true of whole sentences the parser reads wrongly:

- the parse's head is no verb (nor a name: "Metro News, citing officials, put …" is misread so);
- no finite verb has a subject of its own ("Lander lands in Marlowe crater, generating …");
- neither the sentence nor its head opens with a determiner ("The school bus overturned …", which
  the parser also heads with "bus").

On the 1,094 claims of the faithfulness sets, written by people, none is found; of the 107 article
brief sentences of one synthesis run, four of its five headline-style lines are.

The same register also comes whole-verbed but without its articles: "Amara Okafor, chief executive,
said plant protects city from drought." `clipped_articles` finds it by two bare singular nouns
doing or undergoing something ("plant", "city": no article, no modifier at all) in a sentence of
eight words or more with no article anywhere outside its quotations. A noun like "growth" or
"inflation" goes without an article in any register, so one is not enough: on the 1,244 claims of
the faithfulness sets and the 485 sentences of examples/, our clusters and the shared corpus, none
is found; on one demo brief, two of its three such lines are. Its reach is narrow: the parser often
reads such a line as one long noun phrase ("council orders inquiry"), and then it is not found.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from briefing.text.copying import outside_quotes
from briefing.text.parser import parse

_VERBS = frozenset({"VERB", "AUX"})
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl"})


def headline_style(text: str) -> bool:
    """Whether `text` is a clipped headline phrase rather than a whole sentence.

    The part the parser splits off with most words of letters is judged: a dateline split off
    ("MARROWICK, March 3 (Continental Press) -") is no headline, and a string of fewer than three
    words of letters (what fuzzing sends) is not a phrase at all.
    """
    longest = max(parse(text).sents, key=_words, default=None)
    return longest is not None and _clipped(longest)


_LEAST_WORDS = 3


def _words(sent: Span) -> int:
    return sum(token.is_alpha for token in sent)


def _clipped(sent: Span) -> bool:
    if _words(sent) < _LEAST_WORDS:
        return False
    root = sent.root
    if root.pos_ in _VERBS or root.pos_ == "PROPN":
        return False
    if sent[0].pos_ == "DET" or any(child.dep_ == "det" for child in root.children):
        return False
    return not any(
        token.pos_ in _VERBS
        and token.tag_ in _FINITE_TAGS
        and any(child.dep_ in _SUBJECTS for child in token.children)
        for token in sent
    )


_ARTICLES = frozenset({"the", "a", "an"})
_LEAST_CLIPPED_WORDS = 8
_BARE_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "ccomp", "attr", "conj"})


def clipped_articles(text: str) -> bool:
    """Whether `text` drops its articles the way a headline does ("said plant protects city")."""
    doc = parse(" ".join(outside_quotes(text)))
    if sum(t.is_alpha for t in doc) < _LEAST_CLIPPED_WORDS or any(t.lower_ in _ARTICLES for t in doc):
        return False
    bare = [t for t in doc if t.tag_ == "NN" and t.dep_ in _BARE_ROLES and not any(True for _ in t.children)]
    return len(bare) >= 2


def headline_passive(text: str) -> bool:
    """Whether `text` is a headline's passive without its "was": "Two people killed in Orvel flood.",
    "Legionnaires' disease outbreak linked to cooling tower." The head is a past participle with a
    subject, no auxiliary and no object (an object makes it a past tense the tagger misread: "Valdora's
    government named X as ambassador"), its subject has no determiner, and the line has no article
    outside its quotations. On the 1,394 claims of the faithfulness sets none is found."""
    doc = parse(" ".join(outside_quotes(text)))
    if any(t.lower_ in _ARTICLES for t in doc):
        return False
    for sent in doc.sents:
        root, roles = sent.root, {c.dep_ for c in sent.root.children}
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
        bare_subject = subject is not None and not any(c.dep_ == "det" for c in subject.children)
        if root.tag_ == "VBN" and bare_subject and not roles & _OBJECTS_OR_AUXILIARIES:
            return True
        # The parser may read the line as a noun with a participle: "outbreak linked to X, officials say".
        if any(_participle_of_the_news(t) for t in sent if t.tag_ == "VBN" and t.dep_ == "acl"):
            return True
    return False


_OBJECTS_OR_AUXILIARIES = frozenset({"aux", "auxpass", "dobj", "oprd", "dative"})


def _participle_of_the_news(participle: Token) -> bool:
    """A participle on the noun a reporting verb reports, the line's news: "[officials say] outbreak
    linked to well"; the noun has no determiner."""
    noun = participle.head
    return noun.dep_ == "ccomp" and noun.pos_ == "NOUN" and not any(c.dep_ == "det" for c in noun.children)


def headline_present(text: str) -> bool:
    """Whether `text` is a headline's present tense told of past news: "District council turns Corn
    Exchange into rest centre." The head is a present-tense verb ("turns", "rises") whose subject is a
    bare noun (no determiner, at most nouns and adjectives before it; a plural one only with a verb
    that tells an event: "Authorities raise evacuations to 450"), and the line has no article outside
    its quotations. A brief tells what happened in the past tense or with its articles ("The council
    turned …"). On the 1,844 claims of the faithfulness sets none is found; in the 519 sentences of
    examples/, the shared corpus and our clusters, only the pages' own headlines are."""
    doc = parse(" ".join(outside_quotes(text)))
    if sum(t.is_alpha for t in doc) < _LEAST_PRESENT_WORDS or any(t.lower_ in _ARTICLES for t in doc):
        return False
    return any(_bare_present_head(sent.root) for sent in doc.sents)


_LEAST_PRESENT_WORDS = 5


def _bare_present_head(root: Token) -> bool:
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or root.tag_ not in {"VBZ", "VBP"}:
        return False
    singular = root.tag_ == "VBZ" and subject.tag_ == "NN"
    # "Authorities raise evacuations to 450", "Reyes-Hall narrowly wins Dunmere by-election": a
    # plural or a name too, but only with a verb that tells an event, not one that reports, holds a
    # view or tells a state, which a brief says in the present ("Figures show …", "Estmar ranks …").
    event = root.lemma_ not in _PRESENT_VERBS and not any(c.dep_ == "aux" for c in root.children)
    plural = subject.tag_ == "NNS" and root.tag_ == "VBP" and event
    named = subject.pos_ == "PROPN" and event and root.lemma_ not in _STATE_VERBS
    bare = all(c.dep_ in _BARE_MODIFIERS for c in subject.children)
    return (singular and bare) or (plural and bare) or named


_BARE_MODIFIERS = frozenset({"compound", "amod"})
_PRESENT_VERBS = frozenset(
    {
        "say", "show", "indicate", "suggest", "tell", "fear", "believe", "expect", "want", "hope",
        "warn", "need", "think", "know", "remain", "argue", "claim", "insist", "accept", "agree",
        "urge", "call", "worry", "face", "own", "hold", "live", "work", "continue", "seem", "appear",
        "feel", "estimate", "predict", "doubt", "oppose", "support", "favour", "prefer",
    }
)  # fmt: skip
_STATE_VERBS = frozenset(
    {
        "have", "rank", "sit", "intend", "plan", "lead", "trail", "stand", "employ", "cost", "mean",
        "include", "contain", "lie", "aim", "operate", "run", "serve", "stay", "sell", "make",
    }
)  # fmt: skip
