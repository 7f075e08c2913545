"""An OpenAI-compatible inference server (llama.cpp, llama-cpp-python, vLLM) reached over HTTP.

The model runs elsewhere, so there is no file to check: `sha256` is None, and `name` carries the
model name and the server's URL, which is what the provenance of every brief records.

This module speaks the protocol: which model, the context window, the tokenizer, the chat completion
and its reply. The requests themselves, their retries and their errors are
`briefing.backends.openai_http`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

import httpx

from briefing.backends.base import CHAT_OVERHEAD_TOKENS, Completion, Message
from briefing.backends.openai_http import ServerConnection
from briefing.config import Settings
from briefing.errors import BriefingError, ModelError
from briefing.progress import Progress

SchemaStyle = Literal["llama_cpp", "openai"]

# Servers spell the two endings the pipeline tells apart in several ways.
_FINISH = {"length": "length", "max_tokens": "length", "eos": "stop", "eos_token": "stop", "stop": "stop"}


def estimate_tokens(text: str) -> int:
    """A conservative token count: one token per 3.5 characters, rounded up."""
    return -(-len(text) * 2 // 7)


@dataclass(frozen=True)
class _Tokenizer:
    server: str
    path: str  # below the server root, beside /v1
    body: Callable[[str, str], dict[str, Any]]
    count: Callable[[Any], int]


# Tried in this order; the first that counts a probe text becomes this backend's tokenizer.
_TOKENIZERS = (
    _Tokenizer(
        "llama-cpp-python",
        "/extras/tokenize/count",
        lambda t, m: {"input": t, "model": m},
        lambda d: d["count"],
    ),
    _Tokenizer("llama.cpp", "/tokenize", lambda t, m: {"content": t}, lambda d: len(d["tokens"])),
    _Tokenizer("vLLM", "/tokenize", lambda t, m: {"model": m, "prompt": t}, lambda d: d["count"]),
)


class OpenAICompatBackend(ServerConnection):
    """A model behind `/v1/chat/completions`: one reply per call, the schema sent as response_format."""

    sha256: str | None = None  # a remote model's weights cannot be checked from here

    def __init__(
        self,
        base_url: str,
        *,
        model: str = "",
        api_key: str | None = None,
        schema_style: SchemaStyle = "llama_cpp",
        timeout: float = 600.0,
        n_ctx: int = 4096,
        temperature: float = 0.2,
        seed: int | None = 42,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        super().__init__(base_url, api_key=api_key, timeout=timeout, transport=transport)
        self.root = self.base_url.removesuffix("/v1")  # where the non-OpenAI extras live
        self.model, self.schema_style, self.n_ctx = model, schema_style, n_ctx
        self.temperature, self.seed = temperature, seed
        self.name = self._describe()
        self.tokenizer = "estimate"  # or the kind of server whose tokenizer is used
        self._tokenizer: _Tokenizer | None = None
        self._tokenizer_checked = False
        self._say: Callable[[str], None] = lambda _: None
        # Chunking asks for the same texts' lengths more than once; each ask is a round trip.
        self._count = lru_cache(maxsize=8192)(self._count_uncached)

    def _describe(self) -> str:
        return f"{self.model or '(server default)'} at {self.url}"

    def connect(self, say: Callable[[str], None] = lambda _: None) -> None:
        """Check the server answers and serves the model; learn its context window and tokenizer."""
        self._say = say
        listing = self._call("GET", f"{self.base_url}/models", None, "listing models", fatal=True)
        cards = [c for c in (listing.get("data") or []) if isinstance(c, dict)]
        served = [str(c["id"]) for c in cards if c.get("id")]
        if not self.model:
            if not served:
                raise ModelError(f"inference server {self.url}: it lists no model; set BRIEFING_OPENAI_MODEL")
            self.model = served[0]
        elif served and self.model not in served:
            raise ModelError(
                f"inference server {self.url}: it does not serve model {self.model!r} "
                f"(it serves: {', '.join(served)}); set BRIEFING_OPENAI_MODEL"
            )
        self.name = self._describe()
        window = self._server_window(cards)
        if window is not None and window < self.n_ctx:
            say(
                f"the server's context window is {window} tokens, less than n_ctx={self.n_ctx}: "
                f"using {window}"
            )
            self.n_ctx = window
        self._detect_tokenizer()
        how = f"{self.tokenizer}'s tokenizer endpoint" if self._tokenizer else "an estimate (3.5 characters)"
        say(f"using model {self.model!r} at {self.url}; tokens are counted with {how}")

    def complete(
        self,
        messages: list[Message],
        *,
        max_tokens: int,
        json_schema: dict[str, Any] | None = None,
    ) -> Completion:
        """One chat completion; `max_tokens` is always sent so output is always bounded."""
        payload: dict[str, Any] = {
            "model": self.model,
            "messages": list(messages),
            "max_tokens": max_tokens,
            "temperature": self.temperature,
        }
        if self.seed is not None:
            payload["seed"] = self.seed
        if json_schema is not None:
            payload["response_format"] = self.response_format(json_schema)
        data = self._call("POST", f"{self.base_url}/chat/completions", payload, "chat completion")
        try:
            choice = data["choices"][0]
            text = choice["message"]["content"] or ""
            if not isinstance(text, str):
                raise TypeError("content is not a string")
        except (KeyError, IndexError, TypeError) as exc:
            raise self._failed(
                False, "chat completion gave a bad reply (no choices[0].message.content)", repr(exc)
            ) from exc
        reason = str(choice.get("finish_reason") or "stop")
        usage: dict[str, Any] = data["usage"] if isinstance(data.get("usage"), dict) else {}
        prompt_tokens = usage.get("prompt_tokens")
        completion_tokens = usage.get("completion_tokens")
        return Completion(
            text=text,
            prompt_tokens=prompt_tokens
            if isinstance(prompt_tokens, int)
            else sum(self.count_tokens(m["content"]) for m in messages) + CHAT_OVERHEAD_TOKENS,
            completion_tokens=completion_tokens
            if isinstance(completion_tokens, int)
            else self.count_tokens(text),
            finish_reason=_FINISH.get(reason, reason),
        )

    def response_format(self, schema: dict[str, Any]) -> dict[str, Any]:
        """The schema as the configured kind of server takes it."""
        if self.schema_style == "openai":
            # Strict mode (OpenAI) insists on closed objects; vLLM takes either.
            strict = {"name": "brief", "schema": _closed(schema), "strict": True}
            return {"type": "json_schema", "json_schema": strict}
        return {"type": "json_object", "schema": schema}

    def count_tokens(self, text: str) -> int:
        """Length of `text` in tokens, from the server's tokenizer endpoint if it has one.

        Tried in turn: llama-cpp-python's `/extras/tokenize/count`, llama.cpp's `/tokenize`, vLLM's
        `/tokenize`. Without one (or once it fails) the count is an estimate of one token per 3.5
        characters, which overcounts English text, so budgets stay on the safe side.
        """
        if not text:
            return 0
        if not self._tokenizer_checked:
            self._detect_tokenizer()
        return self._count(text)

    def _count_uncached(self, text: str) -> int:
        tokenizer = self._tokenizer
        if tokenizer is None:
            return estimate_tokens(text)
        try:
            return self._server_count(tokenizer, text)
        except BriefingError as exc:
            # A busy server answers tokenize requests only between generations; never stall on it.
            self._tokenizer, self.tokenizer = None, "estimate"
            self._say(f"{exc}; token counts are estimated from now on (about 3.5 characters a token)")
            return estimate_tokens(text)

    def _detect_tokenizer(self) -> None:
        self._tokenizer_checked = True
        for tokenizer in _TOKENIZERS:
            try:
                if self._server_count(tokenizer, "Probe text.") > 0:
                    self._tokenizer, self.tokenizer = tokenizer, tokenizer.server
                    return
            except BriefingError:
                continue

    def _server_count(self, tokenizer: _Tokenizer, text: str) -> int:
        data = self._call(
            "POST", self.root + tokenizer.path, tokenizer.body(text, self.model), "tokenize", quick=True
        )
        try:
            count = tokenizer.count(data)
        except (KeyError, TypeError) as exc:
            raise self._failed(False, "tokenize gave a bad reply", repr(exc), quiet=True) from exc
        if not isinstance(count, int):
            raise self._failed(False, "tokenize gave a bad reply", f"count {count!r}", quiet=True)
        return count

    def _server_window(self, cards: list[dict[str, Any]]) -> int | None:
        """The server's context window: vLLM lists it per model, llama.cpp's server in /props."""
        for card in cards:
            if card.get("id") == self.model and isinstance(card.get("max_model_len"), int):
                return int(card["max_model_len"])
        try:
            props = self._call("GET", f"{self.root}/props", None, "reading /props", quick=True)
        except BriefingError:
            return None
        window = (props.get("default_generation_settings") or {}).get("n_ctx")
        return window if isinstance(window, int) and window > 0 else None


def open_openai(settings: Settings, progress: Progress) -> OpenAICompatBackend:
    """A backend for the configured server, checked: it answers and serves the model."""
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
    backend = OpenAICompatBackend(
        settings.openai_base_url,
        model=settings.openai_model,
        api_key=key,
        schema_style=settings.openai_schema_style,
        timeout=settings.openai_timeout,
        n_ctx=settings.n_ctx,
        temperature=settings.temperature,
        seed=settings.seed,
    )
    progress.say(f"connecting to the inference server at {backend.url}")
    backend.connect(progress.say)
    return backend


def _closed(schema: Any) -> Any:
    """The schema with `additionalProperties: false` on every object, as strict mode requires."""
    if isinstance(schema, dict):
        closed = {k: _closed(v) for k, v in schema.items()}
        if closed.get("type") == "object":
            closed.setdefault("additionalProperties", False)
        return closed
    if isinstance(schema, list):
        return [_closed(v) for v in schema]
    return schema
