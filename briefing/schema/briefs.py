"""The briefs: checked sentences with their citations, what was dropped or flagged, and how many
independent sources bear a sentence out."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from briefing.schema.articles import Citation, Span
from briefing.schema.checks import Verification
from briefing.schema.frozen import Frozen


class Sentence(Frozen):
    """One sentence of a brief; never without a citation, never unchecked."""

    text: str = Field(min_length=1)
    citations: list[Citation] = Field(min_length=1)
    verification: Verification | None = Field(
        default=None, description="How the sentence fared against the passages it cites."
    )
    reattributed: bool = Field(
        default=False, description="The model cited other passages; these are the ones that support it."
    )
    corroboration: Corroboration | None = Field(default=None, description="Cross-article brief only.")
    disputed: list[str] = Field(
        default_factory=list, description="Disagreements (by topic) of which the sentence gives one side."
    )


class DroppedSentence(Frozen):
    """A sentence the model wrote that did not pass validation; shown, never shipped as fact."""

    text: str
    reason: str


class FlaggedPassage(Span):
    """Source text kept out of the brief because it does not read as reporting; shown, not used."""

    quote: str
    reason: str


class SourceSupport(Frozen):
    """One independent source behind a sentence, and the reprints that carry the same text."""

    article_id: str = Field(description="The original: the earliest article carrying the text.")
    passage_ids: list[str]
    reprints: list[str] = Field(default_factory=list, description="Articles that copy it; not counted.")


class Corroboration(Frozen):
    """How many independent sources bear a sentence out; syndicated copies count once."""

    independent_sources: int = Field(ge=0)
    sources: list[SourceSupport]


class Brief(Frozen):
    """A per-article or cross-article brief."""

    kind: Literal["article", "cross"]
    article_ids: list[str]
    headline: str
    sentences: list[Sentence] = Field(min_length=1)
    dropped: list[DroppedSentence] = Field(default_factory=list)
    flagged: list[FlaggedPassage] = Field(default_factory=list)
    parts: int = Field(default=1, description="How many model calls over parts of the input were merged.")
