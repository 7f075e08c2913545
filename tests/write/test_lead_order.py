"""The lead opens with the fact most outlets report, whatever order the model wrote it in."""

from __future__ import annotations

from factories import make_article, make_passages

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


def _lead(cite: dict[str, Citation], *sentences: tuple[str, str]) -> Brief:
    return Brief(
        kind="cross", article_ids=list(TEXTS), headline="Marrowick's plant opens",
        sentences=[Sentence(text=text, citations=[cite[pid]]) for text, pid in sentences],
    )  # fmt: skip


def test_a_lead_without_the_top_fact_opens_with_its_telling_and_keeps_its_length() -> None:
    _, cite, facts = _setup()
    lead = _lead(
        cite,
        ("Water bills will go up by about six percent in July.", "c3.1"),
        ("Buoys will watch the bay from the end of April.", "b2.1"),
    )
    opened = open_with_top_fact(lead, facts, carries)
    assert [s.text for s in opened.sentences] == [
        TEXTS["a1"],
        "Buoys will watch the bay from the end of April.",
    ]
    assert [c.passage_id for c in opened.sentences[0].citations] == ["a1.1"]


def test_a_lead_that_states_the_top_fact_is_put_in_the_order_of_its_facts() -> None:
    _, cite, facts = _setup()
    lead = _lead(
        cite,
        ("Buoys will watch the bay from the end of April.", "b2.1"),
        ("Marrowick's first desalination plant opened on Tuesday.", "a1.1"),
    )
    opened = open_with_top_fact(lead, facts, carries)
    assert [s.text for s in opened.sentences] == [
        "Marrowick's first desalination plant opened on Tuesday.",
        "Buoys will watch the bay from the end of April.",
    ]


def test_a_sentence_that_drops_the_top_facts_rank_does_not_state_it() -> None:
    _, cite, facts = _setup()
    lead = _lead(cite, ("Marrowick opened a desalination plant on Tuesday.", "a1.1"))
    opened = open_with_top_fact(lead, facts, carries)
    assert [s.text for s in opened.sentences] == [TEXTS["a1"]]
