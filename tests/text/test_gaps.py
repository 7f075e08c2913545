"""A lone comma between a subject and its verb marks words the model left out."""

from __future__ import annotations

import pytest

from briefing.text.gaps import cut_subject
from briefing.text.parser import parse
from briefing.write.compress import text_without
from briefing.write.reply_format import text_problems


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Corvant's chief executive, told analysts the savings would come from shared depots.",
            "Corvant's chief executive",
        ),
        ("The fire chief, said the blaze was under control by noon.", "The fire chief"),
        ("The fire chief, Ada Lorne, said the blaze was under control by noon.", None),  # the name is there
        ("The fire chief, however, said the blaze was under control.", None),  # a word between
        (
            "The Harl bridge, shut since a crash in 2021, will reopen on 4 May.",
            None,
        ),  # an aside, then the verb
        ("The Harl bridge, built in 1921, was closed after the crash.", None),
        ("The fire chief said the blaze was under control by noon.", None),
    ],
)
def test_a_subject_cut_off_from_its_verb_is_found(sentence: str, expected: str | None) -> None:
    assert cut_subject(sentence) == expected


def test_a_sentence_with_a_cut_subject_is_refused_for_its_form() -> None:
    problems = text_problems("The fire chief, said the blaze was under control by noon.")
    assert problems == ["a comma parts 'The fire chief' from its verb: words are missing; say who, whole"]


def test_cutting_words_keeps_the_space_between_the_words_either_side() -> None:
    # "logistics" has no space of its own: the comma after it follows at once
    doc = parse("Savings will come from merging logistics, payroll and IT functions, the firm said.")
    cut = {t.i for t in doc if t.text in {",", "payroll", "and", "IT"} and t.i < 10}
    assert text_without(doc, cut) == "Savings will come from merging logistics functions, the firm said."
