"""No fact said twice: a shared fact the lead already tells in other words is not listed again."""

from __future__ import annotations

from factories import make_article, make_passages

from briefing.schema import Brief, Citation, Fact, Sentence, SourceSupport, Story
from briefing.write.story import settle


def _story(texts: dict[str, str]) -> Story:
    """One fact, told by two outlets in their own words (the first's words are the fact's)."""
    passages = {
        p.id: p
        for key, text in texts.items()
        for p in make_passages(make_article(key, "Story", [text]), [text])
    }
    first = next(iter(texts.values()))
    fact = Fact(
        id="F1", text=first, independent_sources=2, score=1.0,
        sources=[SourceSupport(article_id=k, passage_ids=[f"{k}.1"]) for k in texts],
        citations=[Citation.of(passages[pid], passages) for pid in passages],
    )  # fmt: skip
    return Story(independent_sources=2, facts=[fact], lead_fact_ids=[])


def _lead(text: str) -> Brief:
    # The lead cites another passage: only its words can tell that it states the fact.
    other = make_passages(make_article("c3", "Story", [text]), [text])[0]
    sentence = Sentence(text=text, citations=[Citation.of(other, {other.id: other})])
    return Brief(kind="cross", article_ids=["c3"], headline="Plant opens", sentences=[sentence])


def test_a_shared_fact_the_lead_tells_as_the_same_event_is_not_also_reported() -> None:
    story = _story({
        "a1": "Local fishers have raised concerns about the brine.",
        "b2": "Fishers fear the brine will harm crab grounds off the point.",
    })  # fmt: skip
    told = settle(story, _lead("Fishers have raised concerns about the discharge affecting crab grounds."))
    assert told.also_reported == []
    untold = settle(story, _lead("The desalination plant began supplying homes on Tuesday."))
    assert untold.also_reported == ["F1"]


def test_a_shared_fact_told_whole_beside_another_in_one_lead_sentence_is_not_also_reported() -> None:
    story = _story({
        "a1": "Mayor Ines Berg cut the ribbon in front of 300 guests.",
        "b2": "Some 300 guests watched Mayor Ines Berg cut the ribbon.",
    })  # fmt: skip
    both = (
        "The Holm plant will make 90,000 cubic metres a day, and Mayor Ines Berg cut the ribbon in "
        "front of 300 guests."
    )
    assert settle(story, _lead(both)).also_reported == []
    other_count = both.replace("300 guests", "200 guests")  # not the fact's figure: not told whole
    assert settle(story, _lead(other_count)).also_reported == ["F1"]
