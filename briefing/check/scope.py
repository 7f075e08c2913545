"""Scope: a sentence that says "all" or "every", or names a whole place, where the sources tell part."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Token

from briefing.check.align import Problems
from briefing.check.placed_figures import Figure, figure_tokens
from briefing.check.tree import SUBJECTS, lemma

# "each" is left out: "values each share at $14" distributes, it does not widen.
_UNIVERSAL = frozenset({"all", "every", "entire", "whole"})


def _quantified(doc: Doc) -> list[tuple[Token, Token]]:
    """(universal word, the noun it covers): "all 14 homes", "every ward", "all of the cuts"."""
    found = []
    for t in doc:
        if t.lower_ not in _UNIVERSAL or (t.i + 1 < len(doc) and doc[t.i + 1].lower_ in {"but", "-"}):
            continue  # "all but 6,500" names its exception; "an all-cash deal" covers nothing
        noun = t.head
        # "every Wexford & Lyle store", "all 14 care homes"
        while noun.dep_ in {"compound", "nummod"} and noun.head != noun:
            noun = noun.head
        if t.lower_ == "all" and (of := next((c for c in t.children if c.lower_ == "of"), None)):
            noun = next((g for g in of.children if g.dep_ == "pobj"), noun)
        if lemma(noun) in _PARTS and (of := next((c for c in noun.children if c.lower_ == "of"), None)):
            # "every part of Veldra", "every one of the 430 jobs"
            noun = next((g for g in of.children if g.dep_ == "pobj"), noun)
        if noun.pos_ in {"NOUN", "PROPN"} and noun != t:
            found.append((t, noun))
    return found


_PARTS = frozenset({"part", "region", "area", "corner", "district", "one", "single"})


def widened(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """ "all 14 care homes" or "every ward" where the source covers some of them: a scope widened."""
    covered = {lemma(noun) for doc in evidence for _, noun in _quantified(doc)}
    # "None of the passengers was hurt" tells of all of them: "all passengers escaped unhurt".
    covered |= {lemma(noun) for doc in evidence for noun in _denied_of_all(doc)}
    told = {lemma(t) for doc in evidence for t in doc}
    problems = []
    for word, noun in _quantified(claim):
        # The words of the phrase it opens: "every Wexford & Lyle store" covers stores.
        phrase = {lemma(t) for t in claim[word.i + 1 : word.i + 6] if t.pos_ == "NOUN"} | {lemma(noun)}
        if lemma(noun) in told and not phrase & covered:
            problems.append(f"'{word.text} {noun.text}': the source does not say all")
    return problems


def _denied_of_all(doc: Doc) -> list[Token]:
    """The nouns "none of the X" or "no X" covers."""
    found = []
    for t in doc:
        if t.lower_ == "none" and (of := next((c for c in t.children if c.lower_ == "of"), None)):
            found += [g for g in of.children if g.dep_ == "pobj"]
        elif t.lower_ == "no" and t.dep_ == "det" and t.head.pos_ == "NOUN":
            found.append(t.head)
        elif t.lower_ in {"nobody", "noone"} or (t.lower_ == "one" and t.i and doc[t.i - 1].lower_ == "no"):
            found += [n for n in doc if lemma(n) in _PEOPLE]  # "Nobody was hurt": of all the people told
    return found


_PEOPLE = frozenset({"people", "person", "passenger", "resident", "worker", "pupil", "student", "patient"})


# Words that take part of a place: "the northern half of Glenavon", "parts of the county".
_PARTITIVES = frozenset({
    "half", "part", "parts", "north", "south", "east", "west", "corner", "edge", "outskirts",
})  # fmt: skip


def _places(doc: Doc) -> list[Token]:
    """Names told as places: the object of "in", "across", "throughout", or of a partitive's "of"."""
    return [
        t for t in doc if t.pos_ == "PROPN" and t.dep_ == "pobj" and (t.head.lower_ in _WHERE or _part_of(t))
    ]


_SIDES = frozenset({"northern", "southern", "eastern", "western", "central", "rural", "coastal", "inner"})
_WHERE = frozenset({"in", "across", "throughout"})


def _part_of(place: Token) -> bool:
    """Whether a place is told as part of it: "northern Glenavon", or the object of "of" after a
    partitive noun ("the northern half of Glenavon")."""
    if any(c.dep_ in {"amod", "compound"} and c.lower_ in _SIDES for c in place.children):
        return True
    return place.dep_ == "pobj" and place.head.lower_ == "of" and place.head.head.lower_ in _PARTITIVES


def part_of_place(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """ "schools across Glenavon" where every source says "across the northern half of Glenavon"."""
    told: dict[str, list[bool]] = {}
    for doc in evidence:
        for place in _places(doc):
            told.setdefault(place.lower_, []).append(_part_of(place))
    problems = []
    for place in _places(claim):
        parts = told.get(place.lower_, [])
        if parts and all(parts) and not _part_of(place):
            problems.append(f"'{place.text}': the source tells only part of it")
    return problems


def one_of_places(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """ "210,000 kettles sold in Veldra" where the source's 210,000 were sold "in Veldra and Halvany".

    A count told of two places together is no count of one of them. Only where the source sentence
    with the places gives a figure the sentence repeats: that flooding hit "Veldra and Halvany" does
    say it hit Veldra.
    """
    values = {f.value for f in figure_tokens(claim)}
    said = claim.text.lower()
    problems = []
    for place in _places(claim):
        told = [t for doc in evidence for t in _places(doc) if t.lower_ == place.lower_]
        counted = [t for t in told if values & {f.value for f in figure_tokens(t.sent)}]
        others = {c.text for t in counted for c in t.conjuncts if c.pos_ == "PROPN"}
        if counted and len(counted) == len(told) and all(t.conjuncts for t in counted):
            missing = sorted(o for o in others if o.lower() not in said)
            if missing:
                problems.append(
                    f"'{place.text}': the source gives the figure for it and {missing[0]} together"
                )
    return problems


# Words that take part of a group: "some patients", "most of the schools".
_PART_WORDS = frozenset({
    "some", "most", "many", "several", "few", "half", "certain", "minority", "majority", "handful",
    "fraction",
})  # fmt: skip


def _part_taken(figure: Figure) -> Token | None:
    """The part a figure's whole is taken from: "Five" in "Five of the 14 primary schools"."""
    noun = figure.counted if figure.counted is not None else figure.token.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head != noun.head:
        part = noun.head.head
        if any(c.lower_ in {"every", "each"} for c in part.children):
            return None  # "every one of the 430 jobs" is all of them
        if part.like_num or part.lower_ in _PART_WORDS:
            return part
    return None


def part_of_count(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """ "The district's 14 schools will remain closed" where the source says "Five of the 14 schools
    will remain closed": the whole told as doing what only a part of it does."""
    told = [f for doc in evidence for f in figure_tokens(doc)]
    said = claim.text.lower()
    problems = []
    for figure in figure_tokens(claim):
        if figure.verb is None or _part_taken(figure) is not None:
            continue
        same = [f for f in told if f.value == figure.value]
        parts = [_part_taken(f) for f in same]
        if not same or any(p is None for p in parts):
            continue  # the source also tells the whole on its own
        # "Five of the 14 schools will close", "nurses at four of the six hospitals will strike"
        doing = [p for p in parts if p is not None and _verb_of(p) == lemma(figure.verb)]
        if doing and doing[0].lower_ not in said:
            shown = figure.token.text
            problems.append(f"'{shown}': the source says '{doing[0].text} of the {shown}'")
    return problems


def _verb_of(token: Token) -> str | None:
    return next((lemma(a) for a in token.ancestors if a.pos_ in {"VERB", "AUX"}), None)


def part_dropped(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """ "Patients would face journeys of up to 50 minutes" where the source says "some patients": a
    part of a group told as the whole of it (the same noun, doing the same thing, with no word of how
    many)."""
    problems = []
    for noun in claim:
        if quantified_somehow(noun):
            continue
        for t in _told_alike(noun, evidence):
            part = next((c for c in t.children if c.lower_ in _PART_WORDS), None)
            if part is not None:
                problems.append(f"'{noun.text}': the source says '{part.text} {t.text}'")
    return list(dict.fromkeys(problems))


def _told_alike(noun: Token, evidence: Sequence[Doc]) -> Iterator[Token]:
    """The sources' subjects that are the sentence's subject `noun`, doing the same thing."""
    if noun.pos_ != "NOUN" or noun.dep_ not in SUBJECTS:
        return
    for doc in evidence:
        for t in doc:
            if same_noun(t, noun) and t.dep_ in SUBJECTS and lemma(t.head) == lemma(noun.head):
                yield t


def quantified_somehow(noun: Token) -> bool:
    """Whether a noun says how many: a number, a quantifier or a determiner other than "the"."""
    return any(
        c.like_num or c.lower_ in _PART_WORDS | _UNIVERSAL or (c.dep_ == "det" and c.lower_ not in {"the"})
        for c in noun.children
    )


# Prepositions that narrow what a noun covers: "sales in its Norland stores", "the line between A and B".
_NARROWING = frozenset({"in", "on", "between", "at", "from", "across", "among", "outside"})
# "the rest of the line", "the city as a whole": the source tells the other part apart.
_REST = frozenset({"rest", "remainder", "whole"})


def narrowing_dropped(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """ "Sales rose 6%" where the source says "sales in its Norland stores rose 6%, while sales in its
    Ostmark business fell": a part's fact told of the whole, where the source tells the rest apart.

    Only where the source does: "flights from Kessel were cancelled" may drop "from Kessel" when no
    other flights are told of."""
    said = {lemma(t) for t in claim} | {t.lower_ for t in claim}
    problems = []
    for noun in claim:
        for told in _told_alike(noun, evidence):
            for prep in _narrowings(told):
                words = {lemma(t) for t in prep.subtree if t.pos_ in {"NOUN", "PROPN", "ADJ", "NUM"}}
                if words and not words & said and _rest_told(told, prep, evidence):
                    span = told.doc[prep.i : prep.right_edge.i + 1].text
                    problems.append(f"'{noun.text}': the source says '{told.text} … {span}'")
    return list(dict.fromkeys(problems))


_SPREAD = frozenset({"across", "throughout"})
_CROSSED = frozenset({"border", "frontier", "river", "line", "bridge", "road", "street", "channel", "strait"})


def spread_widened(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """ "Shops across Pellmore will be barred" where the source bars shops in the city centre: a place
    the sources name, said to be covered throughout, where they never tell it so."""
    problems = []
    for t in claim:
        place = next((g for g in t.children if g.dep_ == "pobj"), None) if t.lower_ in _SPREAD else None
        if place is None or lemma(place) in _CROSSED:
            continue  # "back across the border" crosses a line, it covers nothing
        same = [s for doc in evidence for s in doc if _singular(s) == _singular(place)]
        spread = [s for s in same if s.head.lower_ in _SPREAD or quantified_somehow(s)]
        if same and not spread:
            problems.append(f"'{t.text} {place.text}': the source does not cover all of it")
    return problems


def _narrowings(noun: Token) -> list[Token]:
    """The narrowing prepositions of a noun's phrase, outside any clause inside it."""
    found: list[Token] = []
    for t in noun.subtree:
        if t.dep_ in {"relcl", "acl", "advcl"}:
            return found
        if t.dep_ == "prep" and t.lower_ in _NARROWING and t.head.pos_ in {"NOUN", "PROPN"}:
            found.append(t)
    return found


def _rest_told(told: Token, prep: Token, evidence: Sequence[Doc]) -> bool:
    """Whether the sources tell the rest apart: the same noun, narrowed another way ("sales in its
    Ostmark business"), or "the rest of" what the narrowing part hangs on ("the rest of the Blue Line")."""
    anchors = {_singular(prep.head), _singular(told)}
    mine = {lemma(t) for t in prep.subtree}
    for doc in evidence:
        for t in doc:
            if t.doc is told.doc and t.i == told.i:
                continue
            if (
                same_noun(t, told)
                and t.dep_ in SUBJECTS
                and any({lemma(g) for g in p.subtree} - mine for p in _narrowings(t))
            ):
                return True
            if t.lower_ in _REST and any(
                _singular(g) in anchors for c in t.children if c.lower_ == "of" for g in c.children
            ):
                return True
    return False


def _singular(token: Token) -> str:
    """A noun's lemma, also where the tagger took a plural opening a sentence for a name ("Trams")."""
    word = lemma(token)
    return word[:-1] if token.pos_ == "PROPN" and word.endswith("s") and not word.endswith("ss") else word


def same_noun(a: Token, b: Token) -> bool:
    return _singular(a) == _singular(b)
