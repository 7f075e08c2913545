"""The data that flows through the pipeline, as frozen pydantic models.

Character offsets (`start`, `end`) always index into `Article.text`, the body exactly as ingested,
so a reader can check every quoted span against the source without any of our processing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    ValidationInfo,
    model_validator,
)

SCHEMA_VERSION = "1"


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


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


REASONS = {
    "numbers": "figures not in the cited passages",
    "names": "names not in the cited passages",
    "quotes": "quotations not verbatim in the cited passages",
    "polarity": "denies or asserts what the cited passages do not",
    "direction": "says the opposite direction",
    "roles": "swaps who did what to whom",
    "figures": "ties a figure to something else than the cited passages do",
    "speaker": "gives words to the wrong person",
    "attribution": "states someone's words or view as fact",
    "hedges": "states a possibility, plan or condition as fact",
    "time": "says another time than the cited passages",
    "ordinals": "gives a rank the cited passages do not",
    "qualifiers": "drops or adds a qualifier",
    "causes": "gives a cause the cited passages do not",
    "entailment": "the model judge does not find it in the cited passages",
}
CHECK_NAMES = Literal[
    "numbers", "names", "quotes", "support", "polarity", "direction", "roles", "figures", "speaker",
    "attribution", "hedges", "time", "ordinals", "qualifiers", "causes", "entailment",
]  # fmt: skip


class Check(Frozen):
    """The outcome of one kind of check on a sentence."""

    name: CHECK_NAMES
    passed: bool
    missing: list[str] = Field(
        default_factory=list, description="What the sentence says that the cited text does not."
    )


class Verification(Frozen):
    """Whether a sentence is borne out by the passages it cites, check by check."""

    passed: bool
    support: float
    entailment: float | None = Field(
        default=None, description="The model judge's P(supported), when it was asked (see check/entail.py)."
    )
    checks: list[Check]

    def reason(self) -> str:
        """One line saying why the sentence failed; empty when it passed."""
        parts = []
        for check in self.checks:
            if check.passed:
                continue
            if check.name == "support":
                absent = ", ".join(check.missing[:6])
                parts.append(
                    f"too little of it is in the cited passages ({self.support:.2f}; not there: {absent})"
                )
            elif check.name == "quotes":
                parts.append(f"{REASONS['quotes']}: " + ", ".join(f'"{q}"' for q in check.missing))
            elif check.name == "entailment":
                parts.append(f"{REASONS['entailment']} (P(supported) {self.entailment or 0:.2f})")
            else:
                parts.append(f"{REASONS[check.name]}: {', '.join(check.missing)}")
        return "; ".join(parts)


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


class Side(Frozen):
    """One value for a disputed fact and the passages that state it."""

    value: str = Field(description='As written in every cited passage: "120,000 cubic metres".')
    citations: list[Citation] = Field(min_length=1)


class Disagreement(Frozen):
    """Independent sources giving different values for one fact."""

    kind: Literal["figure", "person"]
    topic: str = Field(description='What they disagree on: "capacity (cubic metres a day)".')
    sides: list[Side] = Field(min_length=2)
    update: bool = Field(
        default=False,
        description="A later report revises an earlier figure: the sides are oldest first, and the "
        "brief tells it as an update, not a contradiction.",
    )

    def sentence(self, outlet: Callable[[str], str]) -> str:
        """A plain statement of each side with its outlets; `outlet(article_id)` names an outlet."""
        parts = []
        for side in self.sides:
            names = list(dict.fromkeys(outlet(c.article_id) for c in side.citations))
            parts.append(f"{join_names(names)} {'reports' if len(names) == 1 else 'report'} {side.value}")
        subject = self.topic if self.topic.startswith("who ") else f"the {self.topic}"
        if self.update:
            steps = [f"{side.value} ({join_names(_outlets(side, outlet))})" for side in self.sides]
            return f"Later reports revise {subject}: from {' to '.join(steps)}."
        return f"Sources differ on {subject}: {', '.join(parts[:-1])}, while {parts[-1]}."


def _outlets(side: Side, outlet: Callable[[str], str]) -> list[str]:
    return list(dict.fromkeys(outlet(c.article_id) for c in side.citations))


def join_names(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


class SourceSupport(Frozen):
    """One independent source behind a sentence, and the reprints that carry the same text."""

    article_id: str = Field(description="The original: the earliest article carrying the text.")
    passage_ids: list[str]
    reprints: list[str] = Field(default_factory=list, description="Articles that copy it; not counted.")


class Corroboration(Frozen):
    """How many independent sources bear a sentence out; syndicated copies count once."""

    independent_sources: int = Field(ge=0)
    sources: list[SourceSupport]


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


class Brief(Frozen):
    """A per-article or cross-article brief."""

    kind: Literal["article", "cross"]
    article_ids: list[str]
    headline: str
    sentences: list[Sentence] = Field(min_length=1)
    dropped: list[DroppedSentence] = Field(default_factory=list)
    flagged: list[FlaggedPassage] = Field(default_factory=list)
    parts: int = Field(default=1, description="How many model calls over parts of the input were merged.")


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
