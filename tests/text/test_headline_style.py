"""A clipped headline phrase is told apart from a whole sentence, including ones the parser misreads."""

from __future__ import annotations

import pytest

from briefing.text.headline_style import (
    clipped_articles,
    headline_passive,
    headline_present,
    headline_style,
)


@pytest.mark.parametrize(
    "line",
    [
        "Ferry sinks, passengers rescued, fuel spreads across harbour.",
        "Measles outbreak linked to Dunmore primary school canteen.",
        "Probe lands in Halley basin near Mars equator, sending weak signal.",
        "Candidate's lead shrinks to 90 votes after recount, down from 140 overnight.",
    ],
)
def test_a_clipped_headline_phrase_is_found(line: str) -> None:
    assert headline_style(line)


@pytest.mark.parametrize(
    "line",
    [
        "The ferry capsized off Dunmore harbour on Monday, and all 40 passengers were rescued.",
        # Each of these is headed by a noun in the parse, yet is a whole sentence.
        "A minibus ploughed into the back of a stationary lorry on the A917 bypass on Wednesday.",
        "Harbour News, citing officials at the opening, put the plant's capacity at 210,000 cubic metres.",
        "Water breached the town's flood wall.",
        "Police confirmed that no one had been killed.",
        "Dunmore has a new mayor.",
        # The parser splits the dateline off; the sentence after it is what is judged.
        "DUNMORE, May 4 (Harbour Wire) - The ferry capsized off Dunmore harbour on Monday.",
    ],
)
def test_a_whole_sentence_is_not_taken_for_a_headline(line: str) -> None:
    assert not headline_style(line)


@pytest.mark.parametrize(
    "line",
    [
        "Lena Holt, chief executive, said plant protects city from floods.",
        "Holt says dam will be lifeline, council chooses site near old quarry.",
    ],
)
def test_a_line_without_its_articles_is_found(line: str) -> None:
    assert clipped_articles(line)


@pytest.mark.parametrize(
    "line",
    [
        # Nouns that go without an article in any register.
        "Inflation slowed to 3.4 per cent in May as food prices eased, figures from Ostrel showed.",
        "Governor Lindqvist said rates would rise further if wage growth does not slow this winter.",
        # Whole sentences, and one whose only bare nouns are in a quotation.
        "The scheme protects the town from flooding, Lena Holt, the council leader, said.",
        '"We are buying growth and we are buying efficiency, and I will not pretend otherwise," she said.',
        "Short line, plant opens.",  # too short to judge by this sign
    ],
)
def test_a_sentence_with_its_articles_or_only_mass_nouns_is_not(line: str) -> None:
    assert not clipped_articles(line)


@pytest.mark.parametrize(
    "line",
    [
        "Two people killed in Orvel flood.",
        "Tarn's measles outbreak linked to primary school's water fountain.",
        "Cholera outbreak linked to village's well, officials say.",
    ],
)
def test_a_headline_passive_without_its_was_is_found(line: str) -> None:
    assert headline_passive(line)


@pytest.mark.parametrize(
    "line",
    [
        "Three people were killed in the Tarn ferry fire.",
        "The outbreak was linked to a village well.",
        "Osk's council on Friday named deputy mayor Ilse Varga as its new chief executive.",  # a past tense
        "Holm's government approved the plan on Friday.",
        '"Three people killed in a fire" was the first report, the police said.',
    ],
)
def test_a_whole_sentence_is_no_headline_passive(line: str) -> None:
    assert not headline_passive(line)


@pytest.mark.parametrize(
    "line",
    [
        "District council turns Harl Corn Exchange into rest centre.",
        "Inflation rises to 3% in Tarn in May.",
        "Authorities raise evacuations to 450 on Saturday as water spreads into dry streets.",
        "Vasquez narrowly wins Tarn by-election, with 187 votes in early hours.",
    ],
)
def test_a_headline_present_tense_is_found(line: str) -> None:
    assert headline_present(line)


@pytest.mark.parametrize(
    "line",
    [
        "The district council turned Harl Corn Exchange into a rest centre.",
        "Inflation rose to 3% in Tarn in May.",
        "Tarn's council says it turns Harl Corn Exchange into a rest centre.",
        '"Council turns hall into rest centre," read the notice.',
        "Short line, plant opens.",  # too short to judge by this sign
        "First-dose vaccine uptake in Tarn rose to 84% last year, national figures show.",
        "Fishers fear brine from the plant will harm their catch.",  # a view, told in the present
        "Estmar ranks behind only Halvany among Corvania's steel suppliers.",  # a state
    ],
)
def test_a_whole_sentence_is_no_headline_present(line: str) -> None:
    assert not headline_present(line)
