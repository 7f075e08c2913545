"""Reading articles from text, Markdown, HTML, JSON and JSONL files, folders and stdin."""

from __future__ import annotations

import hashlib
import io
import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.errors import InputError
from briefing.ingest.files import IngestResult, article_from_fields, ingest
from briefing.schema import Article

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"

BODY = (
    "The ferry between Oldwick and the Tarn islands will stop running on Friday, the operator said.\n"
    "Islanders have relied on the twice-daily crossing since 1974.\n"
    "A replacement vessel is not expected before the autumn."
)
STORY = f"Tarn ferry to be withdrawn after hull inspection\nJune 12, 2025, 5:44 am\nBy Mara Quint\n\n{BODY}\n"


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def only_article(result: IngestResult) -> Article:
    assert result.errors == [], [str(e) for e in result.errors]
    assert len(result.articles) == 1
    return result.articles[0]


def only_error(result: IngestResult) -> InputError:
    assert len(result.errors) == 1, [str(e) for e in result.errors]
    return result.errors[0]


# --- plain text --------------------------------------------------------------------------------


def test_text_title_dateline_and_byline_are_metadata_not_body(tmp_path: Path) -> None:
    path = write(tmp_path, "ferry.txt", STORY)
    article = only_article(ingest([str(path)]))
    assert article.title == "Tarn ferry to be withdrawn after hull inspection"
    assert article.published == "June 12, 2025, 5:44 am"
    assert article.byline == "Mara Quint"
    assert article.text == BODY
    assert article.origin == str(path)
    assert article.source is None


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("2025-06-12", "2025-06-12"),
        ("12 June 2025", "12 June 2025"),
        ("Published: 12 June 2025", "12 June 2025"),
        ("Updated 12 June 2025 14:05 BST", "12 June 2025 14:05 BST"),
        ("Thursday, June 12, 2025", "Thursday, June 12, 2025"),
        ("2025-06-12T05:44:00Z", "2025-06-12T05:44:00Z"),
        ("Jun. 12, 2025 at 5:44 p.m. ET", "Jun. 12, 2025 at 5:44 p.m. ET"),
    ],
)
def test_dateline_forms(tmp_path: Path, line: str, published: str) -> None:
    path = write(tmp_path, "a.txt", f"Headline\n{line}\n{BODY}")
    article = only_article(ingest([str(path)]))
    assert article.published == published
    assert article.text == BODY


def test_byline_with_agency_and_source_line(tmp_path: Path) -> None:
    text = f"Headline\nBy Jane Doe and John Roe, Reuters\nSource: Example Times\n2025-06-12\n\n{BODY}"
    article = only_article(ingest([str(write(tmp_path, "a.txt", text))]))
    assert article.byline == "Jane Doe and John Roe, Reuters"
    assert article.source == "Example Times"
    assert article.published == "2025-06-12"
    assert article.text == BODY


def test_byline_and_date_on_one_line(tmp_path: Path) -> None:
    article = only_article(
        ingest([str(write(tmp_path, "a.txt", f"Headline\nBy Jane Doe | 12 June 2025\n{BODY}"))])
    )
    assert (article.byline, article.published, article.text) == ("Jane Doe", "12 June 2025", BODY)


def test_publication_date_wins_over_update(tmp_path: Path) -> None:
    text = f"Headline\nUpdated: 13 June 2025\nPublished: 12 June 2025\n{BODY}"
    assert only_article(ingest([str(write(tmp_path, "a.txt", text))])).published == "12 June 2025"


def test_sentence_that_starts_like_a_byline_stays_in_the_body(tmp_path: Path) -> None:
    body = "By Tuesday, the last ferry had left the harbour.\nNo one knows when it will return."
    article = only_article(ingest([str(write(tmp_path, "a.txt", f"Headline\n{body}"))]))
    assert article.byline is None
    assert article.text == body


@pytest.mark.parametrize(
    ("line", "byline"),
    [
        ("By \u00c9milie Faure in Lyon", "\u00c9milie Faure in Lyon"),
        ("BY JANE DOE", "JANE DOE"),
        ("Written by Omar al-Rashid, Staff Writer", "Omar al-Rashid, Staff Writer"),
        ("Author: J. Doe", "J. Doe"),
    ],
)
def test_byline_forms(tmp_path: Path, line: str, byline: str) -> None:
    article = only_article(ingest([str(write(tmp_path, "a.txt", f"Headline\n{line}\n{BODY}"))]))
    assert (article.byline, article.text) == (byline, BODY)


@pytest.mark.parametrize(
    "first",
    ["Bygone days of the ferry are remembered fondly.", "Source: officials said the figures were wrong."],
)
def test_body_line_that_resembles_metadata_is_kept(tmp_path: Path, first: str) -> None:
    article = only_article(ingest([str(write(tmp_path, "a.txt", f"Headline\n{first}\n{BODY}"))]))
    assert (article.byline, article.source, article.text) == (None, None, f"{first}\n{BODY}")


def test_metadata_only_in_the_first_lines(tmp_path: Path) -> None:
    body = f"{BODY}\n2025-06-13\nBy Jane Doe"
    article = only_article(ingest([str(write(tmp_path, "a.txt", f"Headline\n{body}"))]))
    assert article.published is None and article.byline is None
    assert article.text == body


def test_markdown_heading_and_hard_wrapped_body_kept_exactly(tmp_path: Path) -> None:
    body = "The council met on\nMonday evening.\n\n  The vote was\n  close.\n"
    path = write(tmp_path, "note.md", f"\n\n# Council votes on harbour wall\n\n{body}\n\n\n")
    article = only_article(ingest([str(path)]))
    assert article.title == "Council votes on harbour wall"
    assert article.text == body.rstrip()


def test_windows_line_endings_become_newlines(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", STORY.replace("\n", "\r\n").encode())
    assert only_article(ingest([str(path)])).text == BODY


def test_leading_navigation_line_is_not_the_title(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", f"Skip to content\nTarn ferry withdrawn\n{BODY}")
    article = only_article(ingest([str(path)]))
    assert article.title == "Tarn ferry withdrawn"
    assert article.text == BODY


def test_title_only_file_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "Just a headline\nJune 12, 2025\n")
    error = only_error(ingest([str(path)]))
    assert error.origin == str(path)
    assert "no article text" in error.reason


def test_unknown_extension_named_explicitly_is_read_as_text(tmp_path: Path) -> None:
    article = only_article(ingest([str(write(tmp_path, "story.article", STORY))]))
    assert article.title.startswith("Tarn ferry")
    assert article.text == BODY


# --- ids and hashes ----------------------------------------------------------------------------


def test_ids_are_stable_short_and_content_based(tmp_path: Path) -> None:
    first = only_article(ingest([str(write(tmp_path, "a.txt", STORY))]))
    again = only_article(ingest([str(write(tmp_path, "elsewhere/b.txt", STORY))]))
    other = only_article(ingest([str(write(tmp_path, "c.txt", STORY.replace("Friday", "Monday")))]))
    assert re.fullmatch(r"a[0-9a-f]{6}", first.id)
    assert first.id == again.id
    assert other.id != first.id
    expected = hashlib.sha256(f"\n{first.title}\n{first.text}".encode()).hexdigest()[:6]
    assert first.id == "a" + expected
    assert first.content_hash == hashlib.sha256(f"{first.title}\n{first.text}".encode()).hexdigest()


def test_same_file_twice_gets_suffixed_ids(tmp_path: Path) -> None:
    path = str(write(tmp_path, "a.txt", STORY))
    result = ingest([path, path, path])
    ids = [a.id for a in result.articles]
    assert ids[1:] == [f"{ids[0]}-2", f"{ids[0]}-3"]


def test_article_from_fields_builds_the_api_article() -> None:
    article = article_from_fields("api", "  A  title ", "\n\nBody text.\n\n", source="Example Times", url="")
    assert (article.title, article.text, article.source, article.url) == (
        "A title",
        "Body text.",
        "Example Times",
        None,
    )
    assert article.id == "a" + hashlib.sha256(b"\nA title\nBody text.").hexdigest()[:6]
    with pytest.raises(InputError, match="api: the article has no title"):
        article_from_fields("api", " ", "Body")
    with pytest.raises(InputError, match="no body text"):
        article_from_fields("api", "Title", "  \n ")
    with pytest.raises(InputError, match="api: the article body has no words"):
        article_from_fields("api", "Title", '" -- "')
    assert article_from_fields("api", "Title", "東京で地震").text == "東京で地震"


# --- bad inputs --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\n", "only whitespace"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("noise.txt", bytes(range(0x80, 0x100)) * 4, "not UTF-8"),
    ],
)
def test_bad_file_is_reported_and_good_one_still_read(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    bad = write(tmp_path, name, content)
    good = write(tmp_path, "good.txt", STORY)
    result = ingest([str(bad), str(good)])
    assert [a.origin for a in result.articles] == [str(good)]
    error = only_error(result)
    assert error.origin == str(bad)
    assert reason in error.reason
    assert str(error).startswith(f"{bad}: ")


def test_missing_path(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")
    error = only_error(ingest([missing]))
    assert (error.origin, error.reason) == (missing, "no such file or folder")


def test_latin1_file_falls_back(tmp_path: Path) -> None:
    text = (
        "Caf\u00e9 owners in P\u00e9ronne \u2014 \u201cwe are worried\u201d\nThe caf\u00e9 closed on Monday."
    )
    article = only_article(ingest([str(write(tmp_path, "old.txt", text.encode("cp1252")))]))
    assert article.title == "Caf\u00e9 owners in P\u00e9ronne \u2014 \u201cwe are worried\u201d"
    assert article.text == "The caf\u00e9 closed on Monday."


def test_utf8_bom_and_utf16_are_read(tmp_path: Path) -> None:
    bom = write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + STORY.encode())
    wide = write(tmp_path, "wide.txt", STORY.encode("utf-16"))
    result = ingest([str(bom), str(wide)])
    assert result.errors == []
    assert [a.title for a in result.articles] == ["Tarn ferry to be withdrawn after hull inspection"] * 2


# --- folders -----------------------------------------------------------------------------------


def test_folder_is_read_recursively_in_path_order(tmp_path: Path) -> None:
    write(tmp_path, "news/b.txt", STORY.replace("Tarn", "Bay"))
    write(tmp_path, "news/a/z.md", STORY.replace("Tarn", "Zed"))
    write(tmp_path, "news/c.pdf", b"%PDF-1.4")
    write(tmp_path, "news/.hidden/x.txt", STORY)
    write(tmp_path, "news/README.md", "# About these files\nThey are test fixtures.")
    result = ingest([str(tmp_path / "news")])
    assert [a.origin for a in result.articles] == [
        str(tmp_path / "news/a/z.md"),
        str(tmp_path / "news/b.txt"),
    ]
    reasons = {e.origin: e.reason for e in result.errors}
    assert reasons == {
        str(tmp_path / "news/c.pdf"): "unsupported file type .pdf",
        str(tmp_path / "news/README.md"): "README.md describes the folder, not an article",
    }


def test_folder_without_supported_files(tmp_path: Path) -> None:
    write(tmp_path, "empty/notes.docx", b"PK")
    result = ingest([str(tmp_path / "empty")])
    assert result.articles == []
    reasons = {e.origin: e.reason for e in result.errors}
    assert reasons[str(tmp_path / "empty/notes.docx")] == "unsupported file type .docx"
    assert reasons[str(tmp_path / "empty")].startswith("folder has no supported files (")


# --- stdin -------------------------------------------------------------------------------------


def test_stdin_text() -> None:
    article = only_article(ingest(["-"], stdin=io.BytesIO(STORY.encode())))
    assert (article.origin, article.title, article.text) == ("<stdin>", STORY.split("\n")[0], BODY)


def test_stdin_json_list_and_html_are_sniffed() -> None:
    records = [{"title": "One", "text": "First body."}, {"title": "Two"}]
    result = ingest(["-"], stdin=io.BytesIO(b"  " + json.dumps(records).encode()))
    assert [a.origin for a in result.articles] == ["<stdin>[0]"]
    assert (only_error(result).origin, only_error(result).reason) == (
        "<stdin>[1]",
        "missing required field 'text'",
    )
    article = only_article(ingest(["-"], stdin=io.BytesIO(HTML_PAGE.encode())))
    assert article.title == "Lighthouse keepers return to Skerrow Rock"


def test_empty_stdin_is_an_error_and_files_still_read(tmp_path: Path) -> None:
    result = ingest(["-", str(write(tmp_path, "a.txt", STORY))], stdin=io.BytesIO(b""))
    assert len(result.articles) == 1
    assert (only_error(result).origin, only_error(result).reason) == ("<stdin>", "empty file")


# --- JSON and JSONL ----------------------------------------------------------------------------


def test_json_object_with_optional_fields(tmp_path: Path) -> None:
    record = {
        "title": "Harbour wall repaired",
        "text": "Work finished on Monday.",
        "url": "https://example.test/wall",
        "source": "Example Times",
        "published": "2025-06-12",
        "byline": "Jane Doe",
        "tags": ["ignored"],
    }
    article = only_article(ingest([str(write(tmp_path, "one.json", json.dumps(record)))]))
    assert article.model_dump(exclude={"id", "content_hash"}) == {
        **{k: v for k, v in record.items() if k != "tags"},
        "origin": str(tmp_path / "one.json"),
    }
    expected = hashlib.sha256(b"https://example.test/wall\nHarbour wall repaired\nWork finished on Monday.")
    assert article.id == "a" + expected.hexdigest()[:6]


def test_json_cluster_with_bad_records(tmp_path: Path) -> None:
    cluster = {
        "id": "cluster-7",
        "reference": "A reference brief.",
        "articles": [
            {"title": "Good one", "text": "Body one."},
            {"text": "No title."},
            {"title": "Bad url", "text": "Body.", "url": 7},
            ["not", "an", "object"],
            {"title": "Good two", "text": "Body two."},
        ],
    }
    path = write(tmp_path, "cluster.json", json.dumps(cluster))
    result = ingest([str(path)])
    assert [a.title for a in result.articles] == ["Good one", "Good two"]
    assert [str(e) for e in result.errors] == [
        f"{path}[1]: missing required field 'title'",
        f"{path}[2]: field 'url' must be a string or null, got a number",
        f"{path}[3]: expected an article object, got a list",
    ]


def test_malformed_json_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.json", '{\n  "title": "x",\n  "text": \n}')
    error = only_error(ingest([str(path)]))
    assert error.origin == str(path)
    assert error.reason.startswith("malformed JSON at line 4, column 1")


def test_jsonl_bad_lines_are_reported_by_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"title": "First", "text": "One."}),
        "",
        "{not json",
        json.dumps({"title": "Empty", "text": "   "}),
        json.dumps({"title": "Fourth", "text": "Four.", "published": None}),
    ]
    path = write(tmp_path, "feed.jsonl", "\n".join(lines))
    result = ingest([str(path)])
    assert [(a.title, a.origin) for a in result.articles] == [("First", f"{path}:1"), ("Fourth", f"{path}:5")]
    assert [e.origin for e in result.errors] == [f"{path}:3", f"{path}:4"]
    assert result.errors[0].reason.startswith("malformed JSON at column 2")
    assert result.errors[1].reason == "field 'text' is empty"


# --- HTML --------------------------------------------------------------------------------------

HTML_PAGE = """<!DOCTYPE html>
<html><head>
<title>Lighthouse keepers return to Skerrow Rock - The Northern Lamp</title>
<meta property="og:site_name" content="The Northern Lamp">
<meta name="author" content="Ewan Tallis">
<meta property="article:published_time" content="2025-05-02T08:00:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/weather">Weather forecast for the islands</a></li></ul></nav>
<div id="cookie-notice" class="cookie-banner"><p>This site uses cookies to remember your
preferences. Click accept to agree to our use of cookies.</p><button>Accept</button></div>
<main><article>
<h1>Lighthouse keepers return to Skerrow Rock</h1>
<p>For the first time in forty years, two keepers will live on Skerrow Rock this summer while the
automated lamp is rebuilt, the Northern Lights Trust announced on Friday.</p>
<p>The trust said the keepers would stay for twelve weeks and record the work for a museum display
in Oldwick harbour, where the old lens is already on show.</p>
<p>Engineers expect the new lamp to be brighter and to use a tenth of the power of the old one,
which has been failing in winter storms since 2019.</p>
<aside class="related"><h3>Related</h3><ul>
<li><a href="/a">Storm damages pier at Oldwick</a></li>
<li><a href="/b">Trust appoints new chair</a></li></ul></aside>
</article>
<section class="comments" id="comments"><h3>3 comments</h3>
<div class="comment"><p>My grandfather kept that light for a decade. Wonderful news.</p></div>
<div class="comment"><p>Waste of money if you ask me, automation works fine.</p></div>
</section></main>
<footer><p>Copyright 2025 The Northern Lamp</p></footer>
</body></html>
"""
BOILERPLATE_BITS = ["Home", "Sport", "Weather forecast", "cookies", "Storm damages pier", "Trust appoints",
                    "grandfather", "Waste of money", "comments", "Copyright"]  # fmt: skip


def test_html_main_text_without_boilerplate(tmp_path: Path) -> None:
    article = only_article(ingest([str(write(tmp_path, "page.html", HTML_PAGE))]))
    assert article.title == "Lighthouse keepers return to Skerrow Rock"
    assert article.source == "The Northern Lamp"
    assert article.byline == "Ewan Tallis"
    assert article.published == "2025-05-02"
    assert article.text.startswith("For the first time in forty years")
    assert "a tenth of the power" in article.text
    for bit in BOILERPLATE_BITS:
        assert bit not in article.text, bit


def test_html_title_element_is_the_fallback(tmp_path: Path) -> None:
    page = "<html><head><title>Quay reopens</title></head><body><div><p>" + "The quay reopened. " * 20
    article = only_article(ingest([str(write(tmp_path, "p.htm", page + "</p></div></body></html>"))]))
    assert article.title == "Quay reopens"
    assert article.text.startswith("The quay reopened.")


def test_html_without_article_text(tmp_path: Path) -> None:
    path = write(
        tmp_path, "empty.html", "<html><head><title>Nothing</title></head><body><nav>Home</nav></body></html>"
    )
    error = only_error(ingest([str(path)]))
    assert (error.origin, error.reason) == (str(path), "no article text found")


# --- the examples folder -----------------------------------------------------------------------


def test_examples_folder() -> None:
    result = ingest([str(EXAMPLES)])
    names = [Path(a.origin).name for a in result.articles]
    assert names == [
        "coastal-post.html",
        "daily-ledger.txt",
        "harbour-tribune.txt",
        "metro-news.json",
        "wire-copy.txt",
    ]
    assert result.errors == []
    by_name = dict(zip(names, result.articles, strict=True))
    tribune = by_name["harbour-tribune.txt"]
    assert (tribune.byline, tribune.source, tribune.published) == (
        "Tom Aldane",
        "The Harbour Tribune",
        "March 3, 2026, 6:05 pm",
    )
    metro = by_name["metro-news.json"]
    half = metro.text[: len(metro.text) // 2].strip()
    assert metro.text == f"{half}\n{half}"
    assert "210,000" in metro.text and "120,000" in by_name["wire-copy.txt"].text
    wire, ledger = by_name["wire-copy.txt"].text.split(), by_name["daily-ledger.txt"].text.split()
    assert len(wire) == len(ledger) and sum(a != b for a, b in zip(wire, ledger, strict=True)) == 1
    for article in result.articles:
        assert 150 <= len(article.text.split()) <= 400 or article is metro


# --- properties --------------------------------------------------------------------------------


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["title", "text", "url", "published", "articles", "x"]), inner, max_size=5
        )
    ),
    max_leaves=12,
)
ARBITRARY_BYTES = st.one_of(
    st.binary(max_size=600),
    st.text(max_size=600).map(str.encode),
    JSON_VALUES.map(lambda value: json.dumps(value).encode()),
    st.text(max_size=200).map(lambda text: f"<html><body><p>{text}</p></body></html>".encode()),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=ARBITRARY_BYTES, suffix=st.sampled_from([".txt", ".json", ".jsonl", ".html", ".md"]))
def test_arbitrary_bytes_give_articles_or_input_errors(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        result = ingest([str(path)])
    assert all(isinstance(e, InputError) and e.origin.startswith(str(path)) for e in result.errors)
    assert len(result.articles) + len(result.errors) >= 1
    for article in result.articles:
        assert article.title and article.text.strip()


@settings(max_examples=40, deadline=None)
@given(text=st.text(max_size=400), sniffed=st.sampled_from(["", "{", "[", "<p>"]))
def test_arbitrary_stdin_gives_articles_or_input_errors(text: str, sniffed: str) -> None:
    result = ingest(["-"], stdin=io.BytesIO((sniffed + text).encode()))
    assert all(isinstance(e, InputError) for e in result.errors)
    assert len(result.articles) + len(result.errors) >= 1
