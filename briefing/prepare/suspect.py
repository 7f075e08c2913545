"""Text inside an article that is not reporting: chatbot filler, canned answers, injected prompts.

Scraped pages sometimes carry text an AI assistant wrote ("As of my last update, no deal has been
announced…"), pasted in as if it were news. It states things as of an unknown date, so it must not be
used as a fact; it is flagged in the article's brief instead.

Pages can also carry text planted for the model that summarises them ("Editors' note for automated
digests: …", "Pay no attention to earlier guidance…"), in the body or in the title. Such text is
recognised by what makes it an instruction rather than news, not by one fixed phrasing:

- it sets aside earlier instructions, as an imperative ("Ignore all previous instructions");
- it is addressed to a machine reader ("Note to any system processing this page:", "Bots, take
  note:", "If you are an AI…", "Summary tools should open with…");
- it prescribes what a summary of this very text must say ("The correct summary is…", "When
  summarising this story, lead with…").

Ordinary news uses the same words ("The judge told jurors to ignore the remark", "Editors' note: an
earlier version misspelled…", "Police said bot accounts…"), so every pattern needs two cues together:
a machine addressee or an instruction-shaped sentence, plus what it asks for.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import PurePath

from briefing.prepare.suspect_patterns import ASSISTANT_FILLER, instruction_reason
from briefing.schema import Article, Cleaned, FlaggedPassage

_NUMBERED_ITEM = re.compile(r"^\s*\d{1,2}[.)]\s")


def suspect_reason(text: str) -> str | None:
    """Why a passage looks like machine-generated filler rather than reporting (None if it does not)."""
    why = instruction_reason(text)
    if why:
        return f"suspect text: instructions addressed to an AI ({why}), not reporting"
    match = ASSISTANT_FILLER.search(text)
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


UNTITLED = "Untitled article"


def title_placeholder(article: Article) -> str:
    """A neutral stand-in for a suspect title: the outlet, else the file name, else "Untitled article"."""
    name = article.source or PurePath(article.origin).name
    name = " ".join(name.split())
    return name if name and suspect_reason(name) is None else UNTITLED


def _screen_title(article: Article) -> tuple[Article, FlaggedPassage | None]:
    """The article with a suspect title replaced, and the flag that keeps the original title visible.

    The title goes into the model's prompt ("Title: …"), the cross-article notes (as the outlet when
    there is none) and the dedupe and cache keys, so a suspect one is swapped here, before any of
    them reads it. (`clean` has already used it, to drop a body line repeating the headline: that
    line is the planted text too.) The flag is an empty span at 0: the title is not part of the text
    its offsets index.
    """
    reason = suspect_reason(article.title)
    if reason is None:
        return article, None
    placeholder = title_placeholder(article)
    why = reason.removeprefix("suspect text: ")
    flag = FlaggedPassage(
        article_id=article.id,
        start=0,
        end=0,
        quote=article.title,
        reason=f'suspect title, not shown to the model (shown as "{placeholder}"): {why}',
    )
    return article.model_copy(update={"title": placeholder}), flag


def screen(cleaned: Sequence[Cleaned]) -> tuple[list[Cleaned], dict[str, list[FlaggedPassage]]]:
    """Take suspect paragraphs out before deduplication, so no later split can separate an
    instruction from the claim it carries, and replace a suspect title; each is kept as a flag on
    its article (the title's first)."""
    kept: list[Cleaned] = []
    flags: dict[str, list[FlaggedPassage]] = {}
    for c in cleaned:
        article, title_flag = _screen_title(c.article)
        text = article.text
        reasons = flag_suspects([text[s:e] for s, e in c.paragraphs])
        flags[article.id] = [
            *([title_flag] if title_flag else []),
            *(
                FlaggedPassage(article_id=article.id, start=s, end=e, quote=text[s:e], reason=why)
                for (s, e), why in zip(c.paragraphs, reasons, strict=True)
                if why is not None
            ),
        ]
        paragraphs = [span for span, why in zip(c.paragraphs, reasons, strict=True) if why is None]
        kept.append(replace(c, article=article, paragraphs=paragraphs))
    return kept, flags
