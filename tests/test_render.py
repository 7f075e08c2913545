"""Rendering a Result as Markdown, JSON and HTML, the published schema, and reading JSON back."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from factories import make_result
from pydantic import ValidationError

from briefing.render import render
from briefing.schema.result_file import load_result, result_json_schema

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


class _Tags(HTMLParser):
    """Collects every element, attribute and text run the browser would see."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser


def test_markdown_has_numbered_citations_with_quotes_and_sources() -> None:
    md = render(make_result(), "md")
    assert md.index("## Across 2 sources") < md.index("## Council backs $4m transit budget")
    assert "The council approved a $4m transit budget. [1]" in md
    assert "It passed 7-2. [2][1]" in md  # numbers are reused for a passage already cited
    assert '> "The city council approved a $4m transit budget on Monday."' in md
    assert "*Council passes transit budget* — Daily Ledger — <https://ledger.example/council-budget>" in md
    assert "passage `a1.2`" in md
    assert "passage `a1.1` (also in: Council passes transit budget (wire copy))" in md
    # Numbering restarts per brief: the cross brief's second sentence cites [2][3] of its own list.
    assert "Fares stay flat, which the mayor called fair. [2][3]" in md
    assert "3. *Fares frozen as budget passes* — Evening Post — passage `b2.2`" in md


def test_markdown_has_dropped_reprint_skipped_and_provenance_sections() -> None:
    md = render(make_result(), "md")
    assert "## Dropped sentences" in md
    assert '"The budget doubles bus service." — no cited passage supports it' in md
    assert "## Reprints and duplicates" in md
    assert (
        "*Council passes transit budget (wire copy)* — Wire duplicates *Council passes transit budget*" in md
    )
    assert "## Skipped" in md and "- feed.jsonl:4: no article text found" in md
    assert "qwen2.5-0.5b-instruct-q4_k_m.gguf (sha256 0123456789ab)" in md
    assert "prompts: article 3, cross 2" in md


def test_json_validates_against_schema_and_round_trips() -> None:
    result = make_result()
    text = render(result, "json")
    jsonschema.validate(json.loads(text), result_json_schema())
    assert load_result(text) == result
    assert load_result(text.encode()) == result


def test_load_result_refuses_an_altered_quote() -> None:
    doc = json.loads(render(make_result(), "json"))
    doc["cross_brief"]["sentences"][0]["citations"][0]["quote"] = "The council rejected the budget."
    with pytest.raises(ValidationError, match="quote differs"):
        load_result(json.dumps(doc))


def test_load_result_refuses_a_citation_of_a_missing_passage() -> None:
    doc = json.loads(render(make_result(), "json"))
    del doc["passages"]["b2.2"]
    with pytest.raises(ValidationError, match="unknown passage"):
        load_result(json.dumps(doc))


def test_published_schema_is_current() -> None:
    published = json.loads((ROOT / "docs" / "brief.schema.json").read_text(encoding="utf-8"))
    assert published == result_json_schema(), (
        "regenerate: python -m briefing.schema.result_file --write-schema docs/brief.schema.json"
    )


def test_html_is_a_standalone_page_with_the_same_content() -> None:
    page = render(make_result(), "html")
    assert page.startswith("<!DOCTYPE html>")
    tags = _parse(page)
    text = "".join(tags.text)
    for needle in ("Across 2 sources", "The city council approved a $4m transit budget on Monday.",
                   "also in: Council passes transit budget (wire copy)", "The budget doubles bus service.",
                   "feed.jsonl:4", "0123456789ab"):  # fmt: skip
        assert needle in text
    names = {t for t, _ in tags.tags}
    assert not names & {"script", "link", "iframe", "object", "embed"}
    assert not [v for _, attrs in tags.tags for k, v in attrs if k == "src"]


def test_html_escapes_model_and_source_text() -> None:
    hostile = f"{SCRIPT} {IMG}"
    result = make_result(title=hostile, headline=hostile, sentence=hostile, dropped=hostile)
    page = render(result, "html")
    assert "<script" not in page.lower()
    assert "<img" not in page.lower()
    tags = _parse(page)
    assert not {t for t, _ in tags.tags} & {"script", "img"}
    assert not [k for _, attrs in tags.tags for k, _ in attrs if k.startswith("on")]
    assert hostile in "".join(tags.text)  # shown as text, not dropped


def test_html_does_not_link_unsafe_urls() -> None:
    page = render(make_result(url="javascript:alert(1)"), "html")
    tags = _parse(page)
    hrefs = [v or "" for _, attrs in tags.tags for k, v in attrs if k == "href"]
    assert all(h.startswith(("#", "http://", "https://")) for h in hrefs), hrefs
    assert "javascript:alert(1)" in "".join(tags.text)
    safe = _parse(render(make_result(), "html"))
    assert ("href", "https://ledger.example/council-budget") in [a for _, attrs in safe.tags for a in attrs]


LINK = "[click me](javascript:alert(1))"
TICKS = "`rm -rf` and ``more``"


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_hostile_text_and_urls_stay_text_in_every_format(fmt: str) -> None:
    from markdown_it import MarkdownIt

    hostile = f"{SCRIPT} {IMG} {LINK} {TICKS} # not a heading"
    url = "https://ledger.example/a>b<script>x</script> c"
    result = make_result(title=hostile, headline=hostile, sentence=hostile, dropped=hostile, url=url)
    text = render(result, fmt)  # type: ignore[arg-type]
    # Markdown is read the way a reader's Markdown viewer reads it: CommonMark, raw HTML allowed.
    page = MarkdownIt("commonmark", {"html": True}).render(text) if fmt == "md" else text
    tags = _parse(page)
    names = {t for t, _ in tags.tags}
    assert not names & {"script", "img"}, names
    hrefs = [v or "" for _, attrs in tags.tags for k, v in attrs if k == "href"]
    assert all(h.startswith(("#", "https://ledger.example/")) for h in hrefs), hrefs
    assert not [k for _, attrs in tags.tags for k, _ in attrs if k.startswith("on")]
    shown = " ".join(" ".join(tags.text).split())
    for piece in (SCRIPT, IMG, LINK, "`rm -rf`"):
        assert piece in shown, piece  # shown as text, not dropped or turned into markup
    assert "https://ledger.example/a%3Eb%3Cscript%3Ex%3C/script%3E%20c" in hrefs or fmt == "html"
    assert json.loads(render(result, "json"))["article_briefs"][0]["headline"] == hostile
