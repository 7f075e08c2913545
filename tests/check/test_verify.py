from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefing.check.verify import SUPPORT_THRESHOLD, Verification, find_support, verify_sentence
from briefing.text.figure_match import missing_figures

# Invented passages: no real article, place or person.
BUDGET = (
    "The Dunmore city council approved a budget of $1.2 billion on Monday, 14 April 2025. "
    "Spending on libraries will rise by 90 percent, to 3,000,000 dollars, and the council will hire "
    "forty-two new staff. Turnout at the public meeting was about 1,200 people."
)
PEOPLE = (
    "Treasury Secretary Rita Vance said the plan was sound. Mayor Tomas Lind, who chairs the council, "
    "called it “a budget for every street in Dunmore”. The European Union and NATO were not consulted."
)
FORMER = "Former mayor Leona Strand criticised the plan, saying the city could not afford it."


def _check(verification: Verification, name: str) -> list[str]:
    return next(c.missing for c in verification.checks if c.name == name and not c.passed)


@pytest.mark.parametrize(
    "sentence",
    [
        "Library spending will rise by 90% to $3 million.",
        "Library spending will rise by 90 per cent to 3 million dollars.",
        "Library spending will rise by ninety percent to $3,000,000.",
        "The council approved a $1.2bn budget.",
        "The council approved a budget of 1.2 billion dollars.",
        "The council approved a budget of $1,200 million.",
        "About 1200 people attended the public meeting.",
        "The council will hire 42 new staff.",
        "The council approved the budget on 14 April 2025.",
        "The council approved the budget on Monday, April 14.",
    ],
)
def test_figures_pass_however_they_are_written(sentence: str) -> None:
    verification = verify_sentence(sentence, [BUDGET])
    assert verification.passed, verification.reason()


def test_a_rank_the_text_does_not_give_fails_the_ordinals_check_not_the_figures_check() -> None:
    verification = verify_sentence("It is the first budget to be approved in April.", [BUDGET])
    assert _check(verification, "ordinals") == ["'first' is not in the source"]
    assert next(c for c in verification.checks if c.name == "numbers").passed


def test_spelled_numbers_in_the_text_match_digits() -> None:
    text = "Seven ships and a dozen boats took part, and ninety percent of crews were local."
    assert verify_sentence("7 ships and 12 boats took part, with 90% of crews local.", [text]).passed


@pytest.mark.parametrize(
    ("sentence", "missing"),
    [
        ("Library spending will rise by 85 percent.", "85 percent"),
        ("The council approved a budget of $1.3 billion.", "$1.3 billion"),
        ("The council approved a budget of 1.2 billion euros.", "1.2 billion euros"),
        ("Library spending will rise to $3 billion.", "$3 billion"),
        ("The council will hire forty-three new staff.", "forty-three"),
        ("The council approved the budget on Tuesday.", "Tuesday"),
        ("The council approved the budget in 2024.", "2024"),
    ],
)
def test_changed_figures_fail(sentence: str, missing: str) -> None:
    verification = verify_sentence(sentence, [BUDGET])
    assert not verification.passed
    assert _check(verification, "numbers") == [missing]
    assert f"figures not in the cited passages: {missing}" in verification.reason()


def test_ranges_give_their_unit_to_both_ends() -> None:
    text = "Prices rose 10-12% in a year when 1 to 2 million visitors came."
    assert verify_sentence(
        "Prices rose between 10% and 12% as 1 million to 2 million visitors came.", [text]
    ).passed


def test_a_currency_needs_that_currency() -> None:
    text = "The bridge cost 5 million euros."
    assert _check(verify_sentence("The bridge cost $5 million.", [text]), "numbers") == ["$5 million"]
    assert verify_sentence("The bridge cost €5m.", [text]).passed


def test_a_percentage_needs_a_percentage() -> None:
    text = "The port handled 90 ships in March."
    assert _check(verify_sentence("The port handled 90% of ships in March.", [text]), "numbers") == ["90%"]
    assert verify_sentence("The port handled 90 vessels in March.", [text]).passed


def test_rounding_to_the_written_precision_passes() -> None:
    text = "Support for the plan stood at 87.4% among 1,234,567 voters."
    assert verify_sentence("Support for the plan stood at 87% among 1.2 million voters.", [text]).passed
    assert not verify_sentence("Support for the plan stood at 85% among voters.", [text]).passed


@pytest.mark.parametrize(
    "sentence",
    [
        "Treasury Secretary Rita Vance said the plan was sound.",
        "Vance said the plan was sound.",
        "Mayor Lind called the plan sound, Treasury Secretary Vance said.",
        "Secretary Vance said the Dunmore plan was sound, and the EU and NATO were not consulted.",
        "Dunmore's mayor, Tomas Lind, chairs the council.",
        "Mr Lind chairs the Dunmore council, which did not consult the European Union.",
    ],
)
def test_names_in_the_text_pass(sentence: str) -> None:
    verification = verify_sentence(sentence, [PEOPLE])
    assert verification.passed, verification.reason()


@pytest.mark.parametrize(
    ("sentence", "missing"),
    [
        ("Treasury Secretary Rita Vance and John Doe said the plan was sound.", "John Doe"),
        ("Mayor Rita Lind chairs the council.", "Rita Lind"),
        ("Vance said the plan was sound, according to Harlow.", "Harlow"),
        ("Vance said the United Nations was not consulted.", "United Nations"),
        ("Mayor Vance called it a budget for every street.", "Mayor Vance"),
    ],
)
def test_names_not_in_the_text_fail(sentence: str, missing: str) -> None:
    verification = verify_sentence(sentence, [PEOPLE])
    assert _check(verification, "names") == [missing]
    assert f"names not in the cited passages: {missing}" in verification.reason()


def test_dropping_deputy_from_a_title_fails() -> None:
    text = "Deputy Mayor Ann Cole opened the school."
    assert verify_sentence("Deputy Mayor Ann Cole opened the school.", [text]).passed
    assert _check(verify_sentence("Mayor Ann Cole opened the school.", [text]), "names") == [
        "Deputy Mayor Ann Cole"
    ]


def test_dropping_former_from_a_role_fails() -> None:
    assert verify_sentence("Former mayor Leona Strand said the city could not afford it.", [FORMER]).passed
    verification = verify_sentence("Mayor Leona Strand said the city could not afford it.", [FORMER])
    assert _check(verification, "names") == ["former mayor"]


def test_quotation_must_be_verbatim() -> None:
    good = "Lind called it “A budget for every street in Dunmore.”"
    assert verify_sentence(good, [PEOPLE]).passed
    assert verify_sentence('Lind called it "a budget for ... every street".', [PEOPLE]).passed
    bad = verify_sentence('Lind called it "a budget for all of Dunmore".', [PEOPLE])
    assert _check(bad, "quotes") == ["a budget for all of Dunmore"]
    assert 'quotations not verbatim in the cited passages: "a budget for all of Dunmore"' in bad.reason()


def test_single_quotes_only_when_clearly_quoting() -> None:
    assert verify_sentence("The Dunmore mayor's plan was called sound by Vance.", [PEOPLE]).passed
    bad = verify_sentence("Lind called it 'a plan for the whole city'.", [PEOPLE])
    assert _check(bad, "quotes") == ["a plan for the whole city"]


def test_faithful_paraphrases_pass() -> None:
    assert verify_sentence("Dunmore's council passed a $1.2 billion budget on Monday.", [BUDGET]).passed
    assert verify_sentence("Rita Vance, the treasury secretary, called the plan sound.", [PEOPLE]).passed


def test_unrelated_sentence_has_low_support() -> None:
    verification = verify_sentence("Heavy rain flooded homes near the river overnight.", [BUDGET])
    assert not verification.passed
    assert verification.support < SUPPORT_THRESHOLD
    assert "too little of it is in the cited passages" in verification.reason()


def test_every_check_is_reported_and_the_threshold_can_be_set() -> None:
    verification = verify_sentence("The river flooded homes overnight.", [BUDGET], min_support=0.0)
    assert verification.passed and verification.reason() == ""
    assert [c.name for c in verification.checks] == [
        "numbers", "names", "quotes", "support", "polarity", "direction", "roles", "figures", "speaker",
        "attribution", "hedges", "time", "ordinals", "qualifiers", "causes",
    ]  # fmt: skip


def test_figure_in_any_cited_passage_is_enough() -> None:
    assert verify_sentence("The council will hire 42 staff, Mayor Tomas Lind said.", [BUDGET, PEOPLE]).passed


def test_find_support_picks_the_passage_that_says_it() -> None:
    candidates = {"a.1": BUDGET, "a.2": PEOPLE, "a.3": FORMER}
    assert find_support("Former mayor Leona Strand said the city could not afford it.", candidates) == ["a.3"]
    assert find_support("Treasury Secretary Rita Vance said the plan was sound.", candidates) == ["a.2"]
    assert find_support("Mayor Tomas Lind said the council will hire 42 staff.", candidates) == ["a.1", "a.2"]
    assert find_support("Heavy rain flooded homes near the river.", candidates) is None
    assert find_support("Support rose to 85%.", {"b.1": "Support rose to 87%."}) is None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.lists(st.text(max_size=300), max_size=3))
def test_verify_never_raises(sentence: str, cited: list[str]) -> None:
    verification = verify_sentence(sentence, cited)
    assert 0.0 <= verification.support <= 1.0
    assert isinstance(verification.reason(), str)


# Text made of the pieces the checks react to, so the property reaches their corners.
_NEWSY = st.lists(
    st.sampled_from([*"abcXYZ019 .,:%$€'\"“”-", "May", "Mr ", "one ", "former ", "mayor ", "Ann ", "bn "]),
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), _NEWSY))
@example("80QQr '0")  # a quotation mark the tagger calls a possessive: found by this test once
def test_a_copy_of_the_cited_text_always_passes(text: str) -> None:
    verification = verify_sentence(text, [text])
    assert verification.passed, verification.reason()


def test_a_figure_that_adds_up_two_cited_figures_passes() -> None:
    passage = "The fire killed 273 people: 212 residents and 61 staff, the coroner said."
    assert not missing_figures("Of the 273 dead, 212 were residents.", [passage])
    assert not missing_figures("The blaze killed 212 residents and 61 staff, 273 in all.", [passage])
    passage = "Of the 289 people who applied last year, 214 applied this year."
    assert not missing_figures("Applications fell by 75 this year.", [passage])


def test_a_spelled_out_count_is_not_added_to_another_figure() -> None:
    passage = "The bridge will close for 10 weeks after inspectors found corrosion in two steel supports."
    assert missing_figures("The bridge will close for 12 weeks.", [passage]) == ["12"]
