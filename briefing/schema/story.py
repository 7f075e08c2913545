"""The story across outlets, as the program finds it: ranked facts, what each outlet adds, quotes
and a timeline."""

from __future__ import annotations

from pydantic import Field

from briefing.schema.articles import Citation
from briefing.schema.briefs import Sentence, SourceSupport
from briefing.schema.frozen import Frozen


class Fact(Frozen):
    """One thing the sources report, whatever their wording, and every independent source reporting it.

    Found by the program (`story.py`): checked sentences of the article briefs that entail each
    other are one fact; a source reports it when one of its passages bears it out.
    """

    id: str = Field(description='"F1", "F2"… in rank order.')
    text: str = Field(description="Its best-worded claim: a checked sentence of an article brief.")
    independent_sources: int = Field(ge=1)
    sources: list[SourceSupport]
    citations: list[Citation] = Field(min_length=1, description="Every reporting source's passages.")
    first_reported: str | None = Field(default=None, description="Article id of its earliest report.")
    latest_reported: str | None = Field(default=None, description="Article id of its latest report.")
    background: bool = Field(default=False, description="History or context rather than the news.")
    score: float = Field(description="Rank: sources reporting it, place in the articles, novelty, substance.")
    disputed: list[str] = Field(default_factory=list, description="Disagreements it gives one side of.")


class OutletNote(Frozen):
    """A fact that only one outlet reports, in the words of that outlet's checked brief."""

    article_id: str = Field(description="The outlet's article (an original, never a reprint).")
    fact_id: str
    sentence: Sentence


class Quote(Frozen):
    """A quotation exactly as a source prints it, with who said it."""

    text: str = Field(description="Verbatim, without the quotation marks.")
    speaker: str
    citation: Citation


class TimelineEntry(Frozen):
    """What was first reported on one day."""

    date: str = Field(description="ISO date of the reports.")
    article_ids: list[str]
    fact_ids: list[str] = Field(description="Facts first reported that day, best first.")


class Story(Frozen):
    """What the story is across outlets: decided by the program; the model writes up only the lead."""

    independent_sources: int = Field(ge=0)
    facts: list[Fact] = Field(default_factory=list, description="Best first.")
    lead_fact_ids: list[str] = Field(default_factory=list, description="The facts the lead is written from.")
    also_reported: list[str] = Field(
        default_factory=list, description="Facts of several sources that the lead does not state."
    )
    outlet_adds: list[OutletNote] = Field(default_factory=list, description="What each outlet adds.")
    quotes: list[Quote] = Field(default_factory=list)
    timeline: list[TimelineEntry] = Field(
        default_factory=list, description="Only when the reports span more than one day."
    )
