"""Someone's words or view stated in the brief's own voice: quotations, claimed views, estimates and
instructions the sources attribute, told as fact."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from briefing.check.align import Problems
from briefing.check.contested import contested, interested_views
from briefing.check.cues import OPINION_REPORTING, REPORTING, SPEECH_ACTS
from briefing.check.placed_figures import figure_tokens
from briefing.check.tree import (
    is_reported,
    is_reporting,
    lemma,
    predicate_key,
    predicates,
    speaking_ancestors,
    subject_of,
)
from briefing.text.lexicon import STOPWORDS

_QUOTE_MARKS = frozenset({'"', "“", "”", "'", "‘", "’", "«", "»"})


def _quoted(sent: Span) -> set[int]:
    """Token indices inside quotation marks in one sentence."""
    inside, open_ = set(), False
    for t in sent:
        if t.text == "'":
            # A straight ' opens after a space and closes after a word; "the Motorists' League"
            # is a possessive, and the parser may take either mark for a word.
            after_space = t.idx == 0 or t.doc.text[t.idx - 1].isspace()
            if after_space != open_:
                open_ = after_space
            continue
        if t.text in {'"', "“", "”", "«", "»"} or (t.text in {"‘", "’"} and t.dep_ == "punct"):
            open_ = not open_ if t.text == '"' else t.text in {"“", "«", "‘"}
            continue
        if open_:
            inside.add(t.i)
    return inside


def _attributed(doc: Doc) -> set[int]:
    """Token indices of what is someone's word or view: quotations, what an opinion verb reports
    ("argued that", "claiming that"), and reported speech that quotes."""
    inside = {i for sent in doc.sents for i in _quoted(sent)} | contested(doc)
    for t in doc:
        if not is_reporting(t) and not _opinion_verb(t):
            continue
        said = {g.i for c in t.children if c.dep_ in {"ccomp", "xcomp", "advcl"} for g in c.subtree}
        if lemma(t) in OPINION_REPORTING or _command(t) or _called_a_claim(t.sent):
            inside |= said
        elif said & inside:  # "said it was 'disappointed' and would try to run ...": the quoting part
            units = [u for c in t.children if c.dep_ in {"ccomp", "xcomp", "advcl"} for u in _conjuncts(c)]
            inside |= {i for unit in units if unit & inside for i in unit}
    return inside | interested_views(doc)  # after the quoting parts: "if the station shut" stays out


_UNVERIFIED = re.compile(
    r"\b(?:not (?:yet )?(?:been )?(?:independently )?(?:verified|confirmed)|unverified|unconfirmed)\b", re.I
)
_CLAIM_NOUNS = frozenset({"claim", "allegation", "assertion"})


def _called_a_claim(sent: Span) -> bool:
    """Whether the source itself calls what is said there a claim ("…, a claim that has not been
    independently verified"): what is reported is the speaker's, not established fact."""
    return _UNVERIFIED.search(sent.text) is not None or any(
        lemma(t) in _CLAIM_NOUNS and t.pos_ == "NOUN" for t in sent
    )


def _conjuncts(clause: Token) -> list[set[int]]:
    """The clause cut at its joined clauses ("was disappointed and would try"), each as token indices."""
    joined = [c for c in clause.children if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"}]
    rest = {g.i for g in clause.subtree} - {g.i for c in joined for g in c.subtree}
    return [rest, *(unit for c in joined for unit in _conjuncts(c))]


def _opinion_verb(token: Token) -> bool:
    """ "claimed that", "argued", "estimates": a view; "claimed her first victory" is a deed."""
    if lemma(token) not in OPINION_REPORTING or token.pos_ != "VERB":
        return False
    return lemma(token) != "claim" or not any(c.dep_ == "dobj" for c in token.children)


def _command(token: Token) -> bool:
    """ "Report that ...", "summaries should state that ...": what follows is asked for, not reported.

    A planted instruction the suspect-text screen missed still cannot make its claim a fact."""
    auxes = {lemma(c) for c in token.children if c.dep_ == "aux"}
    after_colon = token.i > 0 and token.doc[token.i - 1].text in {":", "—", "–"}
    imperative = token.tag_ in {"VB", "VBP"} and (after_colon or subject_of(token) is None)
    return imperative or bool(auxes & {"should", "must", "shall"})


def _claimed(doc: Doc) -> set[int]:
    """Token indices of quotations and of what an opinion verb reports ("estimates that", "claiming")."""
    inside = {i for sent in doc.sents for i in _quoted(sent)} | contested(doc)
    for t in doc:
        if _opinion_verb(t):
            inside |= {g.i for c in t.children if c.dep_ in {"ccomp", "xcomp", "advcl"} for g in c.subtree}
    return inside | interested_views(doc)


# Words that tell a figure as someone's estimate: "a switch officers expect to save £640,000".
_ESTIMATING = frozenset({"estimate", "figure", "accord", "expect", "forecast", "project", "anticipate"})


def _attributed_figures(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """A figure the sources give only as someone's estimate, claim or quotation, stated as fact.

    Plain reported speech ("the company said it was handing out water at four sites") is the
    source's way of telling facts, so a figure there may be stated as one."""
    if any(lemma(t) in REPORTING | OPINION_REPORTING | _ESTIMATING for t in claim):
        return []  # the sentence says whose figure it is ("Veritek described the figure as ...")
    told = [(f, inside) for doc in evidence for inside in [_claimed(doc)] for f in figure_tokens(doc)]
    problems = []
    for said in figure_tokens(claim):
        places = [f.token.i in inside for f, inside in told if f.value == said.value]
        if places and all(places):
            problems.append(
                f"'{said.token.text}': the source gives this figure as someone's estimate or claim"
            )
    return problems


_DESCRIBING = frozenset({"describe", "call", "brand", "label", "term", "dub"})
_LABEL_TOKENS = 4


def _labels(inside: set[int]) -> set[int]:
    """The quotations of a few words ("'unenforceable'", "'without merit'"): labels someone puts on
    something. A quoted sentence is full of everyday words that say nothing of whose view it is."""
    runs: list[list[int]] = []
    for i in sorted(inside):
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return {i for run in runs if len(run) <= _LABEL_TOKENS for i in run}


def _quoted_words(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """A word of judgement the sources have only inside someone's short quotation ("calling it
    'unenforceable'", "said the claims were 'without merit'"), used in the sentence as its own."""
    if any(lemma(t) in _DESCRIBING for t in claim):
        return []  # "described the talks as frank": the sentence says whose word it is
    quoted: set[str] = set()
    plain: set[str] = set()
    for doc in evidence:
        inside = {i for sent in doc.sents for i in _labels(_quoted(sent))}
        for t in doc:
            # Part of a hyphenated word ("mayor-elect") says nothing of the word alone.
            hyphened = any(n.text == "-" for n in doc[max(0, t.i - 1) : t.i + 2])
            (quoted if t.i in inside and not hyphened else plain).add(lemma(t))
    return [
        f"'{t.text}': the source has this word only in someone's quotation"
        for t in claim
        if t.pos_ in {"ADJ", "NOUN"} and lemma(t) in quoted - plain and lemma(t) not in STOPWORDS
    ][:1]


def _whose_told(token: Token) -> bool:
    """Whether the sentence says whose statement this predicate is: it sits in what a reporting verb
    reports, or a reporting verb without a clause of its own hangs on it ("…, the company said").
    "A boosts immunity, though experts said B" says whose B is, not whose A is."""
    above = speaking_ancestors(token)  # "will complain after the errors cost it": no complaint said
    if any(lemma(a) in SPEECH_ACTS and subject_of(a) is not None for a in [token, *above]):
        return True  # "Kessel urged over-75s to get a booster": whose appeal it is, told
    if is_reported(token) or any(lemma(a) in OPINION_REPORTING for a in above):
        return True  # "which was estimated to save": an estimate, told as one
    if any(lemma(a) in _ESTIMATING and subject_of(a) is not None for a in above):
        return True  # "a switch officers expect to save": whose expectation, told
    return any(
        is_reporting(c) and not {g.dep_ for g in c.children} & {"ccomp", "xcomp"} for c in token.children
    )


_CONDITION_WORDS = frozenset({"if", "unless", "under"})


def _reported_future(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """ "The buoys would be installed by April", where the source says "the authority said the buoys
    would be installed": a "would" is the speaker's forecast or promise, and the sentence drops the
    speaker. Only a bare "would" (no condition in the sentence) whose verb the sources have only in
    what someone said."""
    if any(t.lower_ in _CONDITION_WORDS for t in claim):
        return []
    problems = []
    for token in predicates(claim):
        if not any(c.dep_ == "aux" and c.lower_ == "would" for c in token.children) or _whose_told(token):
            continue
        key = predicate_key(token)
        places = [t for doc in evidence for t in predicates(doc) if predicate_key(t) == key]
        if places and all(is_reported(t) or speaking_ancestors(t) for t in places):
            problems.append(
                f"'{key}': the source gives this as what someone said would happen; the sentence as fact"
            )
    return problems


# Words that say whose view the sentence gives: "according to", "Vireo alleges".
_WHOSE = frozenset({"accord", "allege", "claim", "argue", "contend", "insist", "maintain"})


def attribution(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """Someone's quoted words or claimed view, stated in the brief's own voice.

    What the sentence asserts (its predicates) is looked up in the source: when every place the
    source says it is inside a quotation or a claimed view, the sentence must say whose it is.
    """
    quotes = any(t.text in _QUOTE_MARKS and t.tag_ != "POS" for t in claim)  # not "the nurses' demands"
    if quotes or any(lemma(t) in _WHOSE for t in claim) or any(_quoted(s) for s in claim.sents):
        return []  # the sentence quotes, read as the sources' quotations are
    regions = [(doc, _attributed(doc)) for doc in evidence]
    problems = []
    if not any(is_reporting(t) for t in claim):
        problems += _attributed_figures(claim, evidence) + _quoted_words(claim, evidence)
        problems += _reported_future(claim, evidence)
    for token in predicates(claim):
        if _whose_told(token):
            continue
        key = predicate_key(token)
        places = [(t, inside) for doc, inside in regions for t in predicates(doc) if predicate_key(t) == key]
        if places and all(t.i in inside for t, inside in places):
            problems.append(
                f"'{key}': the source gives this as someone's words or view; the sentence as fact"
            )
    return problems[:1]
