"""One more try at a single sentence: a copied one said in the model's own words, or one refused for
its form (a headline, a pronoun that names no one) written again whole, from the passage it cites.

Asked for a whole brief, a small model copies its source sentence by sentence, and a second request
for the whole brief mostly copies again. Asked for one sentence at a time, with nothing else to
read, it rewords. The answer is a new sentence like any other: `generate.py` checks it against the
same passages and for copying before it is kept.
"""

from __future__ import annotations

import json
from typing import Any

from briefing.backends.base import Backend, Completion, Message
from briefing.prompts import load_prompt

_MAX_TOKENS = 96
_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        # No double quotation mark, bracket or line break: the same rule as for brief sentences.
        "sentence": {"type": "string", "pattern": '^[^"\\\\\\[\\]\\n\\r\\t]{10,300}$'},
    },
    "required": ["sentence"],
}


def reword(backend: Backend, sentence: str) -> tuple[str | None, Completion]:
    """The model's own-words version of `sentence` (None when it gives no usable answer), and the
    completion, for the caller's cost accounting."""
    messages = load_prompt("shorten").render(sentence=sentence)
    return _one_sentence(backend, messages)


def mend(backend: Backend, sentence: str, problem: str, passages: list[str]) -> tuple[str | None, Completion]:
    """The model's whole-sentence version of `sentence`, refused for `problem` (a headline, a pronoun
    that names no one...), written from the passages it cites; None when it gives no usable answer."""
    messages = load_prompt("mend").render(sentence=sentence, problem=problem, passages=passages)
    return _one_sentence(backend, messages)


def _one_sentence(backend: Backend, messages: list[Message]) -> tuple[str | None, Completion]:
    completion = backend.complete(messages, max_tokens=_MAX_TOKENS, json_schema=_SCHEMA)
    if completion.truncated:
        return None, completion
    try:
        answer = json.loads(completion.text)
    except ValueError:
        return None, completion
    text = answer.get("sentence") if isinstance(answer, dict) else None
    return (" ".join(text.split()) if isinstance(text, str) and text.strip() else None), completion
