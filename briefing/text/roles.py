"""Who a passage says holds a role or led something, found by patterns (no NER model is available).

- An office before a name, in one capitalised run: "U.S. Treasury Secretary Scott Bessent", "Vice Premier
  He Lifeng". Only offices one person holds count: a department and a title ("Trade Representative"),
  a mayor or a vice premier; "President", "Prime Minister" and the like only with a country, as a story
  about two countries names both presidents. Titles many hold (senator, professor, analyst) and roles
  after "former" or "acting" are skipped.
- An apposition with an organisation: "Kevin Hassett, director of the National Economic Council", or
  "the director of the National Economic Council, Kevin Hassett".
- Leading something: "the delegation, led by A, B and C", "the delegation is being led by A", "A and B
  led the American delegation", "A, who led the project", "A, heading Beijing's delegation". The thing
  is a noun from a short list (delegation, project, talks, ...), with its country when given.

A name is one to three capitalised words that are not titles, countries or organisation words. The
word lists are `briefing.text.role_words`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from briefing.text.lexicon import OPENERS, STOPWORDS, TITLES
from briefing.text.role_words import (
    ABBREVIATIONS,
    AUX,
    COUNTRIES,
    DEMONYM_ENDINGS,
    DETERMINERS,
    LEAD,
    MANY_HOLDERS,
    NEED_COUNTRY,
    NOT_HOLDER,
    OFFICES,
    ORG_WORDS,
    PASSIVE,
    THINGS,
)

_TOKEN = re.compile(r"[^\W\d_]+(?:[.'’-][^\W\d_]+)*\.?|\S")


@dataclass(frozen=True)
class Word:
    """A token of the text: a word (possessive and final full stop removed) or a punctuation mark."""

    text: str
    start: int
    end: int
    possessive: bool = False
    ends_sentence: bool = False
    joined: bool = False  # only spaces since the token before: a name may go on across it

    @property
    def low(self) -> str:
        return self.text.casefold().replace(".", "")

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalpha()


@dataclass(frozen=True)
class RoleClaim:
    """A passage saying who holds a role or led something."""

    role: frozenset[str]  # what is held: {"treasury", "secretary"}, or {"led", "delegation"}
    country: str | None  # whose role it is, when the text says: "us", "china"
    label: str  # as written: "Treasury Secretary", "who led the U.S. delegation"
    led: bool
    people: tuple[tuple[str, ...], ...]  # each name as its words: ("Scott", "Bessent")
    spans: tuple[tuple[int, int], ...]  # where each name is in the passage


def _claim(
    role: Sequence[str], country: str | None, label: str, names: Sequence[Sequence[Word]], led: bool = False
) -> RoleClaim:
    people = tuple(tuple(w.text for w in name) for name in names)
    spans = tuple((name[0].start, name[-1].end) for name in names)
    return RoleClaim(role=frozenset(role), country=country, label=label, led=led, people=people, spans=spans)


def _tokens(text: str) -> list[Word]:
    """The words and punctuation marks of `text`."""
    found: list[Word] = []
    for m in _TOKEN.finditer(text):
        raw = m.group(0)
        possessive = raw.lower().endswith(("'s", "’s"))
        clean = raw[:-2] if possessive else raw
        dotted = clean.endswith(".") and len(clean) > 1
        abbreviation = dotted and ("." in clean[:-1] or clean[:-1].lower() in ABBREVIATIONS)
        if dotted and not abbreviation:
            clean = clean[:-1]
        gap = text[found[-1].end if found else 0 : m.start()]
        joined = (bool(found) and gap.isspace() and "\n" not in gap) or gap == "-"
        found.append(
            Word(clean, m.start(), m.start() + len(clean), possessive, dotted and not abbreviation, joined)
        )
    return found


def _name(words: Sequence[Word]) -> bool:
    # "He" is a common Chinese surname ("Vice Premier He Lifeng") as well as a pronoun.
    return 0 < len(words) <= 3 and all(
        w.is_word
        and w.capitalised
        and w.low not in TITLES | ORG_WORDS
        and (w.low not in STOPWORDS or (w.low == "he" and len(words) > 1))
        and w.low not in COUNTRIES
        and not (len(w.text) > 1 and w.text.isupper())
        for w in words
    )


def _run_at(words: Sequence[Word], i: int, step: int) -> list[Word]:
    """The capitalised run starting at words[i] and going in direction `step` (1 or -1)."""
    run: list[Word] = []
    j = i
    while 0 <= j < len(words) and words[j].is_word and words[j].capitalised:
        if run:
            earlier, later = (run[-1], words[j]) if step == 1 else (words[j], run[-1])
            if earlier.possessive or earlier.ends_sentence or not later.joined:  # "China's" ends a run
                break
        run.append(words[j])
        j += step
    return run if step == 1 else run[::-1]


def _split(run: Sequence[Word]) -> tuple[str | None, list[Word], list[Word]]:
    """(country, role words, name words) of a capitalised run like "U.S. Treasury Secretary Scott Bessent"."""
    run = list(run)
    while run and (run[0].low in STOPWORDS or run[0].low in OPENERS) and run[0].low not in COUNTRIES:
        run = run[1:]
    country = None
    if run and run[0].low in COUNTRIES:
        country, run = COUNTRIES[run[0].low], run[1:]
    elif len(run) > 2 and len(run[0].low) > 5 and run[0].low.endswith(DEMONYM_ENDINGS):
        country, run = run[0].low, run[1:]  # "Indonesian Finance Minister"
    titled = [k for k in range(len(run) - 1) if run[k].low in TITLES]
    if not titled:
        return country, [], run
    return country, run[: titled[-1] + 1], run[titled[-1] + 1 :]


def _office(role: Sequence[Word], country: str | None) -> bool:
    """Whether a capitalised title names an office one person holds ("Treasury Secretary")."""
    lows = [w.low for w in role]
    if not lows or any(w in MANY_HOLDERS or w in NOT_HOLDER for w in lows):
        return False
    if tuple(lows) in OFFICES:
        return True
    if lows[-1] in NEED_COUNTRY:
        return country is not None
    if all(w in TITLES for w in lows):  # "President", "Vice President", "Chief Executive"
        return country is not None and lows[-1] == "president"
    return True  # a department or organisation and a title: "Commerce Secretary", "Apple CEO"


def _titled_claims(words: Sequence[Word], text: str) -> Iterator[RoleClaim]:
    i = 0
    while i < len(words):
        run = _run_at(words, i, 1)
        if not run:
            i += 1
            continue
        country, role, name = _split(run)
        before = words[i - 1].low if i else ""
        if country is None and i and words[i - 1].possessive and before in COUNTRIES:
            country = COUNTRIES[before]  # "China's Vice Premier He Lifeng"
        if role and _name(name) and _office(role, country) and before not in NOT_HOLDER:
            yield _claim([w.low for w in role], country, text[role[0].start : role[-1].end], [name])
        i += len(run)


def _org_role(words: Sequence[Word], i: int) -> tuple[list[Word], int] | None:
    """Role words and the index after them for "[the] director of [the] National Economic Council" at i."""
    j = i + (i < len(words) and words[i].low == "the")
    k = j
    while k < len(words) and k - j < 3 and words[k].low in TITLES and not words[k].capitalised:
        k += 1
    if k == j or k >= len(words) or words[k].low != "of" or words[k - 1].low in MANY_HOLDERS:
        return None
    at = k + 1 + (k + 1 < len(words) and words[k + 1].low == "the")
    org = _run_at(words, at, 1)
    if not org or (len(org) == 1 and org[0].low in COUNTRIES):
        return None
    return list(words[j : at + len(org)]), at + len(org)


def _apposition_claims(words: Sequence[Word], text: str) -> Iterator[RoleClaim]:
    for i, w in enumerate(words):
        if w.text != ",":
            continue
        pairs = []
        after = _org_role(words, i + 1)  # "Kevin Hassett, director of the National Economic Council"
        if after and i:
            pairs.append((_split(_run_at(words, i - 1, -1))[2], after[0]))
        for j in range(max(0, i - 10), i):  # "the director of the National Economic Council, Kevin Hassett"
            before = _org_role(words, j)
            if before and before[1] == i:
                pairs.append((_split(_run_at(words, i + 1, 1))[2], before[0]))
                break
        for person, role in pairs:
            if len(person) >= 2 and _name(person):
                key = [x.low for x in role if x.low not in ("the", "of")]
                yield _claim(key, None, text[role[0].start : role[-1].end], [person])


def _people(words: Sequence[Word], i: int, step: int) -> list[list[Word]]:
    """The names listed from words[i] in direction `step`: "Scott Bessent, Lutnick, and Jamieson Greer"."""
    found: list[list[Word]] = []
    j = i
    while 0 <= j < len(words):
        while 0 <= j < len(words) and words[j].low in TITLES and not words[j].capitalised:
            j += step  # "chief executive Amara Okafor"
        run = _run_at(words, j, step)
        name = _split(run)[2]
        if not _name(name):
            break
        found.append(name)
        j += step * len(run)
        gap = 0
        while 0 <= j < len(words) and words[j].low in (",", "and") and gap < 2:
            j, gap = j + step, gap + 1
        if gap == 0:
            break
    return found if step == 1 else found[::-1]


def _thing_after(words: Sequence[Word], i: int) -> list[Word]:
    """The noun phrase the verb before words[i] acts on: "the American delegation", "Beijing's delegation"."""
    phrase: list[Word] = []
    j = i
    if j < len(words) and (words[j].low in DETERMINERS or words[j].possessive):
        phrase, j = [words[j]], j + 1
    while j < len(words) and len(phrase) < 5 and words[j].is_word and not _function_word(words[j]):
        phrase.append(words[j])
        if words[j].low in THINGS or words[j].ends_sentence or words[j].possessive:
            break
        j += 1
    return phrase


def _thing_before(words: Sequence[Word], i: int) -> list[Word]:
    """The noun phrase ending at words[i], past any "is being": "The Chinese delegation"."""
    j = _skip_aux(words, i)
    phrase: list[Word] = []
    while j >= 0 and len(phrase) < 4 and words[j].is_word and not words[j].ends_sentence:
        phrase.insert(0, words[j])
        if words[j].low in DETERMINERS or _function_word(words[j]):
            break
        j -= 1
    return phrase


def _function_word(w: Word) -> bool:
    return w.low in STOPWORDS and not (w.capitalised and w.low in COUNTRIES)  # "U.S." is not "us"


def _skip_aux(words: Sequence[Word], i: int) -> int:
    while i > 0 and words[i].low in AUX:
        i -= 1
    return i


def _led_claims(words: Sequence[Word], text: str) -> Iterator[RoleClaim]:
    for i, w in enumerate(words):
        if w.low in PASSIVE and i + 1 < len(words) and words[i + 1].low == "by":
            people, phrase = _people(words, i + 2, 1), _thing_before(words, i - 1)
        elif w.low in LEAD and i:
            people, phrase = _people(words, _skip_aux(words, i - 1), -1), _thing_after(words, i + 1)
        else:
            continue
        if not people or not phrase or phrase[-1].low not in THINGS:
            continue
        country = next((COUNTRIES[x.low] for x in phrase if x.low in COUNTRIES), None)
        surface = text[phrase[0].start : phrase[-1].end]
        surface = surface[0].lower() + surface[1:] if phrase[0].low in STOPWORDS else surface
        yield _claim(["led", phrase[-1].low], country, f"who led {surface}", people, led=True)


def role_claims(text: str) -> list[RoleClaim]:
    """Every role claim in `text`: offices before names, appositions, then who led what."""
    words = _tokens(text)
    return [*_titled_claims(words, text), *_apposition_claims(words, text), *_led_claims(words, text)]
