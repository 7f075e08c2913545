"""Reading a dependency parse: polarity, who a phrase names, who did what (which noun a figure counts
is in `placed_figures.py`, modality and tense in `modality.py`)."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from briefing.check.cues import (
    NEGATING_GOVERNORS,
    NEGATIVE_DETERMINERS,
    NEGATIVE_PRONOUNS,
    REPORTING,
)
from briefing.text.lexicon import STOPWORDS

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
OBJECTS = frozenset({"dobj", "nsubjpass", "attr", "oprd", "dative"})
_NOUNS = frozenset({"NOUN", "PROPN"})
_LIGHT_VERBS = frozenset({"be", "have", "do", "get"})
_CLAUSES = frozenset({"ROOT", "ccomp", "conj", "advcl", "relcl", "xcomp"})


def lemma(token: Token) -> str:
    return token.lemma_.lower()


def content_lemmas(tokens: Iterable[Token]) -> set[str]:
    """Lemmas of the nouns, verbs, adjectives, adverbs and numbers among `tokens`, stopwords left out."""
    return {
        lemma(t)
        for t in tokens
        if t.pos_ in {"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"} and lemma(t) not in STOPWORDS
    }


def is_negated(token: Token) -> bool:
    """Whether the clause headed by `token` is denied: "did not reopen", "no one was hurt", "failed to"."""
    for child in token.children:
        if child.dep_ == "neg":
            return True
        if child.lower_ in {"longer", "more"} and any(g.dep_ == "neg" for g in child.children):
            return True  # "will no longer be allowed", "is no more"
        if child.dep_ in SUBJECTS | OBJECTS and (
            lemma(child) in NEGATIVE_PRONOUNS
            or any(g.dep_ == "det" and lemma(g) in NEGATIVE_DETERMINERS for g in child.children)
        ):
            return True
    head = token.head
    gerund = token.dep_ == "amod" and token.tag_ == "VBG"
    if gerund and head.dep_ == "dobj" and lemma(head.head) in _REJECTING:
        return True  # "denied cutting corners", parsed as corners that cut
    if token.dep_ == "pcomp" and head.lower_ in {"without", "against"}:
        return True  # "without giving a reason", "voted against accepting"
    if token.dep_ in {"acl", "ccomp"} and lemma(head) in _CLAIMS and lemma(head.head) in _REJECTING:
        return True  # "rejected claims that the army had used them" denies that it did
    if token.dep_ == "ccomp" and lemma(head) in _REJECTING:
        return True  # "denied that the army had used them"
    if token.dep_ != "xcomp" or head == token:
        return False
    if lemma(head) in {"have", "be"} and any(c.lower_ == "yet" for c in head.children):
        return True  # "has yet to set a date", "is yet to respond": not done so far
    # "failed to reopen", "refused to sign": the governor denies what it governs; "does not have to
    # pay", "was not able to open": a denied need or ability denies the act.
    return lemma(head) in NEGATING_GOVERNORS or (lemma(head) in _NEED_OR_ABILITY and is_negated(head))


_CLAIMS = frozenset({"claim", "report", "suggestion", "allegation", "accusation", "assertion"})
_REJECTING = frozenset({"reject", "deny", "dismiss", "refute"})
_NEED_OR_ABILITY = frozenset({"have", "need", "able", "manage", "get", "be", "go"})  # "not going to"


def predicate_key(token: Token) -> str:
    """What a clause asserts: the verb, or for "was closed"/"is safe" the word after the copula."""
    if lemma(token) == "be":
        for child in token.children:
            if child.dep_ in {"acomp", "attr"}:
                return lemma(child)
    return lemma(token)


def predicates(doc: Doc | Span) -> list[Token]:
    """Clause heads: verbs, and copulas whose complement carries the meaning."""
    found = []
    for t in doc:
        if (t.pos_ == "VERB" and lemma(t) not in _LIGHT_VERBS and not is_reporting(t)) or (
            lemma(t) == "be" and t.dep_ in _CLAUSES and predicate_key(t) != "be"
        ):
            found.append(t)
    return found


def is_reporting(token: Token) -> bool:
    """A verb that introduces what someone said ("said", "added that"), not one that reports an act
    ("the deal could add 0.4%")."""
    if lemma(token) not in REPORTING or token.pos_ != "VERB":
        return False
    objects = {c.dep_ for c in token.children}
    return not objects & {"dobj", "nsubjpass"} or bool(objects & {"ccomp", "parataxis"})


def is_reported(token: Token) -> bool:
    """True when `token` sits in what someone said: "she said it would open". A clause that tells when
    or why the saying happens is not said: "the club will write to the league after the decisions
    cost it a point"."""
    return any(is_reporting(ancestor) for ancestor in speaking_ancestors(token))


def speaking_ancestors(token: Token) -> list[Token]:
    """The ancestors whose words `token` may be: all but one it hangs on by a clause of when or why."""
    found, below = [], token
    for ancestor in token.ancestors:
        if not _circumstance(below):
            found.append(ancestor)
        below = ancestor
    return found


_CIRCUMSTANCE_MARKS = frozenset({"after", "before", "when", "while", "since", "until", "once", "because"})


def circumstances(tokens: list[Token]) -> set[Token]:
    """The tokens of the when clauses among `tokens` ("after Halvard beat them 24-21", "as the theatre
    announced its closure"); a "because" or "while" clause is often what was said, and stays
    (measured: leaving them out lost faithful items of the development files)."""
    return {g for t in tokens if t.i > t.head.i and _circumstance(t, _WHEN) for g in t.subtree}


_WHEN = frozenset({"after", "before", "when", "once", "until", "as"})


def _circumstance(clause: Token, marks: frozenset[str] = _CIRCUMSTANCE_MARKS) -> bool:
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks for c in clause.children)


def phrase_words(token: Token) -> set[str]:
    """The words that name what `token` stands for: "union leader Maria Lopez" for "Lopez"."""
    words = {token.lower_, lemma(token)}
    for child in token.children:
        if child.dep_ in {"compound", "flat", "amod", "appos", "poss", "nmod"} and child.pos_ in _NOUNS | {
            "ADJ"
        }:
            words |= {child.lower_, lemma(child)}
            words |= {g.lower_ for g in child.children if g.dep_ in {"compound", "flat"}}
    return {w for w in words if w not in STOPWORDS}


def subject_of(token: Token) -> Token | None:
    """The doer of the clause headed by `token` (the agent of a passive), if it has one."""
    # "by 22 per cent" after an active verb is no agent, whatever the parser calls it.
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children)
    for child in token.children:
        if child.dep_ == "agent" and (passive or not any(c.dep_ == "nsubj" for c in token.children)):
            for g in child.children:
                if g.dep_ == "pobj":
                    return g
    for child in token.children:
        if child.dep_ in {"nsubj", "csubj"}:
            return child
    head = token.head
    if token.dep_ == "xcomp" and head != token:
        # "ordered Solano to pay", "Solano was ordered to pay": the one ordered pays.
        ordered = next((c for c in head.children if c.dep_ in {"dobj", "nsubjpass"}), None)
        if ordered is not None:
            return ordered
    if token.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in {"VERB", "AUX"}:
        # "A man was charged with assaulting a driver", "police charged a man with assaulting": the
        # one charged assaulted.
        charged = next((c for c in head.head.children if c.dep_ == "nsubjpass"), None)
        if charged is None and lemma(head.head) in _CHARGING:
            charged = next((c for c in head.head.children if c.dep_ == "dobj"), None)
        if charged is not None:
            return charged
    if token.dep_ == "conj" and (own := _stray_subject(token)) is not None:
        return own
    if token.dep_ in {"xcomp", "conj", "advcl"} and head != token:
        return subject_of(head) if head.pos_ in {"VERB", "AUX"} else None
    if token.dep_ == "acl" and (token.tag_ == "VBD" or head.dep_ == "ROOT" or _opens(head)):
        return head  # "A lorry ploughed into ...", parsed as a phrase
    return None


def _stray_subject(verb: Token) -> Token | None:
    """ "The agency will enlarge the area, and grazing will be increased": the parser hangs "grazing"
    on "enlarge"; the noun just after the "and" is the subject of the clause it opens."""
    if any(c.dep_ in {"nsubj", "nsubjpass", "csubj"} for c in verb.children):
        return None
    if not any(c.dep_ in {"aux", "auxpass"} for c in verb.children):
        return None  # "rose 4% and closed at 212": one subject for both
    nouns = [
        c for c in verb.head.children
        if c.dep_ == "conj" and (c.pos_ in {"NOUN", "PROPN"} or c.tag_ == "VBG") and c.i < verb.i
        and c.i > 0 and c.doc[c.left_edge.i - 1].lower_ in {"and", "but", "while"}
    ]  # fmt: skip
    return nouns[-1] if nouns else None


def _opens(noun: Token) -> bool:
    """Whether the noun's phrase opens a sentence reported by a verb after it ("A lorry ploughed
    into ..., police said" is parsed as a phrase the reporting verb takes, or as its subject)."""
    return (
        noun.left_edge.i == noun.sent.start
        and noun.dep_ in {"ccomp", "nsubj"}
        and lemma(noun.head) in REPORTING
        and noun.head.i > noun.i
    )


_PARTICIPANT_PREPOSITIONS = frozenset({"to", "from", "into", "against", "with", "on", "at", "off"})


_CHARGING = frozenset({"charge", "accuse", "convict", "suspect", "arrest", "sentence", "jail"})


def participants(token: Token) -> list[set[str]]:
    """The words naming each one the action is done to or with: object, recipient, "into X", "to X"."""
    found = []
    for child in token.children:
        if child.dep_ in {"dobj", "dative", "nsubjpass"}:
            found.append(phrase_words(child))
            # "won a dispute against Vantor": who the object is against or with.
            found += [
                phrase_words(g)
                for c in child.children
                if c.dep_ == "prep" and c.lower_ in {"against", "with", "over", "from"}
                for g in c.children
                if g.dep_ == "pobj"
            ]
        elif child.dep_ == "prep" and child.lower_ in _PARTICIPANT_PREPOSITIONS:
            for g in child.children:
                if g.dep_ == "pobj":
                    words = phrase_words(g)
                    words |= {
                        w
                        for c in g.children
                        if c.dep_ == "prep" and c.lower_ == "of"
                        for o in c.children
                        for w in phrase_words(o)
                    }
                    found.append(words)
    if (patient := _described_patient(token)) is not None:
        found.append(phrase_words(patient))
    return found


def _described_patient(token: Token) -> Token | None:
    """Who a passive participle clause is done to: "Carvalho was knocked out, beaten 6-4 by Petrenko"
    (the main clause's subject), "a man stabbed by his neighbour" (the noun it describes)."""
    children = {c.dep_ for c in token.children}
    subject = children & {"nsubjpass", "nsubj", "auxpass"}
    if token.tag_ not in {"VBN", "VBD"} or "agent" not in children or subject:
        return None
    if token.dep_ == "acl":
        return token.head
    if token.dep_ in {"advcl", "conj", "dep"}:  # the parser may leave "beaten" as a bare "dep"
        return next((c for c in token.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return None


def distance(a: Token, b: Token) -> int:
    """Edges between two tokens of one sentence in the dependency tree."""
    path_a = [a, *a.ancestors]
    index = {t.i: n for n, t in enumerate(path_a)}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in index:
            return n + index[t.i]
    return 99


def words_beside(verb: Token, doer: Token) -> set[str]:
    """The names and nouns of the verb's own phrase, its doer's and its other clauses' left out."""
    left_out = {g.i for g in doer.subtree} | {
        g.i for c in verb.children if c.dep_ in {"advcl", "ccomp", "conj", "relcl"} and c.pos_ != "NOUN"
        for g in c.subtree
    }  # fmt: skip
    return {t.lower_ for t in verb.subtree if t.i not in left_out and t.pos_ in {"PROPN", "NOUN"}}
