from __future__ import annotations

import json

import pytest

from briefing.backends.base import Completion
from briefing.backends.fake import FakeBackend, schema_labels
from briefing.errors import GenerationError
from briefing.schema import Passage
from briefing.write.generate import Cost, Source, generate

TEXT = 'The plant will produce 40,000 cubic metres a day. Mayor Ines Berg called it "a turning point".'
PASSAGES = {
    "a1.1": Passage(id="a1.1", article_id="a1", start=0, end=49, text=TEXT[:49], tokens=10),
    "a1.2": Passage(id="a1.2", article_id="a1", start=50, end=len(TEXT), text=TEXT[50:], tokens=10),
}
SOURCES = [Source("P1", ("a1.1",)), Source("P2", ("a1.2",))]
MESSAGES = [
    {"role": "system", "content": "Write a brief."},
    {"role": "user", "content": f"[P1] {TEXT[:49]}\n[P2] {TEXT[50:]}"},
]


def _reply(*sentences: tuple[str, list[str]]) -> str:
    return json.dumps(
        {"headline": "Plant", "sentences": [t + " " + "".join(f"[{c}]" for c in cs) for t, cs in sentences]}
    )


def _run(backend: FakeBackend) -> object:
    return generate(
        backend,
        MESSAGES,
        SOURCES,
        PASSAGES,
        max_tokens=99,
        min_sentences=1,
        max_sentences=5,
        what="article a1",
    )


def test_valid_reply_becomes_cited_sentences_with_quoted_spans() -> None:
    backend = FakeBackend([_reply(("The plant will make 40,000 cubic metres daily.", ["P1"]))])
    result = _run(backend)
    (sentence,) = result.sentences  # type: ignore[attr-defined]
    (citation,) = sentence.citations
    assert (citation.passage_id, citation.article_id, citation.start, citation.end) == ("a1.1", "a1", 0, 49)
    assert citation.quote == TEXT[:49]
    assert len(backend.calls) == 1
    call = backend.calls[0]
    assert call.max_tokens == 99
    assert schema_labels(call.json_schema) == ["P1", "P2"]  # type: ignore[arg-type]


def test_invalid_draft_goes_back_once_with_the_errors_then_the_repair_is_used() -> None:
    backend = FakeBackend(
        [
            _reply(("The plant makes water.", ["P9"])),
            _reply(("The plant will produce 40,000 cubic metres each day.", ["P1"])),
        ]
    )
    result = _run(backend)
    assert [s.text for s in result.sentences] == ["The plant will produce 40,000 cubic metres each day."]  # type: ignore[attr-defined]
    assert len(backend.calls) == 2
    repair = backend.calls[1].messages[-1]["content"]
    assert "cites ids that were not shown: P9" in repair


def test_changed_figure_is_dropped_and_reported_not_shipped() -> None:
    bad = ("The plant will produce 45,000 cubic metres a day.", ["P1"])
    good = ("Mayor Ines Berg praised the plant.", ["P2"])
    backend = FakeBackend([_reply(bad, good), _reply(bad, good)])
    result = _run(backend)
    assert [s.text for s in result.sentences] == [good[0]]  # type: ignore[attr-defined]
    (dropped,) = result.dropped  # type: ignore[attr-defined]
    assert dropped.text == bad[0]
    assert dropped.reason.startswith("unsupported: figures not in the cited passages: 45,000")


def test_quote_not_in_source_is_dropped() -> None:
    bad = ('Berg said it was "a historic day".', ["P2"])
    backend = FakeBackend([_reply(bad, ("Berg praised the plant.", ["P2"]))] * 2)
    result = _run(backend)
    assert 'quotations not verbatim in the cited passages: "a historic day"' in result.dropped[0].reason  # type: ignore[attr-defined]


def test_no_valid_sentence_is_an_error_not_an_empty_brief() -> None:
    backend = FakeBackend([_reply(("Made-up claim of 99 jobs.", ["P1"]))] * 2)
    with pytest.raises(GenerationError, match="article a1: no sentence passed validation"):
        _run(backend)


def test_reply_cut_off_by_length_is_incomplete_not_a_brief() -> None:
    cut = Completion('{"headline": "Pla', 10, 99, "length")
    backend = FakeBackend([cut, cut])
    with pytest.raises(GenerationError, match="cut off at max_tokens=99"):
        _run(backend)


def test_not_json_is_repaired() -> None:
    backend = FakeBackend(["Sure! Here is the brief.", _reply(("Berg praised the plant.", ["P2"]))])
    result = _run(backend)
    assert len(result.sentences) == 1  # type: ignore[attr-defined]
    assert "not valid JSON" in backend.calls[1].messages[-1]["content"]


def test_a_worse_repair_does_not_replace_kept_sentences() -> None:
    first = _reply(("Berg praised the plant.", ["P2"]), ("Invented 7 figure.", ["P1"]))
    backend = FakeBackend([first, "not json"])
    result = _run(backend)
    assert [s.text for s in result.sentences] == ["Berg praised the plant."]  # type: ignore[attr-defined]


def test_sentence_cut_off_inside_the_json_string_is_dropped_as_incomplete() -> None:
    cut = ("Mayor Ines Berg called it", ["P2"])
    good = ("Berg praised the plant.", ["P2"])
    result = _run(FakeBackend([_reply(cut, good)] * 2))
    assert [s.text for s in result.sentences] == [good[0]]  # type: ignore[attr-defined]
    assert "stops where a quotation begins" in result.dropped[0].reason  # type: ignore[attr-defined]


def test_highlight_without_full_stop_is_completed_but_a_dangling_one_is_not() -> None:
    highlight = ("The plant will produce 40,000 cubic metres a day", ["P1"])
    dangling = ("The plant will produce 40,000 cubic metres of", ["P1"])
    result = _run(FakeBackend([_reply(highlight, dangling)] * 2))
    assert [s.text for s in result.sentences] == [highlight[0] + "."]  # type: ignore[attr-defined]
    assert "incomplete sentence: it stops mid-way" in result.dropped[0].reason  # type: ignore[attr-defined]


def test_spaced_initials_are_joined_as_the_source_writes_them() -> None:
    passages = {
        "a1.1": Passage(
            id="a1.1", article_id="a1", start=0, end=30, text="The U.S. plant opened on Monday.", tokens=8
        )
    }
    backend = FakeBackend([_reply(("The U. S. plant opened on Monday.", ["P1"]))])
    result = generate(
        backend,
        MESSAGES,
        [Source("P1", ("a1.1",))],
        passages,
        max_tokens=99,
        min_sentences=1,
        max_sentences=5,
        what="x",
    )
    assert result.sentences[0].text == "The U.S. plant opened on Monday."


def test_spaced_initials_are_joined_when_the_sentence_is_re_attributed_to_the_passage_that_has_them() -> None:
    passages = {
        "a1.1": Passage(
            id="a1.1", article_id="a1", start=0, end=24, text="Talks resumed in London.", tokens=6
        ),
        "a1.2": Passage(
            id="a1.2",
            article_id="a1",
            start=25,
            end=60,
            text="The U.S. delegation wants rare earths.",
            tokens=9,
        ),
    }
    backend = FakeBackend([_reply(("The U. S. delegation wants rare earths.", ["P1"]))])
    sources = [Source("P1", ("a1.1",)), Source("P2", ("a1.2",))]
    result = generate(
        backend, MESSAGES, sources, passages, max_tokens=99, min_sentences=1, max_sentences=5, what="x"
    )
    (sentence,) = result.sentences
    assert sentence.text == "The U.S. delegation wants rare earths."
    assert sentence.reattributed and [c.passage_id for c in sentence.citations] == ["a1.2"]


def test_citations_are_trimmed_to_the_passages_the_sentence_rests_on() -> None:
    result = _run(FakeBackend([_reply(("The plant will produce 40,000 cubic metres a day.", ["P1", "P2"]))]))
    assert [c.passage_id for c in result.sentences[0].citations] == ["a1.1"]  # type: ignore[attr-defined]


def test_cost_counts_failed_attempts_too() -> None:
    cost = Cost()
    backend = FakeBackend([_reply(("Made-up claim of 99 jobs.", ["P1"]))] * 2)
    with pytest.raises(GenerationError):
        generate(
            backend,
            MESSAGES,
            SOURCES,
            PASSAGES,
            max_tokens=99,
            min_sentences=1,
            max_sentences=5,
            what="x",
            cost=cost,
        )
    assert cost.calls == 2 and cost.prompt_tokens > 0 and cost.completion_tokens > 0


def test_sentence_citing_the_wrong_passage_is_reattributed_to_the_one_that_supports_it() -> None:
    backend = FakeBackend([_reply(("The plant will produce 40,000 cubic metres a day.", ["P2"]))])
    result = _run(backend)
    (sentence,) = result.sentences  # type: ignore[attr-defined]
    assert [c.passage_id for c in sentence.citations] == ["a1.1"]
    assert sentence.reattributed and sentence.verification.passed
    assert len(backend.calls) == 1  # re-attribution needs no second model call


def test_every_kept_sentence_carries_its_checks_and_support_score() -> None:
    result = _run(FakeBackend([_reply(("Mayor Ines Berg called it 'a turning point'.", ["P2"]))]))
    (sentence,) = result.sentences  # type: ignore[attr-defined]
    assert sentence.verification is not None and sentence.verification.support >= 0.45
    assert [c.name for c in sentence.verification.checks][:4] == ["numbers", "names", "quotes", "support"]
    assert {c.name for c in sentence.verification.checks} >= {"polarity", "roles", "figures", "hedges"}


def test_a_sentence_with_words_left_out_is_refused() -> None:
    from briefing.write.reply_format import DraftSentence, sentence_problems

    elided = DraftSentence(
        text="Provincial governor … told reporters outside a damaged school.", cites=["P1"]
    )
    dots = DraftSentence(text="The governor said the school... would reopen.", cites=["P1"])
    whole = DraftSentence(text="The governor told reporters the school would reopen.", cites=["P1"])
    assert any("ellipsis" in p for p in sentence_problems(elided, {"P1"}))
    assert any("ellipsis" in p for p in sentence_problems(dots, {"P1"}))
    assert sentence_problems(whole, {"P1"}) == []


def test_a_sentence_whose_pronoun_stands_for_no_one_it_names_is_refused() -> None:
    from briefing.write.reply_format import DraftSentence, sentence_problems

    unnamed = DraftSentence(text="Police have not yet named him.", cites=["P1"])
    named = DraftSentence(text="Police have not yet named the 71-year-old driver.", cites=["P1"])
    assert any("'him' stands for no one" in p for p in sentence_problems(unnamed, {"P1"}))
    assert sentence_problems(named, {"P1"}) == []


def test_a_headline_style_line_goes_back_to_be_written_as_a_sentence() -> None:
    clipped = ("Plant output 40,000 cubic metres daily, mayor praise.", ["P1"])
    whole = ("The plant will produce 40,000 cubic metres a day.", ["P1"])
    backend = FakeBackend([_reply(clipped), _reply(whole)])
    result = _run(backend)
    assert [s.text for s in result.sentences] == [whole[0]]  # type: ignore[attr-defined]
    repair = backend.calls[1].messages[-1]["content"]
    assert f'"{clipped[0]}": written as a headline' in repair


def test_a_line_without_its_articles_goes_back_to_be_written_as_a_sentence() -> None:
    from briefing.write.reply_format import text_problems

    clipped = "Lena Holt, chief executive, said plant protects city from floods."
    whole = "The plant protects the city from floods, the chief executive, Lena Holt, said."
    assert any("without its articles" in p for p in text_problems(clipped))
    assert text_problems(whole) == []


def test_a_headline_passive_goes_back_to_be_written_with_its_verb() -> None:
    from briefing.write.reply_format import text_problems

    assert any("without 'was' or 'were'" in p for p in text_problems("Two people killed in Orvel flood."))
    assert text_problems("Two people were killed in the Orvel flood.") == []


def test_a_sentence_whose_subject_names_nothing_goes_back_to_say_which() -> None:
    from briefing.write.reply_format import text_problems

    assert any("names no one and nothing" in p for p in text_problems("The pensioner lost his life."))
    assert text_problems("A pensioner from Harl died when his car was swept off a ford.") == []


def test_a_headline_present_tense_goes_back_to_be_told_as_what_happened() -> None:
    from briefing.write.reply_format import text_problems

    headline = "District council turns Harl Corn Exchange into rest centre."
    assert any("in the present tense" in p for p in text_problems(headline))
    assert text_problems("The district council turned Harl Corn Exchange into a rest centre.") == []


def test_a_sentence_that_names_two_speakers_for_one_statement_is_refused() -> None:
    from briefing.write.reply_format import DraftSentence, sentence_problems

    twice = DraftSentence(text="Berg said the plant is a turning point, the authority said.", cites=["P1"])
    once = DraftSentence(text="The plant is a turning point, the authority said.", cites=["P1"])
    told = DraftSentence(text="Residents have been told to boil water, the authority said.", cites=["P1"])
    assert any("says twice who said it" in p for p in sentence_problems(twice, {"P1"}))
    assert sentence_problems(once, {"P1"}) == []
    assert sentence_problems(told, {"P1"}) == []


def test_words_run_together_are_refused_unless_the_source_writes_them_so() -> None:
    from briefing.write.draft_text import _run_together

    sources = ['The tower was disinfected. "What we need is vigilance," Brask said. Slides use PowerPoint.']
    assert _run_together("The tower was disinfectedWhat we need is vigilance.", sources) == [
        "disinfectedWhat"
    ]
    assert _run_together("Slides use PowerPoint, Brask said.", sources) == []


def test_two_sentences_written_as_one_item_become_two_each_citing_it() -> None:
    from briefing.write.reply_format import parse_draft

    reply = {
        "headline": "h",
        "sentences": [
            "Eleven people were taken to hospital, crews said. Police said no one had died. [P3]",
            'She said: "We will fight. We will win." [P2]',
            "Dr. Amadi will rule on 14 Nov. next year. [P1]",
        ],
    }
    sentences = parse_draft(json.dumps(reply)).sentences
    assert [(s.text, s.cites) for s in sentences] == [
        ("Eleven people were taken to hospital, crews said.", ["P3"]),
        ("Police said no one had died.", ["P3"]),
        ('She said: "We will fight. We will win."', ["P2"]),  # a speaker's words stay whole
        ("Dr. Amadi will rule on 14 Nov. next year.", ["P1"]),
    ]


def test_a_copied_sentence_is_not_cut_down_to_a_line_that_names_nothing() -> None:
    from factories import make_cluster

    from briefing.write.grounded import grounded, in_own_words

    copied = "The pensioner lost his life when floodwater carried his car off a ford on the edge of town."
    passages, _ = make_cluster([copied])
    sentence = grounded(copied, ["a1.1"], ["a1.1"], passages)
    assert not isinstance(sentence, str)
    kept = in_own_words(sentence, copied, ["a1.1"], ["a1.1"], passages, 12)
    # "The pensioner lost his life." is what the cut would leave: refused, so the model rewords it
    assert isinstance(kept, str) and "copies" in kept


HEADLINE = ("Plant produces 40,000 cubic metres of water daily.", ["P1"])
MAYOR = ("Mayor Ines Berg called the plant 'a turning point'.", ["P2"])


def test_a_sentence_refused_for_its_form_is_mended_from_its_passage_and_kept_in_its_place() -> None:
    mended = "The plant will produce 40,000 cubic metres each day."
    backend = FakeBackend([_reply(HEADLINE, MAYOR)] * 2 + [json.dumps({"sentence": mended})])
    result = _run(backend)
    assert [s.text for s in result.sentences] == [mended, MAYOR[0]]  # type: ignore[attr-defined]
    assert [c.passage_id for c in result.sentences[0].citations] == ["a1.1"]  # type: ignore[attr-defined]
    assert result.dropped == []  # type: ignore[attr-defined]
    ask = backend.calls[2].messages[-1]["content"]
    assert HEADLINE[0] in ask and "in the present tense" in ask and TEXT[:49] in ask


def test_a_mended_sentence_its_passage_does_not_bear_out_is_dropped_with_the_first_reason() -> None:
    invented = "The plant will produce 90,000 cubic metres of water a day."
    backend = FakeBackend([_reply(HEADLINE, MAYOR)] * 2 + [json.dumps({"sentence": invented})])
    result = _run(backend)
    assert [s.text for s in result.sentences] == [MAYOR[0]]  # type: ignore[attr-defined]
    (dropped,) = result.dropped  # type: ignore[attr-defined]
    assert dropped.text == HEADLINE[0] and "in the present tense" in dropped.reason


def test_a_refused_form_its_passages_do_not_support_is_not_sent_to_be_mended() -> None:
    invented = ("Plant produces 90,000 cubic metres of water daily.", ["P1"])
    backend = FakeBackend([_reply(invented, MAYOR)] * 2)
    result = _run(backend)
    assert len(backend.calls) == 2  # the draft and its repair: no third call
    assert [d.text for d in result.dropped] == [invented[0]]  # type: ignore[attr-defined]


def test_a_sentence_written_again_must_still_say_who_said_it() -> None:
    told = ("The plant … will produce 40,000 cubic metres each day, the mayor said.", ["P1"])
    dropped_who = "The plant will produce 40,000 cubic metres each day."
    kept_who = "The plant will produce 40,000 cubic metres each day, the mayor said."
    for answer, kept in ((dropped_who, []), (kept_who, [kept_who])):
        backend = FakeBackend([_reply(told, MAYOR)] * 2 + [json.dumps({"sentence": answer})])
        result = _run(backend)
        assert [s.text for s in result.sentences] == [*kept, MAYOR[0]]  # type: ignore[attr-defined]


def test_a_sentence_written_again_as_two_is_not_kept() -> None:
    two = "The plant will produce 40,000 cubic metres a day. The mayor praised it."
    backend = FakeBackend([_reply(HEADLINE, MAYOR)] * 2 + [json.dumps({"sentence": two})])
    result = _run(backend)
    assert [s.text for s in result.sentences] == [MAYOR[0]]  # type: ignore[attr-defined]
