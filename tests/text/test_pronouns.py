"""A third-person pronoun needs a noun before it in the sentence that it can stand for."""

from __future__ import annotations

import pytest

from briefing.text.pronouns import unresolved_pronoun


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
