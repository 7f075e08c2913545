"""Text inside an article body that is not reporting: chatbot filler, canned answers, injected prompts.

Scraped pages sometimes carry text an AI assistant wrote ("As of my last update, no deal has been
announced…"), pasted in as if it were news. It states things as of an unknown date, so it must not be
used as a fact; it is flagged in the article's brief instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from briefing.clean import Cleaned
from briefing.schema import FlaggedPassage

_ASSISTANT = re.compile(
    r"\b(as of my (last|latest|most recent) (check-?in|update|knowledge|training|information)"
    r"|as of my knowledge|my (knowledge|training)( data)? (cut-?off|cutoff)"
    r"|as an ai( language model)?|as a (large )?language model"
    r"|i (do not|don't|cannot|can't) (have )?(browse|access|real-time|the ability to)"
    r"|i hope this helps|i'?m sorry, but|here are (some|a few) (key )?(points|facts|possible)"
    r"|it is (advisable|recommended) to (check|consult|verify) (the )?(latest|official|reliable)"
    r"|for the (latest|most up-to-date) information,? (please )?(check|refer|consult))",
    re.IGNORECASE,
)
# Text addressed to a model rather than to readers: article text is data, and instructions in it
# must neither steer the model nor be repeated as facts.
_MACHINE = r"(ai|assistant|llm|language model|summari[sz]er|chatbot)"
_INSTRUCTION = re.compile(
    r"\b((ignore|disregard|forget|override) (all |any )?(the )?(previous|prior|above|earlier|preceding|your)"
    r" (instructions|prompts?|rules|directions|guidelines)"
    r"|(new|updated|additional) instructions\s*:"
    r"|system prompt|you are now\b|as the (ai|assistant|language model)\b"
    rf"|(attention|note to|message to|instructions? (for|to)) (the )?{_MACHINE}"
    rf"|{_MACHINE}s?,? (must|should|shall|will) (now )?"
    r"(write|say|state|report|output|include|respond|reply|summari[sz]e)"
    r"|(respond|reply|answer) (only )?with (the following|this|exactly)"
    r"|in your (summary|brief|answer|response),? (say|state|write|report|mention|include)"
    r"|(must|should|shall) (appear|be included|be mentioned|be stated) in (any|every|each|the|your) "
    r"(summary|summaries|brief|briefs|digest|answer))",
    re.IGNORECASE,
)
_NUMBERED_ITEM = re.compile(r"^\s*\d{1,2}[.)]\s")


def suspect_reason(text: str) -> str | None:
    """Why a passage looks like machine-generated filler rather than reporting (None if it does not)."""
    match = _INSTRUCTION.search(text)
    if match:
        return f'suspect text: instructions addressed to an AI ("{match.group(0)}"), not reporting'
    match = _ASSISTANT.search(text)
    if match:
        return f'suspect text: reads like an AI assistant\'s answer ("{match.group(0)}"), not reporting'
    return None


def flag_suspects(texts: Sequence[str]) -> list[str | None]:
    """A reason per passage, in reading order; numbered items right after suspect text are suspect too."""
    reasons: list[str | None] = []
    for text in texts:
        reason = suspect_reason(text)
        if reason is None and reasons and reasons[-1] is not None and _NUMBERED_ITEM.match(text):
            reason = "suspect text: a numbered list continuing the assistant-style text before it"
        reasons.append(reason)
    return reasons


def screen(cleaned: Sequence[Cleaned]) -> tuple[list[Cleaned], dict[str, list[FlaggedPassage]]]:
    """Take suspect paragraphs out before deduplication, so no later split can separate an
    instruction from the claim it carries; each is kept as a flag on its article."""
    kept: list[Cleaned] = []
    flags: dict[str, list[FlaggedPassage]] = {}
    for c in cleaned:
        text = c.article.text
        reasons = flag_suspects([text[s:e] for s, e in c.paragraphs])
        flags[c.article.id] = [
            FlaggedPassage(article_id=c.article.id, start=s, end=e, quote=text[s:e], reason=why)
            for (s, e), why in zip(c.paragraphs, reasons, strict=True)
            if why is not None
        ]
        paragraphs = [span for span, why in zip(c.paragraphs, reasons, strict=True) if why is None]
        kept.append(replace(c, paragraphs=paragraphs))
    return kept, flags
