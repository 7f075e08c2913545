"""The entailment judge: threshold, one question per pair, evidence picking, and where it is used."""

from __future__ import annotations

import pytest

from briefing.api.model_slot import GuardedBackend
from briefing.backends.fake import FakeBackend
from briefing.check.entail import EntailmentJudge, entailment_messages, evidence_sentences, judge_for
from briefing.check.final_check import final_check
from briefing.errors import GenerationError
from briefing.schema import Brief, Citation, Passage, Sentence

PASSAGE = Passage(
    id="a1.1", article_id="a1", start=0, end=95, tokens=20,
    text="The Orrin bridge reopened on Monday after repairs. Repairs cost 3 million euros, the county said.",
)  # fmt: skip
PASSAGES = {PASSAGE.id: PASSAGE}


def _sentence(text: str) -> Sentence:
    return Sentence(text=text, citations=[Citation.of(PASSAGE, PASSAGES)])


def _brief(*texts: str, headline: str = "Orrin bridge reopens after repairs") -> Brief:
    return Brief(
        kind="article", article_ids=["a1"], headline=headline, sentences=[_sentence(t) for t in texts]
    )


def test_the_threshold_decides_and_each_pair_is_asked_once() -> None:
    backend = FakeBackend(judgements=[0.7, 0.2])
    judge = EntailmentJudge(backend, threshold=0.6)
    assert judge.entails("The bridge reopened on Monday.", [PASSAGE.text])
    assert judge.entails("The bridge reopened on Monday.", [PASSAGE.text])  # remembered, not asked again
    assert not judge.entails("The bridge reopened on Tuesday.", [PASSAGE.text])
    assert judge.calls == 2 and len(backend.questions) == 2


def test_the_question_shows_the_claim_and_the_evidence_after_the_fixed_instructions() -> None:
    first = entailment_messages("The bridge reopened.", [PASSAGE.text])
    second = entailment_messages("Repairs cost 3 million euros.", [PASSAGE.text])
    assert first[0] == second[0] and first[0]["role"] == "system"  # the same prefix every time
    assert first[-1]["content"].index("Passages:") < first[-1]["content"].index("Claim: The bridge reopened.")


def test_evidence_keeps_the_sentences_that_share_words_with_the_claim() -> None:
    long = " ".join(
        [
            "The county opened a new library in Westfold on Friday.",
            "The Orrin bridge reopened on Monday after eight months of repairs.",
            "A school fete raised money for new football kits.",
            "Farmers in the valley reported a good harvest of apples this autumn.",
            "The weather office expects a dry week with cold nights.",
        ]
    )
    assert evidence_sentences("The Orrin bridge reopened on Monday.", [long]) == [
        "The Orrin bridge reopened on Monday after eight months of repairs."
    ]
    assert evidence_sentences("The bridge reopened.", ["Short text."]) == ["Short text."]


def test_no_judge_when_turned_off_or_when_the_backend_cannot_score() -> None:
    assert judge_for(FakeBackend(), enabled=False, threshold=0.5) is None
    assert judge_for(object(), enabled=True, threshold=0.5) is None
    assert judge_for(FakeBackend(), enabled=True, threshold=0.5) is not None

    class Completer:  # an OpenAI-compatible server: completions only
        name, sha256, n_ctx = "server", None, 4096

    assert judge_for(GuardedBackend(Completer()), enabled=True, threshold=0.5) is None  # type: ignore[arg-type]
    assert judge_for(GuardedBackend(FakeBackend()), enabled=True, threshold=0.5) is not None


def test_final_check_drops_what_the_judge_refuses_and_says_why() -> None:
    judge = EntailmentJudge(FakeBackend(judgements=[0.9, 0.1, 0.9]), threshold=0.5)
    brief = final_check(
        _brief("The Orrin bridge opened again on Monday.", "Repairs cost the county 3 million euros."),
        PASSAGES,
        "T",
        judge,
    )
    assert [s.text for s in brief.sentences] == ["The Orrin bridge opened again on Monday."]
    assert brief.sentences[0].verification is not None and brief.sentences[0].verification.entailment == 0.9
    (dropped,) = brief.dropped
    assert dropped.text == "Repairs cost the county 3 million euros." and "model judge" in dropped.reason
    assert brief.headline == "Orrin bridge reopens after repairs"  # third answer: the headline passed


def test_a_headline_the_checks_refuse_is_replaced_by_the_title_or_a_checked_sentence() -> None:
    brief = final_check(
        _brief("The Orrin bridge reopened on Monday.", headline="Bridge collapses in Oregon"),
        PASSAGES,
        "Orrin bridge reopens",
        None,
    )
    assert brief.headline == "Orrin bridge reopens"
    assert brief.dropped[-1].text == "Bridge collapses in Oregon" and brief.dropped[-1].reason.startswith(
        "headline:"
    )
    untitled = final_check(
        _brief("The Orrin bridge reopened on Monday.", headline="Bridge collapses in Oregon"),
        PASSAGES,
        "Storm in Oregon",
        None,
    )
    assert untitled.headline == "The Orrin bridge reopened on Monday"


def test_a_copy_of_a_cited_passage_is_not_put_to_the_judge() -> None:
    backend = FakeBackend(judgements=[0.0])
    judge = EntailmentJudge(backend, threshold=0.5)
    brief = final_check(_brief("The Orrin bridge reopened on Monday after repairs."), PASSAGES, None, judge)
    assert len(brief.sentences) == 1 and brief.sentences[0].verification is not None
    assert brief.sentences[0].verification.entailment is None
    assert len(backend.questions) == 1  # the headline only


def test_a_brief_with_no_sentence_left_is_an_error_naming_it() -> None:
    judge = EntailmentJudge(FakeBackend(judgements=[0.1]), threshold=0.5)
    with pytest.raises(GenerationError, match="article a1: no sentence passed the final check"):
        final_check(_brief("The Orrin bridge opened again on Monday."), PASSAGES, None, judge)
