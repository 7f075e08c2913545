"""Which outlets' tellings of one fact bear out the sentence written for it (`write/tellings.py`)."""

from __future__ import annotations

from factories import make_cluster

from briefing.backends.fake import FakeBackend
from briefing.check.entail import EntailmentJudge
from briefing.schema import Citation, Sentence
from briefing.write.tellings import bears_out, cited_by_each, first_clause

INVESTIGATION = [
    "The county council said it had ordered an investigation into the bridge failure and would not "
    "speculate on a cause until engineers had examined the twisted wreckage on the riverbed.",
    "Engineers from the county council began an investigation into the bridge failure on Wednesday.",
]
WRITTEN = (
    "The county council ordered an investigation into the bridge failure, not speculating on a cause "
    "until engineers examined the twisted wreckage on the riverbed."
)


def test_the_first_clause_is_cut_only_where_what_follows_adds_detail() -> None:
    assert first_clause(WRITTEN) == "The county council ordered an investigation into the bridge failure."
    assert first_clause("Residents are housed at the Corn Exchange, opened as a rest centre.") == (
        "Residents are housed at the Corn Exchange."
    )
    # What attributes or conditions the first clause stays with it.
    assert first_clause("The bridge will stay closed for six months, the council said.") is None
    assert first_clause("The plant could close next year, if subsidies end.") is None
    assert first_clause("The plant will shut in May, unless a buyer is found.") is None
    # "as" before what a thing serves as is no clause break: cut there, the rest says another thing.
    assert first_clause("The council opened the Kelvard Hall as a rest centre with camp beds.") is None
    assert first_clause("The River Tamm burst its banks on Thursday as heavy rain fell.") == (
        "The River Tamm burst its banks on Thursday."
    )
    # A head that is no sentence of its own, or too short to say anything.
    assert first_clause("In all, eleven people were taken to hospital.") is None
    assert first_clause("Anyone with symptoms should seek medical advice.") is None


def _judge(*answers: float) -> tuple[EntailmentJudge, FakeBackend]:
    backend = FakeBackend(judgements=list(answers))
    return EntailmentJudge(backend, threshold=0.52), backend


def test_another_outlets_wording_goes_to_the_judge_a_contradiction_does_not() -> None:
    other = "She urged anyone with a fever, a cough or shortness of breath to contact a doctor."
    claim = "People with symptoms such as high temperature or coughing should seek medical advice."
    judge, backend = _judge(0.9)
    assert bears_out(claim, other, judge)
    judge, backend = _judge(0.1)
    assert not bears_out(claim, other, judge)
    assert not bears_out(claim, other, None)  # without a judge, wording alone decides
    judge, backend = _judge(0.9)
    assert not bears_out("Fourteen people were hurt.", "Eleven people were hurt, police said.", judge)
    assert backend.questions == []  # a figure the passage lacks is no question of wording


def test_the_sentence_or_its_first_clause_cites_every_telling_that_bears_it_out() -> None:
    passages, _ = make_cluster([INVESTIGATION[0]], [INVESTIGATION[1]], published="2026-03-04")
    sentence = Sentence.model_validate(
        {"text": WRITTEN, "citations": [Citation.of(passages["a1.1"], passages)]},
        context={"passages": passages},
    )
    done = cited_by_each(sentence, ["a1.1", "a2.1"], passages, None)
    # The whole sentence is borne out by the first outlet only; its first clause by both.
    assert done.text == "The county council ordered an investigation into the bridge failure."
    assert [c.passage_id for c in done.citations] == ["a1.1", "a2.1"]
    alone = cited_by_each(sentence, ["a1.1"], passages, None)
    assert alone.text == WRITTEN  # the first clause says less and is borne out by no more outlets
