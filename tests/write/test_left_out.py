"""Facts at least half the outlets report that every article brief left out are found in the
passages, written up in one model call, checked, and reach the story."""

from __future__ import annotations

from pathlib import Path

from factories import make_cluster

from briefing.backends.fake import FakeBackend
from briefing.check.crosscheck import source_of
from briefing.config import Settings
from briefing.pipeline import prepare, summarize
from briefing.progress import Progress
from briefing.schema import Brief, Citation, Extraction, Passage, Sentence
from briefing.write.briefer import Briefer
from briefing.write.left_out import MOST_FACTS, fill_left_out, left_out

OPENING = [
    "The Harl desalination plant began supplying homes in Marrowick on Tuesday.",
    "Marrowick switched on its seawater plant this week, the water authority said.",
    "Homes in Marrowick now get drinking water from the new Harl plant.",
]
BUOYS = [
    "Monitoring buoys will measure salt levels near the outfall by the end of April.",
    "The authority said buoys measuring salt levels at the outfall would be in place by the end of April.",
]
BAKERY = "A bakery on Mill Street began selling rye bread made with the plant's water."
HISTORY = "In 2009 the authority measured salt levels at the old outfall with buoys for a month."


def _cluster(
    bodies: list[list[str]], duplicate: int | None = None
) -> tuple[dict[str, Passage], list[Extraction]]:
    return make_cluster(*bodies, duplicate=duplicate, published="2026-03-04")


def _brief(passages: dict[str, Passage], article_id: str, text: str, cited: str) -> Brief:
    sentence = Sentence.model_validate(
        {"text": text, "citations": [Citation.of(passages[cited], passages)]}, context={"passages": passages}
    )
    return Brief(kind="article", article_ids=[article_id], headline="h", sentences=[sentence])


def _openings_only(passages: dict[str, Passage]) -> list[Brief]:
    """Briefs that tell only the opening, as a small model's short briefs do."""
    told = [
        "The Harl plant started supplying Marrowick homes on Tuesday.",
        "Marrowick's seawater plant is on.",
    ]
    return [_brief(passages, f"a{n}", text, f"a{n}.1") for n, text in enumerate(told, start=1)]


def test_a_fact_two_of_three_outlets_tell_late_and_no_brief_says_is_found() -> None:
    passages, extractions = _cluster([[OPENING[0], BUOYS[0]], [OPENING[1], BUOYS[1]], [OPENING[2], BAKERY]])
    found = left_out(passages, extractions, _openings_only(passages), source_of(extractions))
    assert [f.text for f in found] == [BUOYS[0]]  # told once, not once per outlet; not the bakery
    assert found[0].sources == {"a1", "a2"}
    assert found[0].passage_id == "a1.2"


def test_a_fact_a_brief_already_says_is_not_asked_for_again() -> None:
    passages, extractions = _cluster([[OPENING[0], BUOYS[0]], [OPENING[1], BUOYS[1]], [OPENING[2]]])
    said = _brief(passages, "a2", "Buoys will measure salt levels at the outfall by April.", "a2.2")
    briefs = [*_openings_only(passages), said]
    assert left_out(passages, extractions, briefs, source_of(extractions)) == []


def test_a_reprint_is_not_a_second_outlet_and_history_is_not_news() -> None:
    passages, extractions = _cluster(
        [[OPENING[0], BUOYS[0]], [OPENING[0], BUOYS[0]], [OPENING[2]]], duplicate=2
    )
    assert left_out(passages, extractions, _openings_only(passages), source_of(extractions)) == []
    passages, extractions = _cluster([[OPENING[0], HISTORY], [OPENING[1], HISTORY], [OPENING[2]]])
    assert left_out(passages, extractions, _openings_only(passages), source_of(extractions)) == []


def test_no_more_than_one_call_can_write_are_asked_for() -> None:
    facts = [
        "Inspectors checked the intake pumps and valves on Wednesday.",
        "The plant's solar farm covers twelve hectares of former pasture.",
        "Water bills will rise by six percent from July.",
        "The fishers' association wants an independent study of the brine.",
        "A second plant is planned for Torrby harbour next decade.",
        "School pupils will tour the plant's control room in May.",
    ]
    passages, extractions = _cluster([[OPENING[0], *facts], [OPENING[1], *facts[::-1]]])
    found = left_out(passages, extractions, _openings_only(passages), source_of(extractions))
    assert len(found) == MOST_FACTS


def test_the_written_sentences_are_checked_and_cite_the_fact_s_passage() -> None:
    passages, extractions = _cluster([[OPENING[0], BUOYS[0]], [OPENING[1], BUOYS[1]], [OPENING[2]]])
    backend = FakeBackend()  # extractive: writes each shown passage's first sentence
    briefer = Briefer(backend, passages, Settings(backend="fake"))
    written, skipped = fill_left_out(briefer, extractions, _openings_only(passages), None)
    assert skipped == [] and len(backend.calls) == 1
    assert "<passages>" in backend.calls[0].messages[-1]["content"]
    [brief] = written
    assert brief.article_ids == ["a1"]
    [sentence] = brief.sentences
    assert [c.passage_id for c in sentence.citations] == ["a1.2"]
    assert sentence.verification is not None and sentence.verification.passed


def test_a_reply_with_nothing_usable_is_reported_not_lost() -> None:
    passages, extractions = _cluster([[OPENING[0], BUOYS[0]], [OPENING[1], BUOYS[1]], [OPENING[2]]])
    backend = FakeBackend(replies=["not json", "still not json"])
    briefer = Briefer(backend, passages, Settings(backend="fake"))
    written, skipped = fill_left_out(briefer, extractions, _openings_only(passages), None)
    assert written == []
    assert [s.what for s in skipped] == ["facts the article briefs left out"]


def test_nothing_left_out_asks_the_model_nothing() -> None:
    passages, extractions = _cluster([[OPENING[0]], [OPENING[1]], [OPENING[2]]])
    backend = FakeBackend()
    briefer = Briefer(backend, passages, Settings(backend="fake"))
    assert fill_left_out(briefer, extractions, _openings_only(passages), None) == ([], [])
    assert backend.calls == []


def test_a_fact_the_short_briefs_leave_out_reaches_the_story(tmp_path: Path) -> None:
    bodies = {
        "gazette.txt": ("Harl plant opens", "Harl Gazette", [OPENING[0], BUOYS[0]]),
        "post.txt": ("Seawater plant on", "Marrowick Post", [OPENING[1], BUOYS[1]]),
        "courier.txt": ("Water from the sea", "Bay Courier", [OPENING[2], BAKERY]),
    }
    for name, (title, source, body) in bodies.items():
        text = "\n\n".join(body)
        (tmp_path / name).write_text(f"{title}\nSource: {source}\n\n{text}\n", encoding="utf-8")
    backend = FakeBackend()
    config = Settings(backend="fake", max_sentences=1, min_sentences=1)
    prepared = prepare([str(tmp_path)], config, backend.count_tokens, Progress(None))
    result = summarize(prepared, backend, config, Progress(None))
    assert all("buoys" not in s.text for b in result.article_briefs for s in b.sentences)
    assert result.story is not None
    buoys = next(f for f in result.story.facts if "buoys" in f.text)
    assert buoys.independent_sources == 2
    assert buoys.id in result.story.lead_fact_ids or buoys.id in result.story.also_reported


def test_a_fact_a_brief_gives_the_figure_of_in_other_words_is_not_asked_for() -> None:
    capacity = [
        "The plant can produce 120,000 cubic metres of fresh water a day, a third of dry-summer demand.",
        "At full output the Harl plant makes 120,000 cubic metres of fresh water daily.",
    ]
    passages, extractions = _cluster([[OPENING[0], capacity[0]], [OPENING[1], capacity[1]], [OPENING[2]]])
    said = _brief(passages, "a1", "The plant yields 120,000 cubic metres a day.", "a1.2")
    briefs = [*_openings_only(passages), said]
    assert left_out(passages, extractions, briefs, source_of(extractions)) == []
    assert len(left_out(passages, extractions, _openings_only(passages), source_of(extractions))) == 1
