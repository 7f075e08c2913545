"""The sentences of a lead once the model has written them: one fact each, citing every source.

A lead sentence that joins two whole clauses is cut in two (`one_fact.py`), so that each fact counts
every outlet that reports it; one that joins facts in a way no cut undoes (", costing 640 million
dollars") and so counts fewer outlets than a fact it states is told by those facts' own checked
tellings. The lead keeps at most the sentences it was asked for, and a fact cut off past them is
listed under "also reported" by `story.settle`. Each sentence then cites every passage of the facts
it states that does not contradict it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from briefing.check.verify import verify_sentence
from briefing.schema import Citation, DroppedSentence, Fact, Passage, Sentence
from briefing.text.words import content_words
from briefing.write.one_fact import one_fact_each


def lead_sentences(
    sentences: Sequence[Sentence], facts: Sequence[Fact], passages: Mapping[str, Passage], most: int
) -> tuple[list[Sentence], list[DroppedSentence]]:
    """The lead's sentences one fact each, at most `most`, each citing every source; and those cut off."""
    shown = list(dict.fromkeys(p for f in facts for p in passages_of(f)))
    parts = [part for s in sentences for part in one_fact_each(s, shown, passages)]
    parts = [
        with_every_source(fact_told, facts, passages)
        for part in parts
        for fact_told in _fact_by_fact(with_every_source(part, facts, passages), facts, passages)
    ]
    parts = _unrepeated(parts)
    kept = parts[:most]
    extra = [
        DroppedSentence(
            text=s.text, reason=f"more than the {most} sentences of a lead once cut to one fact each"
        )
        for s in parts[most:]
    ]
    return kept, extra


_STATES = 0.5  # share of a fact's content words a sentence has to state it


def _fact_by_fact(
    sentence: Sentence, facts: Sequence[Fact], passages: Mapping[str, Passage]
) -> list[Sentence]:
    """A sentence that joins facts in a way no cut can undo ("Marrowick opened its first plant on
    Tuesday, costing 640 million dollars": two outlets tell both, four each), and so counts fewer
    outlets than a fact it states, as those facts' own checked tellings, one a sentence."""
    cited = set(_cited(sentence))
    root = {p: s.article_id for f in facts for s in f.sources for p in s.passage_ids}
    stated = _facts_stated(sentence, facts)
    counted = len({root.get(p, passages[p].article_id) for p in cited})
    if len(stated) < 2 or counted >= max(f.independent_sources for f in stated):
        return [sentence]
    tellings = []
    for fact in stated:
        texts = [passages[p].text for p in passages_of(fact)]
        verdict = verify_sentence(fact.text, texts)
        if not verdict.passed:
            return [sentence]
        citations = [Citation.of(passages[p], passages) for p in passages_of(fact)]
        tellings.append(Sentence(text=fact.text, citations=citations, verification=verdict))
    return tellings


def _facts_stated(sentence: Sentence, facts: Sequence[Fact]) -> list[Fact]:
    """The facts whose passages the sentence cites and at least half of whose content words it has:
    a passage may tell two facts ("can produce 120,000 cubic metres", and Okafor's word on
    drought), and citing it does not state both."""
    cited = set(_cited(sentence))
    words = set(content_words(sentence.text).values())
    return [f for f in facts if cited & set(passages_of(f)) and _share(f.text, words) >= _STATES]


def _share(text: str, words: set[str]) -> float:
    ours = set(content_words(text).values())
    return len(ours & words) / max(1, len(ours))


def _unrepeated(sentences: Sequence[Sentence]) -> list[Sentence]:
    """Each sentence once: a fact told in its own telling may also be a sentence of the model's."""
    seen: set[str] = set()
    once = []
    for sentence in sentences:
        if sentence.text not in seen:
            seen.add(sentence.text)
            once.append(sentence)
    return once


def passages_of(fact: Fact) -> tuple[str, ...]:
    return tuple(c.passage_id for c in fact.citations)


def with_every_source(sentence: Sentence, facts: Sequence[Fact], passages: Mapping[str, Passage]) -> Sentence:
    """The sentence citing all passages of the facts it rests on, not just the fewest that suffice.

    A passage of those facts is added only when it does not contradict the sentence: one passage may
    stand behind two facts, and a sentence giving one outlet's figure must not count the outlet that
    gives another ("120,000 cubic metres" is not borne out by the passage saying "210,000").
    """
    cited = set(_cited(sentence))
    # Only facts the sentence states: another fact's outlets do not report this one.
    more = [p for f in _facts_stated(sentence, facts) for p in passages_of(f) if p not in cited]
    agreeing = [p for p in dict.fromkeys(more) if _agrees(sentence.text, passages[p].text)]
    ids = [*_cited(sentence), *agreeing]
    return sentence.model_copy(update={"citations": [Citation.of(passages[p], passages) for p in ids]})


# Checks that fail on other wording alone: another outlet's passage tells the fact in its own words.
_WORDING = frozenset({"support", "names"})


def _agrees(text: str, passage: str) -> bool:
    """No figure, polarity, role or other check finds the passage saying something else."""
    return all(c.passed for c in verify_sentence(text, [passage]).checks if c.name not in _WORDING)


def _cited(sentence: Sentence) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c.passage_id for c in sentence.citations))
