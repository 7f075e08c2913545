"""The data that flows through the pipeline: frozen pydantic models for what is published, plain
dataclasses for what the prepare stages hand each other.

Character offsets (`start`, `end`) always index into `Article.text`, the body exactly as ingested,
so a reader can check every quoted span against the source without any of our processing.

- `articles`: articles, spans, removals, passages and the citations that point at them
- `checks`: the checks of one sentence and their verdict
- `briefs`: sentences, briefs, and the independent sources behind a sentence
- `disagreements`: sources giving different values for one fact
- `story`: the facts across outlets, and the cross brief's sections
- `result`: the whole output of a run
- `stages`: what the prepare stages pass on (`Cleaned`, `Block`, `Deduped`, `Focus`, `Chunked`)
- `result_file`: reading the JSON output back, and its published JSON Schema
"""

from briefing.schema.articles import Article, Citation, Passage, Removal, Span
from briefing.schema.briefs import (
    Brief,
    Corroboration,
    DroppedSentence,
    FlaggedPassage,
    Sentence,
    SourceSupport,
)
from briefing.schema.checks import CHECK_NAMES, REASONS, Check, Verification
from briefing.schema.disagreements import Disagreement, Side, join_names
from briefing.schema.frozen import Frozen
from briefing.schema.result import SCHEMA_VERSION, Extraction, Provenance, Result, Skipped, Usage
from briefing.schema.stages import Block, Chunked, Cleaned, Deduped, Focus
from briefing.schema.story import Fact, OutletNote, Quote, Story, TimelineEntry

__all__ = [
    "CHECK_NAMES",
    "REASONS",
    "SCHEMA_VERSION",
    "Article",
    "Block",
    "Brief",
    "Check",
    "Chunked",
    "Citation",
    "Cleaned",
    "Corroboration",
    "Deduped",
    "Disagreement",
    "DroppedSentence",
    "Extraction",
    "Fact",
    "FlaggedPassage",
    "Focus",
    "Frozen",
    "OutletNote",
    "Passage",
    "Provenance",
    "Quote",
    "Removal",
    "Result",
    "Sentence",
    "Side",
    "Skipped",
    "SourceSupport",
    "Span",
    "Story",
    "TimelineEntry",
    "Usage",
    "Verification",
    "join_names",
]
