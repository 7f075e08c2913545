"""A whole run's output: the `Result`, with what each article gave, what was skipped, and what
produced it."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from briefing.schema.articles import Article, Passage, Removal
from briefing.schema.briefs import Brief, FlaggedPassage
from briefing.schema.disagreements import Disagreement
from briefing.schema.frozen import Frozen
from briefing.schema.story import Story

SCHEMA_VERSION = "1"


class Skipped(Frozen):
    """An input, article or brief that could not be processed, and why."""

    what: str
    reason: str


class Extraction(Frozen):
    """What the model will be given for one article, and what was kept from it."""

    article: Article
    passage_ids: list[str] = Field(description="Passages of this article in reading order.")
    removed: list[Removal] = Field(default_factory=list)
    flagged: list[FlaggedPassage] = Field(
        default_factory=list, description="Passages not given to the model as facts (suspect text)."
    )
    duplicate_of: str | None = None


class Usage(Frozen):
    """Work done by one pipeline stage."""

    stage: str
    seconds: float
    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0


class Provenance(Frozen):
    """What produced a result, so a corrections desk can reproduce it."""

    model: str
    model_sha256: str | None
    prompt_versions: dict[str, str]
    checker: str = Field(default="", description="Version of the sentence checks (check/version.py).")
    settings: dict[str, Any]
    source_hashes: dict[str, str]


class Result(Frozen):
    """Everything `briefing summarize` produces."""

    schema_version: str = SCHEMA_VERSION
    articles: list[Extraction]
    passages: dict[str, Passage]
    article_briefs: list[Brief]
    cross_brief: Brief | None
    disagreements: list[Disagreement] = Field(
        default_factory=list, description="Facts that independent sources give differently, each side cited."
    )
    story: Story | None = Field(
        default=None, description="The facts across outlets behind the cross-article brief, and its sections."
    )
    skipped: list[Skipped] = Field(default_factory=list)
    provenance: Provenance
    usage: list[Usage] = Field(default_factory=list)
