"""The model's own sentences and headlines name nothing their passages never name (check/unsaid.py)."""

from __future__ import annotations

import json

import pytest

from briefing.backends.fake import FakeBackend
from briefing.check.final_check import final_check
from briefing.check.unsaid import unsaid_nouns
from briefing.schema import Brief, Citation, Passage, Sentence
from briefing.write.generate import Source, generate

FLOOD = (
    "The River Tamsey burst its banks shortly before midnight on Thursday, forcing families out of "
    "about 300 homes in the lower streets of Orvel."
)
PASSAGE = Passage(id="a1.1", article_id="a1", start=0, end=len(FLOOD), text=FLOOD, tokens=30)
PASSAGES = {PASSAGE.id: PASSAGE}
INVENTED = "Hundreds of homes in Orvel were left without power after the River Tamsey burst its banks."
CUT = "Families leave Orvel homes without power as Tamsey bursts its banks"
TOLD = "Families left about 300 homes in Orvel after the River Tamsey burst its banks on Thursday."


def test_a_thing_no_passage_names_is_found() -> None:
    assert unsaid_nouns(INVENTED, [FLOOD]) == ["power"]
    assert unsaid_nouns(TOLD, [FLOOD]) == []


@pytest.mark.parametrize(
    ("sentence", "passage"),
    [
        ("The plant treats seawater.", "The plant treats water from the sea."),  # two words run together
        ("It makes 120,000 cubic meters a day.", "It makes 120,000 cubic metres a day."),  # other spelling
        ("Police ordered an evacuation of Quay Street.", "Police evacuated Quay Street."),  # other form
        ("The evacuations covered 450 homes.", "Police evacuated 450 homes."),  # other form, plural
        ("Polls closed at 3:10 am, 80 km away.", "Polls closed at 3.10am, 80 kilometres away."),  # units
        ("Officials closed the road.", "The county's roads department closed the road."),  # generic noun
        ("Hundreds of people left.", "About 300 residents left."),  # a number word, a generic noun
        ("'We have no power,' a woman said.", "'We have no power,' said Ana Brill."),  # quoted words
    ],
)
def test_a_thing_the_passage_names_in_other_form_is_not(sentence: str, passage: str) -> None:
    assert unsaid_nouns(sentence, [passage]) == []


def _generate(backend: FakeBackend) -> object:
    return generate(
        backend,
        [{"role": "user", "content": f"[P1] {FLOOD}"}],
        [Source("P1", (PASSAGE.id,))],
        PASSAGES,
        max_tokens=200,
        min_sentences=1,
        max_sentences=3,
        what="article a1",
    )


def _brief_reply(text: str) -> str:
    return json.dumps({"headline": "Orvel flood", "sentences": [f"{text} [P1]"]})


def test_a_sentence_naming_what_its_passage_never_does_is_written_again_without_it() -> None:
    backend = FakeBackend([_brief_reply(INVENTED), json.dumps({"sentence": TOLD})])
    result = _generate(backend)
    assert [s.text for s in result.sentences] == [TOLD]  # type: ignore[attr-defined]
    assert len(backend.calls) == 2  # the sentence alone, not the whole brief again
    asked = backend.calls[1].messages[-1]["content"]
    assert INVENTED in asked and '"power", which no passage mentions' in asked


def test_a_sentence_that_keeps_inventing_is_dropped_with_the_reason() -> None:
    other = "Some 300 homes in Orvel lost power after the River Tamsey burst its banks."
    backend = FakeBackend([json.dumps({"headline": "Orvel", "sentences": [f"{TOLD} [P1]", f"{other} [P1]"]}),
                           json.dumps({"sentence": INVENTED})])  # fmt: skip
    result = _generate(backend)
    assert [s.text for s in result.sentences] == [TOLD]  # type: ignore[attr-defined]
    (dropped,) = result.dropped  # type: ignore[attr-defined]
    assert dropped.text == other and '"power"' in dropped.reason


def test_a_headline_naming_what_no_passage_does_is_replaced() -> None:
    sentence = Sentence(text=TOLD, citations=[Citation.of(PASSAGE, PASSAGES)])
    brief = Brief(kind="cross", article_ids=["a1"], headline=CUT, sentences=[sentence])
    checked = final_check(brief, PASSAGES, None, None)
    assert checked.headline == TOLD.rstrip(".")
    assert checked.dropped[-1].text == CUT
    assert '"power"' in checked.dropped[-1].reason
    kept = final_check(
        brief.model_copy(update={"headline": "Families leave Orvel homes"}), PASSAGES, None, None
    )
    assert kept.headline == "Families leave Orvel homes" and kept.dropped == []


def test_the_rest_of_the_article_counts_as_said_and_other_articles_do_not() -> None:
    rest = "Water from the flood reached the high street by dawn."
    other = "Storms cut power to 2,000 homes in Castleby."
    passages = {
        **PASSAGES,
        "a1.2": Passage(id="a1.2", article_id="a1", start=len(FLOOD) + 1, end=0, text=rest, tokens=12),
        "b1.1": Passage(id="b1.1", article_id="b1", start=0, end=len(other), text=other, tokens=10),
    }
    told = "Families left about 300 homes in the lower streets of Orvel during the flood on Thursday."

    def run(text: str, *more: str) -> object:
        backend = FakeBackend([_brief_reply(text), *more])
        return generate(
            backend, [{"role": "user", "content": f"[P1] {FLOOD}"}], [Source("P1", (PASSAGE.id,))], passages,
            max_tokens=200, min_sentences=1, max_sentences=3, what="lead",
        )  # fmt: skip

    assert [s.text for s in run(told).sentences] == [told]  # type: ignore[attr-defined]
    # "power" is in another article only: the sentence is written again without it.
    assert [s.text for s in run(INVENTED, json.dumps({"sentence": TOLD})).sentences] == [TOLD]  # type: ignore[attr-defined]


def test_a_phrase_naming_what_no_passage_does_is_cut_when_the_rest_stands() -> None:
    joined = f"{TOLD[:-1]}, and the mayor said it was a disaster for the town."
    backend = FakeBackend([_brief_reply(joined)])
    result = _generate(backend)
    assert [s.text for s in result.sentences] == [TOLD]  # type: ignore[attr-defined]
    assert len(backend.calls) == 1  # cut by the program, not written again
