"""A fact told by several outlets with different figures: the lead is shown the figures the chosen
telling lacks ("42 schools" beside "2,100 teachers"), never a side of a dispute."""

from __future__ import annotations

from factories import make_article, make_passages

from briefing.prompts import load_prompt
from briefing.schema import Citation, Disagreement, Sentence, Side
from briefing.write.story import _more_figures
from briefing.write.story_claims import Claim, Group

TEACHERS = "Some 2,100 teachers in Brannock walked out on Monday."
SCHOOLS = "Teachers walked out of 42 public schools in Brannock on Monday."
PLAIN = "Teachers in Brannock walked out on Monday."


def _claim(key: str, text: str) -> Claim:
    passage = make_passages(make_article(key, "Strike", [text]), [text])[0]
    sentence = Sentence(text=text, citations=[Citation.of(passage, {passage.id: passage})])
    return Claim(sentence=sentence, article_id=key, source=key, order=0, position=0.0)


def test_another_telling_with_other_figures_is_shown_beside_the_fact() -> None:
    head = _claim("a1", TEACHERS)
    group = Group([head, _claim("b2", PLAIN), _claim("c3", SCHOOLS)])
    assert _more_figures(head, group, []) == [SCHOOLS]


def test_a_telling_with_no_new_figure_adds_nothing() -> None:
    head = _claim("a1", TEACHERS)
    assert _more_figures(head, Group([head, _claim("b2", PLAIN)]), []) == []


def test_a_telling_that_states_one_side_of_a_dispute_is_not_shown() -> None:
    head = _claim("a1", TEACHERS)
    other = _claim("c3", "Some 2,400 teachers in Brannock walked out on Monday, at 42 schools.")
    dispute = Disagreement(
        topic="teachers who walked out",
        kind="figure",
        sides=[
            Side(value="2,100", citations=head.sentence.citations),
            Side(value="2,400", citations=other.sentence.citations),
        ],
    )
    assert _more_figures(head, Group([head, other]), [dispute]) == []


def test_the_story_prompt_shows_the_other_telling() -> None:
    shown = [{"label": "F1", "count": 2, "text": TEACHERS, "also": [SCHOOLS]}]
    messages = load_prompt("story").render(facts=shown, sources=2, min_sentences=1, max_sentences=2)
    user = messages[-1]["content"]
    assert TEACHERS in user and f"Another outlet tells it: {SCHOOLS}" in user
