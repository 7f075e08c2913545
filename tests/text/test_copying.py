"""Briefs in their own words: runs of copied source words are found and refused (fake backend)."""

from __future__ import annotations

import json

import pytest
from factories import make_article, make_passages

from briefing.backends.fake import FakeBackend
from briefing.config import Settings
from briefing.errors import GenerationError
from briefing.schema import Brief, Citation, Sentence
from briefing.text.copying import longest_copied_run, outside_quotes
from briefing.write.briefer import Briefer, within_budget, words_allowed
from briefing.write.compress import compress
from briefing.write.generate import Generated, Source, generate

SOURCE = (
    "The harbour authority said on Friday that the new ferry terminal at Kestrel Quay will open to "
    "passengers in early June after two years of building work."
)


def test_the_longest_run_is_counted_in_words_and_named() -> None:
    copied = "The new ferry terminal at Kestrel Quay will open to passengers in early June, officials said."
    run = longest_copied_run(copied, [SOURCE])
    assert run.words == 14
    assert run.text.startswith("the new ferry terminal") and run.text.endswith("early june")


def test_own_words_share_only_short_runs() -> None:
    own = (
        "Kestrel Quay's ferry terminal should take its first passengers in June, the harbour authority said."
    )
    assert longest_copied_run(own, [SOURCE]).words <= 4


def test_words_inside_quotation_marks_are_not_counted_as_copying() -> None:
    quoted = "The authority said 'the new ferry terminal at Kestrel Quay will open to passengers' soon."
    assert "ferry terminal" not in " ".join(outside_quotes(quoted))
    assert longest_copied_run(quoted, [SOURCE]).words <= 3
    # An apostrophe inside a word opens no quotation.
    assert outside_quotes("Kestrel Quay's terminal opens in June.") == [
        "Kestrel Quay's terminal opens in June."
    ]


# Every word of it is the claim: nothing set off by a comma, no aside that could be cut.
CORE = (
    "Kestrel Quay ferry staff will welcome the first passengers aboard the two new Holm Island boats in June."
)


def _setup(text: str = SOURCE) -> tuple[dict[str, object], list[Source]]:
    article = make_article("k1", "Ferry terminal to open", [text])
    passages = {p.id: p for p in make_passages(article, [text])}
    return passages, [Source("P1", ("k1.1",))]


def _generate(
    backend: FakeBackend, passages: dict[str, object], sources: list[Source], **limit: int
) -> Generated:
    return generate(
        backend, [{"role": "user", "content": "brief"}], sources, passages,  # type: ignore[arg-type]
        max_tokens=200, min_sentences=1, max_sentences=3, what="test", **limit,
    )  # fmt: skip


def _reply(*sentences: str) -> str:
    return json.dumps({"headline": "Ferries", "sentences": [f"{s} [P1]" for s in sentences]})


def test_a_copy_that_cannot_be_cut_down_is_reworded_by_the_model_and_checked() -> None:
    passages, sources = _setup(CORE)
    own = "Two new boats will carry Holm Island passengers from June, with Kestrel Quay staff to greet them."
    backend = FakeBackend(replies=[_reply(CORE), json.dumps({"sentence": own})])
    done = _generate(backend, passages, sources, max_copied_words=12)
    assert [s.text for s in done.sentences] == [own]
    assert done.sentences[0].verification is not None and done.sentences[0].verification.passed
    assert len(backend.calls) == 2  # one brief, one sentence reworded: no second whole brief
    assert CORE in backend.calls[1].messages[-1]["content"]


def test_a_copy_the_model_cannot_reword_is_dropped_with_the_reason() -> None:
    passages, sources = _setup(CORE)
    invented = "Two new boats will carry 400 Holm Island passengers from June."  # 400: not in the source
    # Borne out and in its own words, but a headline, not a sentence: held to what a drafted one is.
    clipped = "First passengers aboard two new Holm Island boats in June, welcomed by Kestrel Quay staff."
    for answer in (CORE, invented, clipped, "not JSON"):
        reply = json.dumps({"sentence": answer}) if answer != "not JSON" else answer
        backend = FakeBackend(replies=[_reply(CORE), reply])
        with pytest.raises(GenerationError, match=r"copies 18 words in a row.*own words"):
            _generate(backend, passages, sources, max_copied_words=12)


def test_a_copy_reworded_into_a_headline_is_written_again_whole_from_its_passage() -> None:
    passages, sources = _setup(CORE)
    clipped = "First passengers aboard two new Holm Island boats in June, welcomed by Kestrel Quay staff."
    whole = "Staff at Kestrel Quay will greet the first passengers on the two new Holm Island boats in June."
    backend = FakeBackend(
        replies=[_reply(CORE), json.dumps({"sentence": clipped}), json.dumps({"sentence": whole})]
    )
    done = _generate(backend, passages, sources, max_copied_words=12)
    assert [s.text for s in done.sentences] == [whole]
    assert len(backend.calls) == 3  # the brief, the reworded copy, the copy written again whole
    ask = backend.calls[2].messages[-1]["content"]
    assert CORE in ask and "copies 18 words in a row" in ask


def test_a_copied_sentence_with_an_aside_is_cut_down_and_kept_without_a_repair() -> None:
    source = (
        "The new ferry terminal opened at Kestrel Quay on Friday, ending two years of building work "
        "that closed the old pier to passengers."
    )
    passages, sources = _setup(source)
    backend = FakeBackend(replies=[_reply(source)])
    done = _generate(backend, passages, sources, max_copied_words=12)
    assert [s.text for s in done.sentences] == ["The new ferry terminal opened at Kestrel Quay on Friday."]
    assert len(backend.calls) == 1
    assert longest_copied_run(done.sentences[0].text, [source]).words <= 12


def test_without_a_limit_a_copy_is_kept() -> None:
    passages, sources = _setup(CORE)
    done = _generate(FakeBackend(replies=[_reply(CORE)]), passages, sources)
    assert [s.text for s in done.sentences] == [CORE]


@pytest.mark.parametrize(
    ("sentence", "cut"),
    [
        # An aside set off by a comma goes; the claim stays.
        (
            "Marlow began pumping water from the new reservoir on Tuesday, becoming the first town in "
            "the valley to draw on the river for all of its supply.",
            "Marlow began pumping water from the new reservoir on Tuesday.",
        ),
        # The condition and the speaker stay; where the company spoke and what it added go.
        (
            "The mill could close next year if subsidies end, the company said in a filing to regulators "
            "on Monday morning, adding that 300 jobs were at risk across the region.",
            "The mill could close next year if subsidies end, the company said.",
        ),
    ],
)
def test_compress_cuts_asides_and_keeps_what_the_sentence_claims(sentence: str, cut: str) -> None:
    assert compress(sentence, [sentence], 12) == cut


def test_compress_gives_up_rather_than_cut_the_claim() -> None:
    # A rate ("a day"), a date and the verb's own phrase ("rely on") are the claim: nothing to cut.
    assert compress(CORE, [CORE], 12) is None
    rate = "The new plant will treat up to 210,000 cubic metres of seawater a day for the whole coast."
    assert compress(rate, [rate], 8) is None


def test_a_short_article_is_asked_for_fewer_sentences() -> None:
    briefer = Briefer(FakeBackend(), {}, Settings(backend="fake"))
    short = briefer.article_lengths(["word " * 60])  # 25 words allowed: two short sentences
    long = briefer.article_lengths(["word " * 900])
    assert short == {"min_sentences": 2, "max_sentences": 2}
    assert long["max_sentences"] == Settings(backend="fake").max_sentences


def test_a_brief_over_its_word_budget_is_cut_and_the_cut_is_listed() -> None:
    sentences = ["One two three four five six seven eight nine ten.", "Eleven twelve thirteen fourteen."]
    text = " ".join(sentences)
    article = make_article("w1", "Words", [text])
    passages = {p.id: p for p in make_passages(article, [text])}
    cite = [Citation.of(passages["w1.1"], passages)]
    brief = Brief(
        kind="article", article_ids=["w1"], headline="Words",
        sentences=[Sentence(text=s, citations=cite) for s in sentences],
    )  # fmt: skip
    cut = within_budget(brief, 12)
    assert [s.text for s in cut.sentences] == sentences[:1]
    assert cut.dropped[-1].text == sentences[1] and "within 12 words" in cut.dropped[-1].reason
    assert within_budget(brief, 100) is brief
    assert words_allowed(["word " * 300], 1 / 3) == 100
