"""One brief from the model: call, validate, send the errors back once, keep only what passes."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from briefing.backends.base import Backend, Completion, Message
from briefing.draft import Draft, draft_schema, finish_sentence, parse_draft, sentence_problems
from briefing.errors import GenerationError
from briefing.schema import Citation, DroppedSentence, Passage, Sentence
from briefing.verify import find_support, verify_sentence


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
    shown = list(dict.fromkeys(pid for source in by_label.values() for pid in source.passage_ids))
    seen: set[str] = set()
    for drafted in draft.sentences:
        text = " ".join(drafted.text.split())
        problems = sentence_problems(drafted, set(by_label))
        if text.lower() in seen:
            problems.append("repeats an earlier sentence")
        if problems:
            attempt.dropped.append(DroppedSentence(text=text or "(empty)", reason="; ".join(problems)))
            continue
        cited = list(dict.fromkeys(pid for label in drafted.cites for pid in by_label[label].passage_ids))
        sources = [passages[p].text for p in cited]
        if _cut_at_quotation(text, sources):
            reason = "incomplete sentence: it stops where a quotation begins (use single quotation marks)"
            attempt.dropped.append(DroppedSentence(text=text, reason=reason))
            continue
        # Against every passage shown: the sentence may yet be re-attributed to one it did not cite.
        text = _join_initials(finish_sentence(text) or text, [passages[p].text for p in shown])
        sentence = _grounded(text, cited, shown, passages)
        if isinstance(sentence, str):
            attempt.dropped.append(DroppedSentence(text=text, reason=sentence))
            continue
        seen.add(text.lower())
        attempt.kept.append(sentence)
    if not draft.sentences:
        attempt.problem = "the brief has no sentences"
    return attempt


def _cut_at_quotation(text: str, sources: list[str]) -> bool:
    """True when the text is a source's words up to a double quotation mark, and stops there.

    A double quotation mark the model writes inside a JSON string ends the string, so a copied
    sentence that went on to quote someone arrives cut off just before the quotation.
    """
    stem = text.rstrip(" .")
    return bool(stem) and any(re.search(re.escape(stem) + r"\s*[\"“]", s) for s in sources)


_SPACED_INITIALS = re.compile(r"\b(?:[A-Z]\. )+[A-Z]\.")


def _join_initials(text: str, sources: list[str]) -> str:
    """Write "U. S." as "U.S." when the sources do: the model sometimes spaces out abbreviations."""

    def join(match: re.Match[str]) -> str:
        joined = match.group(0).replace(" ", "")
        return joined if any(joined in s for s in sources) else match.group(0)

    return _SPACED_INITIALS.sub(join, text)


def _grounded(
    text: str, cited: list[str], shown: list[str], passages: Mapping[str, Passage]
) -> Sentence | str:
    """The sentence with citations that bear it out, or why none do.

    A sentence that its own citations do not support is re-attributed to the passages shown in the
    same prompt that do, if any: small models often cite the passage next to the right one.
    """
    verification = verify_sentence(text, [passages[p].text for p in cited])
    reattributed = False
    if verification.passed:
        # Cite only what the sentence rests on: a model often cites every passage it was shown.
        cited = find_support(text, {p: passages[p].text for p in cited}) or cited
    else:
        better = find_support(text, {p: passages[p].text for p in shown})
        if better is None:
            return f"unsupported: {verification.reason()}"
        cited, reattributed = better, True
    verification = verify_sentence(text, [passages[p].text for p in cited])
    return Sentence(
        text=text,
        citations=[Citation.of(passages[p], passages) for p in cited],
        verification=verification,
        reattributed=reattributed,
    )


def _repair_request(attempt: _Attempt) -> str:
    issues = [attempt.problem] if attempt.problem else [f'"{d.text}": {d.reason}' for d in attempt.dropped]
    listed = "\n".join(f"- {issue}" for issue in issues)
    return (
        "Your brief has these problems:\n"
        f"{listed}\n"
        "Write the whole brief again and fix them. Use only facts, figures and quotations that the cited "
        "items contain, and cite only the ids shown. Reply with JSON only."
    )
