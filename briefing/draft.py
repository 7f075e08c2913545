"""The small JSON document the model writes, its JSON Schema, and per-sentence checks of it.

The model only ever sees short labels ("P3", "S7") for what it may cite; they are enumerated in the
schema so the grammar cannot produce any other, and checked again here because a grammar is a
request, not a guarantee.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

# A finished sentence ends with end punctuation, possibly followed by closing quotes or brackets.
_COMPLETE = re.compile(r"[.!?][\"'”’)\]]*$")
# A sentence cut off mid-way (typically a double quotation mark inside the text ended the JSON string
# early) ends on a word that cannot end a sentence, a comma, or inside an open quotation.
_CUT_OFF = re.compile(
    r"(\b(a|an|the|of|to|in|on|at|by|for|with|from|and|or|but|that|which|who|was|were|is|are|has|have"
    r"|had|be|been|will|would|said|called|as|than|its|their|his|her)|[,;:(\-—])$",
    re.IGNORECASE,
)


def finish_sentence(text: str) -> str | None:
    """The sentence with end punctuation, or None when it was cut off and cannot stand as written.

    Headline-like highlights ("China keeps control of supply chains") are complete statements
    without a full stop; they get one.
    """
    text = text.strip()
    if _COMPLETE.search(text):
        return text
    if _CUT_OFF.search(text) or text.count('"') % 2 or text.count("“") != text.count("”"):
        return None
    return text + "."


class DraftSentence(BaseModel):
    model_config = ConfigDict(extra="ignore")

    text: str
    cites: list[str] = Field(default_factory=list)


class Draft(BaseModel):
    """A brief as the model wrote it, before any check."""

    model_config = ConfigDict(extra="ignore")

    headline: str
    sentences: list[DraftSentence]


def draft_schema(labels: list[str], min_sentences: int, max_sentences: int) -> dict[str, Any]:
    """JSON Schema for a draft whose citations can only be the given labels."""
    return {
        "type": "object",
        "properties": {
            "headline": {"type": "string", "minLength": 3, "maxLength": 160},
            "sentences": {
                "type": "array",
                "minItems": min_sentences,
                "maxItems": max_sentences,
                "items": {
                    "type": "object",
                    "properties": {
                        "text": {"type": "string", "minLength": 10, "maxLength": 400},
                        "cites": {
                            "type": "array",
                            "minItems": 1,
                            "maxItems": 4,
                            "items": {"type": "string", "enum": labels},
                        },
                    },
                    "required": ["text", "cites"],
                },
            },
        },
        "required": ["headline", "sentences"],
    }


def parse_draft(text: str) -> Draft:
    """Parse the model's reply; raises ValueError with a message the model can act on."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"the reply is not valid JSON ({exc.msg} at position {exc.pos})") from exc
    try:
        return Draft.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(".".join(map(str, e["loc"])) + ": " + e["msg"] for e in exc.errors())
        raise ValueError(f"the reply does not match the brief schema ({problems})") from exc


def sentence_problems(sentence: DraftSentence, labels: set[str]) -> list[str]:
    """Why a drafted sentence cannot be kept as written (empty list: it passes these checks)."""
    problems = []
    text = sentence.text.strip()
    if not text:
        problems.append("empty sentence")
    elif finish_sentence(text) is None:
        problems.append("incomplete sentence: it stops mid-way")
    if not sentence.cites:
        problems.append("no citation")
    unknown = [c for c in sentence.cites if c not in labels]
    if unknown:
        problems.append(f"cites ids that were not shown: {', '.join(unknown)}")
    return problems
