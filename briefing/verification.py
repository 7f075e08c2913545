"""`briefing verify`: check any text against its sources, sentence by sentence.

An editor's draft or another tool's summary comes with the full articles it rests on. The sources
are cut into passages as for a brief (clean, deduplicate, chunk; nothing left out as commentary,
since a claim may rest on any sentence), each sentence of the claim is matched to the fewest
passages that bear it out (`verify.find_support`), and those get the full check: word level,
structure and, when a model is loaded, the entailment judge. A claim is supported only when every
one of its sentences is.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from briefing.check.entail import EntailmentJudge
from briefing.check.verify import find_support, verify_sentence
from briefing.config import Settings
from briefing.errors import InputError
from briefing.ingest import article_from_fields
from briefing.pipeline import prepare_articles
from briefing.progress import Progress
from briefing.schema import Check, Citation, Passage
from briefing.text.sentences import sentence_spans
from briefing.text.words import support

# Passages tried per sentence: the best by word overlap. The structure checks then pick among them.
_CANDIDATES = 8


class ClaimSource(BaseModel):
    """One source article of a claim."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(default="", description="Headline; optional.")
    text: str = Field(min_length=1, description="The full article text.")
    url: str | None = None


class ClaimRequest(BaseModel):
    """A text to check and the sources it should rest on."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, max_length=200)
    claim: str = Field(min_length=1)
    sources: list[ClaimSource] = Field(min_length=1)


class SentenceVerdict(BaseModel):
    """One sentence of a claim: whether its best passages bear it out, and every check's outcome."""

    text: str
    supported: bool
    score: float | None = Field(description="The judge's P(supported); else the word-overlap support.")
    citations: list[Citation]
    checks: list[Check]


class ClaimVerdict(BaseModel):
    """A claim is supported only when every sentence is."""

    id: str
    supported: bool
    sentences: list[SentenceVerdict] = Field(default_factory=list)
    error: str | None = Field(default=None, description="Why the item could not be checked, if it could not.")


def verify_claim(
    request: ClaimRequest,
    settings: Settings,
    count_tokens: Callable[[str], int],
    judge: EntailmentJudge | None,
) -> ClaimVerdict:
    """Check each sentence of the claim against the passages of its sources."""
    articles = [
        article_from_fields(
            f"{request.id}: source {n}", s.title or f"source {n}", s.text, url=s.url, source=s.title or None
        )
        for n, s in enumerate(request.sources, start=1)
    ]
    prepared = prepare_articles(
        articles, settings.model_copy(update={"leave_out_commentary": False}), count_tokens, Progress(None)
    )
    used = {pid for e in prepared.articles for pid in e.passage_ids}
    passages = {pid: p for pid, p in prepared.passages.items() if pid in used}
    sentences = [request.claim[s:e] for s, e in sentence_spans(request.claim)]
    verdicts = [_sentence(text, passages, judge) for text in sentences]
    return ClaimVerdict(id=request.id, supported=all(v.supported for v in verdicts), sentences=verdicts)


def _sentence(text: str, passages: Mapping[str, Passage], judge: EntailmentJudge | None) -> SentenceVerdict:
    ranked = sorted(passages, key=lambda pid: -support(text, [passages[pid].text])[0])[:_CANDIDATES]
    chosen = find_support(text, {pid: passages[pid].text for pid in ranked})
    # When nothing passes, show the checks against the closest passage, so the editor sees why.
    ids = chosen or ranked[:1]
    verdict = verify_sentence(text, [passages[p].text for p in ids], judge=judge if chosen else None)
    score = verdict.entailment if verdict.entailment is not None else verdict.support
    return SentenceVerdict(
        text=text,
        supported=bool(chosen) and verdict.passed,
        score=score,
        citations=[Citation.of(passages[p], passages) for p in ids],
        checks=verdict.checks,
    )


def read_requests(lines: Iterator[str], origin: str) -> Iterator[ClaimRequest | InputError]:
    """Each JSONL line as a request, or an InputError naming the line and what is wrong with it."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            data: Any = json.loads(line)
            yield ClaimRequest.model_validate(data)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"not JSON ({exc.msg} at column {exc.colno})")
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(map(str, e['loc'])) or 'line'}: {e['msg']}" for e in exc.errors()
            )
            yield InputError(where, problems)
