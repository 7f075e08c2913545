"""The digest email's content: one view of the day's stories, rendered as HTML and as plain text.

Both parts come from the same view so they always say the same thing. Every string in it may come
from a scraped page or the model: the HTML template autoescapes everything, and links are only ever
made from http(s) source URLs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from briefing.digest.sources import SourceReport
from briefing.render_view import page_view, safe_href
from briefing.schema import Result, Skipped


@dataclass
class Citation:
    number: int
    quote: str
    title: str
    outlet: str
    href: str | None
    url: str | None


@dataclass
class Line:
    text: str
    marks: list[int]
    note: str


@dataclass
class Outlet:
    name: str
    title: str
    href: str | None
    reprint_of: str | None


@dataclass
class StoryView:
    number: int
    headline: str
    lines: list[Line]
    citations: list[Citation]
    outlets: list[Outlet]
    disagreements: list[str]
    dropped: int
    independent: int
    sections: list[tuple[str, list[Line]]] = field(default_factory=list)


@dataclass
class DigestView:
    """Everything the email shows."""

    title: str
    date: str
    window_start: datetime
    window_end: datetime
    stories: list[StoryView]
    sources: list[SourceReport]
    stories_cut: int
    skipped: list[Skipped]
    model: str
    model_sha: str
    prompt_versions: dict[str, str]
    failed_stories: list[str] = field(default_factory=list)


def story_view(number: int, result: Result, independent: int) -> StoryView:
    """One story: the cross-article brief when several articles covered it, else the article's brief."""
    page = page_view(result)
    view = page.views[0]  # the cross brief comes first when there is one
    return StoryView(
        number=number,
        headline=view.brief.headline,
        lines=[Line(line.text, line.marks, line.note) for line in view.lines],
        citations=[
            Citation(
                n.number,
                n.quote,
                n.source.title,
                _outlet(n.source.source, n.source.title),
                n.source.href,
                n.source.url,
            )
            for n in view.notes
        ],
        outlets=_outlets(result),
        disagreements=[sentence for sentence, _ in page.disagreements],
        dropped=sum(len(v.brief.dropped) for v in page.views),
        independent=independent,
        sections=[
            (title, [Line(line.text, line.marks, line.note) for line in lines])
            for title, lines in view.sections
        ],
    )


def _outlet(source: str | None, title: str) -> str:
    return source or title


def _outlets(result: Result) -> list[Outlet]:
    """Each outlet that covered the story once, linked to its (first) article; reprints say whose."""
    articles = {e.article.id: e.article for e in result.articles}
    outlets: dict[str, Outlet] = {}
    for extraction in result.articles:
        a = extraction.article
        original = articles.get(extraction.duplicate_of) if extraction.duplicate_of else None
        reprint_of = _outlet(original.source, original.title) if original else None
        name = _outlet(a.source, a.title)
        if name not in outlets or (outlets[name].reprint_of and not reprint_of):
            outlets[name] = Outlet(name, a.title, safe_href(a.url), reprint_of)
    return list(outlets.values())


def _environment(autoescape: bool) -> Environment:
    return Environment(
        loader=PackageLoader("briefing", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True) if autoescape else False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(view: DigestView) -> str:
    """The HTML part: inline CSS, no scripts, no remote images."""
    return _environment(True).get_template("digest.html.j2").render(d=view)


def render_text(view: DigestView) -> str:
    """The plain-text part."""
    return _environment(False).get_template("digest.txt.j2").render(d=view)
