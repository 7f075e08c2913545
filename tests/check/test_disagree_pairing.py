"""Figures of two outlets paired as one fact in other words: the only count of a noun in each outlet,
a share said of one thing, a measure of one thing (the bench clusters' phrasings: bench/synthesis/)."""

from __future__ import annotations

from datetime import datetime

from factories import make_article, make_passages

from briefing.check.disagree import find_disagreements
from briefing.schema import Passage


def _values(articles: dict[str, list[str]], published: datetime | None = None) -> list[list[str]]:
    found: dict[str, Passage] = {}
    for article_id, sentences in articles.items():
        article = make_article(article_id, f"Story {article_id}", sentences)
        found |= {p.id: p for p in make_passages(article, sentences, None)}
    return [[s.value for s in d.sides] for d in find_disagreements(found, None, lambda _: published)]


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


def test_a_sum_is_compared_whatever_noun_each_outlet_gives_the_project() -> None:
    wire = "A court quashed the approval for a 380 million dollar expansion of the port on Wednesday."
    local = "The scheme, which was budgeted at 340 million dollars, would have doubled the port's traffic."
    assert _values({"a1": [wire], "b2": [local]}) == [["380 million dollar", "340 million dollars"]]
    # A sum that is no cost of the project is another fact: a fine, not the budget.
    fined = "The contractor was fined 2 million dollars over a spill in the bay last spring."
    assert _values({"a1": [wire], "b2": [fined]}) == []


def test_an_outbreak_counts_cases_as_people_confirmed_with_the_illness() -> None:
    star = "So far nine people have been confirmed with the illness, the public health unit said."
    radio = "The number of confirmed cases rose to 13 on Thursday, the city's public health unit said."
    assert _values({"a1": [star], "b2": [radio]}) == [["nine people", "13"]]
    # The dead among them are another count.
    deaths = "Two patients have died, the public health unit confirmed."
    assert _values({"a1": [deaths], "b2": [radio]}) == []


def test_a_figure_from_an_earlier_year_is_history_not_a_side() -> None:
    radio = "The number of confirmed cases rose to 13 on Thursday, the city's public health unit said."
    history = "The city's previous outbreak, in 2014, was small: four people fell ill, and none of them died."
    star = "So far nine people have been confirmed with the illness, and two patients have died."
    now = datetime(2026, 7, 9)
    assert _values({"a1": [star], "b2": [radio, history]}, now) == [["nine people", "13"]]
    # Undated reports cannot tell history by its year, so the 2014 count is still compared.
    assert len(_values({"a1": [star], "b2": [radio, history]})[0]) == 3
