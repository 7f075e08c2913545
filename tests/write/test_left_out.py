"""Facts at least half the outlets report that every article brief left out are found in the
passages, written up in one model call, checked, and reach the story."""

from __future__ import annotations

from pathlib import Path

from factories import make_cluster

from briefing.backends.fake import FakeBackend
from briefing.check.crosscheck import source_of
from briefing.check.entail import EntailmentJudge
from briefing.config import Settings
from briefing.pipeline import prepare, summarize
from briefing.progress import Progress
from briefing.schema import Brief, Citation, Extraction, Passage, Sentence
from briefing.write.briefer import Briefer
from briefing.write.left_out import _MOST_QUESTIONS, MOST_FACTS, left_out
from briefing.write.left_out_writer import fill_left_out

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
    # The second outlet's telling bears the sentence out alone: it is cited too, a second source.
    assert [c.passage_id for c in sentence.citations] == ["a1.2", "a2.2"]
    assert sentence.verification is not None and sentence.verification.passed


def test_a_reply_with_nothing_usable_is_reported_not_lost() -> None:
    passages, extractions = _cluster([[OPENING[0], BUOYS[0]], [OPENING[1], BUOYS[1]], [OPENING[2]]])
    # Each ask and its mend, then the second ask (another outlet's telling first) and its mend.
    backend = FakeBackend(replies=["not json", "still not json", "not json", "still not json"])
    briefer = Briefer(backend, passages, Settings(backend="fake"))
    written, skipped = fill_left_out(briefer, extractions, _openings_only(passages), None)
    assert len(backend.calls) == 4
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


def test_a_loose_echo_of_one_fact_does_not_hide_another() -> None:
    """The rest centre's echo ("engineers … due to inspect the wall on Friday", sharing "council",
    "district" and "Friday") once counted as telling the wall fact too, so no one asked for it."""
    rest = [
        "The district council opened a rest centre on Friday.",
        "A rest centre opened on Friday, the district council said.",
        "Families slept at the council's rest centre, which opened on Friday.",
    ]
    wall = [
        "Council engineers said water had got round the eastern end of the town's flood wall.",
        "Engineers from the district council were due to inspect the wall on Friday to learn how water"
        " got round it.",
        "The town's flood wall held in the centre but was outflanked at its eastern end.",
    ]
    passages, extractions = _cluster([[rest[0], wall[0]], [wall[1], rest[1]], [wall[2], rest[2]]])
    found = left_out(passages, extractions, [], source_of(extractions))
    texts = [f.text for f in found]
    assert any("rest centre" in t for t in texts)
    assert any("eastern end" in t for t in texts)


def test_three_common_words_do_not_make_another_sentence_a_telling_of_the_fact() -> None:
    """ "the district council … on Friday" is said of the rest centre and of the engineers' visit to
    the wall: no rare word is shared, so the visit is no telling of the rest centre."""
    rest = [
        "Residents are housed at the Corn Exchange, which the district council opened on Friday.",
        "The district council has turned the Corn Exchange into a rest centre with camp beds.",
    ]
    visit = "Engineers from the district council were due to inspect the pumps on Friday."
    others = ["The district council met on Friday.", "Friday's district council meeting was short."]
    passages, extractions = _cluster([[rest[0], *others], [rest[1]], [visit, *others]])
    found = left_out(passages, extractions, [], source_of(extractions))
    fact = next(f for f in found if "Corn Exchange" in f.text)
    assert fact.sources == {"a1", "a2"}
    assert visit not in [text for _, text in fact.others]


SYMPTOMS = [
    "Anyone who develops a fever, a cough or shortness of breath should call a doctor, the health unit said.",
    "People with a high temperature, coughing or breathlessness were told to seek medical advice.",
]


def _judge(backend: FakeBackend) -> EntailmentJudge:
    return EntailmentJudge(backend, threshold=0.52)


def test_two_outlets_telling_a_fact_in_other_words_are_paired_by_the_judge() -> None:
    passages, extractions = _cluster([[OPENING[0], SYMPTOMS[0]], [OPENING[1], SYMPTOMS[1]], [OPENING[2]]])
    briefs = _openings_only(passages)
    assert left_out(passages, extractions, briefs, source_of(extractions)) == []  # one word: "cough"
    backend = FakeBackend(judgements=[0.9])
    found = left_out(passages, extractions, briefs, source_of(extractions), _judge(backend))
    assert len(found) == 1 and found[0].sources == {"a1", "a2"}
    [question] = backend.questions  # the shorter sentence, read against the longer
    assert f"Claim: {SYMPTOMS[1]}" in question[-1]["content"]
    assert SYMPTOMS[0] in question[-1]["content"]


def test_a_pair_the_judge_refuses_stays_apart() -> None:
    passages, extractions = _cluster([[OPENING[0], SYMPTOMS[0]], [OPENING[1], SYMPTOMS[1]], [OPENING[2]]])
    backend = FakeBackend(judgements=[0.1])
    judge = _judge(backend)
    assert left_out(passages, extractions, _openings_only(passages), source_of(extractions), judge) == []
    assert len(backend.questions) == 1


def test_pairing_by_meaning_asks_a_bounded_number_of_questions() -> None:
    things = ["otters", "herons", "seals", "kites", "voles", "egrets", "terns", "stoats"]
    things += ["badgers", "plovers", "curlews", "grebes", "ospreys", "martens"]
    first = [f"Volunteers counted {t} near the quay on Monday." for t in things]
    second = [f"Fishermen reported {t} beyond the harbour wall." for t in things]
    passages, extractions = _cluster([[OPENING[0], *first], [OPENING[1], *second], [OPENING[2]]])
    backend = FakeBackend(judgements=[0.1] * len(things))
    left_out(passages, extractions, _openings_only(passages), source_of(extractions), _judge(backend))
    assert 0 < len(backend.questions) == _MOST_QUESTIONS < len(things)


def test_the_other_outlets_tellings_are_shown_and_count_only_where_they_bear_the_sentence_out() -> None:
    told = [
        "The authority said monitoring buoys will measure salt levels near the outfall by the end of April.",
        "Buoys will measure salt levels near the outfall by the end of May, officials said.",
    ]
    passages, extractions = _cluster([[OPENING[0], BUOYS[0]], [OPENING[1], told[0]], [OPENING[2], told[1]]])
    [fact] = left_out(passages, extractions, _openings_only(passages), source_of(extractions))
    assert fact.passage_id == "a1.2"  # the telling whose words the others share most
    assert {pid for pid, _ in fact.others} == {"a2.2", "a3.2"}
    backend = FakeBackend()  # writes the first telling's sentence: "… by the end of April."
    briefer = Briefer(backend, passages, Settings(backend="fake"))
    written, _ = fill_left_out(briefer, extractions, _openings_only(passages), None)
    shown = backend.calls[0].messages[-1]["content"]
    assert shown.count("Also told as:") == 2 and told[1] in shown
    [sentence] = [s for b in written for s in b.sentences]
    # The outlet that says May does not count for April.
    assert sorted(c.passage_id for c in sentence.citations) == ["a1.2", "a2.2"]


def test_the_writer_is_not_shown_an_aside_that_dates_a_thing() -> None:
    wall = [
        "Water got round the eastern end of the flood wall, which was completed in 2011.",
        "Water found its way round the eastern end of the town's flood wall on Thursday.",
    ]
    passages, extractions = _cluster([[OPENING[0], wall[0]], [OPENING[1], wall[1]], [OPENING[2]]])
    backend = FakeBackend()
    briefer = Briefer(backend, passages, Settings(backend="fake"))
    fill_left_out(briefer, extractions, _openings_only(passages), None)
    shown = backend.calls[0].messages[-1]["content"]
    assert "Water got round the eastern end of the flood wall." in shown and "2011" not in shown


def test_the_fact_is_shown_by_the_telling_the_others_share_most() -> None:
    rest = [
        "Evacuated residents are housed at the Corn Exchange, which the council opened as a rest centre on"
        " Friday, and in two hotels on the ring road.",
        "The council turned the Corn Exchange into a rest centre on Friday.",
        "The council opened the Corn Exchange as a rest centre on Friday, with camp beds and hot food.",
    ]
    passages, extractions = _cluster([[OPENING[0], rest[0]], [OPENING[1], rest[1]], [OPENING[2], rest[2]]])
    [fact] = left_out(passages, extractions, _openings_only(passages), source_of(extractions))
    assert fact.text != rest[0]  # not the one outlet's details the model would copy
    assert {fact.passage_id, *(pid for pid, _ in fact.others)} == {"a1.2", "a2.2", "a3.2"}


WALL = [
    "Engineers said water got round the eastern end of Tarn's flood wall overnight.",
    "Tarn's flood wall held in the middle but was outflanked at its eastern end.",
]


def test_a_fact_a_brief_tells_without_the_detail_every_outlet_gives_is_written_up_again() -> None:
    """ "Water breached Tarn's flood wall" tells the wall, not where both outlets say it gave way."""
    passages, extractions = _cluster([[OPENING[0], WALL[0]], [OPENING[1], WALL[1]], [OPENING[2]]])
    vague = _brief(passages, "a1", "Water got past Tarn's flood wall overnight, engineers said.", "a1.2")
    found = left_out(passages, extractions, [*_openings_only(passages), vague], source_of(extractions))
    assert len(found) == 1 and "eastern end" in found[0].text
    kept = _brief(
        passages, "a1", "Water got round the eastern end of Tarn's flood wall, engineers said.", "a1.2"
    )
    assert left_out(passages, extractions, [*_openings_only(passages), kept], source_of(extractions)) == []
