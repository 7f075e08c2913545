"""A third-person pronoun needs a noun before it in the sentence that it can stand for."""

from __future__ import annotations

import pytest

from briefing.text.pronouns import pointing_back, unanchored_subject, unresolved_pronoun
from briefing.write.reply_format import text_problems


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Police have not yet named him.", "him"),
        ("He said the plant would open in May.", "He"),
        ("Officials told her the road was shut.", "her"),
        ("Police said they had found his car.", "his"),  # "Police" is no one "his" can stand for
        ("They said the road was shut.", "They"),
        ("The pensioner lost his life.", None),
        ("Mayor Ana Ruiz said she would resign.", None),
        ("Residents said their homes flooded.", None),
        ("Kowalczyk said she had beds for everyone.", None),
        ('"We will find them," the coordinator said.', None),  # inside a quotation: the speaker's
    ],
)
def test_a_pronoun_with_no_noun_it_can_stand_for_is_found(sentence: str, expected: str | None) -> None:
    assert unresolved_pronoun(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The pensioner lost his life.", "The pensioner"),
        ("The tower has been shut down.", "The tower"),
        ("The city had an outbreak in 2014.", "The city"),  # a year is no anchor
        ("The council has opened an investigation into the collapse.", None),  # says what it is about
        ("The tower at Holm has been shut down.", None),  # a name
        ("The plant will cost 40 million euros.", None),  # a figure
        ("The cooling tower has been shut down.", None),  # a noun that says which
        ("Old mine workings have not been ruled out, the council said.", None),  # who says it
        ("A pensioner died when his car was swept off a ford.", None),  # not "the"
    ],
)
def test_a_subject_that_names_nothing_is_found(sentence: str, expected: str | None) -> None:
    assert unanchored_subject(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Union leader Maya Orr rejected that argument.", "that argument"),
        ("This decision will cost Tollard 4 million pounds.", "This decision"),
        ("Orr said those figures were wrong.", "those figures"),
        ("The union made an argument, and the mayor rejected that argument.", None),  # named before
        ("The council approved the plan this week.", None),  # a time the reader places
        ("Rainfall in Tollard this June was the highest on record.", None),  # a month's name
        ("An inquiry found that tooth decay among children had fallen.", None),  # "that" opens a clause
        ("'This plan is wrong,' Orr said.", None),  # the speaker's words
    ],
)
def test_a_this_or_that_pointing_to_an_unsaid_sentence_is_found(sentence: str, expected: str | None) -> None:
    assert pointing_back(sentence) == expected


def test_a_sentence_pointing_back_is_refused_for_its_form() -> None:
    problems = text_problems("Union leader Maya Orr rejected that argument.")
    assert problems == ["'that argument' points back to something the sentence does not say: say what it is"]
