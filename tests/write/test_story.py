"""The story across outlets: facts, who reports each, the lead's facts, sections and updates."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from conftest import REPO
from factories import make_article, make_passages

from briefing.backends.fake import FakeBackend
from briefing.check.crosscheck import mark_updates
from briefing.config import Settings
from briefing.pipeline import prepare, summarize
from briefing.progress import Progress
from briefing.render import render
from briefing.schema import Citation, Disagreement, Extraction, Fact, Passage, Result, Side, SourceSupport
from briefing.text.background import is_background, without_dated_asides
from briefing.write.briefer import Briefer
from briefing.write.story import find_story, settle
from briefing.write.story_sections import _quotations

GAZETTE = """Quarry Road bridge falls into the Lenn
Published: 3 March 2026 19:00
Source: Pellham Gazette

The Quarry Road bridge in Pellham collapsed into the River Lenn on Tuesday evening.
11 people were injured, the ambulance service said.
The council has opened an investigation into the collapse.
A bus with 23 passengers crossed two minutes before the bridge fell.
In 2011, a similar crossing upstream was closed for repairs.
"""
POST = """Injured rise after Pellham bridge collapse
Published: 4 March 2026 08:00
Source: Eastshire Post

Police said the Quarry Road bridge in Pellham collapsed on Tuesday evening and fell into the Lenn.
Its leader told reporters that the council has opened an investigation into why the bridge fell.
By Wednesday the number rose to 14 people injured, the ambulance service said.
Engineers said the crossing will stay closed to traffic for at least six months.
"""
COURIER = """Bridge gives way in Pellham
Published: 3 March 2026 21:00
Source: Lenn Valley Courier

On Tuesday evening the Quarry Road bridge in Pellham collapsed into the River Lenn.
The crossing will stay closed for at least six months, according to engineers.
"We heard a crack like a gunshot and then the whole span was gone," said resident Nadia Okoro.
"""


def _cluster(tmp_path: Path) -> Result:
    """Three outlets and a wire reprint of the first, briefed by the extractive fake backend."""
    reprint = GAZETTE.replace("Source: Pellham Gazette", "Source: Wire Reprint").replace(
        "Quarry Road bridge falls into the Lenn", "Pellham bridge down"
    )
    texts = {"gazette.txt": GAZETTE, "post.txt": POST, "courier.txt": COURIER, "reprint.txt": reprint}
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return _run([str(tmp_path)], brief_share=1.0)


def _examples(**settings: object) -> Result:
    return _run([str(REPO / "examples")], **settings)


def _run(paths: list[str], **settings: object) -> Result:
    backend = FakeBackend()
    config = Settings(backend="fake", **settings)  # type: ignore[arg-type]
    prepared = prepare(paths, config, backend.count_tokens, Progress(None))
    return summarize(prepared, backend, config, Progress(None))


def _outlet(result: Result, article_id: str) -> str | None:
    return next(e.article.source for e in result.articles if e.article.id == article_id)


def test_facts_count_every_independent_source_and_rank_the_widely_reported_first(tmp_path: Path) -> None:
    result = _cluster(tmp_path)
    story = result.story
    assert story is not None and story.independent_sources == 3  # the wire reprint is not a fourth
    collapse = next(f for f in story.facts if "collapsed" in f.text)
    assert collapse.independent_sources == 3
    assert {_outlet(result, s.article_id) for s in collapse.sources} == {
        "Pellham Gazette", "Eastshire Post", "Lenn Valley Courier",
    }  # fmt: skip
    assert collapse.sources[0].reprints or any(s.reprints for s in collapse.sources)  # named, not counted
    assert {c.article_id for c in collapse.citations} == {s.article_id for s in collapse.sources}
    assert story.facts[0] == collapse  # most sources, first in every article
    scores = [f.score for f in story.facts]
    assert scores == sorted(scores, reverse=True)


def test_every_fact_half_the_sources_report_is_in_the_lead_or_also_reported(tmp_path: Path) -> None:
    result = _cluster(tmp_path)
    story = result.story
    assert story is not None and result.cross_brief is not None
    half = [f.id for f in story.facts if f.independent_sources * 2 >= story.independent_sources]
    assert len(half) >= 2
    assert set(half) <= set(story.lead_fact_ids) | set(story.also_reported)
    cited = {c.passage_id for s in result.cross_brief.sentences for c in s.citations}
    assert story.lead_fact_ids
    for fact in story.facts:
        if fact.id in story.lead_fact_ids:
            assert {c.passage_id for c in fact.citations} <= cited


def test_lead_sentences_cite_every_source_of_their_facts(tmp_path: Path) -> None:
    result = _cluster(tmp_path)
    assert result.cross_brief is not None
    sources = [s.corroboration.independent_sources for s in result.cross_brief.sentences if s.corroboration]
    assert sources and max(sources) == 3
    for sentence in result.cross_brief.sentences:
        assert sentence.verification is not None and sentence.verification.passed


def test_one_outlet_facts_are_attributed_to_that_outlet(tmp_path: Path) -> None:
    result = _cluster(tmp_path)
    assert result.story is not None and result.story.outlet_adds
    for note in result.story.outlet_adds:
        fact = next(f for f in result.story.facts if f.id == note.fact_id)
        assert fact.independent_sources == 1 and fact.sources[0].article_id == note.article_id
        assert {c.article_id for c in note.sentence.citations} == {note.article_id}
    text = render(result, "md")
    assert "### What each outlet adds" in text
    assert any(f"{_outlet(result, n.article_id)} reports: " in text for n in result.story.outlet_adds)


def test_history_stays_out_of_the_lead(tmp_path: Path) -> None:
    result = _cluster(tmp_path)
    assert result.story is not None
    lead = [f for f in result.story.facts if f.id in result.story.lead_fact_ids]
    assert not any("2011" in f.text for f in lead)


def test_a_quote_is_shown_verbatim_with_speaker_and_outlet(tmp_path: Path) -> None:
    result = _cluster(tmp_path)
    assert result.story is not None
    quotes = [q for q in result.story.quotes if q.speaker == "Nadia Okoro"]
    assert quotes, [(q.speaker, q.text) for q in result.story.quotes]
    assert quotes[0].text in quotes[0].citation.quote
    assert "Nadia Okoro, Lenn Valley Courier" in render(result, "md")


def test_the_raised_injury_count_is_told_as_an_update(tmp_path: Path) -> None:
    result = _cluster(tmp_path)
    updates = [d for d in result.disagreements if d.update]
    assert updates, [d.topic for d in result.disagreements]
    assert updates[0].sides[0].value.startswith("11")
    assert "Later reports revise" in render(result, "md")


def test_the_examples_show_the_sections_in_markdown_and_html() -> None:
    result = _examples()
    assert result.story is not None and result.story.facts
    text, html = render(result, "md"), render(result, "html")
    assert ("### What each outlet adds" in text) == bool(result.story.outlet_adds)
    assert ("What each outlet adds" in html) == bool(result.story.outlet_adds)
    assert ("### Also reported" in text) == bool(result.story.also_reported)


def _two_outlets(first: list[str], second: list[str]) -> tuple[dict[str, Passage], list[Extraction]]:
    a = make_article("a1", "Bridge falls", first, source="Gazette", published="2026-03-03 19:00")
    b = make_article("b2", "Toll rises", second, source="Post", published="2026-03-04 08:00")
    passages = {p.id: p for p in [*make_passages(a, first), *make_passages(b, second)]}
    extractions = [
        Extraction(article=a, passage_ids=[f"a1.{i}" for i in range(1, len(first) + 1)]),
        Extraction(article=b, passage_ids=[f"b2.{i}" for i in range(1, len(second) + 1)]),
    ]
    return passages, extractions


def _toll(passages: dict[str, Passage]) -> Disagreement:
    return Disagreement(
        kind="figure",
        topic="people dead",
        sides=[
            Side(value="15", citations=[Citation.of(passages["b2.1"], passages)]),
            Side(value="12", citations=[Citation.of(passages["a1.1"], passages)]),
        ],
    )


def _when(extractions: list[Extraction]) -> dict[str, datetime]:
    return {
        "a1": datetime(2026, 3, 3, 19),
        "b2": datetime(2026, 3, 4, 8),
    }


def test_a_later_report_that_raises_a_figure_is_an_update_told_oldest_first() -> None:
    passages, extractions = _two_outlets(
        ["Twelve people died, 12 in all."], ["The toll rose to 15 on Wednesday."]
    )
    when = _when(extractions)
    [marked] = mark_updates([_toll(passages)], when.get)
    assert marked.update and [s.value for s in marked.sides] == ["12", "15"]
    sentence = marked.sentence(lambda a: {"a1": "Gazette", "b2": "Post"}[a])
    assert sentence.startswith("Later reports revise") and sentence.index("12") < sentence.index("15")


def test_without_words_of_change_or_dates_it_stays_a_disagreement() -> None:
    passages, extractions = _two_outlets(
        ["Twelve people died, 12 in all."], ["Fifteen people died, 15 in all."]
    )
    [plain] = mark_updates([_toll(passages)], _when(extractions).get)
    assert not plain.update and plain.sentence(lambda a: a).startswith("Sources differ")
    passages, _ = _two_outlets(["12 people died."], ["The toll rose to 15 on Wednesday."])
    [undated] = mark_updates([_toll(passages)], lambda _: None)
    assert not undated.update


def test_historyis_background_and_ranks_below_the_news() -> None:
    assert is_background("In 2011, a similar bridge closed for repairs.", datetime(2026, 3, 3))
    assert is_background("Historically, the two towns shared one ferry.", None)
    assert not is_background("The bridge fell on Tuesday, the council said.", datetime(2026, 3, 3))
    # A year in an aside dates the thing, not the news: the wall's failure is news.
    assert not is_background("The flood wall, finished in 2011, gave way at its end.", datetime(2026, 3, 3))
    assert is_background("The flood wall was finished in 2011.", datetime(2026, 3, 3))
    # An aside that is the year alone dates the sentence itself.
    assert is_background("The previous outbreak, in 2014, was small.", datetime(2026, 3, 3))
    wall = "Water found its way round the flood wall, which was completed in 2011 after floods in 2007."
    assert not is_background(wall, datetime(2026, 3, 3))
    shortened = "Water found its way round the flood wall, completed in 2011 after floods in 2007."
    assert not is_background(shortened, datetime(2026, 3, 3))
    assert is_background("The wall held in 2011, helped by sandbags.", datetime(2026, 3, 3))


def test_an_aside_that_dates_a_thing_is_left_out_of_what_the_writer_is_shown() -> None:
    wall = "Water found its way round the flood wall, which was completed in 2011 after floods in 2007."
    assert without_dated_asides(wall) == "Water found its way round the flood wall."
    aside = "The town's flood wall, finished in 2011, held in the centre."
    assert without_dated_asides(aside) == "The town's flood wall held in the centre."
    # A year alone dates the sentence itself: it stays.
    assert without_dated_asides("The outbreak, in 2014, was small.") == "The outbreak, in 2014, was small."


def test_quotations_are_taken_verbatim_with_their_named_speaker() -> None:
    found = _quotations('"We will find out exactly why this happened," said council leader Marta Fenwick.')
    assert found == [("We will find out exactly why this happened", "Marta Fenwick")]
    assert _quotations('"We will find out why," a spokesman said.') == []  # no named speaker, no quote
    # A quotation of two sentences, its speaker named where it ends.
    two = '"The pump has been shut and cleaned. What we need now is patience," said Dr Ilse Marrow.'
    assert _quotations(two) == [
        ("The pump has been shut and cleaned. What we need now is patience", "Ilse Marrow")
    ]


def test_settle_lists_the_shared_facts_the_lead_does_not_state(tmp_path: Path) -> None:
    result = _cluster(tmp_path)
    assert result.story is not None
    unsettled = settle(result.story, None)
    assert unsettled.lead_fact_ids == []
    shared = {f.id for f in result.story.facts if f.independent_sources >= 2 and not f.background}
    assert set(unsettled.also_reported) == shared


def test_find_story_without_shared_facts_still_chooses_a_lead() -> None:
    passages, extractions = _two_outlets(
        ["The Quarry Road bridge collapsed into the river on Tuesday evening."],
        ["A new bakery opened on Mill Street, selling rye bread."],
    )
    briefer = Briefer(FakeBackend(), passages, Settings(backend="fake"))
    briefs = [briefer.article(e.article, e.passage_ids) for e in extractions]
    story = find_story(briefs, passages, extractions, [], None)
    assert story.independent_sources == 2
    assert all(f.independent_sources == 1 for f in story.facts)
    assert story.lead_fact_ids  # the best facts of any one source


def _one_fact(texts: dict[str, str]) -> tuple[dict[str, Passage], dict[str, Citation], Fact]:
    """One passage per outlet (keyed by article id), and a fact of the first outlet's text that every
    outlet reports."""
    passages = {
        p.id: p
        for key, text in texts.items()
        for p in make_passages(make_article(key, "Story", [text]), [text])
    }
    cite = {pid: Citation.of(passages[pid], passages) for pid in passages}
    fact = Fact(
        id="F1", text=next(iter(texts.values())), independent_sources=len(texts), score=1.0,
        sources=[SourceSupport(article_id=k, passage_ids=[f"{k}.1"]) for k in texts],
        citations=list(cite.values()),
    )  # fmt: skip
    return passages, cite, fact


def test_a_lead_sentence_never_cites_an_outlet_that_gives_another_figure() -> None:
    from briefing.schema import Sentence
    from briefing.write.lead_sentences import with_every_source

    passages, cite, fact = _one_fact({
        "a1": "The plant can produce 120,000 cubic metres of water a day.",
        "b2": "The plant will treat up to 210,000 cubic metres of water a day.",
        "c3": "The plant, which makes 120,000 cubic metres of water a day, opened on Tuesday.",
    })  # fmt: skip
    sentence = Sentence(
        text="The plant produces 120,000 cubic metres of water a day.", citations=[cite["a1.1"]]
    )
    widened = with_every_source(sentence, [fact], passages)
    assert [c.passage_id for c in widened.citations] == ["a1.1", "c3.1"]


def test_a_lead_sentence_does_not_cite_the_outlets_of_another_fact_its_passage_tells() -> None:
    from briefing.schema import Sentence
    from briefing.write.lead_sentences import with_every_source

    # a1's passage tells the capacity and the chief executive's word; b2 and c3 give the capacity
    # alone. examples/: Okafor's "would protect the city from drought" counted them all.
    passages, cite, capacity = _one_fact({
        "b2": "The plant can produce 120,000 cubic metres of water a day.",
        "a1": "The plant can produce 120,000 cubic metres a day, and Okafor said it would end droughts.",
        "c3": "At full tilt the plant can produce 120,000 cubic metres a day.",
    })  # fmt: skip
    sentence = Sentence(text="Okafor said the plant would end droughts.", citations=[cite["a1.1"]])
    widened = with_every_source(sentence, [capacity], passages)
    assert [c.passage_id for c in widened.citations] == ["a1.1"]


def test_a_lead_that_cites_a_fact_but_drops_its_rank_or_figure_does_not_state_it() -> None:
    from briefing.schema import Brief, Sentence, Story

    texts = {
        "a1": "Halcyon's Tern lander became the first private craft to reach the lunar south pole.",
        "b2": "The Tern lander, built by Halcyon, touched down near the south pole on Sunday.",
    }
    _, cite, fact = _one_fact(texts)
    story = Story(independent_sources=2, facts=[fact], lead_fact_ids=["F1"])

    def lead(text: str) -> Brief:
        sentence = Sentence(text=text, citations=list(cite.values()))
        return Brief(kind="cross", article_ids=list(texts), headline="Tern lands", sentences=[sentence])

    dropped = settle(story, lead("Halcyon's Tern lander reached the Moon's south pole."))
    assert dropped.lead_fact_ids == [] and dropped.also_reported == ["F1"]
    kept = settle(story, lead("Halcyon's Tern lander was the first private craft to reach the south pole."))
    assert kept.lead_fact_ids == ["F1"] and kept.also_reported == []


def _facts_of(texts: dict[str, str]) -> list[Fact]:
    """The story's facts when each outlet (keyed by article id) has one passage, briefed by the fake."""
    articles = [make_article(key, "Story", [text], source=f"Outlet {key}") for key, text in texts.items()]
    passages = {p.id: p for a in articles for p in make_passages(a, [a.text])}
    extractions = [Extraction(article=a, passage_ids=[f"{a.id}.1"]) for a in articles]
    briefer = Briefer(FakeBackend(), passages, Settings(backend="fake"))
    briefs = [briefer.article(e.article, e.passage_ids) for e in extractions]
    return find_story(briefs, passages, extractions, [], None).facts


def _walkout(texts: dict[str, str]) -> Fact:
    [walkout] = [f for f in _facts_of(texts) if "walked out" in f.text]
    return walkout


def test_a_fact_is_told_by_the_claim_that_carries_its_figures_and_ranks() -> None:
    walkout = _walkout({
        "a1": "Teachers walked out on Monday, closing 42 public schools in Brannock.",
        "b2": "Brannock's teachers walked out on Monday and closed the city's schools.",
        "c3": "Teachers in Brannock walked out on Monday, shutting 42 public schools.",
    })  # fmt: skip
    assert walkout.independent_sources == 3
    assert "42" in walkout.text  # not the shorter telling without the count


def test_a_detail_only_one_outlet_gives_does_not_tell_a_fact_several_report() -> None:
    """The lead is written from the fact's telling: one with a count only its own outlet gives would
    be a lead sentence the other outlet does not bear out."""
    walkout = _walkout({
        "a1": "Teachers walked out on Monday, closing 42 public schools in Brannock.",
        "b2": "Brannock's teachers walked out on Monday and closed the city's schools.",
    })  # fmt: skip
    assert walkout.independent_sources == 2
    # b2's claim is two facts, each counted apart (`one_fact.facts_of`): the walkout is told by its
    # first, which both outlets bear out, not by a1's "closing 42 public schools".
    assert walkout.text == "Brannock's teachers walked out on Monday."


def test_a_claim_with_a_figure_the_other_lacks_is_another_fact_though_it_rests_on_its_passage() -> None:
    """One passage holds two facts: the opening, which both outlets report, and the capacity, which
    only one gives. The capacity is not the opening told with more detail."""
    facts = _facts_of({
        "a1": "The Tollard water plant went into service on Tuesday.",
        "b2": "The Tollard water plant, which went into service on Tuesday, will treat 40,000 litres a day.",
    })  # fmt: skip
    [capacity] = [f for f in facts if "40,000" in f.text]
    assert capacity.independent_sources == 1
    [opening] = [f for f in facts if "40,000" not in f.text]
    assert opening.independent_sources == 2
