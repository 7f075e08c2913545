"""Facts at least half the outlets report that every article brief left out, written up for the story.

The article briefs keep a third of their article's words, and a small model fills them from the lead
paragraphs even with the shared passages marked (`prepare/shared.py`): a fact two of three outlets
tell in their tenth paragraph (the rest centre, the flood wall) can be in no brief, and the story,
built from the briefs' checked sentences, then cannot carry it. So the program looks for them in the
passages themselves: a sentence that outlets making up at least half of the independent sources say
(the rule of `prepare/shared.py`), that no checked brief sentence says. The model writes one sentence
for each, in one call; the sentences are checked like any other and join the story's claims. When
the briefs left nothing out, the model is not asked.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from briefing.check.entail import EntailmentJudge
from briefing.prepare.shared import MIN_SHARE, MIN_WORDS, same_sentence
from briefing.schema import Brief, Extraction, Passage
from briefing.text.background import is_background
from briefing.text.common_runs import common_runs
from briefing.text.dates import published_utc
from briefing.text.sentences import sentence_spans
from briefing.text.words import content_words
from briefing.write.story_claims import same_figure

MOST_FACTS = 4  # one call writes at most this many; the lead and "also reported" hold no more


@dataclass(frozen=True)
class LeftOut:
    """A sentence of one passage that at least half the independent sources say, and no brief."""

    passage_id: str
    text: str
    sources: frozenset[str]
    # How the other outlets tell it, one (passage id, sentence) per outlet: the model is shown them
    # to write what they share, and each outlet counts only when its own passage bears that out.
    others: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class _Told:
    """A sentence of an article, or one of its clauses: outlets tell one fact inside sentences that
    go on differently ("…began an investigation on Wednesday, lifting debris…")."""

    source: str
    passage_id: str
    sentence: str
    words: frozenset[str]
    position: float  # where its passage sits in the article: 0 top, 1 bottom


def left_out(
    passages: Mapping[str, Passage],
    extractions: Sequence[Extraction],
    briefs: Sequence[Brief],
    root: Callable[[str], str],
    judge: EntailmentJudge | None = None,
) -> list[LeftOut]:
    """The facts at least half the independent sources tell and no checked brief sentence says,
    the most widely told first, one sentence each (the other outlets' tellings are not repeated).
    With a judge, clauses of two outlets that share a rare word but too few words to be paired by
    them are put to it (`_paired_by_meaning`)."""
    own = [e for e in extractions if e.duplicate_of is None and e.passage_ids]
    half = widely_told(len({root(e.article.id) for e in own}))
    every = [t for e in own for t in _told(e, passages, root)]
    said = [_words(s.text) for b in briefs for s in b.sentences]
    briefed = [s.text for b in briefs for s in b.sentences]
    seen = _sentences_with(every)
    echoes = _echoes(every, seen)
    if judge is not None:
        untold = [i for i, t in enumerate(every) if not any(_covered(t.words, w) for w in said)]
        for i, j in _paired_by_meaning(every, untold, echoes, seen, judge):
            echoes[i].add(j)
            echoes[j].add(i)
    widely = []
    for i, clause in enumerate(every):
        tellings = [clause, *(every[j] for j in sorted(echoes[i]))]
        sources = frozenset(t.source for t in tellings)
        if len(sources) >= half:
            widely.append((clause, tellings, sources))
    widely.sort(key=lambda w: (-len(w[2]), w[0].position))
    found: list[LeftOut] = []
    # What was written up: each telling itself, not its words. A loose echo of one fact ("engineers
    # were due to inspect the wall on Friday" beside "the council opened a rest centre on Friday")
    # must not count as telling a third fact that shares its words (the wall was outflanked).
    written: set[tuple[str, str]] = set()
    for clause, tellings, sources in widely:
        if (clause.passage_id, clause.sentence) in written:
            continue  # another outlet's telling of a fact already found, or a clause of one
        covering = [text for text, words in zip(briefed, said, strict=True) if _covers(tellings, words)]
        if covering and not _shared_detail_lost(tellings, covering):
            continue
        if any(same_figure(t.sentence, text) for t in tellings for text in briefed):
            continue  # a brief gives its figure in other words: "120,000 cubic metres a day"
        core = _most_shared(tellings)
        found.append(LeftOut(core.passage_id, core.sentence, sources, _other_tellings(core, tellings)))
        written.update((t.passage_id, t.sentence) for t in tellings)
        if len(found) == MOST_FACTS:
            break
    return found


def _covers(tellings: Sequence[_Told], said: frozenset[str]) -> bool:
    return any(_covered(t.words, said) for t in tellings)


def _shared_detail_lost(tellings: Sequence[_Told], covering: Sequence[str]) -> bool:
    """Whether every brief sentence that tells the fact leaves out a run of words all its outlets'
    tellings share ("eastern end" of the flood wall, in "Water breached Orvel's flood wall"): then
    the fact is written up again, with those words (`left_out_writer`)."""
    first = tellings[0]
    runs = common_runs(first.sentence, [t.sentence for t in tellings if t.source != first.source])
    return any(all(not set(content_words(run).values()) & _words(text) for text in covering) for run in runs)


def widely_told(sources: int) -> int:
    """How many independent sources make a fact widely told: half of them, and at least two."""
    return max(2, math.ceil(sources / 2))


def _most_shared(tellings: Sequence[_Told]) -> _Told:
    """The telling whose words the other outlets' tellings share most: the model writes up mostly
    the telling it is shown first, so that one should be the fact's core, not one outlet's details
    ("The council turned the Corn Exchange into a rest centre", not "Evacuated residents are being
    housed at the Corn Exchange, which the council opened as a rest centre, and in two hotels")."""

    def shared(t: _Told) -> float:
        others = [u for u in tellings if u.source != t.source]
        return sum(len(t.words & u.words) / len(t.words | u.words) for u in others) / max(1, len(others))

    return max(tellings, key=shared)  # the first of equals: the most widely told clause's own


def _other_tellings(clause: _Told, tellings: Sequence[_Told]) -> tuple[tuple[str, str], ...]:
    """One telling per other outlet, the one sharing most words with the clause; the outlet whose
    telling shares most comes first (the model is shown it first when the fact is asked again)."""
    best: dict[str, _Told] = {}
    for t in tellings:
        if t.source == clause.source or t.sentence == clause.sentence:
            continue
        known = best.get(t.source)
        if known is None or len(t.words & clause.words) > len(known.words & clause.words):
            best[t.source] = t
    closest = sorted(best.values(), key=lambda t: -len(t.words & clause.words))
    return tuple(dict.fromkeys((t.passage_id, t.sentence) for t in closest))


def _sentences_with(every: Sequence[_Told]) -> Counter[str]:
    """For each word, how many of the cluster's sentences have it."""
    sentence_words: dict[tuple[str, str], set[str]] = {}
    for t in every:
        sentence_words.setdefault((t.passage_id, t.sentence), set()).update(t.words)
    return Counter(w for words in sentence_words.values() for w in words)


_FEW_SHARED = 3  # clauses sharing only this many words are one fact only when one of them is rare


def _echoes(every: Sequence[_Told], seen: Counter[str]) -> list[set[int]]:
    """For each clause, the clauses of other outlets that say the same in the same words. Three
    shared words are enough only when one is rare in the cluster (`_RARE`): "the district council
    … on Friday" is said of the rest centre and of the engineers' visit to the wall; "ordered an
    investigation" of one thing."""

    def same(a: _Told, b: _Told) -> bool:
        shared = a.words & b.words
        rare = any(seen[w] <= _RARE for w in shared)
        return same_sentence(a.words, b.words) and (len(shared) > _FEW_SHARED or rare)

    return [{j for j, t in enumerate(every) if t.source != a.source and same(a, t)} for a in every]


_MOST_QUESTIONS = 12  # judge questions per story for pairing by meaning (about a second each)
_RARE = 2  # a word in at most this many of the cluster's sentences marks two of them as maybe one fact


def _paired_by_meaning(
    every: Sequence[_Told],
    untold: Sequence[int],
    echoes: Sequence[set[int]],
    seen: Counter[str],
    judge: EntailmentJudge,
) -> list[tuple[int, int]]:
    """Clauses of two outlets that tell one fact in other words ("a fever, a cough or shortness of
    breath … contact a doctor" / "symptoms such as high temperature, coughing or breathlessness …
    seek medical advice"): a word of theirs that hardly any other sentence has makes them a
    candidate, and the judge decides whether the shorter sentence is borne out by the longer. Only
    clauses no brief tells are asked about, the pairs with most rare words first, at most
    `_MOST_QUESTIONS` questions."""
    candidates = []
    for i in untold:
        for j in untold:
            a, b = every[i], every[j]
            if a.source >= b.source or j in echoes[i]:
                continue
            rare = [w for w in a.words & b.words if seen[w] <= _RARE]
            if rare:
                candidates.append((-len(rare), min(a.position, b.position), i, j))
    asked: set[tuple[str, str]] = set()
    pairs = []
    for *_, i, j in sorted(candidates):
        short, long = sorted((every[i].sentence, every[j].sentence), key=len)
        if (short, long) not in asked:
            if len(asked) == _MOST_QUESTIONS:
                break
            asked.add((short, long))
        if judge.entails(short, [long]):  # the judge remembers each answer
            pairs.append((i, j))
    return pairs


def _told(extraction: Extraction, passages: Mapping[str, Passage], root: Callable[[str], str]) -> list[_Told]:
    """The clauses of an article that tell news (history and background are left to the briefs)."""
    count = len(extraction.passage_ids)
    published = published_utc(extraction.article)
    out = []
    for index, pid in enumerate(extraction.passage_ids):
        text = passages[pid].text
        for start, end in sentence_spans(text):
            sentence = text[start:end].strip()
            clauses = _CLAUSE.split(sentence)
            # A long sentence as a whole shares a few words with too many others: its clauses only.
            whole = [sentence] if len(clauses) == 1 or len(_words(sentence)) <= _SHORT else []
            for part in [*whole, *clauses] if len(clauses) > 1 else whole:
                words = _words(part)
                if len(words) >= MIN_WORDS and not is_background(part, published):
                    out.append(_Told(root(extraction.article.id), pid, sentence, words, index / count))
    return out


def _covered(words: frozenset[str], said: frozenset[str]) -> bool:
    """Whether what was said tells these words: enough of them, and enough of their own share (a
    brief sentence about one clause of a long sentence does not tell the rest of it)."""
    shared = len(words & said)
    return shared >= MIN_WORDS and shared >= MIN_SHARE * len(words)


_SHORT = 12  # content words of a sentence compared as a whole as well as clause by clause
# Where a sentence's clauses part: a comma, semicolon or colon, and "and" or "but" joining clauses.
_CLAUSE = re.compile(r"[,;:]\s+|\s+(?:and|but|while|after|before)\s+")


def _words(text: str) -> frozenset[str]:
    return frozenset(content_words(text).values())
