"""No fact said twice: a shared fact the lead already tells in other words is not listed again."""

from __future__ import annotations

from factories import make_article, make_passages

from briefing.schema import Brief, Citation, Fact, Sentence, SourceSupport, Story
from briefing.write.story import settle


def test_a_shared_fact_the_lead_tells_as_the_same_event_is_not_also_reported() -> None:
    texts = {
        "a1": "Local fishers have raised concerns about the brine.",
        "b2": "Fishers fear the brine will harm crab grounds off the point.",
    }
    passages = {
        p.id: p
        for key, text in texts.items()
        for p in make_passages(make_article(key, "Story", [text]), [text])
    }
    fact = Fact(
        id="F1", text=texts["a1"], independent_sources=2, score=1.0,
        sources=[SourceSupport(article_id=k, passage_ids=[f"{k}.1"]) for k in texts],
        citations=[Citation.of(passages[pid], passages) for pid in passages],
    )  # fmt: skip
    story = Story(independent_sources=2, facts=[fact], lead_fact_ids=[])

    def lead(text: str) -> Brief:
        # The lead cites another passage: only its words can tell that it states the fact.
        other = make_passages(make_article("c3", "Story", [text]), [text])[0]
        sentence = Sentence(text=text, citations=[Citation.of(other, {other.id: other})])
        return Brief(kind="cross", article_ids=["c3"], headline="Plant opens", sentences=[sentence])

    told = settle(story, lead("Fishers have raised concerns about the discharge affecting crab grounds."))
    assert told.also_reported == []
    untold = settle(story, lead("The desalination plant began supplying homes on Tuesday."))
    assert untold.also_reported == ["F1"]
