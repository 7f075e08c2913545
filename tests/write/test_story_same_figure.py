"""Claims of two outlets giving one figure and a few more words are one fact, said once with both
sources (orvel-flood in bench/synthesis/: three outlets' "71-year-old man died" were three facts)."""

from __future__ import annotations

from briefing.schema import Citation, Passage, Sentence, SourceSupport
from briefing.write.story_claims import Claim, group_claims, same_figure

MPA = "A 71-year-old man died in a ford accident on Thursday evening."
ADVERTISER = "A 71-year-old man died at Pennock Lane after his car was swept off the ford at about 10 pm."


def _claim(article_id: str, text: str) -> Claim:
    passage = Passage(
        id=f"{article_id}.1", article_id=article_id, start=0, end=len(text), tokens=20, text=text
    )
    sentence = Sentence(text=text, citations=[Citation.of(passage, {passage.id: passage})])
    return Claim(sentence, article_id, article_id, order=0, position=0.0)


def test_one_figure_and_a_few_words_make_one_fact_across_outlets() -> None:
    assert same_figure(MPA, ADVERTISER)
    [group] = group_claims([_claim("mpa", MPA), _claim("adv", ADVERTISER)])
    assert {c.source for c in group.claims} == {"mpa", "adv"}


def test_one_outlet_saying_a_figure_twice_is_one_fact() -> None:
    first = "Tamsey flooded with 130mm of rain on Thursday, cutting the town in two."
    again = "Fenland Post reports 130mm rain fell on the upper valley between Thursday morning on Friday."
    assert len(group_claims([_claim("fp", first), _claim("fp", again)])) == 1


def test_a_figure_alone_or_with_its_unit_does_not_join_two_facts() -> None:
    assert not same_figure(
        "450 homes were evacuated in Orvel on Saturday.", "450 homes lost power in Castleby."
    )
    assert not same_figure(
        "Span that dropped into river measured 45 metres, took two cars with it.",
        "Passers-by and firefighters pulled out passengers from two cars sliding down a deck.",
    )
    # An earlier value ("up from 300") is not the figure the other report gives today.
    assert not same_figure(
        "The number of homes evacuated in Orvel rose to 450 on Saturday, up from 300 on Friday.",
        "Families left about 300 homes in Orvel on Friday.",
    )


def _cited(article_id: str, text: str, passages: list[Passage]) -> Claim:
    known = {p.id: p for p in passages}
    sentence = Sentence(text=text, citations=[Citation.of(p, known) for p in passages])
    claim = Claim(sentence, article_id, article_id, order=0, position=0.0)
    claim.support = {
        p.article_id: SourceSupport(article_id=p.article_id, passage_ids=[p.id]) for p in passages
    }
    return claim


def test_a_passage_holding_two_facts_does_not_join_them() -> None:
    """The left-out "symptoms" claim cites two outlets; one of its passages also says the tower was
    turned off, which bears out the other outlet's tower claim: one way only, two facts."""
    tower_and_symptoms = _passage(
        "reg", 4, "The tower was switched off. She urged anyone with a cough to see a doctor."
    )
    symptoms_star = _passage("star", 4, "She asked people with symptoms to seek medical advice.")
    tower_star = _passage("star", 1, "The outbreak was traced to a cooling tower, now switched off.")
    tower = _cited("star", "The outbreak was traced to a cooling tower.", [tower_star])
    tower.support["reg"] = SourceSupport(article_id="reg", passage_ids=[tower_and_symptoms.id])
    symptoms = _cited(
        "reg", "Anyone with symptoms should seek medical advice.", [tower_and_symptoms, symptoms_star]
    )
    assert len(group_claims([tower, symptoms])) == 2


def _passage(article_id: str, n: int, text: str) -> Passage:
    return Passage(
        id=f"{article_id}.{n}", article_id=article_id, start=0, end=len(text), tokens=20, text=text
    )


def test_one_happening_told_three_ways_is_one_fact() -> None:
    # examples/: the opening was three lead facts ("opened", "went into service", "performed the
    # official opening"), each with 3 to 4 sources, pushing capacity and cost out of the lead.
    opened = _claim("ledger", "Marrowick opened its first desalination plant on Tuesday.")
    service = _claim("metro", "The Greyhaven Point plant went into service.")
    ceremony = _claim("post", "Mayor Elena Rusk performed the official opening.")
    for claim in (opened, service, ceremony):  # some outlet reports it every way round
        claim.support = {s: SourceSupport(article_id=s, passage_ids=[f"{s}.1"]) for s in ("ledger", "post")}
    [group] = group_claims([opened, service, ceremony])
    assert len(group.claims) == 3


def test_a_happening_with_a_figure_of_its_own_stays_a_fact() -> None:
    opened = _claim("ledger", "Marrowick opened its first desalination plant on Tuesday.")
    ribbon = _claim("tribune", "Mayor Elena Rusk cut the ribbon in front of 200 guests.")
    for claim in (opened, ribbon):  # a third outlet reports both
        sources = (claim.source, "post")
        claim.support = {s: SourceSupport(article_id=s, passage_ids=[f"{s}.1"]) for s in sources}
    assert len(group_claims([opened, ribbon])) == 2
    ribbon.sentence = ribbon.sentence.model_copy(update={"text": "Mayor Elena Rusk cut the ribbon."})
    assert len(group_claims([opened, ribbon])) == 1


def test_one_happening_no_source_reports_both_ways_is_not_joined() -> None:
    # Two outlets each telling an opening, neither bearing out the other: nothing says it is one.
    opened = _claim("ledger", "The plant opened on Tuesday.")
    ceremony = _claim("post", "Mayor Elena Rusk performed the official opening.")
    assert len(group_claims([opened, ceremony])) == 2
