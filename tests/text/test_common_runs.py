"""The word runs two tellings of one fact share (invented sentences)."""

from __future__ import annotations

from briefing.text.common_runs import MOST_RUNS, common_runs, keeps


def test_the_runs_both_tellings_have_are_found_longest_first() -> None:
    told = "Engineers said water got round the eastern end of Tarn's flood wall, which was finished in 2012."
    other = "Tarn's flood wall, finished in 2012, held in the middle but was outflanked at its eastern end."
    assert common_runs(told, [other]) == ["Tarn's flood wall", "eastern end"]


def test_a_run_of_small_words_or_a_bare_year_is_no_shared_fact() -> None:
    assert (
        common_runs("It was opened in 2012 by the mayor.", ["Built in 2012, it was opened by the mayor."])
        == []
    )


def test_no_more_than_a_few_runs_are_given() -> None:
    text = "red apples and green pears and ripe plums and sweet figs and dry dates"
    other = "red apples, green pears, ripe plums, sweet figs, dry dates"
    assert len(common_runs(text, [other])) == MOST_RUNS


def test_a_sentence_keeps_a_run_when_it_says_its_content_words() -> None:
    assert keeps("The disease does not spread from one person to another.", "from person to person")
    assert not keeps("Doctors warn of no transmission.", "from person to person")
