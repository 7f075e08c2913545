"""Corroboration and disagreements across outlets, on the example articles (fake backend)."""

from __future__ import annotations

from conftest import REPO

from briefing.backends.fake import FakeBackend
from briefing.check.crosscheck import corroborate, cross_check, disputed_topics, source_of
from briefing.config import Settings
from briefing.pipeline import Prepared, prepare, summarize
from briefing.progress import Progress
from briefing.render import render
from briefing.schema import Brief, Citation, Sentence


def _prepared() -> Prepared:
    return prepare(
        [str(REPO / "examples")], Settings(backend="fake"), FakeBackend().count_tokens, Progress(None)
    )


def _ids(prepared: Prepared) -> dict[str, str]:
    return {e.article.origin.split("/")[-1]: e.article.id for e in prepared.articles}


def _sentence(prepared: Prepared, text: str, passage_id: str) -> Sentence:
    citation = Citation.of(prepared.passages[passage_id], prepared.passages)
    return Sentence(text=text, citations=[citation])


def _passage_with(prepared: Prepared, article_id: str, words: str) -> str:
    return next(p.id for p in prepared.passages.values() if p.article_id == article_id and words in p.text)


def test_a_reprint_does_not_count_as_independent_confirmation() -> None:
    prepared = _prepared()
    ids = _ids(prepared)
    wire, ledger = ids["wire-copy.txt"], ids["daily-ledger.txt"]
    cited = _passage_with(prepared, wire, "640 million dollars")
    sentence = _sentence(prepared, "The plant cost 640 million dollars.", cited)
    support = corroborate(sentence, prepared.passages, source_of(prepared.articles))
    by_source = {s.article_id: s for s in support.sources}
    assert ledger not in by_source  # the syndicated copy is not a second source...
    assert by_source[wire].reprints == [ledger]  # ...it is named as a reprint of the original
    # Coastal Post, Harbour Tribune and Metro News say it too, independently.
    assert support.independent_sources == 4
    assert set(by_source) == {
        wire,
        ids["coastal-post.html"],
        ids["harbour-tribune.txt"],
        ids["metro-news.json"],
    }


def test_each_source_counted_for_a_cross_sentence_is_cited_by_the_passage_that_bears_it_out() -> None:
    prepared = _prepared()
    wire = _ids(prepared)["wire-copy.txt"]
    cited = _passage_with(prepared, wire, "640 million dollars")
    brief = Brief(kind="cross", article_ids=[wire], headline="Plant cost",
                  sentences=[_sentence(prepared, "The plant cost 640 million dollars.", cited)])  # fmt: skip
    marked, _ = cross_check(brief, prepared.passages, prepared.articles)
    assert marked is not None
    (sentence,) = marked.sentences
    assert sentence.corroboration is not None and sentence.corroboration.independent_sources == 4
    by_article = {c.article_id: c for c in sentence.citations}
    assert set(by_article) == {s.article_id for s in sentence.corroboration.sources}
    assert sentence.citations[0].passage_id == cited  # the model's own citation stays first
    for citation in sentence.citations:
        assert "640 million dollars" in citation.quote


def test_disagreements_on_capacity_and_project_lead_are_found_with_each_side_cited() -> None:
    prepared = _prepared()
    _, disagreements = cross_check(None, prepared.passages, prepared.articles)
    topics = sorted(d.topic for d in disagreements)
    assert topics == ["capacity (cubic metres a day)", "who led the project"]
    for d in disagreements:
        assert len(d.sides) == 2
        for side in d.sides:
            assert all(side.value in c.quote for c in side.citations)
    capacity = next(d for d in disagreements if d.kind == "figure")
    metro = _ids(prepared)["metro-news.json"]
    assert [c.article_id for c in capacity.sides[1].citations] == [metro]
    assert "210,000" in capacity.sides[1].value and "120,000" in capacity.sides[0].value


def test_a_sentence_giving_one_side_of_a_dispute_is_marked_disputed() -> None:
    prepared = _prepared()
    _, disagreements = cross_check(None, prepared.passages, prepared.articles)
    coastal = _ids(prepared)["coastal-post.html"]
    cited = _passage_with(prepared, coastal, "120,000")
    one_side = _sentence(prepared, "The plant can produce 120,000 cubic metres of fresh water a day.", cited)
    both = _sentence(prepared, "Capacity is given as 120,000 or 210,000 cubic metres a day.", cited)
    assert disputed_topics(one_side, disagreements) == ["capacity (cubic metres a day)"]
    assert disputed_topics(both, disagreements) == []


def test_cross_brief_output_says_how_many_independent_sources_and_shows_disagreements() -> None:
    settings, backend, progress = Settings(backend="fake"), FakeBackend(), Progress(None)
    result = summarize(_prepared(), backend, settings, progress)
    assert result.cross_brief is not None
    for sentence in result.cross_brief.sentences:
        assert sentence.corroboration is not None and sentence.corroboration.independent_sources >= 1
    assert len(result.disagreements) == 2
    markdown = render(result, "md")
    assert "## Where the sources disagree" in markdown
    assert "Metro News reports up to 210,000 cubic metres" in markdown
    assert "independent source" in markdown
    assert "Where the sources disagree" in render(result, "html")


def test_suspect_text_is_never_evidence_of_a_disagreement() -> None:
    prepared = _prepared()
    flagged_only = [e.model_copy(update={"passage_ids": []}) for e in prepared.articles]
    _, disagreements = cross_check(None, prepared.passages, flagged_only)
    assert disagreements == []


def _corroborating(judge_says: list[float], other_text: str) -> tuple[int, int]:
    """Independent sources for a sentence citing outlet A, when outlet B says `other_text`."""
    from briefing.check.entail import EntailmentJudge
    from briefing.schema import Passage

    cited = Passage(id="a1.1", article_id="a1", start=0, end=60, tokens=12,
                    text="The Marrowick plant began supplying homes on Tuesday.")  # fmt: skip
    other = Passage(id="b2.1", article_id="b2", start=0, end=len(other_text), tokens=12, text=other_text)
    passages = {p.id: p for p in (cited, other)}
    sentence = Sentence(text="The Marrowick plant began supplying homes on Tuesday.",
                        citations=[Citation.of(cited, passages)])  # fmt: skip
    backend = FakeBackend(judgements=judge_says)
    judge = EntailmentJudge(backend, threshold=0.5)
    corroboration = corroborate(sentence, passages, lambda a: a, judge)
    return corroboration.independent_sources, len(backend.questions)


def test_a_source_in_its_own_words_counts_when_the_judge_finds_the_fact_there() -> None:
    own_words = "Since Tuesday, taps in Marrowick homes have carried water from the new plant."
    assert _corroborating([0.9], own_words) == (2, 1)
    assert _corroborating([0.2], own_words) == (1, 1)


def test_a_source_that_contradicts_the_sentence_never_counts() -> None:
    denial = "The Marrowick plant did not begin supplying homes on Tuesday, the authority said."
    assert _corroborating([0.99], denial) == (1, 0)  # the structure checks refuse it before the judge
