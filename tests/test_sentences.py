from __future__ import annotations

from briefing.sentences import sentence_spans


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def test_splits_on_end_punctuation_with_offsets() -> None:
    text = "The port opened on Monday. It cost $4.5 million! Will it last? Nobody knows."
    assert _sentences(text) == [
        "The port opened on Monday.",
        "It cost $4.5 million!",
        "Will it last?",
        "Nobody knows.",
    ]


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = "U.S. Treasury Secretary J. Smith met Mr. Lee in St. Paul. Talks ended at 5 p.m. Friday."
    assert _sentences(text) == [
        "U.S. Treasury Secretary J. Smith met Mr. Lee in St. Paul.",
        "Talks ended at 5 p.m. Friday.",
    ]


def test_closing_quote_stays_with_its_sentence() -> None:
    text = 'She said "we are done." Then she left.'
    assert _sentences(text) == ['She said "we are done."', "Then she left."]


def test_range_limits_and_whitespace_trimmed() -> None:
    text = "xx  First one. Second one.  yy"
    spans = sentence_spans(text, 2, 28)
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one."]
