"""Turn a `Result` into Markdown, JSON or a standalone HTML page.

Markdown (`render_markdown.py`) and HTML (the `brief.html.j2` template) share one view
(`render_view.page_view`), so both show the same briefs, citations and caveats. Reading JSON output
back, and its JSON Schema, are in `schema/result_file.py`.
"""

from __future__ import annotations

from typing import Literal

from jinja2 import Environment, PackageLoader, select_autoescape

from briefing.render_markdown import markdown
from briefing.render_view import page_view
from briefing.schema import Result


def _html(result: Result) -> str:
    # autoescape everywhere: every string on the page may come from the model or a scraped article.
    env = Environment(
        loader=PackageLoader("briefing", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    return env.get_template("brief.html.j2").render(page=page_view(result))


def render(result: Result, fmt: Literal["md", "json", "html"]) -> str:
    """Render a result as Markdown, JSON or a standalone HTML page."""
    if fmt == "md":
        return markdown(result)
    if fmt == "json":
        return result.model_dump_json(indent=2)
    if fmt == "html":
        return _html(result)
    raise ValueError(f"unknown format {fmt!r}; expected md, json or html")
