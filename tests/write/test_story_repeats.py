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


def test_an_outlet_add_the_lead_says_again_takes_no_place_of_the_few_per_outlet() -> None:
    from briefing.schema import OutletNote
    from briefing.write.story_sections import OUTLET_ADDS

    # bench bridge-collapse: "Police said no one lost their life." (the lead's fact again) took one
    # of the outlet's places, and its investigation, which no other outlet's brief said, was lost.
    texts = [
        "Police said no one lost their life.",
        "Emergency crews from three stations worked into the night.",
        "The bridge collapsed into the water, taking two cars with it.",
        "The county council has ordered an investigation into why the bridge failed.",
        "A temporary footbridge is being considered.",
    ]
    passages = {
        p.id: p for i, t in enumerate(texts) for p in make_passages(make_article(f"e{i}", "Story", [t]), [t])
    }
    facts = [
        Fact(
            id=f"F{i}",
            text=t,
            independent_sources=1,
            score=1.0 - i / 10,
            sources=[SourceSupport(article_id="eep", passage_ids=[f"e{i}.1"])],
            citations=[Citation.of(passages[f"e{i}.1"], passages)],
        )
        for i, t in enumerate(texts)
    ]
    notes = [
        OutletNote(
            article_id="eep", fact_id=f.id, sentence=Sentence(text=f.text, citations=list(f.citations))
        )
        for f in facts
    ]
    story = Story(independent_sources=3, facts=facts, lead_fact_ids=[], outlet_adds=notes)
    # The lead states F0: it cites F0's passage and carries all it has.
    said = Sentence(text="Police confirmed that no one had been killed.", citations=list(facts[0].citations))
    told = settle(story, Brief(kind="cross", article_ids=["e0"], headline="Bridge falls", sentences=[said]))
    assert len(told.outlet_adds) == OUTLET_ADDS == 3
    assert [n.fact_id for n in told.outlet_adds] == ["F1", "F2", "F3"]
