"""What the story is, decided by the program: the facts across outlets, who reports each, ranked.

The model does not choose what a cross-article brief says. The checked sentences of every article
brief are claims. Each claim is put to every other independent source (`crosscheck.corroborate`: a
passage that passes the checks, or that the model judge finds saying the same in other words; never
one that contradicts); a claim some source does not bear out is tried without its when ("on
Thursday evening") or its later clauses, and stated so when more sources bear that out
(`claim_core.py`). Two claims of
different sources are one fact when each is borne out by the other's source, through the passages
the other cites or in largely the same words. A fact knows
every independent source that reports it (reprints count once), its first and latest report.

Facts are ranked by how many independent sources report them, where they sit in the articles (lead
or far down), novelty (history and background rank low) and substance (figures, names, quotations).
The lead is written from every fact that at least half the sources report, then the best of the rest;
facts only one outlet reports become "what each outlet adds", attributed; quotations are taken
verbatim from the passages with their speakers; a timeline is drawn when reports span days.

Claims and how they join into facts are in `story_claims.py`; the sections after the lead (what each
outlet adds, quotes, timeline) in `story_sections.py`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime

from briefing.check.crosscheck import corroborate, disputed_topics, source_of
from briefing.check.entail import EntailmentJudge
from briefing.schema import (
    Brief,
    Citation,
    Disagreement,
    Extraction,
    Fact,
    OutletNote,
    Passage,
    Story,
)
from briefing.text.background import is_background
from briefing.text.clause_core import same_core
from briefing.text.dates import published_utc
from briefing.text.figure_match import missing_figures
from briefing.text.numbers import figures
from briefing.text.words import content_words
from briefing.write.claim_core import told_more_widely
from briefing.write.story_claims import Claim, Group, claims_of, cross_support, group_claims, shared_words
from briefing.write.story_sections import OUTLET_ADDS, outlet_adds, quotes_of, timeline_of

LEAD_FACTS = 6  # the most facts one lead of 2 to 4 sentences can carry


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
    claims = claims_of(briefs, articles, root, passages)
    total = len({root(e.article.id) for e in extractions if e.passage_ids})
    progress(f"putting {len(claims)} checked claims to every other source")
    for claim in claims:
        found = corroborate(claim.sentence, evidence, root, judge)
        found = told_more_widely(claim, found, evidence, root, judge, total)
        claim.support = {s.article_id: s for s in found.sources}
    cross_support(claims, passages, root, judge)
    groups = group_claims(claims)
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
        outlet_adds=outlet_adds(groups, by_text, lead),
        quotes=quotes_of(facts, evidence, passages),
        timeline=timeline_of(facts, when),
    )


def settle(story: Story, lead: Brief | None) -> Story:
    """The story once its lead is written: facts of several sources the lead does not state are
    listed as also reported, so that none of them is left out of the brief."""
    sentences = lead.sentences if lead is not None else []
    cited = {c.passage_id for s in sentences for c in s.citations}
    lead_text = " ".join(s.text for s in sentences)
    stated = [
        f.id
        for f in story.facts
        if {c.passage_id for c in f.citations} <= cited and carries(lead_text, f.text)
    ]
    said = [s.text for s in sentences]  # no fact said twice: what the lead says is not repeated below
    facts = {f.id: f for f in story.facts}
    also = []
    for fact in story.facts:
        shared = fact.independent_sources >= 2 and fact.id not in stated and not fact.background
        if shared and not _said_before(fact.text, said):
            also.append(fact.id)
            said.append(fact.text)
    adds: list[OutletNote] = []
    for note in story.outlet_adds:
        room = sum(a.article_id == note.article_id for a in adds) < OUTLET_ADDS
        if room and note.fact_id not in stated and not _said_before(facts[note.fact_id].text, said):
            adds.append(note)
            said.append(note.sentence.text)
    return story.model_copy(update={"lead_fact_ids": stated, "also_reported": also, "outlet_adds": adds})


_SAID = 0.6  # share of content words two sentences share to say the same thing
_RANKS = re.compile(r"\b(?:first|second|third|last|only|largest|biggest|highest|lowest|record)\b", re.I)


def carries(lead: str, fact: str) -> bool:
    """Whether the lead says what makes the fact news: its figures and its ranks ("the first private
    company"). Citing the fact's passages is not enough: a lead sentence may drop them."""
    ranks = {r.lower() for r in _RANKS.findall(fact)} - {r.lower() for r in _RANKS.findall(lead)}
    return not ranks and not missing_figures(fact, [lead])


def _specifics(text: str) -> int:
    return len(figures(text)) + len(_RANKS.findall(text))


def _said_before(text: str, said: Sequence[str]) -> bool:
    # One event told with other details ("Fishers raised concerns about the brine") is a repeat too,
    # and so is a fact a longer sentence tells whole beside another ("The plant will produce 120,000
    # cubic metres a day, and Mayor Rusk cut the ribbon in front of 200 guests").
    return any(
        shared_words(text, earlier) >= _SAID or same_core(text, earlier) or _told_within(text, earlier)
        for earlier in said
    )


_WITHIN = 0.85  # share of a fact's content words a longer sentence must have to tell it whole


def _told_within(fact: str, sentence: str) -> bool:
    ours = set(content_words(fact).values())
    told = len(ours & set(content_words(sentence).values())) / max(1, len(ours))
    return len(ours) >= 3 and told >= _WITHIN and carries(sentence, fact)


def lead_facts(facts: Sequence[Fact], total: int) -> list[Fact]:
    """Every fact at least half the sources report, then the best of the others that several report."""
    half = max(2, math.ceil(total / 2))
    widely = [f for f in facts if f.independent_sources >= half and not f.background]
    several = [f for f in facts if 2 <= f.independent_sources < half and not f.background]
    chosen = (widely + several)[:LEAD_FACTS] if len(widely) < LEAD_FACTS else widely
    if not chosen:  # no fact is shared: the best facts of any one source
        chosen = [f for f in facts if not f.background][:3] or list(facts[:3])
    return sorted(chosen, key=lambda f: -f.score)


def _fact(
    group: Group,
    passages: Mapping[str, Passage],
    when: Mapping[str, datetime | None],
    disagreements: Sequence[Disagreement],
    total: int,
) -> Fact:
    support = group.support()
    # The lead is written from one telling of the fact: one that several sources bear out, with
    # the most figures and ranks ("42 schools", "the first private company"). A detail only one
    # outlet gives ("in front of 200 guests") would leave a lead sentence the others do not bear out.
    head = min(group.claims, key=_telling_rank)
    ids = list(dict.fromkeys(pid for s in support.values() for pid in s.passage_ids))
    dated = sorted((w, s) for s in support if (w := when.get(s)) is not None)
    background = is_background(head.sentence.text, min((w for w, _ in dated), default=None))
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


def _telling_rank(claim: Claim) -> tuple[bool, int, int, int]:
    text = claim.sentence.text
    return len(claim.support) < 2, -_specifics(text), -len(claim.support), len(text)


def _score(group: Group, sources: int, total: int, background: bool) -> float:
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
