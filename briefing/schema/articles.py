"""The source side: articles as ingested, stretches of them, the passages the model is shown, and
the citations that point back to them.

Character offsets (`start`, `end`) always index into `Article.text`, the body exactly as ingested,
so a reader can check every quoted span against the source without any of our processing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import Field, ModelWrapValidatorHandler, ValidationInfo, model_validator

from briefing.schema.frozen import Frozen


class Article(Frozen):
    """One input article after ingest."""

    id: str = Field(description="Stable short id derived from the article's origin and content.")
    title: str
    text: str = Field(description="Body as ingested; every character offset indexes into this.")
    source: str | None = Field(default=None, description="Outlet name, when known.")
    url: str | None = None
    published: str | None = Field(default=None, description="Publication date as given.")
    byline: str | None = None
    origin: str = Field(description="Where it was read from: a path, 'file.jsonl:3' or '<stdin>'.")
    content_hash: str = Field(description="sha256 of title and body.")


class Span(Frozen):
    """A stretch of one article's text."""

    article_id: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Removal(Span):
    """A stretch of an article that did not reach the model, and why."""

    text: str
    reason: str


class Passage(Span):
    """A citable unit of source text; the only thing the model is shown."""

    id: str = Field(description="'<article id>.<n>', stable for the same input.")
    text: str
    tokens: int = Field(ge=0, description="Length in the model's tokens.")
    also_in: list[Span] = Field(
        default_factory=list, description="Other places carrying the same text (reprints, repeats)."
    )


class Citation(Frozen):
    """A pointer to a passage, carrying the quoted source text so it can be checked in place."""

    passage_id: str
    article_id: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quote: str
    also_in: list[Span] = Field(default_factory=list)

    @model_validator(mode="wrap")
    @classmethod
    def _resolves_to_source(
        cls, data: Any, handler: ModelWrapValidatorHandler[Citation], info: ValidationInfo
    ) -> Citation:
        # An existing instance was checked when it was built (the model is frozen): pass it on.
        if isinstance(data, Citation):
            return data
        citation = handler(data)
        # Fail closed: a citation is only valid when checked against the passages it names.
        passages = (info.context or {}).get("passages")
        if passages is None:
            raise ValueError("citation cannot be validated without the source passages")
        passage = passages.get(citation.passage_id)
        if passage is None:
            raise ValueError(f"citation names unknown passage {citation.passage_id!r}")
        if (citation.article_id, citation.start, citation.end) != (
            passage.article_id,
            passage.start,
            passage.end,
        ):
            raise ValueError(f"citation span does not match passage {citation.passage_id!r}")
        if citation.quote != passage.text:
            raise ValueError(f"citation quote differs from the text of passage {citation.passage_id!r}")
        return citation

    @classmethod
    def of(cls, passage: Passage, passages: Mapping[str, Passage]) -> Citation:
        """Build the validated citation of one passage."""
        return cls.model_validate(
            {
                "passage_id": passage.id,
                "article_id": passage.article_id,
                "start": passage.start,
                "end": passage.end,
                "quote": passage.text,
                "also_in": [s.model_dump() for s in passage.also_in],
            },
            context={"passages": passages},
        )
