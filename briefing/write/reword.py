"""One more try at a copied sentence: the model asked to say just that sentence in its own words.

Asked for a whole brief, a small model copies its source sentence by sentence, and a second request
for the whole brief mostly copies again. Asked for one sentence at a time, with nothing else to
read, it rewords. The answer is a new sentence like any other: `generate.py` checks it against the
same passages and for copying before it is kept.
"""

from __future__ import annotations

import json
from typing import Any

from briefing.backends.base import Backend, Completion
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
    completion = backend.complete(messages, max_tokens=_MAX_TOKENS, json_schema=_SCHEMA)
    if completion.truncated:
        return None, completion
    try:
        answer = json.loads(completion.text)
    except ValueError:
        return None, completion
    text = answer.get("sentence") if isinstance(answer, dict) else None
    return (" ".join(text.split()) if isinstance(text, str) and text.strip() else None), completion
