"""Turn a `Result` into Markdown, JSON or a standalone HTML page, and read JSON output back.

Markdown and HTML share one view (`_page`) so both show the same briefs, citations and caveats.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape
from pydantic import TypeAdapter

from briefing.schema import (
    SCHEMA_VERSION,
    Brief,
    Citation,
    DroppedSentence,
    Fact,
    Passage,
    Result,
    Sentence,
    Story,
    join_names,
)

SCHEMA_ID = f"https://briefing.invalid/schema/brief-v{SCHEMA_VERSION}.json"

_PASSAGES = TypeAdapter(dict[str, Passage])


@dataclass
class _Source:
    title: str
    source: str | None
    published: str | None
    url: str | None
    href: str | None  # `url` only when it is safe to link (http/https)


@dataclass
class _Note:
    number: int
    passage_id: str
    quote: str
    source: _Source
    also_in: list[str]


@dataclass
class _Line:
    text: str
    marks: list[int]
    note: str = ""  # corroboration and disputes, for the cross-article brief


@dataclass
class _BriefView:
    brief: Brief
    heading: str
    article: _Source | None
    lines: list[_Line] = field(default_factory=list)
    notes: list[_Note] = field(default_factory=list)
    # The cross brief's sections after its lead ("What each outlet adds", "Quotes"…), same numbering.
    sections: list[tuple[str, list[_Line]]] = field(default_factory=list)

    def number(self, citations: list[Citation], sources: dict[str, _Source]) -> list[int]:
        """The note numbers of these citations, adding notes for passages not cited before."""
        marks: list[int] = []
        for c in citations:
            known = next((n for n in self.notes if n.passage_id == c.passage_id), None)
            if known is None:
                others = {s.article_id for s in c.also_in} - {c.article_id}
                also = [sources.get(a, _unknown(a)).title for a in sorted(others)]
                source = sources.get(c.article_id, _unknown(c.article_id))
                known = _Note(len(self.notes) + 1, c.passage_id, c.quote, source, also)
                self.notes.append(known)
            if known.number not in marks:
                marks.append(known.number)
        return marks


@dataclass
class _Reprint:
    article: _Source
    original: _Source | None
    original_id: str


@dataclass
class _Page:
    result: Result
    views: list[_BriefView]  # the cross brief (if any) first, then one per article
    dropped: list[tuple[str, DroppedSentence]]  # (headline of the brief it was cut from, sentence)
    reprints: list[_Reprint]
    sha_short: str | None
    disagreements: list[tuple[str, list[tuple[str, list[_Note]]]]] = field(default_factory=list)


def _safe_href(url: str | None) -> str | None:
    """Return `url` if it may be used as a link target; javascript:, data: and the like are not."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def _sources(result: Result) -> dict[str, _Source]:
    out = {}
    for ex in result.articles:
        a = ex.article
        out[a.id] = _Source(a.title, a.source, a.published, a.url, _safe_href(a.url))
    return out


def _unknown(article_id: str) -> _Source:
    return _Source(f"(unknown article {article_id})", None, None, None, None)


def _view(brief: Brief, heading: str, sources: dict[str, _Source]) -> _BriefView:
    """Number the passages a brief cites, in order of first use; numbering restarts per brief."""
    article = sources.get(brief.article_ids[0]) if brief.kind == "article" and brief.article_ids else None
    view = _BriefView(brief, heading, article)
    for sentence in brief.sentences:
        view.lines.append(
            _Line(sentence.text, view.number(sentence.citations, sources), _line_note(sentence, sources))
        )
    return view


def _story_sections(view: _BriefView, story: Story, sources: dict[str, _Source]) -> None:
    """What the program found across outlets, after the lead: each item cited like a sentence."""
    facts = {f.id: f for f in story.facts}

    def outlet(article_id: str) -> str:
        return _outlet(sources.get(article_id, _unknown(article_id)))

    also = [
        _Line(facts[i].text, view.number(facts[i].citations, sources), _fact_note(facts[i], outlet))
        for i in story.also_reported
    ]
    adds = [
        _Line(
            f"{outlet(n.article_id)} reports: {n.sentence.text}", view.number(n.sentence.citations, sources)
        )
        for n in story.outlet_adds
    ]
    quotes = [
        _Line(
            f"“{q.text}” — {q.speaker}, {outlet(q.citation.article_id)}", view.number([q.citation], sources)
        )
        for q in story.quotes
    ]
    timeline = []
    for entry in story.timeline:
        for fact_id in entry.fact_ids:
            fact = facts[fact_id]
            first = [c for c in fact.citations if c.article_id == fact.first_reported] or fact.citations
            who = join_names(list(dict.fromkeys(outlet(c.article_id) for c in first)))
            timeline.append(_Line(f"{entry.date}, {who}: {fact.text}", view.number(first, sources)))
    named = [
        ("Also reported", also),
        ("What each outlet adds", adds),
        ("Quotes", quotes),
        ("Timeline", timeline),
    ]
    view.sections = [(title, lines) for title, lines in named if lines]


def _fact_note(fact: Fact, outlet: Callable[[str], str]) -> str:
    n = fact.independent_sources
    names = "; ".join(outlet(s.article_id) for s in fact.sources)
    return f"{n} independent source{'s' if n != 1 else ''}: {names}"


def _line_note(sentence: Sentence, sources: dict[str, _Source]) -> str:
    """ "2 independent sources (… reprinted by …)"; and which disputes the sentence takes a side in."""
    parts = []
    support = sentence.corroboration
    if support is not None:
        names = []
        for s in support.sources:
            name = _outlet(sources.get(s.article_id, _unknown(s.article_id)))
            reprints = [_outlet(sources.get(r, _unknown(r))) for r in s.reprints]
            names.append(name + (f", reprinted by {', '.join(reprints)}" if reprints else ""))
        n = support.independent_sources
        parts.append(f"{n} independent source{'s' if n != 1 else ''}: {'; '.join(names)}")
    if sentence.disputed:
        parts.append("disputed, see below: " + "; ".join(sentence.disputed))
    return " — ".join(parts)


def _outlet(source: _Source) -> str:
    return source.source or source.title


def _page(result: Result) -> _Page:
    """Build the format-neutral view that Markdown and HTML are both rendered from."""
    sources = _sources(result)
    views = []
    if result.cross_brief is not None:
        n = len(result.cross_brief.article_ids)
        views.append(_view(result.cross_brief, f"Across {n} source{'s' if n != 1 else ''}", sources))
        if result.story is not None:
            _story_sections(views[0], result.story, sources)
    views += [_view(b, b.headline, sources) for b in result.article_briefs]
    dropped = [(v.brief.headline, d) for v in views for d in v.brief.dropped]
    reprints = [
        _Reprint(sources[ex.article.id], sources.get(ex.duplicate_of), ex.duplicate_of)
        for ex in result.articles
        if ex.duplicate_of is not None
    ]
    sha = result.provenance.model_sha256
    disagreements = [
        (
            d.sentence(lambda a: _outlet(sources.get(a, _unknown(a)))),
            [
                (
                    side.value,
                    [
                        _Note(0, c.passage_id, c.quote, sources.get(c.article_id, _unknown(c.article_id)), [])
                        for c in side.citations
                    ],
                )
                for side in d.sides
            ],
        )
        for d in result.disagreements
    ]
    return _Page(result, views, dropped, reprints, sha[:12] if sha else None, disagreements)


def page_view(result: Result) -> _Page:
    """The format-neutral view of a result: numbered citations, reprints, disagreements (digest too)."""
    return _page(result)


def safe_href(url: str | None) -> str | None:
    """`url` if it may be used as a link target (http or https), else None."""
    return _safe_href(url)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>~&|])")
_MD_LINE_START = re.compile(r"^(\s*)(?:([#>+\-=])|(\d+)([.)]))")


def _md(text: str) -> str:
    """Source or model text as literal Markdown: no emphasis, link, code span, HTML or block marker
    it carries takes effect ("<script>", "](javascript:…)", backticks, "# " at a line start)."""
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    return "\n".join(_MD_LINE_START.sub(_block_marker, line) for line in escaped.split("\n"))


def _block_marker(match: re.Match[str]) -> str:
    # "\#", "\-"; a numbered-list marker is escaped at its dot: "1\." ("\1" is no escape).
    space, mark, digits, dot = match.groups()
    return f"{space}\\{mark}" if mark else f"{space}{digits}\\{dot}"


def _md_href(href: str) -> str:
    """An http(s) URL that cannot end its <autolink> early: spaces, angle brackets and the like encoded."""
    return quote(href, safe=":/?#@!$&'()*+,;=%-._~[]")


def _md_source(s: _Source, with_date: bool = False) -> str:
    parts = [f"*{_md(s.title)}*"]
    if s.source:
        parts.append(_md(s.source))
    if with_date and s.published:
        parts.append(_md(s.published))
    if s.url:
        parts.append(f"<{_md_href(s.href)}>" if s.href else _md(s.url))
    return " — ".join(parts)


def _md_line(ln: _Line, bullet: str = "") -> str:
    marks = "".join(f"[{m}]" for m in ln.marks)
    return f"{bullet}{_md(ln.text)} {marks}" + (f" *({_md(ln.note)})*" if ln.note else "")


def _md_quote(text: str, indent: str) -> list[str]:
    # Every quote line carries "> " and a blank line follows: otherwise CommonMark would fold
    # the next numbered item into the blockquote as a lazy continuation.
    return [f"{indent}> {_md(line)}" for line in f'"{text}"'.splitlines()]


def _md_brief(view: _BriefView) -> list[str]:
    out = [f"## {_md(view.heading)}", ""]
    if view.brief.kind == "cross":
        out += [f"### {_md(view.brief.headline)}", ""]
    if view.article is not None:
        out += [_md_source(view.article, with_date=True), ""]
    out += [_md_line(ln) for ln in view.lines]
    out.append("")
    for title, lines in view.sections:
        out += [f"### {title}", ""]
        out += [_md_line(ln, "- ") for ln in lines]
        out.append("")
    for note in view.notes:
        also = f" (also in: {_md(', '.join(note.also_in))})" if note.also_in else ""
        out.append(f"{note.number}. {_md_source(note.source)} — passage `{note.passage_id}`{also}")
        out += _md_quote(note.quote, "   ")
        out.append("")
    if view.brief.flagged:
        out += ["Flagged in this article, not used as facts:", ""]
        for flag in view.brief.flagged:
            out.append(f"- characters {flag.start}–{flag.end}: {_md(flag.reason)}")
            out += _md_quote(flag.quote, "  ")
            out.append("")
    return out


def _md_disagreements(page: _Page) -> list[str]:
    if not page.disagreements:
        return []
    out = ["## Where the sources disagree", ""]
    for number, (statement, sides) in enumerate(page.disagreements, start=1):
        out += [f"{number}. {_md(statement)}", ""]
        for value, notes in sides:
            out.append(f"   - **{_md(value)}**")
            for note in notes:
                out.append(f"     - {_md_source(note.source)} — passage `{note.passage_id}`")
                out += _md_quote(note.quote, "       ")
        out.append("")
    return out


def _md_caveats(page: _Page) -> list[str]:
    out: list[str] = []
    if page.dropped:
        out += ["## Dropped sentences", ""]
        out += [
            f'- "{_md(d.text)}" — {_md(d.reason)} (from: {_md(headline)})' for headline, d in page.dropped
        ]
        out.append("")
    if page.reprints:
        out += ["## Reprints and duplicates", ""]
        for r in page.reprints:
            original = r.original.title if r.original else f"article {r.original_id}"
            out.append(f"- {_md_source(r.article)} duplicates *{_md(original)}*")
        out.append("")
    if page.result.skipped:
        out += ["## Skipped", ""]
        out += [f"- {_md(s.what)}: {_md(s.reason)}" for s in page.result.skipped]
        out.append("")
    return out


def _md_footer(page: _Page) -> list[str]:
    prov = page.result.provenance
    prompts = ", ".join(f"{k} {v}" for k, v in sorted(prov.prompt_versions.items())) or "none"
    return ["---", "", f"Model: {prov.model} (sha256 {page.sha_short or 'unknown'}); prompts: {prompts}", ""]


def _markdown(result: Result) -> str:
    page = _page(result)
    lines: list[str] = ["# Briefing", ""]
    for number, view in enumerate(page.views):
        lines += _md_brief(view)
        if number == 0:  # right after the cross-article brief, or first when there is none
            lines += _md_disagreements(page)
    if not page.views:
        lines += _md_disagreements(page)
    lines += _md_caveats(page) + _md_footer(page)
    return "\n".join(lines)


def _html(result: Result) -> str:
    # autoescape everywhere: every string on the page may come from the model or a scraped article.
    env = Environment(
        loader=PackageLoader("briefing", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    return env.get_template("brief.html.j2").render(page=_page(result))


def render(result: Result, fmt: Literal["md", "json", "html"]) -> str:
    """Render a result as Markdown, JSON or a standalone HTML page."""
    if fmt == "md":
        return _markdown(result)
    if fmt == "json":
        return result.model_dump_json(indent=2)
    if fmt == "html":
        return _html(result)
    raise ValueError(f"unknown format {fmt!r}; expected md, json or html")


def result_json_schema() -> dict[str, Any]:
    """Return the published JSON Schema of `briefing` JSON output."""
    schema = Result.model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "briefing result",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def load_result(data: str | bytes) -> Result:
    """Parse JSON output back into a `Result`, checking every citation against its passages."""
    raw = json.loads(data)
    if not isinstance(raw, dict):
        raise ValueError("a briefing result must be a JSON object")
    passages = _PASSAGES.validate_python(raw.get("passages"))
    for key, passage in passages.items():
        # A citation resolves through the key, so a key naming another passage would mislead it.
        if key != passage.id:
            raise ValueError(f"passage stored under {key!r} has id {passage.id!r}")
    return Result.model_validate(raw, context={"passages": passages})


def main(argv: list[str] | None = None) -> None:
    """Write the JSON Schema of the output format: `python -m briefing.render --write-schema PATH`."""
    parser = argparse.ArgumentParser(prog="python -m briefing.render")
    parser.add_argument("--write-schema", metavar="PATH", required=True, type=Path)
    args = parser.parse_args(argv)
    text = json.dumps(result_json_schema(), indent=2, ensure_ascii=False) + "\n"
    args.write_schema.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
