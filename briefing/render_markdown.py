"""A `Result` as Markdown: every brief with its numbered citations and quoted passages, the
disagreements, the caveats (dropped sentences, reprints, skipped inputs) and the provenance.

Source and model text is escaped so that nothing it carries takes effect as Markdown or HTML.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from briefing.render_view import BriefView, Line, Page, Source, page_view
from briefing.schema import Result

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


def _md_source(s: Source, with_date: bool = False) -> str:
    parts = [f"*{_md(s.title)}*"]
    if s.source:
        parts.append(_md(s.source))
    if with_date and s.published:
        parts.append(_md(s.published))
    if s.url:
        parts.append(f"<{_md_href(s.href)}>" if s.href else _md(s.url))
    return " — ".join(parts)


def _md_line(ln: Line, bullet: str = "") -> str:
    marks = "".join(f"[{m}]" for m in ln.marks)
    return f"{bullet}{_md(ln.text)} {marks}" + (f" *({_md(ln.note)})*" if ln.note else "")


def _md_quote(text: str, indent: str) -> list[str]:
    # Every quote line carries "> " and a blank line follows: otherwise CommonMark would fold
    # the next numbered item into the blockquote as a lazy continuation.
    return [f"{indent}> {_md(line)}" for line in f'"{text}"'.splitlines()]


def _md_brief(view: BriefView) -> list[str]:
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


def _md_disagreements(page: Page) -> list[str]:
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


def _md_caveats(page: Page) -> list[str]:
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


def _md_footer(page: Page) -> list[str]:
    prov = page.result.provenance
    prompts = ", ".join(f"{k} {v}" for k, v in sorted(prov.prompt_versions.items())) or "none"
    return ["---", "", f"Model: {prov.model} (sha256 {page.sha_short or 'unknown'}); prompts: {prompts}", ""]


def markdown(result: Result) -> str:
    """The Markdown page of a result."""
    page = page_view(result)
    lines: list[str] = ["# Briefing", ""]
    for number, view in enumerate(page.views):
        lines += _md_brief(view)
        if number == 0:  # right after the cross-article brief, or first when there is none
            lines += _md_disagreements(page)
    if not page.views:
        lines += _md_disagreements(page)
    lines += _md_caveats(page) + _md_footer(page)
    return "\n".join(lines)
