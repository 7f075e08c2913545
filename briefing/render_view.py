"""The format-neutral view of a `Result` that Markdown, HTML and the digest are rendered from.

Each brief's citations are numbered in order of first use, with the quoted passage and its source;
the cross brief carries its story sections; reprints, dropped sentences and disagreements are laid
out for the page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from briefing.schema import (
    Brief,
    Citation,
    DroppedSentence,
    Fact,
    Result,
    Sentence,
    Story,
    join_names,
)


@dataclass
class Source:
    title: str
    source: str | None
    published: str | None
    url: str | None
    href: str | None  # `url` only when it is safe to link (http/https)


@dataclass
class Note:
    number: int
    passage_id: str
    quote: str
    source: Source
    also_in: list[str]


@dataclass
class Line:
    text: str
    marks: list[int]
    note: str = ""  # corroboration and disputes, for the cross-article brief


@dataclass
class BriefView:
    brief: Brief
    heading: str
    article: Source | None
    lines: list[Line] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    # The cross brief's sections after its lead ("What each outlet adds", "Quotes"…), same numbering.
    sections: list[tuple[str, list[Line]]] = field(default_factory=list)

    def number(self, citations: list[Citation], sources: dict[str, Source]) -> list[int]:
        """The note numbers of these citations, adding notes for passages not cited before."""
        marks: list[int] = []
        for c in citations:
            known = next((n for n in self.notes if n.passage_id == c.passage_id), None)
            if known is None:
                others = {s.article_id for s in c.also_in} - {c.article_id}
                also = [sources.get(a, _unknown(a)).title for a in sorted(others)]
                source = sources.get(c.article_id, _unknown(c.article_id))
                known = Note(len(self.notes) + 1, c.passage_id, c.quote, source, also)
                self.notes.append(known)
            if known.number not in marks:
                marks.append(known.number)
        return marks


@dataclass
class Reprint:
    article: Source
    original: Source | None
    original_id: str


@dataclass
class Page:
    result: Result
    views: list[BriefView]  # the cross brief (if any) first, then one per article
    dropped: list[tuple[str, DroppedSentence]]  # (headline of the brief it was cut from, sentence)
    reprints: list[Reprint]
    sha_short: str | None
    disagreements: list[tuple[str, list[tuple[str, list[Note]]]]] = field(default_factory=list)


def safe_href(url: str | None) -> str | None:
    """`url` if it may be used as a link target (http or https); javascript:, data: and the like are not."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def _sources(result: Result) -> dict[str, Source]:
    out = {}
    for ex in result.articles:
        a = ex.article
        out[a.id] = Source(a.title, a.source, a.published, a.url, safe_href(a.url))
    return out


def _unknown(article_id: str) -> Source:
    return Source(f"(unknown article {article_id})", None, None, None, None)


def _view(brief: Brief, heading: str, sources: dict[str, Source]) -> BriefView:
    """Number the passages a brief cites, in order of first use; numbering restarts per brief."""
    article = sources.get(brief.article_ids[0]) if brief.kind == "article" and brief.article_ids else None
    view = BriefView(brief, heading, article)
    for sentence in brief.sentences:
        view.lines.append(
            Line(sentence.text, view.number(sentence.citations, sources), _line_note(sentence, sources))
        )
    return view


def _story_sections(view: BriefView, story: Story, sources: dict[str, Source]) -> None:
    """What the program found across outlets, after the lead: each item cited like a sentence."""
    facts = {f.id: f for f in story.facts}

    def outlet(article_id: str) -> str:
        return _outlet(sources.get(article_id, _unknown(article_id)))

    also = [
        Line(facts[i].text, view.number(facts[i].citations, sources), _fact_note(facts[i], outlet))
        for i in story.also_reported
    ]
    adds = [
        Line(f"{outlet(n.article_id)} reports: {n.sentence.text}", view.number(n.sentence.citations, sources))
        for n in story.outlet_adds
    ]
    quotes = [
        Line(f"“{q.text}” — {q.speaker}, {outlet(q.citation.article_id)}", view.number([q.citation], sources))
        for q in story.quotes
    ]
    timeline = []
    for entry in story.timeline:
        for fact_id in entry.fact_ids:
            fact = facts[fact_id]
            first = [c for c in fact.citations if c.article_id == fact.first_reported] or fact.citations
            who = join_names(list(dict.fromkeys(outlet(c.article_id) for c in first)))
            timeline.append(Line(f"{entry.date}, {who}: {fact.text}", view.number(first, sources)))
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


def _line_note(sentence: Sentence, sources: dict[str, Source]) -> str:
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


def _outlet(source: Source) -> str:
    return source.source or source.title


def page_view(result: Result) -> Page:
    """The format-neutral view of a result that Markdown and HTML (and the digest) are rendered from:
    numbered citations, reprints, disagreements."""
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
        Reprint(sources[ex.article.id], sources.get(ex.duplicate_of), ex.duplicate_of)
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
                        Note(0, c.passage_id, c.quote, sources.get(c.article_id, _unknown(c.article_id)), [])
                        for c in side.citations
                    ],
                )
                for side in d.sides
            ],
        )
        for d in result.disagreements
    ]
    return Page(result, views, dropped, reprints, sha[:12] if sha else None, disagreements)
