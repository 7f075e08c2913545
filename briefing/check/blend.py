"""A figure told with a name that another passage gives: a blend of two passages.

"About 1,800 residents living along Route 9 were ordered to evacuate", where one passage has the
1,800 residents of two villages ordered out and another has the fire heading for Route 9; "Hale
Morrow, the largest creditor, is owed 95 million", where the passage with the 95 million names
Fenwick Capital. A sentence may join passages ("118 flights were cancelled, and the authority, which
will review the incident, said ..."), and may name what its passage calls "the retailer", but each
figure must keep the names its own passage gives it. So a figure fails when, close to it in the
sentence's parse (four edges) or in its clause (leaving out other clauses and asides such as
"despite opposition from the League"), there is a name that only a cited passage without the figure
has, while the passage that has the figure gives it, just as close, a name the sentence leaves out.
A place is enough alone: "damaged more than 900 buildings in San Jerónimo", where the 900 are the
whole quake's and only the other passage names San Jerónimo, fails even when the figure's own
passage names no place near it.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from briefing.check.align import Problems
from briefing.check.placed_figures import Figure, figure_tokens
from briefing.check.tree import distance, is_reporting, lemma

# How close (in parse edges) a name must be to a figure to be said of it: "residents living along
# Route 9" is four edges from "1,800"; "despite opposition from the League" after "by 312 votes" is seven.
_NEAR = 4
_NOT_NAMES = frozenset({"DATE", "TIME"})


def blended_figures(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """Figures of `claim` told with a name that only a cited passage without the figure gives."""
    if len(evidence) < 2:
        return []
    figures = [list(figure_tokens(doc)) for doc in evidence]
    words = [_words(doc) for doc in evidence]
    claim_words = _words(claim)
    problems = []
    told = list(figure_tokens(claim))
    for figure in told:
        own = [i for i, found in enumerate(figures) if any(f.value == figure.value for f in found)]
        if not own or len(own) == len(evidence):
            continue
        borrowed = [
            t for t in _names_near(figure)
            if not any(_has(words[i], t) or _surname_in(words[i], t) for i in own)
            and any(_has(w, t) for i, w in enumerate(words) if i not in own)
        ]  # fmt: skip
        theirs = [
            t for i in own for f in figures[i] if f.value == figure.value
            for t in _names_near(f) if not _has(claim_words, t)
        ]  # fmt: skip
        places = _borrowed_place(figure, told, borrowed)
        if places or (borrowed and theirs):
            own_name = f"its own passage has '{theirs[0].text}'" if theirs else "no place in its own passage"
            problems.append(
                f"{figure.token.text}: told with '{(places or borrowed)[0].text}', which another passage "
                f"gives; {own_name}"
            )
    return problems + _figure_swapped_in(claim, figures, words)


def _borrowed_place(figure: Figure, told: list[Figure], borrowed: list[Token]) -> list[Token]:
    """The place nearest the figure, when only another passage names it ("900 buildings in San
    Jerónimo", where the 900 are the whole quake's): what the figure is of. A place nearer another of
    the sentence's figures is that one's ("nine died, seven of them in Corlan")."""
    placed = sorted(
        (t for t in _names_near(figure) if placed_in(t) and nearest_figure(t, told) is figure),
        key=lambda t: distance(t, figure.token),
    )
    return placed[:1] if placed and placed[0] in borrowed and placed[0].ent_type_ in _PLACES else []


def _surname_in(words: set[str], token: Token) -> bool:
    """ "Aya" of "Aya Mbeki, 23," where the figure's passage has "Mbeki, 23": one person, named in full."""
    return token.dep_ in {"compound", "flat"} and token.head.ent_type_ == "PERSON" and _has(words, token.head)


def _figure_swapped_in(claim: Doc, figures: list[list[Figure]], words: list[set[str]]) -> Problems:
    """ "Cases at Carrow's hospitals reached 1,340, forcing nine wards to close", where Carrow's
    passage closed 22 wards and the nine are another passage's: the figure's clause is told in the
    words of a passage that counts the same thing with another figure, and in none of the figure's own
    passage's own words."""
    problems = []
    said_figures = list(figure_tokens(claim))
    values = {f.value for f in said_figures}
    for figure in said_figures:
        if figure.counted is None:
            continue
        own = [i for i, found in enumerate(figures) if any(f.value == figure.value for f in found)]
        rivals = [
            i for i, found in enumerate(figures) if i not in own
            and any(_counts_same(f, figure) and f.value not in values for f in found)
        ]  # fmt: skip
        if not own or not rivals:
            continue
        clause = [claim[i] for i in _clause_of(figure) if not claim[i].like_num]
        said = {lemma(t) for t in clause} - _FIGURE_WORDS
        said = {w for w in said if w.isalpha() and len(w) > 2} - {lemma(figure.counted)}
        own_words = set().union(*(words[i] for i in own))
        rival_words = set().union(*(words[i] for i in rivals))
        if said & rival_words - own_words and not said & own_words - rival_words:
            rival = next(f for f in figures[rivals[0]] if _counts_same(f, figure))
            problems.append(
                f"{figure.token.text} {figure.counted.text}: another passage's figure; the passage its "
                f"clause is told from gives {rival.token.text}"
            )
    return problems


def _counts_same(told: Figure, said: Figure) -> bool:
    return (
        told.unit == said.unit
        and told.counted is not None
        and said.counted is not None
        and lemma(told.counted) == lemma(said.counted)
    )


_FIGURE_WORDS = frozenset({"the", "a", "of", "per", "cent", "percent", "million", "billion"})


_OTHER_CLAUSES = frozenset({"conj", "advcl", "relcl", "parataxis", "ccomp", "csubj", "acl"})


def _aside(token: Token) -> bool:
    """A clause of its own, or a phrase that sets another fact beside the figure's: "despite
    opposition from the League", "after a fire"."""
    return token.dep_ in _OTHER_CLAUSES or (token.dep_ == "prep" and token.lower_ in _ASIDE_PREPOSITIONS)


_ASIDE_PREPOSITIONS = frozenset({"despite", "amid", "after", "following", "before", "unlike", "as"})


def _clause_of(figure: Figure) -> set[int]:
    """The figure's clause; for a figure in an apposition to the subject ("Lyra-2, a 640 million euro
    probe, entered orbit around Pell 914"), the apposition alone: what the subject is, not what it did.
    ("handled 2.8 million containers, a 9 per cent rise" is said of the whole clause.)"""
    path = [figure.token, *figure.token.ancestors]
    appositive = next((t for t in path if t.dep_ == "appos"), None)
    if appositive is not None and appositive.head.dep_ in {"nsubj", "nsubjpass"}:
        return {t.i for t in appositive.subtree}
    top = figure.verb if figure.verb is not None else figure.token.sent.root
    while top.dep_ == "xcomp" and top.head is not top:
        top = top.head  # "the plant is set to open in 2028": what is set to open is the plant
    found, todo = set(), [top]
    while todo:
        token = todo.pop()
        found.add(token.i)
        todo.extend(c for c in token.children if not _aside(c) or figure.token in c.subtree)
    return found | _doer_of_participle(top)


def _doer_of_participle(verb: Token) -> set[int]:
    """The subject a participle's clause, or a verb joined by "and", takes from the verb it hangs on:
    in "Havdal claimed her first win, finishing 1.12 seconds clear", the 1.12 seconds are Havdal's;
    in "the plant will build 40,000 vans and employ 1,400 people", the 1,400 are the plant's."""
    shares = (verb.dep_ == "advcl" and verb.tag_ == "VBG") or (verb.dep_ == "conj" and verb.pos_ == "VERB")
    if not shares or any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return set()
    subject = next((c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return {t.i for t in subject.subtree} if subject is not None else set()


def _names_near(figure: Figure) -> list[Token]:
    """Names close to the figure, not those of who says it ("11 were in Merivale, Elena Castaño
    said": the speaker is checked by the speaker check), nor days and months."""
    token = figure.token
    if token.dep_ == "appos" and token.head.pos_ == "PROPN":  # "Aya Mbeki, 23,": her age, no one else's
        return [t for t in token.head.subtree if t.pos_ == "PROPN" and t.i < token.i]
    clause = _clause_of(figure)  # once per figure, not once per word of its sentence
    described = _described_subject(figure)
    return [
        t for t in figure.token.sent
        if t.pos_ == "PROPN" and t.ent_type_ not in _NOT_NAMES and not _speaker(t)
        and t.i != figure.token.i
        and (t.i in clause or (_near(t, figure.token) if described is None else t in described))
    ]  # fmt: skip


def _described_subject(figure: Figure) -> list[Token] | None:
    """The name of the subject a figure's apposition describes ("Lyra-2, a 640 million euro probe,
    entered orbit around Pell 914": Lyra-2, not Pell); None when the figure is in no such apposition."""
    appositive = next((t for t in [figure.token, *figure.token.ancestors] if t.dep_ == "appos"), None)
    if appositive is None or appositive.head.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    head = appositive.head
    return [head, *(c for c in head.children if c.dep_ in {"compound", "flat"})]


def _near(name: Token, figure: Token) -> bool:
    """Within four parse edges, and not in a clause joined after the figure's by "and" ("won the third
    prize, and her publisher Larkspur Press ordered a reprint": the reprint's name, not the prize's).
    What opens the first clause may hold for the next: "In Ulmsk, turnout was 48%, and the union won
    19 seats" tells the 19 of Ulmsk."""
    if distance(name, figure) > _NEAR:
        return False
    above = {t.i for t in figure.ancestors}
    path = [name, *(t for t in name.ancestors if t.i not in above)]
    return not any(t.dep_ == "conj" and t.pos_ in {"VERB", "AUX"} for t in path)


def _speaker(token: Token) -> bool:
    """Part of the name of who says something: the subject of "said", or after "according to"."""
    head = token
    while head.dep_ in {"compound", "flat", "appos", "amod"} and head.head is not head:
        head = head.head
    if head.dep_ == "nsubj" and is_reporting(head.head):
        return True
    return head.dep_ == "pobj" and head.head.lower_ == "to" and head.head.head.lower_ == "according"


def _words(doc: Doc) -> set[str]:
    return {lemma(t) for t in doc} | {t.lower_ for t in doc}


def _has(words: set[str], token: Token) -> bool:
    return lemma(token) in words or token.lower_ in words


_PLACE_PREPOSITIONS = frozenset({"in", "across", "at", "throughout"})


def placed_in(token: Token) -> bool:
    """A name in a phrase of place ("900 buildings in San Jerónimo"), whatever the parser takes it for."""
    head = token
    while head.dep_ in {"compound", "flat"} and head.head is not head:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in _PLACE_PREPOSITIONS


_PLACES = frozenset({"GPE", "LOC"})


def nearest_figure(token: Token, figures: list[Figure]) -> Figure:
    return min(figures, key=lambda f: distance(token, f.token))
