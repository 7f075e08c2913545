"""A claim some outlet does not bear out is tried without its when or its later clauses; the story
states the shorter claim when more outlets bear that out."""

from __future__ import annotations

import pytest
from test_story import _two_outlets

from briefing.backends.fake import FakeBackend
from briefing.config import Settings
from briefing.schema import Story
from briefing.write.briefer import Briefer
from briefing.write.claim_core import as_capacity, shorter_claims, without_when
from briefing.write.story import find_story


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A 71-year-old man died at the ford on Thursday evening.", "A 71-year-old man died at the ford."),
        ("The River Tamsey burst its banks late on Thursday.", "The River Tamsey burst its banks."),
        ("Marrowick began supplying homes on Tuesday.", "Marrowick began supplying homes."),
        ("The car was swept off the ford at about 10 pm.", "The car was swept off the ford."),
        # A limit in time is never cut: "unlikely to run" alone says something else.
        (
            "The line was shut on Friday and trains were unlikely to run before Monday.",
            "The line was shut and trains were unlikely to run before Monday.",
        ),
        ("The plant can produce 120,000 cubic metres a day.", None),  # part of the figure
        ("The storm of January flooded 40 homes.", None),  # says which storm
        ("It fell on Monday.", None),  # too little left
        ("The district's last offer, tabled on Friday, was 4.5 percent.", None),  # no hanging "tabled"
        ("The bridge was built in 1962 and strengthened in 2009.", None),  # a year tells history
    ],
)
def test_only_the_phrases_that_say_when_are_cut(sentence: str, expected: str | None) -> None:
    assert without_when(sentence) == expected


def _story(first: list[str], second: list[str]) -> Story:
    """The story of two outlets' extractive briefs (the fake backend copies each passage)."""
    passages, extractions = _two_outlets(first, second)
    briefer = Briefer(FakeBackend(), passages, Settings(backend="fake"))
    briefs = [briefer.article(e.article, e.passage_ids) for e in extractions]
    return find_story(briefs, passages, extractions, [], None)


def test_a_fact_two_outlets_tell_at_different_hours_counts_both() -> None:
    story = _story(
        ["A 71-year-old man died at the Pennock Lane ford on Thursday evening."],
        ["A 71-year-old man died at the Pennock Lane ford, and police have not yet named him."],
    )
    # Neither whole sentence is borne out by the other outlet: the hour is the first's alone, the
    # police the second's. The death without its hour is told by both.
    death = max((f for f in story.facts if "71-year-old" in f.text), key=lambda f: f.independent_sources)
    assert death.independent_sources == 2
    assert death.text == "A 71-year-old man died at the Pennock Lane ford."


def test_shorter_claims_are_the_claim_without_its_when_then_its_first_clause() -> None:
    text = "The council turned the Corn Exchange into a rest centre on Friday, with camp beds and hot food."
    assert shorter_claims(text) == [
        "The council turned the Corn Exchange into a rest centre, with camp beds and hot food.",
        "The council turned the Corn Exchange into a rest centre on Friday.",
        "The council turned the Corn Exchange into a rest centre.",
    ]
    assert shorter_claims("The plant will close, the union said.") == []


def test_a_capacity_is_also_tried_as_what_the_thing_can_do() -> None:
    # examples/: "will produce 120,000 cubic meters" counted 1 source; two outlets say "can produce".
    text = "The plant will produce 120,000 cubic metres of water a day."
    assert shorter_claims(text)[-1] == "The plant can produce 120,000 cubic metres of water a day."
    assert as_capacity("The union will strike on Monday.") is None  # no figure: not a capacity
    assert as_capacity("The plant will not produce 5 tonnes.") is None


def test_a_fact_one_outlet_tells_with_more_detail_counts_both() -> None:
    story = _story(
        [
            "The council turned the Corn Exchange into a rest centre, with camp beds, hot meals, spare"
            " blankets and a pharmacy counter staffed by volunteers."
        ],
        [
            "Families from Quay Street, Tanners Row and the marina are sleeping in the Corn Exchange,"
            " which the council turned into a rest centre."
        ],
    )
    # Neither whole sentence is borne out by the other outlet; the first one's first clause is.
    centre = max((f for f in story.facts if "rest centre" in f.text), key=lambda f: f.independent_sources)
    assert centre.independent_sources == 2
    assert centre.text == "The council turned the Corn Exchange into a rest centre."
