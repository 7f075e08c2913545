"""Does a sentence say what its sources say, or the words of it with the meaning turned?

Word overlap passes "The port reopened" against "The port did not reopen". These checks read the
dependency parse (`briefing.check.parser`) of the sentence and of the cited passages and compare the
clauses that say the same thing (same predicate lemma, or the same figure):

- polarity: a clause denied on one side only ("did not reopen" / "reopened");
- direction: the other end of one scale (rose/fell, for/against, win/lose, open/close);
- roles: doer and done-to swapped ("Acme sued Globex" / "Globex sued Acme"; passives read as actives);
- figures: a figure given to another noun or subject than its source's ("exports fell 5%" where 5% is
  imports), a figure joined to what another passage counts (a blend), a place or group the figure does
  not cover ("nine died in the city" when eight did), or another unit ("5 miles" for "5 km");
- speaker: words attributed to someone other than the person the source gives them to;
- attribution: a quotation or a claimed view stated in the brief's own voice;
- hedges: "could", "plans to" or an "if" turned into a fact;
- time: a time word the sources do not use, or past turned into future and back;
- ordinals and qualifiers: "third" for "second", "former", "acting", "alleged" dropped or added;
- causes: "because", "led to" where the sources give no reason.

Each check reports what it found, so an editor sees why a sentence failed. They look for
contradictions, not for support: a fact the parse cannot place passes here and is left to the
lexical checks and the entailment judge.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Span, Token

from briefing.check.cues import (
    CAUSAL_CUES,
    DECISION_WORDS,
    DIRECTION_AXES,
    HEDGE_GOVERNORS,
    LOOSE_QUALIFIERS,
    OPINION_REPORTING,
    ORDINALS,
    PLACE_NOUNS,
    QUALIFIER_GROUPS,
    QUALIFIERS,
    RELATIVE_TIME,
    REPORTING,
    SIDE_PREPOSITIONS,
    SOURCE_CAUSAL_CUES,
    TIME_NOUNS,
    TIME_WORDS,
)
from briefing.check.parser import parse
from briefing.check.tree import (
    Figure,
    content_lemmas,
    distance,
    figure_tokens,
    is_hedged,
    is_negated,
    is_reporting,
    lemma,
    participants,
    phrase_words,
    predicate_key,
    predicates,
    subject_of,
    tense,
)
from briefing.lexicon import STOPWORDS

Problems = list[str]


def _best_matches(token: Token, candidates: list[Token], claim: Doc) -> list[Token]:
    """The candidates in the evidence sentences that share most content words with the claim."""
    words = content_lemmas(claim)

    def overlap(t: Token) -> int:
        return len(words & content_lemmas(t.sent))

    if not candidates:
        return []
    best = max(overlap(t) for t in candidates)
    return [t for t in candidates if overlap(t) == best]


def _same_predicate(token: Token, evidence: Sequence[Doc]) -> list[Token]:
    key = predicate_key(token)
    return [t for doc in evidence for t in predicates(doc) if predicate_key(t) == key]


def polarity(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """A clause the sources deny and the sentence asserts, or the other way round."""
    problems = []
    for token in predicates(claim):
        if lemma(token) in HEDGE_GOVERNORS:  # "does not expect it to reopen" = "expects it to stay shut"
            continue
        matches = _best_matches(token, _same_predicate(token, evidence), claim)
        if matches and all(is_negated(m) != is_negated(token) for m in matches):
            said = "denies" if is_negated(token) else "asserts"
            problems.append(f"'{predicate_key(token)}': the sentence {said} what the source does not")
    return problems


def _axis_side(token: Token) -> tuple[str, int] | None:
    word = lemma(token)
    if token.dep_ == "prt" or (word == "back" and token.pos_ != "VERB"):
        return None
    if word in SIDE_PREPOSITIONS and lemma(token.head) not in DECISION_WORDS:
        return None
    if any(c.lower_ == "short" for c in token.children):  # "fell short of" is no fall
        return None
    for axis, (up, down) in DIRECTION_AXES.items():
        if word in up:
            return axis, 0
        if word in down:
            return axis, 1
    return None


def _doer(token: Token) -> set[str]:
    """Who or what moves in the direction `token` says: "exports" in "exports fell 12%"."""
    verb = token if token.pos_ in {"VERB", "AUX"} else None
    if verb is None and token.head != token and token.head.pos_ in {"VERB", "AUX"}:
        verb = token.head
    if verb is not None:
        doer = subject_of(verb)
        return phrase_words(doer) if doer is not None else set()
    if token.pos_ == "NOUN":  # "a rise in exports", "the company's loss"
        owners = [g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        owners += [c for c in token.children if c.dep_ == "poss"]
        return {w for o in owners for w in phrase_words(o)}
    return phrase_words(token.head) if token.head != token else set()


def direction(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """A fact put at the other end of its scale: rose for fell, against for for, lost for won.

    Only the same doer counts ("exports fell", "exports rose"): "X lost to Y" and "Y won" agree.
    A denied word in the source stands at the other end ("did not reopen" is on the side of "shut").
    """
    problems = []
    ev_sides = []
    for doc in evidence:
        for t in doc:
            side = _axis_side(t)
            if side is not None:
                ev_sides.append((t, (side[0], 1 - side[1]) if is_negated(t) else side))
    for token in claim:
        side = _axis_side(token)
        doer = _doer(token) if side is not None and not is_negated(token) else set()
        if side is None or not doer:
            continue
        same_doer = [(t, s) for t, s in ev_sides if s[0] == side[0] and _doer(t) & doer]
        if same_doer and all(s[1] != side[1] for _, s in same_doer):
            problems.append(f"'{token.text}' where the source says '{same_doer[0][0].text}'")
    return problems


def roles(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """Doer and done-to swapped for the same action: who sued, paid, hit or beat whom."""
    problems = []
    for token in predicates(claim):
        doer = subject_of(token)
        if doer is None or (token.dep_ != "ROOT" and doer.dep_ == "nsubjpass"):
            continue
        a = phrase_words(doer)
        for match in _same_predicate(token, evidence):
            e_doer = subject_of(match)
            if e_doer is None:
                continue
            ea = phrase_words(e_doer)
            for p in participants(token):
                if a & ea or not p or not (p & ea):
                    continue
                if any(a & ep for ep in participants(match)):
                    problems.append(
                        f"'{doer.text}' and '{e_doer.text}' have swapped roles in '{lemma(token)}'"
                    )
                    break
    return list(dict.fromkeys(problems))


def figures_bound(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """A figure joined to a noun, subject, place or unit that its source gives to another figure."""
    problems: Problems = []
    ev_figures = [f for doc in evidence for f in figure_tokens(doc) if not _is_date(f)]
    claim_figures = [f for f in figure_tokens(claim) if not _is_date(f)]
    for said in claim_figures:
        same = [f for f in ev_figures if f.value == said.value]
        # Only figures of the same kind compete for a noun: a count with a count, a share with a share.
        others = [f for f in ev_figures if f.value != said.value and f.unit == said.unit]
        if not same:
            continue  # the numbers check reports a figure the sources lack
        # A word is this figure's in the sentence only when no other figure there is nearer to it.
        mine = [t for t in said.token.sent if _nearest(t, claim_figures) is said]
        problem = _unit(said, same) or _counted(said, same, others)
        problem = problem or _subject(said, same, others, mine) or _scope(said, same, others, mine)
        if problem:
            problems.append(f"{said.token.text}: {problem}")
    return problems


def _nearest(token: Token, figures: list[Figure]) -> Figure | None:
    in_sent = [f for f in figures if f.token.sent.start == token.sent.start]
    return min(in_sent, key=lambda f: distance(token, f.token), default=None)


def _is_date(figure: Figure) -> bool:
    """Years and days of the month: they say when, not how many."""
    token = figure.token
    if figure.unit is None and token.like_num and len(token.text) == 4 and 1800 <= figure.value <= 2200:
        return True
    near = [token.head, *token.children, token.nbor(-1) if token.i > 0 else token]
    if token.i + 1 < len(token.doc):
        near.append(token.nbor(1))
    return token.ent_type_ in {"DATE", "TIME"} and any(lemma(t) in TIME_WORDS for t in near)


def _unit(said: Figure, same: list[Figure]) -> str | None:
    units = {f.unit for f in same if f.unit is not None}
    if said.unit is not None and units and said.unit not in units:
        return "another unit than the source's"
    return None


def _bound_to_other(word: str, others: list[Figure], same: list[Figure]) -> bool:
    """`word` goes with another figure in the evidence, never with this one.

    In a sentence that has this figure, `word` goes with whichever figure of the kind is nearest in
    the parse ("nine died: eight in the city" puts the city with eight); in other sentences only a
    close one (three edges at most) counts.
    """
    figures = [*same, *others]
    goes_with = []
    for sent in {f.token.sent.start: f.token.sent for f in figures}.values():
        in_sent = [f for f in figures if f.token.sent.start == sent.start]
        has_same = any(f in same for f in in_sent)
        for t in sent:
            if lemma(t) != word or any(t.i == f.token.i for f in in_sent):
                continue
            dists = [(distance(t, f.token), f) for f in in_sent]
            best = min(d for d, _ in dists)
            if has_same or best <= 3:
                goes_with.append(any(f in same for d, f in dists if d == best))
    return bool(goes_with) and not any(goes_with)


def _counted(said: Figure, same: list[Figure], others: list[Figure]) -> str | None:
    if said.counted is None:
        return None
    word = lemma(said.counted)
    counted = [f.counted for f in same if f.counted is not None]
    other_noun = all(lemma(c) != word and not (phrase_words(c) & phrase_words(said.counted)) for c in counted)
    if counted and other_noun and _bound_to_other(word, others, same):
        return f"the source counts '{counted[0].text}', not '{said.counted.text}'"
    return None


def _subject(said: Figure, same: list[Figure], others: list[Figure], mine: list[Token]) -> str | None:
    # Only a figure that is what the clause says of its subject ("exports fell 12%"), not one that
    # counts a noun of its own ("two hikers").
    if said.counted is not None or said.token.head != said.verb:
        return None
    doer = subject_of(said.verb) if said.verb is not None else None
    if doer is None or doer.pos_ not in {"NOUN", "PROPN"} or doer not in mine:
        return None
    doers = [d for f in same if f.verb is not None and (d := subject_of(f.verb)) is not None]
    doers = [d for d in doers if d.pos_ in {"NOUN", "PROPN"}]
    if (
        doers
        and all(not (phrase_words(d) & phrase_words(doer)) for d in doers)
        and _bound_to_other(lemma(doer), others, same)
    ):
        return f"in the source it belongs to '{doers[0].text}', not '{doer.text}'"
    return None


def _scope(said: Figure, same: list[Figure], others: list[Figure], mine: list[Token]) -> str | None:
    """A place the sentence ties to the figure that the source ties to another figure."""
    if said.verb is None:
        return None
    heads = [said.verb] + ([said.counted] if said.counted is not None else [])
    places = [
        g for h in heads for c in h.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
    ]
    for place in places:
        is_place = place.ent_type_ in {"GPE", "LOC", "FAC"} or lemma(place) in PLACE_NOUNS
        if is_place and place in mine and _bound_to_other(lemma(place), others, same):
            return f"the source ties '{place.text}' to another figure"
    return None


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
        if speaker is not None and speaker.pos_ in {"NOUN", "PROPN"}:
            found.append((speaker, content_lemmas(said_tokens)))
    return found


def _subtree(token: Token | None) -> set[Token]:
    return set(token.subtree) if token is not None else set()


_QUOTED = re.compile(r'["“]([^"”]{8,})["”]')


def _flat(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))


def _reporter(sent: Span) -> Token | None:
    verbs = [t for t in sent if lemma(t) in REPORTING and t.pos_ == "VERB"]
    who = next((s for v in verbs if (s := subject_of(v)) is not None), None)
    return who if who is not None and who.pos_ in {"NOUN", "PROPN"} else None


def _named(token: Token) -> bool:
    return token.pos_ == "PROPN" or any(
        c.pos_ == "PROPN" for c in token.children if c.dep_ in {"compound", "flat"}
    )


def _comparable(a: Token, b: Token) -> bool:
    """Two speakers can be told apart when both are named or both are described ("the mayor");
    "the company" against "Grennard Foods" may be the same one."""
    return _named(a) == _named(b)


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
        matches = [e for s, e in scored if s == best and _comparable(e, who)]
        if matches and all(not (phrase_words(e) & phrase_words(who)) for e in matches):
            problems.append(f"'{who.text}' where the source has '{matches[0].text}'")
    # A quotation: whoever says it in the source's sentence that holds it.
    for sent in claim.sents:
        teller = _reporter(sent)
        if teller is None:
            continue
        for quote in _QUOTED.findall(sent.text):
            holders = [s for doc in evidence for s in doc.sents if _flat(quote) in _flat(s.text)]
            givers = [g for s in holders if (g := _reporter(s)) is not None and _comparable(g, teller)]
            if givers and all(not (phrase_words(g) & phrase_words(teller)) for g in givers):
                problems.append(f"the quotation is '{givers[0].text}'s in the source, not '{teller.text}'s")
    return list(dict.fromkeys(problems))


_QUOTE_MARKS = frozenset({'"', "“", "”", "'", "‘", "’", "«", "»"})


def _quoted(sent: Span) -> set[int]:
    """Token indices inside quotation marks in one sentence."""
    inside, open_ = set(), False
    for t in sent:
        if t.text in {'"', "“", "”", "«", "»"} or (t.text in {"'", "‘", "’"} and t.dep_ == "punct"):
            open_ = not open_ if t.text in {'"', "'"} else t.text in {"“", "«", "‘"}
            continue
        if open_:
            inside.add(t.i)
    return inside


def _attributed(doc: Doc) -> set[int]:
    """Token indices of what is someone's word or view: quotations, what an opinion verb reports
    ("argued that", "claiming that"), and reported speech that quotes."""
    inside = {i for sent in doc.sents for i in _quoted(sent)}
    for t in doc:
        if not is_reporting(t) and not (lemma(t) in OPINION_REPORTING and t.pos_ == "VERB"):
            continue
        said = {g.i for c in t.children if c.dep_ in {"ccomp", "xcomp", "advcl"} for g in c.subtree}
        if lemma(t) in OPINION_REPORTING or said & inside or _command(t):
            inside |= said
    return inside


def _command(token: Token) -> bool:
    """"Report that ...", "summaries should state that ...": what follows is asked for, not reported.

    A planted instruction the suspect-text screen missed still cannot make its claim a fact."""
    auxes = {lemma(c) for c in token.children if c.dep_ == "aux"}
    after_colon = token.i > 0 and token.doc[token.i - 1].text in {":", "—", "–"}
    imperative = token.tag_ in {"VB", "VBP"} and (after_colon or subject_of(token) is None)
    return imperative or bool(auxes & {"should", "must", "shall"})


def attribution(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """Someone's quoted words or claimed view, stated in the brief's own voice.

    What the sentence asserts (its predicates) is looked up in the source: when every place the
    source says it is inside a quotation or a claimed view, the sentence must say whose it is.
    """
    if any(is_reporting(t) or lemma(t) == "accord" for t in claim) or any(
        t.text in _QUOTE_MARKS for t in claim
    ):
        return []
    regions = [(doc, _attributed(doc)) for doc in evidence]
    problems = []
    for token in predicates(claim):
        key = predicate_key(token)
        places = [(t, inside) for doc, inside in regions for t in predicates(doc) if predicate_key(t) == key]
        if places and all(t.i in inside for t, inside in places):
            problems.append(
                f"'{key}': the source gives this as someone's words or view; the sentence as fact"
            )
    return problems[:1]


def hedges(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """A possibility, plan or condition stated as a fact."""
    problems = []
    for token in predicates(claim):
        if is_hedged(token) or is_negated(token):
            continue
        matches = _best_matches(token, _same_predicate(token, evidence), claim)
        if matches and all(is_hedged(m) for m in matches):
            problems.append(f"'{predicate_key(token)}' is a possibility or plan in the source")
    return problems


def time(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """Time words the sources do not use, and a tense the sources contradict."""
    said = {t.lower_ for doc in evidence for t in doc}
    problems = [
        f"'{t.text}' is not in the source" for t in claim if t.lower_ in TIME_WORDS and t.lower_ not in said
    ]
    for t in claim:
        if t.lower_ in RELATIVE_TIME and lemma(t.head) in TIME_NOUNS:
            # "next year" against "last year": both words in one sentence of the source, else a change.
            said_together = any(
                t.lower_ in {w.lower_ for w in s} and lemma(t.head) in {lemma(w) for w in s}
                for doc in evidence
                for s in doc.sents
            )
            if not said_together:
                problems.append(f"'{t.lower_} {t.head.lower_}' is not in the source")
    for token in predicates(claim):
        when = tense(token)
        matches = _best_matches(token, _same_predicate(token, evidence), claim)
        told = {tense(m) for m in matches} - {None}
        if when and told and when not in told:
            problems.append(f"'{token.text}' is {when} where the source's is {told.pop()}")
    return problems


def ordinals(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """Ranks ("second-largest", "third") the sources do not give."""
    said = {t.lower_ for doc in evidence for t in doc}
    ranks = [
        t for t in claim if t.lower_ in ORDINALS and not (t.i > 0 and t.nbor(-1).lower_ in _FRACTION_COUNTS)
    ]
    return [f"'{t.text}' is not in the source" for t in ranks if t.lower_ not in said]


# "a third", "two fifths": a fraction, not a rank.
_FRACTION_COUNTS = frozenset({"a", "one", "two", "three", "four", "a-", "one-", "two-"})


def _group(word: str) -> frozenset[str]:
    return next((g for g in QUALIFIER_GROUPS if word in g), frozenset({word}))


def _qualifier_words(doc: Doc) -> set[str]:
    words = set()
    for t in doc:
        word = t.lower_.removesuffix("-")
        if word in QUALIFIERS:
            words.add(word)
        if t.lower_.startswith("ex-"):
            words.add("ex")
    return words


def qualifiers(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """ "Former", "acting", "alleged" and the like dropped from what the source says, or added to it."""
    problems = []
    claim_quals = _qualifier_words(claim)
    claim_words = {lemma(t) for t in claim} | {t.lower_ for t in claim}
    ev_quals: set[str] = set()
    for doc in evidence:
        ev_quals |= _qualifier_words(doc)
        for t in doc:
            word = t.lower_.removesuffix("-")
            if word not in QUALIFIERS or (word in LOOSE_QUALIFIERS and t.head.pos_ != "PROPN"):
                continue
            if t.dep_ not in {"amod", "compound", "advmod", "nmod"} or t.head == t:
                continue
            target = lemma(t.head)
            if target in claim_words and target not in STOPWORDS and not (_group(word) & claim_quals):
                problems.append(f"the source says '{t.text} {t.head.text}'")
    for word in claim_quals - {w for q in ev_quals for w in _group(q)}:
        if word not in LOOSE_QUALIFIERS:
            problems.append(f"'{word}' is not in the source")
    return list(dict.fromkeys(problems))


def _cause_words(cue: Token) -> set[str]:
    """What the sentence gives as the cause: the subject of "caused", "led to"; the object of
    "caused by", "because of", "due to"; the clause after "because"."""
    if cue.pos_ == "VERB":
        agent = next((g for c in cue.children if c.dep_ == "agent" for g in c.children), None)
        doer = agent or subject_of(cue)
        return content_lemmas(doer.subtree) if doer is not None else set()
    phrase = [g for c in cue.children for g in c.subtree] or [
        g for c in cue.head.children if c != cue for g in c.subtree
    ]
    if cue.dep_ == "mark":  # "because the pump failed": the clause it opens
        phrase = [t for t in cue.head.subtree if t != cue]
    return content_lemmas(phrase)


def causes(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """A reason or consequence the sources do not give.

    The cause the sentence names must be in a source sentence that links it to something (a causal
    word, "after", "amid", "following", ...): a cause the sources mention without linking it to the
    event, or do not mention at all, fails.
    """
    problems = []
    for cue in claim:
        if lemma(cue) not in CAUSAL_CUES and cue.lower_ not in CAUSAL_CUES:
            continue
        cause = _cause_words(cue) - {lemma(cue)}
        if not cause:
            continue
        linked = False
        for doc in evidence:
            for sent in doc.sents:
                words = content_lemmas(sent)
                cues = {lemma(t) for t in sent} | {t.lower_ for t in sent}
                if len(cause & words) >= max(1, len(cause) // 2) and cues & SOURCE_CAUSAL_CUES:
                    linked = True
        if not linked:
            problems.append(f"'{cue.text}': the source does not give this cause")
    return problems


CHECKS: dict[str, Callable[[Doc, Sequence[Doc]], Problems]] = {
    "polarity": polarity,
    "direction": direction,
    "roles": roles,
    "figures": figures_bound,
    "speaker": speaker,
    "attribution": attribution,
    "hedges": hedges,
    "time": time,
    "ordinals": ordinals,
    "qualifiers": qualifiers,
    "causes": causes,
}


def structure_problems(sentence: str, cited: Sequence[str]) -> dict[str, Problems]:
    """Each structure check's findings for `sentence` against the cited texts (empty lists pass)."""
    claim = parse(sentence)
    evidence = [parse(text) for text in cited]
    return {name: check(claim, evidence) for name, check in CHECKS.items()}
