"""Where a sentence may name someone or something: runs of capitalised words, found by a heuristic (no
named-entity model can be had offline). `briefing.text.names` checks them against the cited text.

- A name is a run of capitalised words or acronyms joined by spaces or hyphens, with lowercase
  particles inside ("Bank of England", "Ursula von der Leyen"); a possessive ends it. Leading
  stopwords ("The") are dropped; months, weekdays, temperature scales and "I" are not names.
- The first word of a sentence (or after a colon or a quotation) is capitalised anyway: it is only
  taken as a name when it is not a common word (stopwords, frequent openers, -ly, -ing, plurals).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.text.calendar_words import MONTHS, WEEKDAYS
from briefing.text.lexicon import OPENERS, PARTICLES, STOPWORDS
from briefing.text.numbers import NUMBER_WORDS

_WORD = re.compile(r"[^\W\d_]+(?:['’.][^\W\d_]+)*\.?")
# Words of one name are joined by a space or a hyphen, or a plural possessive ("Fishers' Association");
# a dash or other punctuation ends the name.
_JOIN = re.compile(r"['’]?[^\S\n]{1,2}|[-‐]")
# ...and by the full stop of an abbreviated title or an initial ("Dr. Amara Okafor", "J. R. Tolland"),
# which is not the end of a sentence there.
_JOIN_AFTER_ABBREVIATION = re.compile(r"\.[^\S\n]{1,2}")
_ABBREVIATED_TITLES = frozenset(
    {"dr", "mr", "mrs", "ms", "prof", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "rev", "hon",
     "maj", "adm", "cmdr", "supt", "insp", "det", "fr", "st"}
)  # fmt: skip


# Capitalised words that name a scale, not someone: "36 degrees Celsius" is the source's "36C".
_SCALES = frozenset({"celsius", "fahrenheit", "centigrade", "kelvin"})


@dataclass(frozen=True)
class NameWord:
    text: str  # possessive and dots removed: "U.S." is "US", "Rusk's" is "Rusk"
    start: int
    end: int
    possessive: bool
    initial: bool  # first word of the sentence or of a clause opened by a colon or quotation

    @property
    def low(self) -> str:
        return self.text.casefold()

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def acronym(self) -> bool:
        return len(self.text) > 1 and self.text.isupper()


def name_words(text: str) -> list[NameWord]:
    found: list[NameWord] = []
    gap_start = 0
    for m in _WORD.finditer(text):
        raw = m.group(0).replace("’", "'")
        possessive = raw.endswith(("'s", "'S"))
        clean = (raw[:-2] if possessive else raw).replace(".", "")
        gap = text[gap_start : m.start()].rstrip()
        # After a colon, a bracket or a quotation mark words are capitalised anyway.
        initial = (not found and not any(c.isalnum() for c in gap)) or (gap[-1:] in tuple(":;(\"“”‘’'"))
        gap_start = m.end()
        # A full stop ends the word unless it is an abbreviation with dots inside ("U.S.").
        end = m.end() - 1 if raw.endswith(".") and raw.count(".") == 1 else m.end()
        if clean:
            found.append(NameWord(clean, m.start(), end, possessive, initial))
    return found


def name_runs(sentence: str) -> list[list[NameWord]]:
    """Runs of capitalised words in `sentence` that may name someone or something."""
    runs: list[list[NameWord]] = []
    current: list[NameWord] = []
    for w in name_words(sentence):
        joined = bool(current) and not current[-1].possessive
        joined = joined and _joins(current, sentence[current[-1].end : w.start])
        name_like = w.capitalised and w.low not in MONTHS | WEEKDAYS | _SCALES and w.text != "I"
        if joined and (name_like or (w.low in PARTICLES and not w.capitalised)):
            current.append(w)
        else:
            runs.append(current)
            current = [w] if name_like else []
    runs.append(current)
    return [r for r in (_trim(run) for run in runs) if r]


def _joins(run: list[NameWord], gap: str) -> bool:
    """Whether `gap` joins the run's last word to the next word of one name. After a full stop only
    when that word is an abbreviated title, or an initial in a run of titles and initials ("J. R."),
    so "Plan B. Then" stays two."""
    if _JOIN.fullmatch(gap):
        return True
    if _JOIN_AFTER_ABBREVIATION.fullmatch(gap) is None:
        return False
    leading = all(w.low in _ABBREVIATED_TITLES or len(w.text) == 1 for w in run)
    return run[-1].low in _ABBREVIATED_TITLES or (leading and len(run[-1].text) == 1 and run[-1].capitalised)


def names_in(sentence: str) -> list[str]:
    """The runs of `sentence` that may name someone or something, as written."""
    return [sentence[run[0].start : run[-1].end] for run in name_runs(sentence)]


def _trim(run: list[NameWord]) -> list[NameWord]:
    while run and run[-1].low in PARTICLES:
        run = run[:-1]
    while run and not run[0].acronym and (run[0].low in STOPWORDS or (run[0].initial and _common(run[0]))):
        run = run[1:]
    return run


def _common(w: NameWord) -> bool:
    # Adverbs, gerunds and plurals ("Additionally", "Fishing", "Villagers") open sentences far more
    # often than names do; the price is that "Jones said" at the start goes unchecked.
    plural = w.low.endswith("s") and not w.low.endswith(("ss", "us", "is"))
    shaped = (w.low.endswith(("ly", "ing")) or plural) and not w.acronym
    return w.low in OPENERS or w.low in STOPWORDS or w.low in NUMBER_WORDS or shaped
