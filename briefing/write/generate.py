"""One brief from the model: call, validate, send the errors back once, keep only what passes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from briefing.backends.base import Backend, Completion, Message
from briefing.errors import GenerationError
from briefing.schema import DroppedSentence, Passage, Sentence
from briefing.write.draft_text import mended
from briefing.write.grounded import grounded, in_own_words
from briefing.write.reply_format import Draft, citation_problems, draft_schema, parse_draft, text_problems
from briefing.write.second_tries import Held, second_tries, unsaid_in, unsaid_reason, without_unsaid


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

    def snapshot(self) -> tuple[int, int, int]:
        """Calls, tokens in and tokens out so far, to measure a stretch of work with `since`."""
        return self.calls, self.prompt_tokens, self.completion_tokens

    def since(self, before: tuple[int, int, int]) -> tuple[int, int, int]:
        """Calls, tokens in and tokens out spent since `before` (a `snapshot`)."""
        now = self.snapshot()
        return now[0] - before[0], now[1] - before[1], now[2] - before[2]


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
    held: list[Held] = field(default_factory=list)


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
    max_copied_words: int | None = None,
) -> Generated:
    """Ask for a brief citing `sources`; repair once with the errors; raise if nothing valid.

    With `max_copied_words`, a sentence carrying a longer run of a passage's words outside quotation
    marks is refused like an unsupported one (see `copying.py`).
    """
    by_label = {s.label: s for s in sources}
    schema = draft_schema(list(by_label), min(min_sentences, len(by_label)), max_sentences)
    attempts: list[_Attempt] = []
    for round_ in range(2):
        completion = backend.complete(messages, max_tokens=max_tokens, json_schema=schema)
        if cost is not None:
            cost.add(completion)
        attempt = _check(completion, by_label, passages, max_tokens, max_copied_words)
        attempts.append(attempt)
        if (
            attempt.problem is None
            and not attempt.dropped
            and not any(h.in_repair and h.mend for h in attempt.held)
        ):
            break  # copies alone are not worth another whole brief: they are reworded one by one
        if round_ == 0:
            messages = [
                *messages,
                {"role": "assistant", "content": completion.text},
                {"role": "user", "content": _repair_request(attempt)},
            ]
    # The repaired reply normally wins, but never trade kept sentences for a worse second reply.
    attempt = max(reversed(attempts), key=lambda a: len(a.kept) + len(a.held))
    if attempt.held:
        shown = list(dict.fromkeys(pid for source in sources for pid in source.passage_ids))
        spend = cost.add if cost is not None else _ignore
        second_tries(
            attempt.held, attempt.kept, attempt.dropped, backend, shown, passages, max_copied_words, spend
        )
        attempt.held = []
    if attempt.draft is None:
        raise GenerationError(f"{what}: the model gave no usable brief: {attempt.problem}")
    if not attempt.kept:
        reasons = "; ".join(f"{d.reason}" for d in attempt.dropped) or "no sentences"
        raise GenerationError(f"{what}: no sentence passed validation ({reasons})")
    # The grammar holds a local model to the sentence count; a server without one may write more.
    extra = [
        DroppedSentence(text=s.text, reason=f"more than the {max_sentences} sentences asked for")
        for s in attempt.kept[max_sentences:]
    ]
    return Generated(attempt.draft.headline.strip(), attempt.kept[:max_sentences], [*attempt.dropped, *extra])


def _check(
    completion: Completion,
    by_label: Mapping[str, Source],
    passages: Mapping[str, Passage],
    max_tokens: int,
    max_copied_words: int | None = None,
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
        form = text_problems(text)
        problems = form + citation_problems(drafted, set(by_label))
        if text.lower() in seen:
            problems.append("repeats an earlier sentence")
        if problems:
            # Refused only for its form: one more try on its own, if its passages bear it out.
            if (
                text
                and problems == form
                and _hold_to_mend(attempt, text, form, drafted.cites, by_label, shown, passages)
            ):
                continue
            attempt.dropped.append(DroppedSentence(text=text or "(empty)", reason="; ".join(problems)))
            continue
        cited = list(dict.fromkeys(pid for label in drafted.cites for pid in by_label[label].passage_ids))
        text, broken = mended(text, [passages[p].text for p in cited], [passages[p].text for p in shown])
        if broken is not None:
            attempt.dropped.append(DroppedSentence(text=text, reason=broken))
            continue
        sentence = grounded(text, cited, shown, passages)
        if isinstance(sentence, str):
            attempt.dropped.append(DroppedSentence(text=text, reason=sentence))
            continue
        seen.add(text.lower())
        _keep_or_hold(attempt, sentence, cited, shown, passages, max_copied_words)
    if not draft.sentences:
        attempt.problem = "the brief has no sentences"
    return attempt


def _keep_or_hold(
    attempt: _Attempt,
    sentence: Sentence,
    cited: list[str],
    shown: list[str],
    passages: Mapping[str, Passage],
    max_copied_words: int | None,
) -> None:
    """Keep a sentence its passages bear out, or hold it for a second try on its own: one that copies
    its source to be reworded, one that names what its passages never do to be written again (unless
    cutting the phrase that names it leaves a sentence that passes)."""
    if max_copied_words is not None:
        own = in_own_words(sentence, sentence.text, cited, shown, passages, max_copied_words)
        if isinstance(own, str):
            attempt.held.append(Held(len(attempt.kept), sentence.text, _cited(sentence), own, mend=False))
            return
        sentence = own
    nouns = unsaid_in(sentence.text, shown, passages)
    if not nouns:
        attempt.kept.append(sentence)
    elif (cut := without_unsaid(sentence.text, nouns, cited, shown, passages)) is not None:
        attempt.kept.append(cut)
    else:
        why = unsaid_reason(nouns)
        attempt.held.append(
            Held(len(attempt.kept), sentence.text, _cited(sentence), why, mend=True, in_repair=False)
        )


def _hold_to_mend(
    attempt: _Attempt,
    text: str,
    form: list[str],
    cites: list[str],
    by_label: Mapping[str, Source],
    shown: list[str],
    passages: Mapping[str, Passage],
) -> bool:
    """Hold a sentence refused only for its form to be mended, if its passages bear out what it says:
    written again whole, a sentence the outlets report keeps its fact in the brief."""
    cited = list(dict.fromkeys(pid for label in cites for pid in by_label[label].passage_ids))
    sentence = grounded(text, cited, shown, passages)
    if isinstance(sentence, str):
        return False
    attempt.held.append(Held(len(attempt.kept), text, _cited(sentence), "; ".join(form), mend=True))
    return True


def _ignore(completion: Completion) -> None:
    """A model call not counted anywhere."""


def _cited(sentence: Sentence) -> list[str]:
    return [c.passage_id for c in sentence.citations]


def _repair_request(attempt: _Attempt) -> str:
    refused = [(d.text, d.reason) for d in attempt.dropped]
    refused += [
        (h.text, h.why) for h in attempt.held if h.mend and h.in_repair
    ]  # mended one by one if this fails too
    issues = [attempt.problem] if attempt.problem else [f'"{text}": {why}' for text, why in refused]
    listed = "\n".join(f"- {issue}" for issue in issues)
    return (
        "Your brief has these problems:\n"
        f"{listed}\n"
        "Write the whole brief again and fix them. Use only facts, figures and quotations that the cited "
        "items contain, and cite only the ids shown. Reply with JSON only."
    )
