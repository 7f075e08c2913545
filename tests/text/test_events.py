"""One happening told in other words is one happening (`text/events.py`): the opening of a plant
told as "opened", "went into service" and "performed the official opening" (examples/ had three
lead facts for it); another thing, a denial, a plan or another day is not the same happening."""

from __future__ import annotations

import pytest

from briefing.text.events import happening, same_happening

OPENED = "Marrowick opened its first desalination plant on Tuesday."
IN_SERVICE = "The Greyhaven Point plant went into service."
CEREMONY = "Mayor Elena Rusk performed the official opening."


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (OPENED, IN_SERVICE),
        (OPENED, CEREMONY),
        (IN_SERVICE, CEREMONY),
        ("The plant opened on Tuesday.", "The mayor held the opening of the plant."),
        ("Teachers went on strike on Monday.", "Teachers walked out at 42 schools."),
        ("The minister resigned on Friday.", "The minister stepped down."),
        ("The Quarry Road bridge collapsed on Friday.", "The bridge gave way late on Friday."),
    ],
)
def test_one_happening_in_other_words(first: str, second: str) -> None:
    assert same_happening(first, second)
    assert same_happening(second, first)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # another thing opened
        (OPENED, "The council opened the Corn Exchange as a rest centre."),
        ("The mayor held the opening of the bridge.", "The plant opened on Tuesday."),
        # denied, planned, or another day
        ("The plant did not open on Tuesday.", "The plant opened on Tuesday."),
        ("The plant will open next spring.", "The plant opened."),
        ("The plant opened on Monday.", "The plant opened on Tuesday."),
        # another kind, or the same verb for another happening
        (OPENED, "The plant will produce 120,000 cubic metres of water a day."),
        ("Teachers went on strike on Monday.", "The storm struck the coast."),
        ("The bridge collapsed.", "The plant closed."),
    ],
)
def test_another_happening_is_not_the_same(first: str, second: str) -> None:
    assert not same_happening(first, second)


def test_a_ceremony_names_who_acts_not_what_opens() -> None:
    told = happening("Mayor Elena Rusk cut the ribbon in front of 200 guests.")
    assert told is not None and told.kind == "open" and told.thing is None


def test_a_statement_or_an_unknown_verb_is_no_happening() -> None:
    assert happening("Officials said the plant opened.") is None
    assert happening("The plant cost 640 million dollars.") is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Police opened an investigation into the crash.",
        "Soldiers opened fire on the crowd.",
        "The firm struck a deal with the union.",
        "Shares closed higher on Friday.",
    ],
)
def test_the_same_verbs_in_another_sense_are_no_such_happening(sentence: str) -> None:
    # "Mayor Rusk performed the official opening" names no thing, so it would join any of these.
    assert happening(sentence) is None
