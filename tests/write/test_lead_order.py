"""The lead opens with the fact most outlets report, whatever order the model wrote it in."""

from __future__ import annotations

from factories import make_article, make_passages

from briefing.errors import GenerationError
from briefing.schema import Brief, Citation, Fact, Passage, Sentence, SourceSupport
from briefing.write.lead_order import open_with_top_fact
from briefing.write.story import carries

TEXTS = {
    "a1": "Marrowick opened its first desalination plant on Tuesday.",
    "b2": "Monitoring buoys will be installed in the bay by the end of April.",
    "c3": "Water bills will rise by about six percent from July.",
}


def _setup() -> tuple[dict[str, Passage], dict[str, Citation], list[Fact]]:
    passages = {
        p.id: p
        for key, text in TEXTS.items()
        for p in make_passages(make_article(key, "Story", [text]), [text])
    }
    cite = {pid: Citation.of(passages[pid], passages) for pid in passages}
    facts = [
        Fact(
            id=f"F{n}", text=text, independent_sources=4 - n, score=4.0 - n,
            sources=[SourceSupport(article_id=key, passage_ids=[f"{key}.1"])], citations=[cite[f"{key}.1"]],
        )
        for n, (key, text) in enumerate(TEXTS.items(), start=1)
    ]  # fmt: skip
    return passages, cite, facts


def _checked(brief: Brief) -> Brief:
    """The final check, as far as these tests need it: every sentence passes."""
    return brief


def _refused(brief: Brief) -> Brief:
    raise GenerationError("the cross-article brief: no sentence passed the final check")


def _lead(cite: dict[str, Citation], *sentences: tuple[str, str]) -> Brief:
    return Brief(
        kind="cross", article_ids=list(TEXTS), headline="Marrowick's plant opens",
        sentences=[Sentence(text=text, citations=[cite[pid]]) for text, pid in sentences],
    )  # fmt: skip


def test_a_lead_without_the_top_fact_opens_with_its_telling_then_the_facts_in_order() -> None:
    _, cite, facts = _setup()
    lead = _lead(
        cite,
        ("Water bills will go up by about six percent in July.", "c3.1"),
        ("Buoys will watch the bay from the end of April.", "b2.1"),
    )
    opened = open_with_top_fact(lead, facts, carries, _checked)
    assert [s.text for s in opened.sentences] == [
        TEXTS["a1"],
        "Buoys will watch the bay from the end of April.",
        "Water bills will go up by about six percent in July.",
    ]
    assert [c.passage_id for c in opened.sentences[0].citations] == ["a1.1"]
    assert opened.headline == "Marrowick's plant opens"  # the headline tells the top fact: kept
    buoys = open_with_top_fact(
        lead.model_copy(update={"headline": "Buoys for the bay"}), facts, carries, _checked
    )
    assert buoys.headline == TEXTS["a1"].rstrip(".")


def test_a_lead_that_states_the_top_fact_is_put_in_the_order_of_its_facts() -> None:
    _, cite, facts = _setup()
    lead = _lead(
        cite,
        ("Buoys will watch the bay from the end of April.", "b2.1"),
        ("Marrowick's first desalination plant opened on Tuesday.", "a1.1"),
    )
    opened = open_with_top_fact(lead, facts, carries, _checked)
    assert [s.text for s in opened.sentences] == [
        "Marrowick's first desalination plant opened on Tuesday.",
        "Buoys will watch the bay from the end of April.",
    ]


def test_a_sentence_that_drops_the_top_facts_rank_does_not_state_it() -> None:
    _, cite, facts = _setup()
    lead = _lead(cite, ("Marrowick opened a desalination plant on Tuesday.", "a1.1"))
    opened = open_with_top_fact(lead, facts, carries, _checked)
    assert [s.text for s in opened.sentences] == [
        TEXTS["a1"],
        "Marrowick opened a desalination plant on Tuesday.",
    ]


def test_a_top_fact_telling_the_final_check_refuses_is_not_shown() -> None:
    _, cite, facts = _setup()
    lead = _lead(cite, ("Buoys will watch the bay from the end of April.", "b2.1"))
    opened = open_with_top_fact(lead, facts, carries, _refused)
    assert [s.text for s in opened.sentences] == ["Buoys will watch the bay from the end of April."]
