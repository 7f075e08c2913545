from __future__ import annotations

from briefing.prepare.chunk import chunk
from briefing.schema import Block, Deduped, Span


def _words(text: str) -> int:
    return len(text.split())


def test_short_block_is_one_passage_with_exact_offsets() -> None:
    text = "Intro.\nThe plant opens in May. It employs 40 people."
    start = text.index("The")
    deduped = Deduped([Block("a1", start, len(text), text[start:])], {"a1": [0]}, {"a1": []}, {})
    result = chunk(deduped, {"a1": text}, _words, 50)
    passage = result.passages["a1.1"]
    assert (passage.start, passage.end, passage.tokens) == (start, len(text), 9)
    assert text[passage.start : passage.end] == passage.text
    assert result.reading == {"a1": ["a1.1"]}


def test_long_block_splits_on_sentence_boundaries_and_offsets_still_slice() -> None:
    sentences = [f"Sentence number {i} says something about the harbour plan." for i in range(12)]
    text = " ".join(sentences)
    deduped = Deduped([Block("a1", 0, len(text), text)], {"a1": [0]}, {"a1": []}, {})
    result = chunk(deduped, {"a1": text}, _words, 30)
    passages = [result.passages[p] for p in result.reading["a1"]]
    assert len(passages) > 1
    for p in passages:
        assert text[p.start : p.end] == p.text
        assert p.tokens <= 30
        assert p.text.endswith(".")
    assert " ".join(p.text for p in passages) == text  # nothing lost between pieces


def test_copies_follow_their_piece_with_shifted_offsets() -> None:
    body = "First sentence here is long enough. Second sentence is here too."
    copy_text = "Header line\n" + body
    copy_start = copy_text.index("First")
    block = Block("a1", 0, len(body), body, (Span(article_id="b2", start=copy_start, end=len(copy_text)),))
    deduped = Deduped([block], {"a1": [0], "b2": [0]}, {"a1": [], "b2": []}, {"b2": "a1"})
    result = chunk(deduped, {"a1": body, "b2": copy_text}, _words, 7)
    assert result.reading["b2"]
    for pid in result.reading["b2"]:
        passage = result.passages[pid]
        (copy,) = passage.also_in
        assert copy_text[copy.start : copy.end] == passage.text


def test_only_the_shown_stretches_become_passages_split_and_copied_with_exact_offsets() -> None:
    sentences = [f"Sentence {i} says the harbour plan costs {i} million." for i in range(6)]
    body = "Left out first. " + " ".join(sentences[:3]) + " Left out between. " + " ".join(sentences[3:])
    copy_text = "Header line\n" + body
    shift = copy_text.index(body)
    block = Block("a1", 0, len(body), body, (Span(article_id="b2", start=shift, end=len(copy_text)),))
    first = (body.index(sentences[0]), body.index(sentences[2]) + len(sentences[2]))
    second = (body.index(sentences[3]), len(body))
    deduped = Deduped([block], {"a1": [0], "b2": [0]}, {"a1": [], "b2": []}, {"b2": "a1"})
    # 10 words a passage: each stretch of three sentences (24 words) goes through the splitter.
    result = chunk(deduped, {"a1": body, "b2": copy_text}, _words, 10, shown=[[first, second]])
    passages = [result.passages[p] for p in result.reading["a1"]]
    assert " ".join(p.text for p in passages) == " ".join(sentences)  # nothing else, nothing lost
    for p in passages:
        assert body[p.start : p.end] == p.text and p.tokens <= 10
        (copy,) = p.also_in
        assert copy_text[copy.start : copy.end] == p.text
