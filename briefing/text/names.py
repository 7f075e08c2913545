"""Names in a sentence that its cited passages do not contain: people, organisations, places.

Names are found by a heuristic, not by spaCy's entity recogniser (which the structure checks use):
the small English model misses or mislabels many names it has never seen ("Hale Morrow" as a person,
"Route 9" as nothing), and a missed name here is an unchecked one. The heuristic is tuned to fail
rarely on faithful sentences:

- A name is a run of capitalised words (`briefing.text.name_runs` finds them, and says how).
- A run passes when its words appear in that order in one cited passage, ignoring case (acronyms
  keep theirs, so "US" is not "us"; "U.S." is "US"). A run with a title ("Treasury Secretary Scott
  Bessent", "Mayor Rusk") also passes when the name after the last title word does and the title's
  words appear anywhere; a lone surname passes when it is in the text, e.g. as the end of a full name.
  A first name with another person's surname does not, unless the text names a relative of that
  family by first name ("Mr Doyle's mother, Bernadette": "Bernadette Doyle"). Initials match any
  name starting that way, a few aliases (US, United States) are equivalent and demonyms match their
  country ("Chinese").
- Roles: when the cited text says "former <role> <Name>" and never the role without "former", a
  sentence giving the role to that name without "former" fails with "former <role>" missing. A
  capitalised title the text gives to one person ("Mayor Tomas Lind") put on another that the text
  titles otherwise ("Treasury Secretary Rita Vance") fails too: "Mayor Vance".

Limits: lowercase names ("eBay"), a name at the start of a sentence that looks common ("Jones said"),
and other role changes (a lowercase title, "deputy" or "acting" dropped) are not caught; an invented
name made only of words the text has in that order passes. A name the article gives only outside the
cited passages (often the city it is about) fails: `verify.find_support` can add the passage.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import pairwise

from briefing.text.lexicon import (
    ALIASES,
    COMMON_ACRONYMS,
    DEMONYMS,
    FORMER,
    HONORIFICS,
    QUALIFIERS,
    TITLE_ABBREVIATIONS,
    TITLES,
)
from briefing.text.name_runs import NameWord, name_runs, name_words


class _Cited:
    """The cited passages as word lists, for phrase look-ups."""

    def __init__(self, texts: Iterable[str]) -> None:
        texts = list(texts)
        self.passages = [name_words(t) for t in texts]
        # Who the text gives a capitalised title to, as (title, surname): ("mayor", "lind").
        self.titled = {pair for t in texts for run in name_runs(t) if (pair := _titled(run))}
        self.capitalised = {w.low for p in self.passages for w in p if w.capitalised}
        self.singulars = {_singular(w.low) for p in self.passages for w in p}
        self.texts = texts

    def has(self, phrase: Sequence[NameWord]) -> bool:
        """Whether the words of `phrase` appear in this order in one passage."""
        return any(True for _ in self.before(phrase))

    def before(self, phrase: Sequence[NameWord]) -> Iterator[str]:
        """The word before each place the words of `phrase` appear in this order ("" at the start)."""
        n = len(phrase)
        for p in self.passages:
            for i in range(len(p) - n + 1):
                if all(_same(s, t) for s, t in zip(phrase, p[i : i + n], strict=True)):
                    yield p[i - 1].text if i else ""

    def has_text(self, phrase: str) -> bool:
        return self.has(name_words(phrase))

    def has_word(self, w: NameWord) -> bool:
        """Whether `w` is in the text, itself or as its country when it is a demonym."""
        if self.has([w]):
            return True
        if not w.acronym and _singular(w.low) in self.singulars:
            return True  # "Unions" for "union leaders", "Library" for "libraries"
        base = w.low.removesuffix("s")
        if base in DEMONYMS:
            return self.has_text(DEMONYMS[base].title())
        if w.low in _COUNTRY_DEMONYM:  # "the Netherlands" for "the Dutch-based group"
            return self.has_text(_COUNTRY_DEMONYM[w.low].title())
        if len(w.low) >= 5 and not w.acronym:  # "Germany" for "German", "Canada" for "Canadian"
            stem = w.low[: max(4, len(w.low) - 2)]
            if any(c.startswith(stem) and c.endswith(_DEMONYM_ENDINGS) for c in self.capitalised):
                return True
        if base.endswith(("an", "ese", "ish", "i")) and len(base) >= 5:
            stem = base[: max(4, len(base) - 4)]
            return any(c.startswith(stem) for c in self.capitalised)
        return False


_COUNTRY_DEMONYM = {country: demonym for demonym, country in DEMONYMS.items()}
_DEMONYM_ENDINGS = ("an", "ese", "ish", "i")


def _singular(low: str) -> str:
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    return low[:-1] if low.endswith("s") and not low.endswith("ss") else low


def _same(said: NameWord, cited: NameWord) -> bool:
    if said.acronym:
        return cited.capitalised and cited.text.upper() == said.text
    if len(said.text) == 1:  # an initial
        return cited.capitalised and cited.low.startswith(said.low)
    return _spelled_out(said.low) == _spelled_out(cited.low)


def _spelled_out(low: str) -> str:
    return TITLE_ABBREVIATIONS.get(low, low)


_ACRONYM_FILLERS = frozenset({"of", "and", "the", "for", "&"})


def _spells(acronym: str, cited: _Cited) -> bool:
    """Whether the cited text writes `acronym` out: "IPO" for "initial public offering"."""
    letters = acronym.lower()
    for p in cited.passages:
        words = [w for w in p if w.low not in _ACRONYM_FILLERS]
        for i in range(len(words) - len(letters) + 1):
            if all(w.low.startswith(c) for w, c in zip(words[i : i + len(letters)], letters, strict=True)):
                return True
    return False


def _run_ok(run: list[NameWord], cited: _Cited) -> bool:
    if cited.has(run) or (len(run) == 1 and cited.has_word(run[0])):
        return True
    # "the Harl Pay IPO": a common-noun acronym, or one the text spells out, ends the name.
    if run[-1].acronym and (run[-1].text in COMMON_ACRONYMS or _spells(run[-1].text, cited)):
        return len(run) == 1 or _run_ok(run[:-1], cited)
    phrase = " ".join(w.text for w in run)
    for group in ALIASES:
        if phrase in group and any(cited.has_text(alias) for alias in group - {phrase}):
            return True
    core = _core(run)
    return len(core) < len(run) and _name_ok(core, cited) and _roles_ok(run[: len(run) - len(core)], cited)


def _name_ok(core: list[NameWord], cited: _Cited) -> bool:
    return cited.has(core) or (len(core) == 1 and cited.has_word(core[0]))


def _roles_ok(prefix: list[NameWord], cited: _Cited) -> bool:
    # "Treasury Secretary" may be written apart from the name, or in other words order ("secretary of").
    roles = [w for w in prefix if w.low not in HONORIFICS]
    return cited.has(roles) or all(cited.has_word(w) for w in roles)


def _titled(run: list[NameWord]) -> tuple[str, str] | None:
    core = _core(run)
    roles = [w.low for w in run[: len(run) - len(core)] if w.low not in HONORIFICS]
    return (" ".join(roles), core[-1].low) if roles else None


def _swapped(run: list[NameWord], cited: _Cited) -> bool:
    """Whether the run gives a title to a surname when the text gives it to someone else, and them another."""
    pair = _titled(run)
    if pair is None or pair in cited.titled:
        return False
    title, surname = pair
    return any(t == title for t, _ in cited.titled) and any(s == surname for _, s in cited.titled)


def _core(run: list[NameWord]) -> list[NameWord]:
    """The name after the last title word of a run: "Scott Bessent" in "Treasury Secretary Scott Bessent"."""
    titled = [k for k in range(1, len(run)) if run[k - 1].low in TITLES]
    return run[titled[-1] :] if titled else run


def _former_roles(cited: _Cited) -> list[tuple[list[str], str, str]]:
    """(role words, surname, "former <role>" as written) for each "former <role> <Name>" in the text."""
    found = []
    for p in cited.passages:
        for i, w in enumerate(p):
            if w.low not in ("former", "ex"):
                continue
            window = p[i + 1 : i + 7]
            for k in range(len(window) - 1):
                if window[k].low in TITLES and window[k + 1].capitalised and window[k + 1].low not in TITLES:
                    name = [window[k + 1]]
                    while len(name) < len(window) - k - 1 and window[k + 1 + len(name)].capitalised:
                        name.append(window[k + 1 + len(name)])
                    role = window[: k + 1]
                    surface = "former " + " ".join(x.text for x in role)
                    found.append(([x.low for x in role], name[-1].low, surface))
                    break
    return found


def _role_uses(words: Sequence[NameWord], role: list[str], surname: str) -> list[bool]:
    """For each place `words` give `role` to `surname`: whether "former" (or the like) precedes it."""
    uses = []
    n = len(role)
    for i in range(len(words) - n):
        if [w.low for w in words[i : i + n]] != role:
            continue
        after = [w.low for w in words[i + n : i + n + 4]]
        if surname in after:
            uses.append(i > 0 and words[i - 1].low in FORMER)
    return uses


def _check_run(run: list[NameWord], sentence: str, cited: _Cited) -> list[str]:
    """What of one run of capitalised words the cited text lacks, as the sentence writes it."""
    if _run_ok(run, cited):
        return [sentence[run[0].start : run[-1].end]] if _swapped(run, cited) else []
    # "Elena Rusk of Marrowick": each part may be named separately in the text.
    pieces: list[list[NameWord]] = [[]]
    for w in run:
        if w.low in ("of", "the") and not w.capitalised:
            pieces.append([])
        else:
            pieces[-1].append(w)
    parts = [p for p in pieces if p]
    if len(parts) > 1:
        return [m for part in parts for m in _check_run(part, sentence, cited)]
    if _kin(run, cited) or _place_and_body(run, cited) or _feature(run, cited):
        return []
    core = _core(run)
    # Name the person alone when only the name is wrong, the whole run when the title is too.
    shown = core if _roles_ok(run[: len(run) - len(core)], cited) else run
    return [sentence[shown[0].start : shown[-1].end].removesuffix("'s").removesuffix("’s")]


_FEATURES = frozenset({"river", "lake", "mount", "loch", "cape", "isle"})


def _feature(run: list[NameWord], cited: _Cited) -> bool:
    """ "River Ausk" where the text says "the Ausk": the kind of place said with its name."""
    return len(run) >= 2 and run[0].low in _FEATURES and cited.has(run[1:])


def _place_and_body(run: list[NameWord], cited: _Cited) -> bool:
    """ "Marrick Borough Council" where the text says "across Marrick ... the borough council": a
    place and a body of two words or more, each in the text."""
    return len(run) >= 3 and cited.has(run[:1]) and cited.has(run[1:])


_KIN = r"(?:mother|father|wife|husband|son|daughter|brother|sister|widow|widower|partner)"


def _kin(run: list[NameWord], cited: _Cited) -> bool:
    """ "Bernadette Doyle" where the text says "Mr Doyle's mother, Bernadette": a relative named by
    first name alone shares the surname the text gives the family."""
    if len(run) != 2 or not all(w.capitalised for w in run):
        return False
    first, last = (re.escape(w.text) for w in run)
    told = rf"\b{last}['’]s {_KIN},? {first}\b|\b{first}, {last}['’]s {_KIN}\b"
    return any(re.search(told, text) for text in cited.texts)


def _dropped_qualifier(run: list[NameWord], before: str, cited: _Cited) -> str | None:
    """The "Deputy" that the text always puts before a titled name the sentence gives without it."""
    if run[0].low not in TITLES or before in QUALIFIERS:
        return None
    found = list(cited.before(run))
    return found[0] if found and all(q.casefold() in QUALIFIERS for q in found) else None


def missing_names(
    sentence: str, cited_texts: Iterable[str], skip: Sequence[tuple[int, int]] = ()
) -> list[str]:
    """Names in `sentence` (outside the `skip` spans) that the cited texts do not contain, as written."""
    cited = _Cited(cited_texts)
    runs = [r for r in name_runs(sentence) if not any(s <= r[0].start < e for s, e in skip)]
    missing = [m for run in runs for m in _check_run(run, sentence, cited)]
    words = name_words(sentence)
    before = {w.start: prev.low for prev, w in pairwise(words)}
    for run in runs:
        if qualifier := _dropped_qualifier(run, before.get(run[0].start, ""), cited):
            missing.append(f"{qualifier} {sentence[run[0].start : run[-1].end]}")
    for role, surname, surface in _former_roles(cited):
        in_sentence = _role_uses(words, role, surname)
        in_text = [u for p in cited.passages for u in _role_uses(p, role, surname)]
        if in_sentence and not all(in_sentence) and all(in_text):
            missing.append(surface)
    return list(dict.fromkeys(missing))
