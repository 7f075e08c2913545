"""What the story is, decided by the program: the facts across outlets, who reports each, ranked.

The model does not choose what a cross-article brief says. The checked sentences of every article
brief are claims. Each claim is put to every other independent source (`crosscheck.corroborate`: a
passage that passes the checks, or that the model judge finds saying the same in other words; never
one that contradicts). Two claims of different sources are one fact when each is borne out by the
other's source, through the passages the other cites or in largely the same words. A fact knows
every independent source that reports it (reprints count once), its first and latest report.

Facts are ranked by how many independent sources report them, where they sit in the articles (lead
or far down), novelty (history and background rank low) and substance (figures, names, quotations).
The lead is written from every fact that at least half the sources report, then the best of the rest;
facts only one outlet reports become "what each outlet adds", attributed; quotations are taken
verbatim from the passages with their speakers; a timeline is drawn when reports span days.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from spacy.tokens import Span

from briefing.check.entail import EntailmentJudge
from briefing.check.parser import parse
from briefing.check.voices import reporter
from briefing.crosscheck import corroborate, disputed_topics, source_of
from briefing.numbers import figures
from briefing.published import published_utc
from briefing.schema import (
    Brief,
    Citation,
    Disagreement,
    Extraction,
    Fact,
    OutletNote,
    Passage,
    Quote,
    Sentence,
    SourceSupport,
    Story,
    TimelineEntry,
)
from briefing.text_words import content_words
from briefing.verify import verify_sentence

LEAD_FACTS = 6  # the most facts one lead of 2 to 4 sentences can carry
_OUTLET_ADDS = 3  # facts per outlet in "what each outlet adds"
_QUOTES = 4
_SAME_WORDS = 0.34  # share of content words two claims share to be one fact without a shared passage
_RELATED = 0.3  # share of the shorter claim's content words the other has, to compare them at all
_SHARED_PASSAGE_WORDS = 0.3  # share of the shorter claim's words, for one resting on the other's passage


@dataclass
class _Claim:
    sentence: Sentence
    article_id: str
    source: str  # the independent source: the original the article reprints, or itself
    order: int  # place of the sentence in its brief
    position: float  # where its first cited passage sits in the article: 0 top, 1 bottom
    support: dict[str, SourceSupport] = field(default_factory=dict)

    @property
    def cited(self) -> set[str]:
        return {c.passage_id for c in self.sentence.citations}


@dataclass
class _Group:
    claims: list[_Claim]

    @property
    def head(self) -> _Claim:
        return self.claims[0]

    def support(self) -> dict[str, SourceSupport]:
        merged: dict[str, SourceSupport] = {}
        for claim in self.claims:
            for source, found in claim.support.items():
                known = merged.get(source)
                if known is None:
                    merged[source] = found
                    continue
                ids = list(dict.fromkeys([*known.passage_ids, *found.passage_ids]))
                reprints = sorted({*known.reprints, *found.reprints})
                merged[source] = SourceSupport(article_id=source, passage_ids=ids, reprints=reprints)
        return merged


def find_story(
    briefs: Sequence[Brief],
    passages: Mapping[str, Passage],
    extractions: Sequence[Extraction],
    disagreements: Sequence[Disagreement],
    judge: EntailmentJudge | None,
    progress: Callable[[str], None] = lambda _: None,
) -> Story:
    """The facts of all article briefs across outlets, ranked, with the sections built from them."""
    root = source_of(extractions)
    used = {p for e in extractions for p in e.passage_ids}  # suspect text is never evidence
    evidence = {pid: passages[pid] for pid in passages if pid in used}
    articles = {e.article.id: e for e in extractions}
    claims = _claims(briefs, articles, root)
    progress(f"putting {len(claims)} checked claims to every other source")
    for claim in claims:
        found = corroborate(claim.sentence, evidence, root, judge)
        claim.support = {s.article_id: s for s in found.sources}
    _cross_support(claims, passages, root, judge)
    total = len({root(e.article.id) for e in extractions if e.passage_ids})
    groups = _group(claims)
    when = {e.article.id: published_utc(e.article) for e in extractions}
    facts = [_fact(g, passages, when, disagreements, total) for g in groups]
    facts.sort(key=lambda f: -f.score)
    facts = [f.model_copy(update={"id": f"F{i}"}) for i, f in enumerate(facts, start=1)]
    by_text = {f.text: f for f in facts}
    lead = lead_facts(facts, total)
    return Story(
        independent_sources=total,
        facts=facts,
        lead_fact_ids=[f.id for f in lead],
        also_reported=[
            f.id for f in facts if f.independent_sources >= 2 and f not in lead and not f.background
        ],
        outlet_adds=_outlet_adds(groups, by_text, lead),
        quotes=_quotes(facts, evidence, passages),
        timeline=_timeline(facts, when),
    )


def settle(story: Story, lead: Brief | None) -> Story:
    """The story once its lead is written: facts of several sources the lead does not state are
    listed as also reported, so that none of them is left out of the brief."""
    sentences = lead.sentences if lead is not None else []
    cited = {c.passage_id for s in sentences for c in s.citations}
    stated = [f.id for f in story.facts if {c.passage_id for c in f.citations} <= cited]
    said = [s.text for s in sentences]  # no fact said twice: what the lead says is not repeated below
    facts = {f.id: f for f in story.facts}
    also = []
    for fact in story.facts:
        shared = fact.independent_sources >= 2 and fact.id not in stated and not fact.background
        if shared and not _said_before(fact.text, said):
            also.append(fact.id)
            said.append(fact.text)
    adds = []
    for note in story.outlet_adds:
        if note.fact_id not in stated and not _said_before(facts[note.fact_id].text, said):
            adds.append(note)
            said.append(note.sentence.text)
    return story.model_copy(update={"lead_fact_ids": stated, "also_reported": also, "outlet_adds": adds})


_SAID = 0.6  # share of content words two sentences share to say the same thing


def _said_before(text: str, said: Sequence[str]) -> bool:
    return any(_shared_words(text, earlier) >= _SAID for earlier in said)


def lead_facts(facts: Sequence[Fact], total: int) -> list[Fact]:
    """Every fact at least half the sources report, then the best of the others that several report."""
    half = max(2, math.ceil(total / 2))
    widely = [f for f in facts if f.independent_sources >= half and not f.background]
    several = [f for f in facts if 2 <= f.independent_sources < half and not f.background]
    chosen = (widely + several)[:LEAD_FACTS] if len(widely) < LEAD_FACTS else widely
    if not chosen:  # no fact is shared: the best facts of any one source
        chosen = [f for f in facts if not f.background][:3] or list(facts[:3])
    return sorted(chosen, key=lambda f: -f.score)


def _cross_support(
    claims: Sequence[_Claim],
    passages: Mapping[str, Passage],
    root: Callable[[str], str],
    judge: EntailmentJudge | None,
) -> None:
    """Claims of two sources about the same thing, each read against the other's own passages.

    `corroborate` reads a claim against the passage of each source closest in words; two outlets
    telling one event in different words and details ("A 71-year-old man died…" and "A pensioner
    lost his life") are found here: when the claims share their words, the passages of its own
    source that one rests on are put to the checks (and the judge) for the other.
    """
    for a in claims:
        for b in claims:
            if a.source == b.source or b.source in a.support:
                continue
            if _contained(a.sentence.text, b.sentence.text) < _RELATED:
                continue
            own = sorted(p for p in b.cited if root(passages[p].article_id) == b.source)
            if own and verify_sentence(a.sentence.text, [passages[p].text for p in own], judge=judge).passed:
                a.support[b.source] = SourceSupport(article_id=b.source, passage_ids=own)


def _claims(
    briefs: Sequence[Brief], articles: Mapping[str, Extraction], root: Callable[[str], str]
) -> list[_Claim]:
    claims = []
    for brief in briefs:
        article_id = brief.article_ids[0]
        order_of = {p: i for i, p in enumerate(articles[article_id].passage_ids)}
        count = max(1, len(order_of))
        for order, sentence in enumerate(brief.sentences):
            first = min((order_of.get(c.passage_id, count) for c in sentence.citations), default=count)
            claims.append(_Claim(sentence, article_id, root(article_id), order, min(1.0, first / count)))
    return claims


def _group(claims: Sequence[_Claim]) -> list[_Group]:
    """Claims joined into facts: each joins the first fact whose leading claim it matches both ways."""
    ranked = sorted(claims, key=lambda c: (-len(c.support), c.position, c.order))
    groups: list[_Group] = []
    for claim in ranked:
        home = next((g for g in groups if _same_fact(g.head, claim)), None)
        if home is None:
            groups.append(_Group([claim]))
        else:
            home.claims.append(claim)
    return groups


def _same_fact(a: _Claim, b: _Claim) -> bool:
    """Whether two claims state one fact: the same words, or each borne out by the other's source."""
    shared = _shared_words(a.sentence.text, b.sentence.text)
    if a.sentence.text == b.sentence.text or (a.cited & b.cited and shared >= _SAME_WORDS):
        return True
    if a.source == b.source:
        return False
    # b rests on the very passage that bears a out: one fact, if they also share some words.
    one_way = b.source in a.support and set(a.support[b.source].passage_ids) & b.cited
    if one_way and _contained(a.sentence.text, b.sentence.text) >= _SHARED_PASSAGE_WORDS:
        return True
    if b.source not in a.support or a.source not in b.support:
        return False
    through_cited = (
        set(a.support[b.source].passage_ids) & b.cited or set(b.support[a.source].passage_ids) & a.cited
    )
    return bool(through_cited) or shared >= _SAME_WORDS


def _contained(a: str, b: str) -> float:
    """Share of the shorter text's content words that the other has."""
    ours, theirs = set(content_words(a).values()), set(content_words(b).values())
    return len(ours & theirs) / max(1, min(len(ours), len(theirs)))


def _shared_words(a: str, b: str) -> float:
    ours, theirs = set(content_words(a).values()), set(content_words(b).values())
    return len(ours & theirs) / max(1, len(ours | theirs))


def _fact(
    group: _Group,
    passages: Mapping[str, Passage],
    when: Mapping[str, datetime | None],
    disagreements: Sequence[Disagreement],
    total: int,
) -> Fact:
    support = group.support()
    head = min(group.claims, key=lambda c: (-len(c.support), len(c.sentence.text)))
    ids = list(dict.fromkeys(pid for s in support.values() for pid in s.passage_ids))
    dated = sorted((w, s) for s in support if (w := when.get(s)) is not None)
    background = _is_background(head.sentence.text, min((w for w, _ in dated), default=None))
    return Fact(
        id="F0",
        text=head.sentence.text,
        independent_sources=len(support),
        sources=list(support.values()),
        citations=[Citation.of(passages[p], passages) for p in ids],
        first_reported=dated[0][1] if dated else None,
        latest_reported=dated[-1][1] if dated else None,
        background=background,
        score=_score(group, len(support), total, background),
        disputed=disputed_topics(head.sentence, disagreements),
    )


def _score(group: _Group, sources: int, total: int, background: bool) -> float:
    """Sources reporting it first; then lead before background, then figures, names and quotations."""
    best = min(group.claims, key=lambda c: c.position)
    text = group.head.sentence.text
    substance = bool(figures(text)) + bool(re.search(r"\s[A-Z][a-z]", text)) + ("'" in text or '"' in text)
    return round(
        2.0 * sources / max(1, total)
        + 0.8 * (1 - best.position)
        + 0.2 * (best.order == 0)
        + 0.15 * substance
        - (1.5 if background else 0.0),
        3,
    )


_BACKGROUND = re.compile(
    r"\b(?:historically|years ago|decades ago|in the past|previously|used to|once again|"
    r"for decades|was founded|had long|since (?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")


def _is_background(text: str, published: datetime | None) -> bool:
    """History or context: background words, or a year before the reports' own."""
    if _BACKGROUND.search(text):
        return True
    years = [int(y) for y in _YEAR.findall(text)]
    return published is not None and bool(years) and max(years) < published.year


def _outlet_adds(
    groups: Sequence[_Group], by_text: Mapping[str, Fact], lead: Sequence[Fact]
) -> list[OutletNote]:
    """Facts only one source reports, best first, a few per outlet, attributed to it."""
    notes, per_outlet = [], dict[str, int]()
    lead_texts = {f.text for f in lead}
    singles = [by_text[g.head.sentence.text] for g in groups if g.head.sentence.text in by_text]
    for fact in sorted(singles, key=lambda f: -f.score):
        if fact.independent_sources != 1 or fact.text in lead_texts or fact.background:
            continue
        source = fact.sources[0].article_id
        if per_outlet.get(source, 0) >= _OUTLET_ADDS:
            continue
        per_outlet[source] = per_outlet.get(source, 0) + 1
        group = next(g for g in groups if g.head.sentence.text == fact.text)
        notes.append(OutletNote(article_id=source, fact_id=fact.id, sentence=group.head.sentence))
    return notes


_QUOTED = re.compile(r"[\"“]([^\"”]{20,400})[\"”]")


def _quotes(
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
    """(quoted words, speaker) for each quotation of at least a few words whose speaker is named."""
    found = []
    for sentence in parse(text).sents:
        for match in _QUOTED.finditer(sentence.text):
            words = match.group(1).strip().rstrip(",")
            speaker = _speaker(sentence)
            if speaker and len(words.split()) >= 4:
                found.append((words, speaker))
    return found


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


def _timeline(facts: Sequence[Fact], when: Mapping[str, datetime | None]) -> list[TimelineEntry]:
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
