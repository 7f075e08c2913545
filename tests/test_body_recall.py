"""The article body reaches the passages: list items, tables and unspaced scripts; menus still do not."""

from __future__ import annotations

from pathlib import Path

from briefing.config import Settings
from briefing.ingest.files import ingest
from briefing.pipeline import prepare_articles
from briefing.prepare.chunk import chunk
from briefing.prepare.dedupe import dedupe
from briefing.progress import Progress
from briefing.schema import Article, Cleaned
from briefing.text.sentences import word_count

NAV = """<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather for the coast</a></li></ul></nav>"""
FOOTER = """<footer><ul><li><a href="/about">About the Gazette</a></li><li><a href="/privacy">Privacy</a></li>
</ul><p>Copyright 2025 Harrowdale Gazette</p></footer>"""
RELATED = """<aside class="related"><h3>Related stories</h3><ul>
<li><a href="/r1">Bellmoor bridge reopens after repairs</a></li>
<li><a href="/r2">Council to sell Mill Lane depot</a></li></ul></aside>"""
MENU_BITS = ["Home", "Sport", "Weather for the coast", "About the Gazette", "Privacy", "Bellmoor bridge",
             "Mill Lane depot", "Copyright"]  # fmt: skip

VENUES = ["Kellow Library", "Brennock Library", "Oldwick Pool", "Tregarth Museum", "Fenwick Gallery",
          "Carrow Lido", "Northgate Hall", "Millbrook Tip", "Skerrow Office", "Harrow Market"]  # fmt: skip
CLOSED = "25 and 26 December: closed"


def page(title: str, body: str, lang: str = "en") -> str:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body>{NAV}<main><article><h1>{title}</h1>{body}{RELATED}</article></main>{FOOTER}</body></html>"
    )


def hours_page() -> str:
    items = "".join(
        f"<li><p><strong>{v}</strong></p><ul><li>24 December: open {i + 8}am to 1pm</li><li>{CLOSED}</li>"
        "<li>27 to 31 December: open 10am to 4pm</li></ul></li>"
        for i, v in enumerate(VENUES)
    )
    intro = (
        "<p>Libraries, pools and museums across Harrowdale keep shorter hours over Christmas, the council "
        "said on Monday. Here is when each one is open.</p>"
    )
    return page("Christmas opening hours across Harrowdale", f"{intro}<ul>{items}</ul>")


def read_page(tmp_path: Path, name: str, html: str) -> Article:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    result = ingest([str(path)])
    assert result.errors == [], [e.reason for e in result.errors]
    (article,) = result.articles
    return article


def words_and_characters(text: str) -> int:
    return word_count(text)


def shown_text(article: Article, settings: Settings | None = None) -> str:
    prepared = prepare_articles(
        [article], settings or Settings(), words_and_characters, Progress(stream=None)
    )
    (extraction,) = prepared.articles
    return "\n".join(prepared.passages[pid].text for pid in extraction.passage_ids)


# --- lists --------------------------------------------------------------------------------------


def test_list_page_keeps_every_item_even_lines_that_recur(tmp_path: Path) -> None:
    article = read_page(tmp_path, "hours.html", hours_page())
    shown = shown_text(article)
    # Each venue's "closed" line is its own fact, not a repeat to drop.
    assert shown.count(CLOSED) == len(VENUES)
    assert shown.count("27 to 31 December: open 10am to 4pm") == len(VENUES)
    for venue in VENUES:
        assert venue in shown, venue  # a list item in title case is not a section heading


def test_list_article_keeps_long_items_that_differ_in_one_word(tmp_path: Path) -> None:
    items = [
        "Trams will run every ten minutes on weekday mornings, and the operator will review the timetable "
        "after six months of service.",
        "Trams will run every ten minutes on weekday evenings, and the operator will review the timetable "
        "after six months of service.",
        "Dogs travel free on every tram, and the operator will review the rule after six months of service.",
    ]
    body = "<p>The tram line opens on Saturday, the operator said. Here is what riders need to know.</p>"
    body += "<ol>" + "".join(f"<li>{item}</li>" for item in items) + "</ol>"
    article = read_page(tmp_path, "list.html", page("Three things to know about the tram", body))
    shown = shown_text(article, Settings(leave_out_commentary=False))
    for item in items:
        assert item in shown, item
    for bit in MENU_BITS:
        assert bit not in article.text, bit


def test_near_copy_in_one_article_stays_and_across_articles_goes() -> None:
    one = (
        "Path one: closed for drainage work; walkers are asked to follow the signed diversion along the lane."
    )
    two = "Path one: closed for hedge work; walkers are asked to follow the signed diversion along the lane."

    def cleaned(article_id: str, lines: list[str]) -> Cleaned:
        text = "\n".join(lines)
        spans, at = [], 0
        for line in lines:
            spans.append((at, at + len(line)))
            at += len(line) + 1
        article = Article(id=article_id, title=article_id, text=text, origin="x", content_hash="h")
        return Cleaned(article=article, paragraphs=spans, removed=[])

    within = dedupe([cleaned("a1", [one, two])], near_threshold=0.6)
    assert [b.text for b in within.blocks] == [one, two] and within.removed["a1"] == []
    across = dedupe([cleaned("a1", [one]), cleaned("b2", [two])], near_threshold=0.6)
    assert [b.text for b in across.blocks] == [one]
    assert across.removed["b2"][0].reason == "near-duplicate of text in article a1"


# --- tables -------------------------------------------------------------------------------------

STANDINGS = """<table><tr><th>Pos</th><th>Team</th><th>P</th><th>Pts</th></tr>
<tr><td>1</td><td>Brennock Athletic</td><td>18</td><td>42</td></tr>
<tr><td>2</td><td>Kellow Town</td><td>18</td><td>40</td></tr>
<tr><td>3</td><td>Skerrow Isles</td><td>18</td><td>8</td></tr></table>
<p>Kellow Town have been deducted three points for fielding an ineligible player in round 11.</p>"""


def test_table_rows_are_kept_as_lines_of_cells(tmp_path: Path) -> None:
    article = read_page(tmp_path, "table.html", page("Western Shires League table", STANDINGS))
    lines = article.text.split("\n")
    assert "Pos | Team | P | Pts" in lines
    assert "1 | Brennock Athletic | 18 | 42" in lines
    assert "3 | Skerrow Isles | 18 | 8" in lines
    assert "---" not in article.text  # the Markdown rule under the header is not text
    shown = shown_text(article)
    assert "2 | Kellow Town | 18 | 40" in shown
    assert "deducted three points" in shown
    for bit in MENU_BITS:
        assert bit not in shown, bit


# --- scripts written without spaces -------------------------------------------------------------

JAPANESE = """<p>桐ヶ丘市立図書館は来月から、平日の閉館時間を午後七時から九時に延ばす試みを始める。</p>
<p>仕事帰りの利用者から要望が多かったためで、三か月間の利用状況を見て続けるかどうかを決める。</p>"""


def test_japanese_article_is_read_and_shown(tmp_path: Path) -> None:
    article = read_page(tmp_path, "ja.html", page("桐ヶ丘図書館、夜間開館を試行", JAPANESE, lang="ja"))
    assert article.text.startswith("桐ヶ丘市立図書館は来月から")
    shown = shown_text(article)
    assert "三か月間の利用状況を見て続けるかどうかを決める。" in shown


def test_page_of_japanese_menu_words_is_still_not_an_article(tmp_path: Path) -> None:
    path = tmp_path / "menu.html"
    path.write_text(
        "<html><head><title>潮見新報</title></head><body><nav>ホーム 地域 経済 スポーツ</nav></body></html>",
        encoding="utf-8",
    )
    (error,) = ingest([str(path)]).errors
    assert error.reason == "no article text found"


def test_long_chinese_paragraph_is_cut_at_sentence_ends() -> None:
    sentences = ["青禾市交通局十八日宣布，全市首条夜间公交线路将于本月二十日起运营。"] * 3
    sentences += ["这条线路全长二十四公里，连接火车站、市人民医院和东湖工业园。"] * 3
    text = "".join(sentences)
    article = Article(id="zh", title="夜间公交", text=text, origin="zh.txt", content_hash="h")
    deduped = dedupe([Cleaned(article=article, paragraphs=[(0, len(text))], removed=[])])
    chunked = chunk(deduped, {"zh": text}, words_and_characters, max_tokens=40)
    pieces = [chunked.passages[pid].text for pid in chunked.reading["zh"]]
    assert len(pieces) > 1
    assert all(piece.endswith("。") for piece in pieces)
    assert "".join(pieces) == text
