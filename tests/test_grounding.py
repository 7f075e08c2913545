from __future__ import annotations

from briefing.grounding import grounding_problems, numbers_in


def test_numbers_are_normalised() -> None:
    assert numbers_in("1,200 people, 3.5% and 2025") == {"1200", "3.5", "2025"}
    assert numbers_in("12.0 million") == {"12"}


def test_changed_figure_is_reported() -> None:
    source = "Support stood at 87% in the poll."
    assert grounding_problems("Support stood at 87%.", [source]) == []
    assert grounding_problems("Support stood at 85%.", [source]) == ["figures not in the cited passages: 85"]


def test_quote_must_be_verbatim_ignoring_case_and_curly_quotes() -> None:
    source = "“We will not back down,” the minister said."
    assert grounding_problems('The minister said "we will not back down".', [source]) == []
    problems = grounding_problems('The minister said "we will never back down".', [source])
    assert problems == ['quotation not found verbatim in the cited passages: "we will never back down"']


def test_figure_in_any_cited_passage_is_enough() -> None:
    assert grounding_problems("Costs rose to 40 million.", ["Nothing here.", "It cost 40 million."]) == []


def test_single_quotation_marks_are_quotes_but_apostrophes_are_not() -> None:
    source = "The fishers' leader said the buoys were 'nowhere to be seen' on the city's quay."
    assert grounding_problems("The fishers' leader said the buoys were 'nowhere to be seen'.", [source]) == []
    problems = grounding_problems("The leader said the buoys were 'missing entirely'.", [source])
    assert problems == ['quotation not found verbatim in the cited passages: "missing entirely"']
