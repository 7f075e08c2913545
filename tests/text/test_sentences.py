from __future__ import annotations

from briefing.text.sentences import sentence_spans, word_count, written_without_spaces


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


def test_chinese_and_japanese_sentences_end_at_full_width_marks() -> None:
    text = "渡し船が十日、運航を始めた。定員は四十八人だ！本当か？女性は「安心した。来てほしい」と話した。"
    assert _sentences(text) == [
        "渡し船が十日、運航を始めた。",
        "定員は四十八人だ！",
        "本当か？",
        "女性は「安心した。",
        "来てほしい」と話した。",
    ]
    # A mark closed by a quote ends no sentence: 「…です。」と話した is one.
    assert _sentences("「来てほしい。」と話した。町は増便する。") == [
        "「来てほしい。」と話した。",
        "町は増便する。",
    ]


def test_words_of_unspaced_scripts_are_counted_from_characters() -> None:
    assert word_count("The port opened on Monday, 2 | 3.") == 7
    assert word_count("館長は「夜に静かに本を読める場所として使ってほしい」と話している。") >= 8
    assert word_count("ホーム 地域 経済 スポーツ") < 8  # a menu is still short
    assert word_count("กรุงเทพมหานครเป็นเมืองหลวง") == 6
    assert written_without_spaces("潮見浜と小鷺島を結ぶ船 (Shiomi ferry)")
    assert not written_without_spaces("The Tokyo office (東京) opened.")
