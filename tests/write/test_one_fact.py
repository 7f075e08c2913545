"""A lead sentence that joins two facts is cut in two, so each fact counts every outlet behind it."""

from __future__ import annotations

import pytest
from factories import make_article, make_passages

from briefing.schema import Citation, Fact, Passage, Sentence, SourceSupport
from briefing.write.lead_sentences import lead_sentences
from briefing.write.one_fact import clauses_of, facts_of, one_fact_each, verb_phrases_of

_JOINED = (
    "The Tollard plant will treat 40,000 litres a day, and Mayor Ines Barrow opened the plant on Tuesday."
)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            _JOINED,
            [
                "The Tollard plant will treat 40,000 litres a day.",
                "Mayor Ines Barrow opened the plant on Tuesday.",
            ],
        ),
        (
            "The river burst its banks on Sunday and a farmer died when his tractor overturned.",
            ["The river burst its banks on Sunday.", "A farmer died when his tractor overturned."],
        ),
    ],
)
def test_two_whole_clauses_joined_by_and_become_two_sentences(text: str, parts: list[str]) -> None:
    assert clauses_of(text) == parts


@pytest.mark.parametrize(
    "text",
    [
        # one subject, two verbs: no second sentence of its own
        "Tollard opened its first water plant on Tuesday, creating 60 jobs and easing the drought.",
        "Evacuated families are staying at the Tollard Corn Hall, and in two hotels near the station.",
        # the second clause leans on the first
        "The plant opened on Tuesday, and it will treat 40,000 litres a day.",
        # under a verb of saying, what follows "and" may be what was said
        "Barrow said the plant is ready, and the council will meet on Friday.",
        # inside a quotation the words are the speaker's
        'Barrow said: "The plant is ready and the town is safe for now."',
    ],
)
def test_a_sentence_that_is_not_two_whole_clauses_stays_whole(text: str) -> None:
    assert clauses_of(text) is None


def _passages(texts: dict[str, str]) -> dict[str, Passage]:
    return {
        p.id: p
        for key, text in texts.items()
        for p in make_passages(make_article(key, "Story", [text]), [text])
    }


def test_each_part_is_checked_on_its_own_and_cites_what_bears_it_out() -> None:
    passages = _passages({
        "a1": "The Tollard plant will treat 40,000 litres of water a day.",
        "b2": "Mayor Ines Barrow opened the plant in front of 90 guests on Tuesday.",
    })  # fmt: skip
    cite = [Citation.of(passages[p], passages) for p in passages]
    parts = one_fact_each(Sentence(text=_JOINED, citations=cite), list(passages), passages)
    assert [p.text for p in parts] == [
        "The Tollard plant will treat 40,000 litres a day.",
        "Mayor Ines Barrow opened the plant on Tuesday.",
    ]
    assert [[c.passage_id for c in p.citations] for p in parts] == [["a1.1"], ["b2.1"]]


def test_a_part_its_passages_do_not_bear_out_keeps_the_sentence_whole() -> None:
    passages = _passages({
        "a1": "The Tollard plant will treat 40,000 litres of water a day.",
        "b2": "Mayor Ines Barrow opened the plant in front of 90 guests on Tuesday.",
    })  # fmt: skip
    wrong = _JOINED.replace("on Tuesday", "before 300 guests")
    sentence = Sentence(text=wrong, citations=[Citation.of(passages[p], passages) for p in passages])
    assert one_fact_each(sentence, list(passages), passages) == [sentence]


def _fact(fid: str, pid: str, passages: dict[str, Passage]) -> Fact:
    article = pid.split(".")[0]
    return Fact(
        id=fid, text=passages[pid].text, independent_sources=1, score=1.0,
        sources=[SourceSupport(article_id=article, passage_ids=[pid])],
        citations=[Citation.of(passages[pid], passages)],
    )  # fmt: skip


def test_a_lead_cut_into_more_sentences_than_asked_keeps_the_first_and_says_what_it_left() -> None:
    passages = _passages({
        "a1": "The Tollard plant will treat 40,000 litres of water a day.",
        "b2": "Mayor Ines Barrow opened the plant in front of 90 guests on Tuesday.",
        "c3": "Water bills in Tollard will rise by four percent from May.",
    })  # fmt: skip
    facts = [_fact(f"F{i}", pid, passages) for i, pid in enumerate(passages, start=1)]
    joined = Sentence(text=_JOINED, citations=[Citation.of(passages[p], passages) for p in ("a1.1", "b2.1")])
    bills = Sentence(
        text="Water bills in Tollard will rise by four percent from May.",
        citations=[Citation.of(passages["c3.1"], passages)],
    )
    kept, left = lead_sentences([joined, bills], facts, passages, most=2)
    assert [s.text for s in kept] == [
        "The Tollard plant will treat 40,000 litres a day.",
        "Mayor Ines Barrow opened the plant on Tuesday.",
    ]
    assert [d.text for d in left] == [bills.text]
    assert "more than the 2 sentences" in left[0].reason


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "The plant cost 640 million dollars and has created 85 permanent jobs.",
            ["The plant cost 640 million dollars.", "The plant has created 85 permanent jobs."],
        ),
        # the second verb takes the first one's helpers when it has none
        (
            "The Tollard plant will cost 9 million pounds and employ 30 people.",
            ["The Tollard plant will cost 9 million pounds.", "The Tollard plant will employ 30 people."],
        ),
        (
            "The bridge did not reopen on Monday and stay closed to lorries.",
            ["The bridge did not reopen on Monday.", "The bridge did not stay closed to lorries."],
        ),
    ],
)
def test_one_subject_with_two_verbs_becomes_two_sentences(text: str, parts: list[str]) -> None:
    assert verb_phrases_of(text) == parts


@pytest.mark.parametrize(
    "text",
    [
        "It cost 640 million dollars and has created 85 jobs.",  # whose "it"?
        "The plant cost 640 million dollars and has created 85 jobs, officials said.",  # said by whom
        "Officials said the plant cost 9 million pounds and employs 30 people.",
        "The plant opened on Tuesday.",
    ],
)
def test_a_sentence_that_is_not_one_subject_with_two_verbs_stays_whole(text: str) -> None:
    assert verb_phrases_of(text) is None


def test_a_claim_of_two_facts_is_counted_fact_by_fact() -> None:
    # examples/: "The plant cost 640 million dollars and has created 85 permanent jobs" rested on
    # one outlet, though every outlet gives the cost.
    passages = _passages({"m1": "The plant cost 9 million pounds and has created 30 permanent jobs."})
    whole = "The plant cost 9 million pounds and has created 30 permanent jobs."
    sentence = Sentence(text=whole, citations=[Citation.of(passages["m1.1"], passages)])
    parts = facts_of(sentence, passages)
    assert [p.text for p in parts] == [
        "The plant cost 9 million pounds.",
        "The plant has created 30 permanent jobs.",
    ]
    assert all(p.verification is not None and p.verification.passed for p in parts)
    wrong = sentence.model_copy(update={"text": whole.replace("30", "40")})
    assert facts_of(wrong, passages) == [wrong]  # a part the passage does not bear out: kept whole


def test_a_lead_sentence_joining_facts_past_cutting_is_told_fact_by_fact() -> None:
    # examples/: "Marrowick opened its first desalination plant on Tuesday, costing 640 million
    # dollars." counted 2 outlets; four report the opening and four the cost.
    opened = "Tollard opened its first water plant on Tuesday."
    cost = "The plant cost 9 million pounds."
    passages = _passages({f"{outlet}{n}": text for outlet in "abc" for n, text in ((1, opened), (2, cost))})

    def fact(fid: str, n: int, text: str) -> Fact:
        ids = [f"{outlet}{n}.1" for outlet in "abc"]
        return Fact(
            id=fid, text=text, independent_sources=3, score=1.0,
            sources=[SourceSupport(article_id=p.split(".")[0], passage_ids=[p]) for p in ids],
            citations=[Citation.of(passages[p], passages) for p in ids],
        )  # fmt: skip

    facts = [fact("F1", 1, opened), fact("F2", 2, cost)]
    joined = Sentence(
        text="Tollard opened its first water plant on Tuesday, costing 9 million pounds.",
        citations=[Citation.of(passages[p], passages) for p in ("a1.1", "b2.1")],
    )
    kept, _ = lead_sentences([joined], facts, passages, most=4)
    assert [s.text for s in kept] == [opened, cost]
    assert [len(s.citations) for s in kept] == [3, 3]
    # A sentence of one fact, or one that counts as many outlets as its facts, stays as written.
    alone = Sentence(text=opened, citations=[Citation.of(passages["a1.1"], passages)])
    kept, _ = lead_sentences([alone], facts, passages, most=4)
    assert [s.text for s in kept] == [opened]
