"""A deterministic stand-in for a model, for fast tests of everything around the model.

Two modes: replay queued replies (to script invalid drafts, cut-off replies or errors), and, once the
queue is empty, an *extractive* mode that answers any brief prompt with valid, cited JSON built from
the passages shown in that prompt. Every call is recorded.
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from briefing.backends.base import Completion, Message
from briefing.text.words import support

_SHOWN_ITEM = re.compile(r"^\[([A-Za-z]+\d+)\]\s*(?:\([^)]*\)\s*)?(.+)$", re.MULTILINE)
_FIRST_SENTENCE = re.compile(r"^(.+?[.!?])(?:\s|$)")
_JUDGE_QUESTION = re.compile(r"Passages:\n(?P<evidence>.*?)\n\nClaim: (?P<claim>.*?)\n", re.DOTALL)


# Word overlap at which the fake judge is sure (twice the checks' support threshold of 0.45).
_SURE_AT = 0.9


def schema_labels(schema: dict[str, Any]) -> list[str]:
    """The citation ids a draft schema allows, read from its sentence pattern (as a constrained model
    knows them: from the schema it is handed, not from the code that wrote it)."""
    pattern = schema["properties"]["sentences"]["items"]["pattern"]
    found = re.search(r"\\\[\(([^)]*)\)\\\]", pattern)
    return [re.sub(r"\\(.)", r"\1", label) for label in found.group(1).split("|")] if found else []


@dataclass
class Call:
    messages: list[Message]
    max_tokens: int
    json_schema: dict[str, Any] | None


@dataclass
class FakeBackend:
    """Scripted replies first, then extractive answers; records every call and their overlap."""

    replies: list[str | Completion | Exception] = field(default_factory=list)
    delay: float = 0.0
    name: str = "fake"
    sha256: str | None = "0" * 64
    n_ctx: int = 4096
    calls: list[Call] = field(default_factory=list)
    max_concurrent: int = 0
    # Scripted judge answers (P(Yes)), used before the word-overlap stand-in; every question is kept.
    judgements: list[float] = field(default_factory=list)
    questions: list[list[Message]] = field(default_factory=list)
    _active: int = 0
    _guard: threading.Lock = field(default_factory=threading.Lock)

    def complete(
        self,
        messages: list[Message],
        *,
        max_tokens: int,
        json_schema: dict[str, Any] | None = None,
    ) -> Completion:
        with self._guard:
            self._active += 1
            self.max_concurrent = max(self.max_concurrent, self._active)
            self.calls.append(Call(list(messages), max_tokens, json_schema))
            scripted = self.replies.pop(0) if self.replies else None
        try:
            if self.delay:
                time.sleep(self.delay)
            prompt_tokens = sum(self.count_tokens(m["content"]) for m in messages)
            if isinstance(scripted, Exception):
                raise scripted
            if isinstance(scripted, Completion):
                return scripted
            text = scripted if scripted is not None else self._extract(messages, json_schema)
            return Completion(text, prompt_tokens, self.count_tokens(text), "stop")
        finally:
            with self._guard:
                self._active -= 1

    def yes_probability(self, messages: list[Message]) -> float:
        """A scripted P(Yes), else one from word overlap: the claim's support in the passages, where
        the lexical threshold (0.45) maps to an even answer."""
        with self._guard:
            self.questions.append(list(messages))
            if self.judgements:
                return self.judgements.pop(0)
        asked = _JUDGE_QUESTION.search(messages[-1]["content"])
        if asked is None:
            return 0.0
        score, _ = support(asked.group("claim"), [asked.group("evidence")])
        return min(1.0, score / _SURE_AT)

    def count_tokens(self, text: str) -> int:
        # Roughly one token per word or punctuation mark: close enough for budgeting tests.
        return len(re.findall(r"\w+|[^\w\s]", text))

    def _extract(self, messages: list[Message], json_schema: dict[str, Any] | None) -> str:
        allowed = _allowed_ids(json_schema)
        shown = {m.group(1): m.group(2).strip() for m in _SHOWN_ITEM.finditer(messages[-1]["content"])}
        usable = [(i, t) for i, t in shown.items() if allowed is None or i in allowed]
        sentences = []
        # Spread the picks over what was shown, so combined briefs draw on several sources.
        picks = sorted({i * len(usable) // 3 for i in range(3)}) if usable else []
        for item_id, text in (usable[i] for i in picks):
            first = _FIRST_SENTENCE.match(text)
            sentences.append(f"{first.group(1) if first else text} [{item_id}]")
        headline = " ".join(usable[0][1].split()[:8]) if usable else "Nothing to report"
        return json.dumps({"headline": headline, "sentences": sentences})


def _allowed_ids(json_schema: dict[str, Any] | None) -> set[str] | None:
    """The citation ids a brief schema allows."""
    if json_schema is None:
        return None
    try:
        return set(schema_labels(json_schema)) or None
    except (KeyError, TypeError):  # not a brief schema
        return None
