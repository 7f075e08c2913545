"""Figures of two outlets paired as one fact in other words: the only count of a noun in each outlet,
a share said of one thing, a measure of one thing (the bench clusters' phrasings: bench/synthesis/)."""

from __future__ import annotations

from factories import make_article, make_passages

from briefing.check.disagree import find_disagreements
from briefing.schema import Passage


def _values(articles: dict[str, list[str]]) -> list[list[str]]:
    found: dict[str, Passage] = {}
    for article_id, sentences in articles.items():
        article = make_article(article_id, f"Story {article_id}", sentences)
        found |= {p.id: p for p in make_passages(article, sentences, None)}
    return [[s.value for s in d.sides] for d in find_disagreements(found)]


def test_the_only_count_of_a_noun_in_each_outlet_is_one_fact() -> None:
    herald = "About 1,800 teachers stayed away from work, leaving buildings locked."
    radio = "Some 2,100 teachers in Brannock put down their marker pens on Monday."
    assert _values({"a1": [herald], "b2": [radio]}) == [["About 1,800 teachers", "Some 2,100 teachers"]]
    # An outlet that counts teachers twice counts two things: neither of its counts is disputed.
    twice = [herald, "Another 300 teachers joined the picket lines at noon."]
    assert _values({"a1": twice, "b2": [radio]}) == []


def test_a_share_of_one_thing_and_a_measure_of_one_thing_are_compared_in_any_words() -> None:
    assert _values({
        "a1": ["Officials put turnout at 41 percent, unusually high for May."],
        "b2": ["Turnout was thirty-eight percent, according to the elections office."],
    }) == [["41 percent", "thirty-eight percent"]]  # fmt: skip
    assert _values({
        "a1": ["Gauges at the works recorded 112 millimetres of rain by Friday."],
        "b2": ["Figures from the weather network show 130mm of rain fell on the valley."],
    }) == [["112 millimetres", "130mm"]]  # fmt: skip
