"""What the prepare stages hand on to each other (clean → dedupe → focus → chunk), as plain frozen
dataclasses: they never leave the process, so they are not part of the published output."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.schema.articles import Article, Passage, Removal, Span


@dataclass(frozen=True)
class Cleaned:
    """An article's kept paragraphs and removed lines, as offsets into `article.text`."""

    article: Article
    paragraphs: list[tuple[int, int]]
    removed: list[Removal]


@dataclass(frozen=True)
class Block:
    """A canonical stretch of text in its home article, with every other place that carries it."""

    article_id: str
    start: int
    end: int
    text: str
    copies: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Deduped:
    """Canonical blocks, each article's reading order over them, and what was removed."""

    blocks: list[Block]
    reading: dict[str, list[int]]
    removed: dict[str, list[Removal]]
    duplicate_of: dict[str, str]


@dataclass(frozen=True)
class Focus:
    """For every block, the stretches the model is shown; and, per article, what was left out."""

    shown: list[list[tuple[int, int]]]
    left_out: dict[str, list[Removal]]


@dataclass(frozen=True)
class Chunked:
    """Passages by id, and each article's passages in reading order."""

    passages: dict[str, Passage]
    reading: dict[str, list[str]]
