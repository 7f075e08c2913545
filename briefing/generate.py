"""One brief from the model: call, validate, send the errors back once, keep only what passes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from pydantic import ValidationError

from briefing.backends.base import Backend, Completion, Message
from briefing.draft import Draft, draft_schema, parse_draft, sentence_problems
from briefing.errors import GenerationError
from briefing.grounding import grounding_problems
from briefing.schema import Citation, DroppedSentence, Passage, Sentence


@dataclass(frozen=True)
class Source:
    """One item shown to the model under a short label, and the passages that citing it means."""

    label: str
    passage_ids: tuple[str, ...]


@dataclass
class Cost:
    """Model work spent, failed attempts included."""

    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0

    def add(self, completion: Completion) -> None:
        self.calls += 1
        self.prompt_tokens += completion.prompt_tokens
        self.completion_tokens += completion.completion_tokens


@dataclass
class Generated:
    """A checked brief and what was dropped from it."""

    headline: str
    sentences: list[Sentence]
    dropped: list[DroppedSentence]


@dataclass
class _Attempt:
    draft: Draft | None
    problem: str | None  # a fault of the whole reply (cut off, not JSON)
    kept: list[Sentence] = field(default_factory=list)
    dropped: list[DroppedSentence] = field(default_factory=list)


def generate(
    backend: Backend,
    messages: list[Message],
    sources: Sequence[Source],
    passages: Mapping[str, Passage],
    *,
    max_tokens: int,
    min_sentences: int,
    max_sentences: int,
    what: str,
    cost: Cost | None = None,
) -> Generated:
    """Ask for a brief citing `sources`; repair once with the errors; raise if nothing valid."""
    by_label = {s.label: s for s in sources}
    schema = draft_schema(list(by_label), min(min_sentences, len(by_label)), max_sentences)
    attempts: list[_Attempt] = []
    for round_ in range(2):
        completion = backend.complete(messages, max_tokens=max_tokens, json_schema=schema)
        if cost is not None:
            cost.add(completion)
        attempt = _check(completion, by_label, passages, max_tokens)
        attempts.append(attempt)
        if attempt.problem is None and not attempt.dropped:
            break
        if round_ == 0:
            messages = [
                *messages,
                {"role": "assistant", "content": completion.text},
                {"role": "user", "content": _repair_request(attempt)},
            ]
    # The repaired reply normally wins, but never trade kept sentences for a worse second reply.
    attempt = max(reversed(attempts), key=lambda a: len(a.kept))
    if attempt.draft is None:
        raise GenerationError(f"{what}: the model gave no usable brief: {attempt.problem}")
    if not attempt.kept:
        reasons = "; ".join(f"{d.reason}" for d in attempt.dropped) or "no sentences"
        raise GenerationError(f"{what}: no sentence passed validation ({reasons})")
    return Generated(attempt.draft.headline.strip(), attempt.kept, attempt.dropped)


def _check(
    completion: Completion, by_label: Mapping[str, Source], passages: Mapping[str, Passage], max_tokens: int
) -> _Attempt:
    if completion.truncated:
        return _Attempt(None, f"the reply was cut off at max_tokens={max_tokens}, so it is incomplete")
    try:
        draft = parse_draft(completion.text)
    except ValueError as exc:
        return _Attempt(None, str(exc))
    attempt = _Attempt(draft, None)
    seen: set[str] = set()
    for drafted in draft.sentences:
        text = " ".join(drafted.text.split())
        problems = sentence_problems(drafted, set(by_label))
        cited = [
            pid
            for label in dict.fromkeys(drafted.cites)
            if label in by_label
            for pid in by_label[label].passage_ids
        ]
        cited = list(dict.fromkeys(cited))
        if not problems:
            problems = grounding_problems(text, (passages[pid].text for pid in cited))
        if text.lower() in seen:
            problems.append("repeats an earlier sentence")
        if problems:
            attempt.dropped.append(DroppedSentence(text=text or "(empty)", reason="; ".join(problems)))
            continue
        seen.add(text.lower())
        try:
            citations = [Citation.of(passages[pid], passages) for pid in cited]
            attempt.kept.append(Sentence(text=text, citations=citations))
        except ValidationError as exc:  # only reachable if a passage itself is inconsistent
            attempt.dropped.append(DroppedSentence(text=text, reason=f"invalid citation: {exc}"))
    if not draft.sentences:
        attempt.problem = "the brief has no sentences"
    return attempt


def _repair_request(attempt: _Attempt) -> str:
    issues = [attempt.problem] if attempt.problem else [f'"{d.text}": {d.reason}' for d in attempt.dropped]
    listed = "\n".join(f"- {issue}" for issue in issues)
    return (
        "Your brief has these problems:\n"
        f"{listed}\n"
        "Write the whole brief again and fix them. Use only facts, figures and quotations that the cited "
        "items contain, and cite only the ids shown. Reply with JSON only."
    )
