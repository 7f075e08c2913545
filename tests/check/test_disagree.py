"""Disagreements between independent sources: figures and role holders, on invented sentences."""

from __future__ import annotations

import re

from conftest import REPO
from factories import make_article, make_passages
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.backends.fake import FakeBackend
from briefing.check.disagree import find_disagreements
from briefing.config import Settings
from briefing.pipeline import prepare
from briefing.progress import Progress
from briefing.schema import Disagreement, Passage

OUTLETS = {"a1": "The Fennick Star", "b2": "Valley Herald", "c3": "Coast Wire", "d4": "Morning Bell"}


def _passages(articles: dict[str, list[str]], also_in: dict[str, str] | None = None) -> dict[str, Passage]:
    """One article per entry, one passage per sentence; `also_in` maps an article to one reprinting it."""
    found = {}
    for article_id, sentences in articles.items():
        article = make_article(article_id, f"Story {article_id}", sentences)
        for p in make_passages(article, sentences, (also_in or {}).get(article_id)):
            found[p.id] = p
    return found


def _find(articles: dict[str, list[str]]) -> list[Disagreement]:
    return find_disagreements(_passages(articles))


def _sides(d: Disagreement) -> list[tuple[str, list[str]]]:
    return [(s.value, [c.article_id for c in s.citations]) for s in d.sides]


def _assert_verbatim(d: Disagreement) -> None:
    for side in d.sides:
        for citation in side.citations:
            for name in re.split(r", | and ", side.value):
                assert name in citation.quote


# --- figures ---------------------------------------------------------------------------------------


def test_different_capacities_are_a_figure_disagreement() -> None:
    found = _find({
        "a1": ["The new reservoir holds 3.5 million cubic metres of water, the utility said."],
        "b2": ["Engineers say the reservoir holds about 5 million cubic metres when full."],
        "c3": ["When full, the reservoir holds 3.5 million cubic metres of rain and river water."],
    })  # fmt: skip
    assert len(found) == 1
    d = found[0]
    assert d.kind == "figure" and "cubic metres" in d.topic
    assert _sides(d) == [("3.5 million cubic metres", ["a1", "c3"]), ("about 5 million cubic metres", ["b2"])]
    _assert_verbatim(d)


def test_different_shares_of_supply_are_a_figure_disagreement() -> None:
    found = _find({
        "a1": ["Veldaria produces 70% of global cobalt supply, according to the mining ministry."],
        "b2": ["Veldaria already accounts for about 90% of global supply, analysts said."],
    })  # fmt: skip
    assert [(d.topic, _sides(d)) for d in found] == [
        ("share of global supply", [("70%", ["a1"]), ("about 90%", ["b2"])])
    ]


def test_same_value_in_other_words_is_agreement() -> None:
    found = _find({
        "a1": ["The depot will employ 85 people and cost 30 million dollars.", "Fares rise by 5 percent."],
        "b2": ["The depot cost $30 million and will employ 85 staff.", "Fares rise by five per cent."],
        "c3": ["The depot has created 85 permanent jobs, most of them local.", "Fares rise about 5%."],
    })  # fmt: skip
    assert found == []


def test_values_within_one_article_never_disagree() -> None:
    found = _find({
        "a1": [
            "In 2019 the mine produced 62% of global cobalt supply.",
            "This year the mine produces 90% of global cobalt supply.",
        ],
    })  # fmt: skip
    assert found == []


def test_a_reprint_is_not_a_second_source() -> None:
    articles = {
        "a1": ["The footbridge cost $4.2 million to build, the council said."],
        "b2": ["The footbridge cost $5.9 million to build, according to the council."],
    }
    # b2 carries a1's passage: its own different figure is a correction or a slip, not a second account.
    assert find_disagreements(_passages(articles, also_in={"a1": "b2"})) == []
    assert len(find_disagreements(_passages(articles))) == 1
    assert find_disagreements(_passages(articles), same_source=lambda a, b: True) == []


def test_different_things_of_one_unit_do_not_disagree() -> None:
    found = _find({
        "a1": ["The government set a 10% baseline tariff on imported steel."],
        "b2": ["Veldaria produces 70% of global cobalt supply."],
        "c3": ["Ticket sales rose 12% in the first quarter.", "The team won 3 matches in March."],
        "d4": ["Ticket sales fell 4% in the first quarter.", "The stadium seats 40,000 fans."],
    })  # fmt: skip
    assert found == []


def test_a_source_giving_both_values_is_not_counted_against_the_other() -> None:
    found = _find({
        "a1": ["The mine produced 62% of global cobalt supply in 2019, and 90% of global cobalt supply now."],
        "b2": ["The mine produces 90% of global cobalt supply."],
    })  # fmt: skip
    assert found == []


def test_counts_of_vehicles_spelled_or_in_digits_are_a_figure_disagreement() -> None:
    found = _find({
        "a1": ["Six vehicles plunged into the Marrow River when the Tellin Bridge gave way on Sunday."],
        "b2": ["When the Tellin Bridge gave way, 8 cars and trucks plunged into the Marrow River."],
    })  # fmt: skip
    assert [(d.topic, _sides(d)) for d in found] == [
        ("number of vehicles", [("Six vehicles", ["a1"]), ("8 cars and trucks", ["b2"])])
    ]
    _assert_verbatim(found[0])


def test_a_spelled_count_and_the_same_count_in_digits_agree() -> None:
    spelled = "Six vehicles plunged into the Marrow River when the Tellin Bridge gave way."
    digits = "Police said 6 vehicles plunged into the Marrow River when the Tellin Bridge gave way."
    other = "Police said 8 vehicles plunged into the Marrow River when the Tellin Bridge gave way."
    assert _find({"a1": [spelled], "b2": [digits]}) == []
    # The spelled count is read: against another value it disagrees, the digits standing with it.
    found = _find({"a1": [spelled], "b2": [digits], "c3": [other]})
    assert [_sides(d) for d in found] == [
        [("Six vehicles", ["a1"]), ("6 vehicles", ["b2"]), ("8 vehicles", ["c3"])]
    ]


def test_different_death_tolls_are_a_figure_disagreement() -> None:
    found = _find({
        "a1": ["The collapse of the Tellin Bridge left 12 dead, the fire service said."],
        "b2": ["Fifteen people were killed in the Tellin Bridge collapse, officials said."],
        "c3": ["The Tellin Bridge collapse left 40 injured, the fire service said."],
    })  # fmt: skip
    assert [(d.topic, _sides(d)) for d in found] == [
        ("death toll", [("12 dead", ["a1"]), ("Fifteen people", ["b2"])])
    ]


def test_the_dead_and_the_injured_are_never_compared() -> None:
    found = _find({
        "a1": ["The collapse of the Tellin Bridge left 12 dead, the fire service said."],
        "b2": ["The collapse of the Tellin Bridge left 30 injured, the fire service said."],
        "c3": ["Nine people were taken to hospital after the collapse of the Tellin Bridge."],
        "d4": ["At least 40 people were on the Tellin Bridge when it collapsed."],
    })  # fmt: skip
    assert found == []


def test_years_and_counts_tied_to_different_events_do_not_disagree() -> None:
    found = _find({
        "a1": [
            "The Tellin Bridge opened with four lanes in 1998, the county said.",
            "The county called the Tellin Bridge a 1998 design.",
        ],
        "b2": [
            "The Tellin Bridge was built with six lanes in 1995, the county said.",
            "The county called the Tellin Bridge a 1995 design.",
        ],
    })  # fmt: skip
    assert found == []


def test_a_measure_before_its_noun_and_after_a_verb_are_one_figure() -> None:
    found = _find({
        "a1": ["The new crossing has a 40-metre span, its engineers said."],
        "b2": ["Its main span measured 45 metres on completion."],
    })  # fmt: skip
    assert [(d.topic, _sides(d)) for d in found] == [
        ("length (metres)", [("40-metre", ["a1"]), ("45 metres", ["b2"])])
    ]


# --- people ----------------------------------------------------------------------------------------


def test_one_office_held_by_different_people_is_a_person_disagreement() -> None:
    found = _find({
        "a1": ["Finance Secretary Mara Olsen opened the talks in Brell on Monday."],
        "b2": ["Veldarian Finance Secretary Jonas Pike opened the talks."],
        "c3": ["The talks were opened by Finance Secretary Olsen."],
    })  # fmt: skip
    assert [(d.kind, d.topic, _sides(d)) for d in found] == [
        ("person", "Finance Secretary", [("Olsen", ["a1", "c3"]), ("Jonas Pike", ["b2"])])
    ]
    _assert_verbatim(found[0])


def test_apposition_with_an_organisation_is_a_role() -> None:
    found = _find({
        "a1": ["Tomas Reyes, director of the Harbour Safety Board, said the bridge was sound."],
        "b2": ["The director of the Harbour Safety Board, Ana Lindqvist, ordered new checks."],
    })  # fmt: skip
    assert [(d.topic, _sides(d)) for d in found] == [
        ("director of the Harbour Safety Board", [("Tomas Reyes", ["a1"]), ("Ana Lindqvist", ["b2"])])
    ]


def test_who_led_something_is_compared() -> None:
    found = _find({
        "a1": ["Deputy Mayor Lena Marsh, who led the project through the council, spoke first."],
        "b2": ["The board, whose chief executive Omar Feld led the project from the start, was silent."],
        "c3": ["The trade delegation, led by Ruth Adeyemi, arrived on Tuesday."],
        "d4": ["The trade delegation is being led by Peter Voss, officials said."],
    })  # fmt: skip
    assert [(d.topic, _sides(d)) for d in found] == [
        ("who led the project", [("Lena Marsh", ["a1"]), ("Omar Feld", ["b2"])]),
        ("who led the trade delegation", [("Ruth Adeyemi", ["c3"]), ("Peter Voss", ["d4"])]),
    ]


def test_people_named_together_are_one_side() -> None:
    lead = "The delegation, led by Ida Brooks, Leon Hart and Nia Cole, arrived in Geneva."
    subset = "Ida Brooks and Leon Hart led the delegation."
    other = "Sam Ortiz and Bea Lund led the delegation, officials said."
    assert _find({"a1": [lead], "b2": [subset]}) == []
    found = _find({"a1": [lead], "b2": [subset], "c3": [other]})
    assert [(d.topic, _sides(d)) for d in found] == [
        (
            "who led the delegation",
            [("Ida Brooks and Leon Hart", ["a1", "b2"]), ("Sam Ortiz and Bea Lund", ["c3"])],
        )
    ]
    _assert_verbatim(found[0])


def test_roles_many_hold_or_held_before_are_not_disputes() -> None:
    found = _find({
        "a1": ["Senator Ivo Brant backed the bill.", "President Kara Voss welcomed the deal."],
        "b2": ["Senator Tilda Moss opposed the bill.", "President Omar Laine welcomed the deal."],
        "c3": ["Finance Secretary Mara Olsen signed the accord."],
        "d4": ["Former Finance Secretary Jonas Pike called the accord weak."],
    })  # fmt: skip
    assert found == []


def test_a_source_naming_the_other_person_otherwise_is_not_a_dispute() -> None:
    found = _find({
        "a1": ["Finance Secretary Mara Olsen signed the accord."],
        "b2": ["Finance Secretary Jonas Pike signed the accord that Olsen had drafted as his adviser."],
    })  # fmt: skip
    assert found == []


# --- sentences and the pipeline --------------------------------------------------------------------


def test_sentence_names_each_outlet_and_value() -> None:
    found = _find({
        "a1": ["The new reservoir holds 3.5 million cubic metres of water, the utility said."],
        "b2": ["Engineers say the reservoir holds about 5 million cubic metres when full."],
        "c3": ["Finance Secretary Mara Olsen opened the talks."],
        "d4": ["Finance Secretary Jonas Pike opened the talks."],
    })  # fmt: skip
    sentences = [d.sentence(OUTLETS.__getitem__) for d in found]
    assert sentences == [
        "Sources differ on the capacity (cubic metres): The Fennick Star reports 3.5 million cubic "
        "metres, while Valley Herald reports about 5 million cubic metres.",
        "Sources differ on the Finance Secretary: Coast Wire reports Mara Olsen, while Morning Bell reports "
        "Jonas Pike.",
    ]


def test_examples_give_the_capacity_and_project_lead_disagreements_only() -> None:
    backend = FakeBackend()
    prepared = prepare(
        [str(REPO / "examples")], Settings(backend="fake"), backend.count_tokens, Progress(None)
    )
    outlet = {e.article.id: e.article.source or e.article.id for e in prepared.articles}
    found = find_disagreements(prepared.passages)
    assert [(d.kind, d.topic) for d in found] == [
        ("figure", "capacity (cubic metres a day)"),
        ("person", "who led the project"),
    ]
    capacity, lead = (d.sentence(outlet.__getitem__) for d in found)
    assert "120,000 cubic metres" in capacity and "210,000 cubic metres" in capacity
    assert "Metro News" in capacity and "The Coastal Post" in capacity
    assert "Amara Okafor" in lead and "Paul Brandt" in lead
    for d in found:
        _assert_verbatim(d)
        assert all(c.quote == prepared.passages[c.passage_id].text for s in d.sides for c in s.citations)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(["a1", "b2", "c3"]), st.text(min_size=1, max_size=200)), max_size=6)
)
def test_never_raises_on_any_text(texts: list[tuple[str, str]]) -> None:
    articles: dict[str, list[str]] = {}
    for article_id, text in texts:
        articles.setdefault(article_id, []).append(text)
    for d in find_disagreements(_passages(articles)):
        assert len(d.sides) >= 2
        d.sentence(str)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a1", "b2", "c3"]),
            st.lists(
                st.sampled_from([
                    "Finance", "Secretary", "Mara", "Olsen", "led", "by", "the", "delegation", ",", "and",
                    "He", "Vice", "Premier", "70%", "90%", "of", "global", "supply", "3", "cubic", "metres",
                    "Chinese", "who", "director", "Board", "'s", ".", "up", "to", "about",
                ]),
                max_size=25,
            ).map(" ".join),
        ),
        max_size=6,
    )
)  # fmt: skip
def test_never_raises_on_near_miss_text(texts: list[tuple[str, str]]) -> None:
    articles: dict[str, list[str]] = {}
    for article_id, text in texts:
        articles.setdefault(article_id, []).append(text or "x")
    for d in find_disagreements(_passages(articles)):
        _assert_verbatim(d)
        d.sentence(str)
