"""Turn a `Result` into Markdown, JSON or a standalone HTML page, and read JSON output back.

Markdown and HTML share one view (`_page`) so both show the same briefs, citations and caveats.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment, PackageLoader, select_autoescape
from pydantic import TypeAdapter

from briefing.schema import SCHEMA_VERSION, Brief, DroppedSentence, Passage, Result, Sentence

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
    numbers: dict[str, int] = {}
    for sentence in brief.sentences:
        marks = []
        for c in sentence.citations:
            if c.passage_id not in numbers:
                numbers[c.passage_id] = len(numbers) + 1
                others = {s.article_id for s in c.also_in} - {c.article_id}
                also = [sources.get(a, _unknown(a)).title for a in sorted(others)]
                source = sources.get(c.article_id, _unknown(c.article_id))
                view.notes.append(_Note(numbers[c.passage_id], c.passage_id, c.quote, source, also))
            if numbers[c.passage_id] not in marks:
                marks.append(numbers[c.passage_id])
        view.lines.append(_Line(sentence.text, marks, _line_note(sentence, sources)))
    return view


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


def _md_source(s: _Source, with_date: bool = False) -> str:
    parts = [f"*{s.title}*"]
    if s.source:
        parts.append(s.source)
    if with_date and s.published:
        parts.append(s.published)
    if s.url:
        parts.append(f"<{s.href}>" if s.href else f"`{s.url}`")
    return " — ".join(parts)


def _md_brief(view: _BriefView) -> list[str]:
    out = [f"## {view.heading}", ""]
    if view.brief.kind == "cross":
        out += [f"### {view.brief.headline}", ""]
    if view.article is not None:
        out += [_md_source(view.article, with_date=True), ""]
    for ln in view.lines:
        out.append(
            f"{ln.text} " + "".join(f"[{m}]" for m in ln.marks) + (f" *({ln.note})*" if ln.note else "")
        )
    out.append("")
    for note in view.notes:
        also = f" (also in: {', '.join(note.also_in)})" if note.also_in else ""
        out.append(f"{note.number}. {_md_source(note.source)} — passage `{note.passage_id}`{also}")
        # Every quote line carries "> " and a blank line follows: otherwise CommonMark would fold
        # the next numbered item into the blockquote as a lazy continuation.
        out += [f"   > {line}" for line in f'"{note.quote}"'.splitlines()]
        out.append("")
    if view.brief.flagged:
        out += ["Flagged in this article, not used as facts:", ""]
        for flag in view.brief.flagged:
            out.append(f"- characters {flag.start}–{flag.end}: {flag.reason}")
            out += [f"  > {line}" for line in f'"{flag.quote}"'.splitlines()]
            out.append("")
    return out


def _md_disagreements(page: _Page) -> list[str]:
    if not page.disagreements:
        return []
    out = ["## Where the sources disagree", ""]
    for number, (statement, sides) in enumerate(page.disagreements, start=1):
        out += [f"{number}. {statement}", ""]
        for value, notes in sides:
            out.append(f"   - **{value}**")
            for note in notes:
                out.append(f"     - {_md_source(note.source)} — passage `{note.passage_id}`")
                out.append(f'       > "{note.quote}"')
        out.append("")
    return out


def _md_caveats(page: _Page) -> list[str]:
    out: list[str] = []
    if page.dropped:
        out += ["## Dropped sentences", ""]
        out += [f'- "{d.text}" — {d.reason} (from: {headline})' for headline, d in page.dropped]
        out.append("")
    if page.reprints:
        out += ["## Reprints and duplicates", ""]
        for r in page.reprints:
            original = r.original.title if r.original else f"article {r.original_id}"
            out.append(f"- {_md_source(r.article)} duplicates *{original}*")
        out.append("")
    if page.result.skipped:
        out += ["## Skipped", ""]
        out += [f"- {s.what}: {s.reason}" for s in page.result.skipped]
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
