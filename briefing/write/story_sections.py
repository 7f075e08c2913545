"""The sections of a story built from its ranked facts: what each outlet adds, quotations taken
verbatim from the passages with their speakers, and a timeline when the reports span days."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime

from spacy.tokens import Doc, Span

from briefing.check.voices import reporter
from briefing.schema import Citation, Fact, OutletNote, Passage, Quote, TimelineEntry
from briefing.text.parser import parse
from briefing.write.story_claims import Group

OUTLET_ADDS = 3  # facts per outlet in "what each outlet adds"
_QUOTES = 4


def outlet_adds(
    groups: Sequence[Group], by_text: Mapping[str, Fact], lead: Sequence[Fact]
) -> list[OutletNote]:
    """Facts only one source reports, best first, attributed to it. `story.settle` keeps a few per
    outlet (`OUTLET_ADDS`) once the lead is written: one the lead says again takes no place."""
    notes = []
    lead_texts = {f.text for f in lead}
    singles = [by_text[g.head.sentence.text] for g in groups if g.head.sentence.text in by_text]
    for fact in sorted(singles, key=lambda f: -f.score):
        if fact.independent_sources != 1 or fact.text in lead_texts or fact.background:
            continue
        source = fact.sources[0].article_id
        group = next(g for g in groups if g.head.sentence.text == fact.text)
        notes.append(OutletNote(article_id=source, fact_id=fact.id, sentence=group.head.sentence))
    return notes


_QUOTED = re.compile(r"[\"“]([^\"”]{20,400})[\"”]")


def quotes_of(
    facts: Sequence[Fact], evidence: Mapping[str, Passage], passages: Mapping[str, Passage]
) -> list[Quote]:
    """Quotations printed in the passages, verbatim, one per speaker: those behind the best facts
    first, then the rest in reading order."""
    found: list[Quote] = []
    speakers: set[str] = set()
    ordered = [c.passage_id for f in facts for c in f.citations]
    for pid in dict.fromkeys([*ordered, *evidence]):
        for text, speaker in _quotations(passages[pid].text):
            if speaker.lower() in speakers or len(found) >= _QUOTES:
                continue
            speakers.add(speaker.lower())
            found.append(Quote(text=text, speaker=speaker, citation=Citation.of(passages[pid], passages)))
    return found


def _quotations(text: str) -> list[tuple[str, str]]:
    """(quoted words, speaker) for each quotation of at least a few words whose speaker is named.

    A quotation may run over several sentences ("…has now been removed. What we need is vigilance,"
    said Dr Brask): it is found in the whole text, and its speaker in the sentence where it ends
    (where "said X" follows), else in the one where it starts."""
    doc = parse(text)
    found = []
    for match in _QUOTED.finditer(text):
        words = match.group(1).strip().rstrip(",")
        ends, starts = _sentence_at(doc, match.end() - 1), _sentence_at(doc, match.start())
        speaker = (_speaker(ends) if ends else None) or (_speaker(starts) if starts else None)
        if speaker and len(words.split()) >= 4:
            found.append((words, speaker))
    return found


def _sentence_at(doc: Doc, char: int) -> Span | None:
    return next((t.sent for t in doc if t.idx <= char < t.idx + max(1, len(t.text))), None)


def _speaker(sentence: Span) -> str | None:
    """The named person a quotation's sentence attributes it to ("..., said Mayor Ilse Varga.")."""
    people = [e.text for e in sentence.ents if e.label_ == "PERSON"]
    if people:
        return people[0]
    # The parser's names miss some surnames ("Okafor told reporters"): the named subject of a
    # reporting verb, with the proper nouns before it.
    who = reporter(sentence)
    if who is None or who.pos_ != "PROPN":
        return None
    name = [t for t in who.lefts if t.dep_ in {"compound", "flat"} and t.pos_ == "PROPN"]
    return " ".join(t.text for t in [*name, who])


def timeline_of(facts: Sequence[Fact], when: Mapping[str, datetime | None]) -> list[TimelineEntry]:
    """The facts first reported on each day, when the reports span more than one day."""
    days: dict[str, tuple[list[str], list[str]]] = {}
    # The days of the independent reports (a reprint's later date is no news).
    dates = {d.date() for f in facts for s in f.sources if (d := when.get(s.article_id)) is not None}
    if len(dates) < 2:
        return []
    for fact in facts:
        first = when.get(fact.first_reported or "")
        if first is None:
            continue
        articles, ids = days.setdefault(first.date().isoformat(), ([], []))
        articles.extend(a for a in (fact.first_reported or "",) if a not in articles)
        if len(ids) < 2 and not fact.background:
            ids.append(fact.id)
    return [
        TimelineEntry(date=day, article_ids=articles, fact_ids=ids)
        for day, (articles, ids) in sorted(days.items())
        if ids
    ]
