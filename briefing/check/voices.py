"""Whose words: the speaker of a quotation, and views or instructions stated as fact."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from briefing.check.align import Problems
from briefing.check.cues import OPINION_REPORTING, QUOTING, REPORTING, SPEECH_ACTS
from briefing.check.placed_figures import figure_tokens
from briefing.check.tree import (
    content_lemmas,
    is_reported,
    is_reporting,
    lemma,
    phrase_words,
    predicate_key,
    predicates,
    speaking_ancestors,
    subject_of,
)
from briefing.text.lexicon import STOPWORDS
from briefing.text.words import flat, quotations


def _speakers(doc: Doc) -> list[tuple[Token, set[str]]]:
    """(speaker, what they said as content lemmas) for each reporting verb with a named speaker."""
    found = []
    for token in doc:
        if lemma(token) not in REPORTING or token.pos_ != "VERB":
            continue
        if lemma(token) == "accord":  # "according to X": X said the clause it hangs on
            speaker = next((g for c in token.children for g in c.children if g.dep_ == "pobj"), None)
            said_tokens = [t for t in token.head.subtree if t not in _subtree(token)]
        else:
            speaker = subject_of(token)
            said_tokens = [g for c in token.children if c.dep_ in {"ccomp", "xcomp"} for g in c.subtree]
            if not said_tokens:  # "'...,' she said": the quotation is the rest of the sentence
                said_tokens = [t for t in token.sent if t.i != token.i and t not in _subtree(speaker)]
        # "said residents were given two hours, insisting the orders came early": two statements.
        nested = {t for s in said_tokens if s.tag_ == "VBG" and lemma(s) in _TELLING for t in s.subtree}
        if speaker is not None and speaker.pos_ in {"NOUN", "PROPN"}:
            found.append((speaker, content_lemmas([t for t in said_tokens if t not in nested])))
    return found


_TELLING = REPORTING | OPINION_REPORTING


def _subtree(token: Token | None) -> set[Token]:
    return set(token.subtree) if token is not None else set()


def reporter(sent: Span, near: int | None = None) -> Token | None:
    """The noun subject of the sentence's reporting verb ("the mayor said"), if any; with `near` (a
    character offset, where a quotation starts), of the reporting verb closest to it, as a sentence
    may give two people's words ("Pratt said ..., while Marsh said: '...'")."""
    verbs = [t for t in sent if lemma(t) in REPORTING | QUOTING and t.pos_ == "VERB"]
    if near is not None:
        verbs.sort(key=lambda v: abs(v.idx - near))
    who = next((s for v in verbs if (s := subject_of(v)) is not None), None)
    return who if who is not None and who.pos_ in {"NOUN", "PROPN"} else None


_NAMED_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})


def _is_name(token: Token) -> bool:
    # The tagger reads a sentence's first word as a noun more often than a name ("Heyerdahl said").
    return token.pos_ == "PROPN" or (token.ent_type_ in _NAMED_ENTITIES and token.text[:1].isupper())


def _named(token: Token) -> bool:
    """ "Lopez", "Maria Lopez", and "the chief operating officer, Lukas Heyerdahl," (a name in apposition)."""
    return _is_name(token) or any(
        _is_name(c) for c in token.children if c.dep_ in {"compound", "flat", "appos"}
    )


def _comparable(a: Token, b: Token) -> bool:
    """Two speakers can be told apart when both are named or both are described ("the mayor");
    "the company" against "Grennard Foods" may be the same one, and so may "the company" and "the
    carmaker": two bare descriptions may name one party the text names elsewhere."""
    return _named(a) == _named(b) and not (_bare(a) and _bare(b))


def _bare(token: Token) -> bool:
    """ "the company", "the carmaker": a description with nothing but its article."""
    return token.pos_ == "NOUN" and all(c.dep_ == "det" for c in token.children)


def _same_speaker(a: Token, b: Token) -> bool:
    """ "Brody" and "general secretary Ian Brody"; "the union" and "the Rail Workers' Union" - but not
    "the Rail Workers' Union" and "the Rail Users Forum", which only share a word."""
    words_a, words_b = phrase_words(a), phrase_words(b)
    return lemma(a) in words_b or lemma(b) in words_a or len(words_a & words_b) >= 2


def speaker(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """Words given to someone other than the person the source gives them to."""
    problems = []
    ev = [s for doc in evidence for s in _speakers(doc)]
    for who, said in _speakers(claim):
        if len(said) < 3:
            continue
        scored = [(len(said & e_said) / len(said), e_who) for e_who, e_said in ev]
        best = max((s for s, _ in scored), default=0.0)
        if best < 0.6:
            continue
        tellers = [e for s, e in scored if s == best]
        matches = [e for e in tellers if _comparable(e, who)]
        # "Unions warned ..." where the source has an employers' group warn it and unions say else.
        elsewhere = [e for s, e in scored if s < best and _same_speaker(e, who)]
        wrong = matches and all(not _same_speaker(e, who) for e in matches)
        # A description ("the company") may be the sentence's named speaker; a name is someone else.
        named_tellers = [e for e in tellers if _named(e)]
        if wrong or (elsewhere and named_tellers and not any(_same_speaker(e, who) for e in tellers)):
            problems.append(f"'{who.text}' where the source has '{tellers[0].text}'")
    # A quotation: whoever says it in the source's sentence that holds it.
    for sent in claim.sents:
        for start, end in quotations(sent.text):
            quote = sent.text[start:end]
            teller = reporter(sent, sent.start_char + start - 1) if len(quote) >= 8 else None
            if teller is None:
                continue
            holders = [
                (s, s.start_char + max(0, s.text.casefold().find(quote.casefold()[:12])))
                for doc in evidence
                for s in doc.sents
                if flat(quote) in flat(s.text)
            ]
            givers = [g for s, at in holders if (g := reporter(s, at)) is not None and _comparable(g, teller)]
            if givers and all(not _same_speaker(g, teller) for g in givers):
                problems.append(f"the quotation is '{givers[0].text}'s in the source, not '{teller.text}'s")
    return list(dict.fromkeys(problems))


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
    inside = {i for sent in doc.sents for i in _quoted(sent)}
    for t in doc:
        if not is_reporting(t) and not _opinion_verb(t):
            continue
        said = {g.i for c in t.children if c.dep_ in {"ccomp", "xcomp", "advcl"} for g in c.subtree}
        if lemma(t) in OPINION_REPORTING or said & inside or _command(t):
            inside |= said
    return inside


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
    inside = {i for sent in doc.sents for i in _quoted(sent)}
    for t in doc:
        if _opinion_verb(t):
            inside |= {g.i for c in t.children if c.dep_ in {"ccomp", "xcomp", "advcl"} for g in c.subtree}
    return inside


def _attributed_figures(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """A figure the sources give only as someone's estimate, claim or quotation, stated as fact.

    Plain reported speech ("the company said it was handing out water at four sites") is the
    source's way of telling facts, so a figure there may be stated as one."""
    if any(lemma(t) in REPORTING | OPINION_REPORTING | {"estimate", "figure", "accord"} for t in claim):
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
    return any(
        is_reporting(c) and not {g.dep_ for g in c.children} & {"ccomp", "xcomp"} for c in token.children
    )


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
