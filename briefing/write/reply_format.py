"""The small JSON document the model writes, its JSON Schema, and per-sentence checks of it.

The model only ever sees short labels ("P3", "S7") for what it may cite, and ends each sentence with
them: "Text. [P3][P5]". The schema's pattern lists them so the grammar cannot produce any other, and
they are checked again here because a grammar is a request, not a guarantee.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from briefing.text.copying import outside_quotes
from briefing.text.gaps import cut_subject
from briefing.text.headline_style import (
    clipped_articles,
    headline_passive,
    headline_present,
    headline_style,
)
from briefing.text.pronouns import pointing_back, unanchored_subject, unresolved_pronoun
from briefing.text.sentences import sentence_spans
from briefing.text.words import quotations

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


# Each sentence ends with the ids it cites: "The plant opened on Monday. [P1][P3]". In the default
# model's tokens, the structure of the article prompt's 4-sentence example costs 28 tokens this way
# against 66 as {"text": ..., "cites": [...]} objects, and every generated token costs ~50 ms here.
_TRAILING_IDS = re.compile(r"\s*((?:\[[A-Za-z]+\d+\]\s*)+)$")
_ID = re.compile(r"\[([A-Za-z]+\d+)\]")
MAX_CITES = 4


def draft_schema(labels: list[str], min_sentences: int, max_sentences: int) -> dict[str, Any]:
    """JSON Schema for a draft whose sentences end with citation ids that can only be the given labels.

    The sentence text may hold no double quotation mark, backslash, bracket or line break: quotations
    use single marks (the prompts say so), and the grammar then cannot end a sentence early.
    """
    ids = "|".join(re.escape(label) for label in labels)
    pattern = f'^[^"\\\\\\[\\]\\n\\r\\t]{{10,400}}( ?\\[({ids})\\]){{1,{MAX_CITES}}}$'
    return {
        "type": "object",
        "properties": {
            "headline": {"type": "string", "minLength": 3, "maxLength": 160},
            "sentences": {
                "type": "array",
                "minItems": min_sentences,
                "maxItems": max_sentences,
                "items": {"type": "string", "pattern": pattern},
            },
        },
        "required": ["headline", "sentences"],
    }


class _Reply(BaseModel):
    model_config = ConfigDict(extra="ignore")

    headline: str
    sentences: list[str]


def split_citations(sentence: str) -> DraftSentence:
    """ "Text. [P1][P3]" as its text and cited ids; no trailing ids: no citations."""
    found = _TRAILING_IDS.search(sentence)
    if found is None:
        return DraftSentence(text=sentence.strip(), cites=[])
    cites = list(dict.fromkeys(_ID.findall(found.group(1))))
    return DraftSentence(text=sentence[: found.start()].strip(), cites=cites)


def parse_draft(text: str) -> Draft:
    """Parse the model's reply; raises ValueError with a message the model can act on."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"the reply is not valid JSON ({exc.msg} at position {exc.pos})") from exc
    try:
        reply = _Reply.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(".".join(map(str, e["loc"])) + ": " + e["msg"] for e in exc.errors())
        raise ValueError(f"the reply does not match the brief schema ({problems})") from exc
    drafted = [split_citations(s) for s in reply.sentences]
    return Draft(headline=reply.headline, sentences=[one for s in drafted for one in _one_each(s)])


def _one_each(sentence: DraftSentence) -> list[DraftSentence]:
    """Two sentences written as one item ("11 were taken to hospital. Police confirmed …") become two,
    each citing what the item cites: a reader gets whole sentences, each checked on its own. A
    quotation is left whole, since its sentences belong to the speaker."""
    text = sentence.text.strip()
    if any(q in text for q in "\"“”'‘’") and quotations(text):
        return [sentence]
    parts = [text[s:e].strip() for s, e in sentence_spans(text)]
    if len(parts) < 2:
        return [sentence]
    return [DraftSentence(text=part, cites=sentence.cites) for part in parts]


_ELISION = re.compile(r"…|\.\.\.")
# "Okafor said the plant protects the city, the authority said.": two speakers for one statement.
_TRAILING_SAYS = re.compile(r",\s+(?:[\w'’.-]+\s+){1,5}(?:said|says|added|told \w+)\s*[.!?]?[\"'”’]?$")
# Not "told" ("residents have been told to boil water") nor "added" ("the overhaul added a wing").
_SAYS = re.compile(r"\b(?:said|says|according to)\b", re.IGNORECASE)


def attributed_twice(text: str) -> bool:
    """Whether a sentence that already says who said it ends with another ", the authority said"."""
    trailing = _TRAILING_SAYS.search(text)
    if trailing is None:
        return False
    outside = " ".join(outside_quotes(text[: trailing.start()]))
    return _SAYS.search(outside) is not None


def sentence_problems(sentence: DraftSentence, labels: set[str]) -> list[str]:
    """Why a drafted sentence cannot be kept as written (empty list: it passes these checks)."""
    return text_problems(sentence.text) + citation_problems(sentence, labels)


def citation_problems(sentence: DraftSentence, labels: set[str]) -> list[str]:
    """Why a drafted sentence's citations cannot stand: none, or ids that were not shown."""
    problems = []
    if not sentence.cites:
        problems.append("no citation")
    unknown = [c for c in sentence.cites if c not in labels]
    if unknown:
        problems.append(f"cites ids that were not shown: {', '.join(unknown)}")
    return problems


def text_problems(text: str) -> list[str]:
    """Why a sentence's text cannot stand in a brief as written, whoever wrote it: the drafted brief
    or a reworded copy (empty list: none)."""
    problems = []
    text = text.strip()
    if not text:
        problems.append("empty sentence")
    elif finish_sentence(text) is None:
        problems.append("incomplete sentence: it stops mid-way")
    elif _ELISION.search(text):
        # "Provincial governor … told reporters": a dropped quotation leaves the reader nothing.
        problems.append("words left out with an ellipsis: say it whole, or quote the exact words")
    elif (pronoun := unresolved_pronoun(text)) is not None:
        # The story shows sentences one at a time: "Police have not yet named him." names no one.
        problems.append(f"'{pronoun}' stands for no one the sentence names: say who")
    elif (gap := cut_subject(text)) is not None:
        # "Halvorsen's chief executive, told analysts …": the name between the commas was left out.
        problems.append(f"a comma parts '{gap}' from its verb: words are missing; say who, whole")
    elif (pointer := pointing_back(text)) is not None:
        # "Dolores Akintola rejected that argument.": the argument is in a sentence the reader never sees.
        problems.append(f"'{pointer}' points back to something the sentence does not say: say what it is")
    elif (subject := unanchored_subject(text)) is not None:
        problems.append(f"'{subject}' names no one and nothing the reader knows: say which, by name or place")
    elif attributed_twice(text):
        problems.append("says twice who said it: name the one speaker once")
    elif headline_style(text):
        # "Bridge collapses, cars stranded, …": the page's headline register, not a sentence.
        problems.append("written as a headline: say it as a whole sentence, with a subject and a verb")
    elif clipped_articles(text):
        problems.append("written as a headline, without its articles: say it as a whole sentence")
    elif headline_passive(text):
        problems.append("written as a headline, without 'was' or 'were': say it as a whole sentence")
    elif headline_present(text):
        problems.append("written as a headline, in the present tense: say what happened as a whole sentence")
    return problems
