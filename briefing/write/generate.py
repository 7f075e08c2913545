"""One brief from the model: call, validate, send the errors back once, keep only what passes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from briefing.backends.base import Backend, Completion, Message
from briefing.check.verify import find_support, verify_sentence
from briefing.errors import GenerationError
from briefing.schema import Citation, DroppedSentence, Passage, Sentence
from briefing.text.copying import longest_copied_run
from briefing.write.compress import compress
from briefing.write.draft_text import mended
from briefing.write.reply_format import Draft, draft_schema, parse_draft, sentence_problems, text_problems
from briefing.write.reword import reword


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
    # Sentences that pass every check but copy their source: (place among kept, sentence, why).
    copied: list[tuple[int, Sentence, str]] = field(default_factory=list)


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
        if attempt.problem is None and not attempt.dropped:
            break  # copies alone are not worth another whole brief: they are reworded one by one
        if round_ == 0:
            messages = [
                *messages,
                {"role": "assistant", "content": completion.text},
                {"role": "user", "content": _repair_request(attempt)},
            ]
    # The repaired reply normally wins, but never trade kept sentences for a worse second reply.
    attempt = max(reversed(attempts), key=lambda a: len(a.kept) + len(a.copied))
    if attempt.copied and max_copied_words is not None:
        _reword_copies(attempt, backend, by_label, passages, max_copied_words, cost)
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
        problems = sentence_problems(drafted, set(by_label))
        if text.lower() in seen:
            problems.append("repeats an earlier sentence")
        if problems:
            attempt.dropped.append(DroppedSentence(text=text or "(empty)", reason="; ".join(problems)))
            continue
        cited = list(dict.fromkeys(pid for label in drafted.cites for pid in by_label[label].passage_ids))
        text, broken = mended(text, [passages[p].text for p in cited], [passages[p].text for p in shown])
        if broken is not None:
            attempt.dropped.append(DroppedSentence(text=text, reason=broken))
            continue
        sentence = _grounded(text, cited, shown, passages)
        if isinstance(sentence, str):
            attempt.dropped.append(DroppedSentence(text=text, reason=sentence))
            continue
        seen.add(text.lower())
        if max_copied_words is not None:
            own = _in_own_words(sentence, text, cited, shown, passages, max_copied_words)
            if isinstance(own, str):
                attempt.copied.append((len(attempt.kept), sentence, own))
                continue
            sentence = own
        attempt.kept.append(sentence)
    if not draft.sentences:
        attempt.problem = "the brief has no sentences"
    return attempt


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


def _in_own_words(
    sentence: Sentence,
    text: str,
    cited: list[str],
    shown: list[str],
    passages: Mapping[str, Passage],
    limit: int,
) -> Sentence | str:
    """The sentence if it copies no more than `limit` source words in a row, else its cut-down form
    (`compress.py`) when that still passes the checks, else why it is refused."""
    sources = [passages[p].text for p in shown]
    copied = longest_copied_run(text, sources)
    if copied.words <= limit:
        return sentence
    shorter = compress(text, sources, limit)
    # A cut is held to what a drafted sentence is: "The pensioner lost his life when floodwater
    # carried his car off a ford" cut to its first clause says nothing that stands alone.
    if shorter is not None and not text_problems(shorter):
        checked = _grounded(shorter, [c.passage_id for c in sentence.citations] or cited, shown, passages)
        if isinstance(checked, Sentence):
            return checked
    return (
        f'copies {copied.words} words in a row from the source ("{copied.text}"): say it in your '
        "own words, or quote the speaker's exact words in single quotation marks"
    )


def _reword_copies(
    attempt: _Attempt,
    backend: Backend,
    by_label: Mapping[str, Source],
    passages: Mapping[str, Passage],
    limit: int,
    cost: Cost | None,
) -> None:
    """Ask the model to say each copied sentence in its own words; keep what then passes, in place."""
    shown = list(dict.fromkeys(pid for source in by_label.values() for pid in source.passage_ids))
    for place, sentence, why in reversed(attempt.copied):
        text, completion = reword(backend, sentence.text)
        if cost is not None:
            cost.add(completion)
        cited = [c.passage_id for c in sentence.citations]
        # A reworded sentence is held to what a drafted one is: whole, naming who, said once.
        checked = _grounded(text, cited, shown, passages) if text and not text_problems(text) else "no answer"
        if isinstance(checked, Sentence):
            own = _in_own_words(checked, checked.text, cited, shown, passages, limit)
            if isinstance(own, Sentence):
                attempt.kept.insert(place, own)
                continue
        attempt.dropped.append(DroppedSentence(text=sentence.text, reason=why))
    attempt.copied = []
    # Two copies may be reworded alike: say each thing once.
    seen: set[str] = set()
    for sentence in list(attempt.kept):
        key = sentence.text.lower()
        if key in seen:
            attempt.kept.remove(sentence)
            attempt.dropped.append(DroppedSentence(text=sentence.text, reason="repeats an earlier sentence"))
        seen.add(key)


def _repair_request(attempt: _Attempt) -> str:
    issues = [attempt.problem] if attempt.problem else [f'"{d.text}": {d.reason}' for d in attempt.dropped]
    listed = "\n".join(f"- {issue}" for issue in issues)
    return (
        "Your brief has these problems:\n"
        f"{listed}\n"
        "Write the whole brief again and fix them. Use only facts, figures and quotations that the cited "
        "items contain, and cite only the ids shown. Reply with JSON only."
    )
