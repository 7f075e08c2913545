"""The one interface the pipeline needs from a model."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Protocol, TypedDict

# Every chat template adds a few tokens around each message; budget for it rather than count it.
CHAT_OVERHEAD_TOKENS = 24


class Message(TypedDict):
    role: Literal["system", "user", "assistant"]
    content: str


@dataclass(frozen=True)
class Completion:
    """A model reply and what it cost."""

    text: str
    prompt_tokens: int
    completion_tokens: int
    finish_reason: str  # "stop" when the model ended by itself; "length" means it was cut off

    @property
    def truncated(self) -> bool:
        return self.finish_reason == "length"


class Backend(Protocol):
    """A model that writes a reply to chat messages, optionally constrained by a JSON schema."""

    name: str
    sha256: str | None
    n_ctx: int

    def complete(
        self,
        messages: list[Message],
        *,
        max_tokens: int,
        json_schema: dict[str, Any] | None = None,
    ) -> Completion:
        """Write one reply; `max_tokens` is always given so output can never run unbounded."""
        ...

    def count_tokens(self, text: str) -> int:
        """Length of `text` in this model's tokens."""
        ...
