from __future__ import annotations

from briefing.prepare.dedupe import dedupe
from briefing.schema import Article, Cleaned

P1 = (
    "The council approved the new harbour budget of 12 million crowns on Tuesday evening after a long debate."
)
P2 = (
    "Opposition members argued that the dredging plan would harm the fishing grounds north of the breakwater."
)
P3 = "The mayor said work would start in March and take about two years to complete, weather permitting."


def _cleaned(article_id: str, paragraphs: list[str], title: str | None = None) -> Cleaned:
    text = "\n".join(paragraphs)
    spans, at = [], 0
    for p in paragraphs:
        spans.append((at, at + len(p)))
        at += len(p) + 1
    article = Article(
        id=article_id, title=title or article_id, text=text, origin=f"{article_id}.txt", content_hash="h"
    )
    return Cleaned(article=article, paragraphs=spans, removed=[])


def test_body_pasted_twice_keeps_one_copy_and_records_where_the_repeat_was() -> None:
    a = _cleaned("a1", [P1, P2, P1, P2])
    result = dedupe([a])
    assert [b.text for b in result.blocks] == [P1, P2]
    assert result.reading["a1"] == [0, 1]
    removed = result.removed["a1"]
    assert [(r.start, r.text) for r in removed] == [
        (len(P1) + len(P2) + 2, P1),
        (2 * len(P1) + len(P2) + 3, P2),
    ]
    assert all("earlier in this article" in r.reason for r in removed)
    assert result.blocks[0].copies[0].start == len(P1) + len(P2) + 2


def test_syndicated_copy_is_a_reprint_with_provenance() -> None:
    original = _cleaned("a1", [P1, P2, P3])
    reprint = _cleaned("b2", [P1, P2, P3])
    result = dedupe([original, reprint])
    assert len(result.blocks) == 3
    assert result.duplicate_of == {"b2": "a1"}
    assert result.reading["b2"] == [0, 1, 2]
    assert [c.article_id for b in result.blocks for c in b.copies] == ["b2", "b2", "b2"]
    assert all(r.reason == "exact copy of text in article a1" for r in result.removed["b2"])


def test_a_reprint_keeping_the_originals_headline_as_a_body_line_is_still_a_reprint() -> None:
    original = _cleaned("a1", [P1, P2, P3])
    reprint = _cleaned("b2", ["Council backs harbour budget", P1, P2, P3])
    result = dedupe([original, reprint])
    assert result.duplicate_of == {"b2": "a1"}
    # The headline line is still kept (and shown) as the reprint's own: it is not lost, only not counted.
    assert result.blocks[3].text == "Council backs harbour budget"


def test_a_reprint_keeping_the_originals_headline_as_a_long_bullet_is_a_reprint_and_the_line_goes() -> None:
    headline = "Harbour budget backed by the council after a long night of debate in the town hall"
    original = _cleaned("a1", [P1, P2, P3], title=headline)
    reprint = _cleaned("b2", [f"- {headline}.", P1, P2, P3], title="Council says yes to harbour money")
    result = dedupe([original, reprint])
    assert result.duplicate_of == {"b2": "a1"}
    (removal,) = [r for r in result.removed["b2"] if r.start == 0]
    assert removal.reason == "repeats the headline of article a1" and removal.text == f"- {headline}."
    assert all(b.article_id == "a1" for b in result.blocks)  # nothing of b2's own reaches the model


def test_an_article_with_a_paragraph_of_its_own_is_not_a_reprint() -> None:
    original = _cleaned("a1", [P1, P2])
    other = _cleaned("b2", [P1, P2, P3])
    assert dedupe([original, other]).duplicate_of == {}


def test_near_duplicate_paragraph_with_one_word_changed_is_a_copy() -> None:
    edited = P1.replace("long debate", "lengthy debate")
    result = dedupe([_cleaned("a1", [P1]), _cleaned("b2", [edited, P3])], near_threshold=0.6)
    assert [b.text for b in result.blocks] == [P1, P3]
    assert result.removed["b2"][0].reason == "near-duplicate of text in article a1"
    assert "b2" not in result.duplicate_of  # b2 has text of its own


def test_different_paragraphs_are_kept() -> None:
    result = dedupe([_cleaned("a1", [P1]), _cleaned("b2", [P2])])
    assert [b.text for b in result.blocks] == [P1, P2]
    assert result.removed == {"a1": [], "b2": []}


def test_repeated_long_sentence_inside_a_new_paragraph_is_removed_and_the_rest_kept() -> None:
    lede = "A new opening line written by the second outlet for its readers today."
    result = dedupe([_cleaned("a1", [P1]), _cleaned("b2", [f"{lede} {P1}"])])
    assert [b.text for b in result.blocks] == [P1, lede]
    assert result.removed["b2"][0].reason == "repeated sentence of text in article a1"
    assert result.reading["b2"] == [1, 0]


def test_short_sentences_may_repeat() -> None:
    result = dedupe(
        [
            _cleaned("a1", ["He declined to comment."]),
            _cleaned("b2", ["Storm warning issued. He declined to comment."]),
        ]
    )
    assert [b.text for b in result.blocks] == [
        "He declined to comment.",
        "Storm warning issued. He declined to comment.",
    ]


def test_near_copy_with_a_different_figure_or_name_is_kept_as_a_disagreement() -> None:
    figure = P1.replace("12 million", "15 million")
    name = P3.replace("The mayor", "Deputy Mayor Brandt")
    result = dedupe([_cleaned("a1", [P1, P3]), _cleaned("b2", [figure, name])], near_threshold=0.6)
    assert [b.text for b in result.blocks] == [P1, P3, figure, name]
    assert result.removed["b2"] == []
