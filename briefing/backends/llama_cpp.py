"""llama-cpp-python in-process: one model per process, one completion at a time.

The only module that imports `llama_cpp`. A `Llama` object is not safe to share between threads
(llama-cpp-python #1367, #1995), so every call into it holds one lock.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from briefing.backends.base import Completion, Message
from briefing.backends.grammar_sampler import use_grammar_first_rejection
from briefing.errors import GenerationError, ModelError

# The ways a model may begin a yes or no answer; their probabilities are added up.
_ANSWERS = {"yes": ("Yes", "yes", "YES", " Yes"), "no": ("No", "no", "NO", " No")}
# For a GGUF without a chat template: ChatML, which most small instruct models were tuned on.
_CHATML = (
    "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)


def _logsumexp(values: list[float]) -> float:
    top = max(values)
    return top + math.log(sum(math.exp(v - top) for v in values))


@contextmanager
def _quiet_stderr() -> Iterator[None]:
    # llama.cpp writes its load log straight to file descriptor 2; keep the user's terminal for
    # our own progress lines. Errors still surface as Python exceptions.
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


class LlamaCppBackend:
    """A GGUF model loaded once, answering chat prompts with optional JSON-schema constraints."""

    def __init__(
        self,
        path: Path,
        *,
        name: str,
        sha256: str | None,
        n_ctx: int,
        n_threads: int,
        n_batch: int,
        n_gpu_layers: int,
        seed: int,
        temperature: float,
        weight_repack: bool = False,
        grammar_first_rejection: bool = True,
    ) -> None:
        import llama_cpp

        self.name, self.sha256, self.n_ctx = name, sha256, n_ctx
        self.temperature, self.seed = temperature, seed
        self._lock = threading.Lock()
        try:
            with _quiet_stderr(), _model_params(weight_repack=weight_repack):
                self._llm = llama_cpp.Llama(
                    model_path=str(path),
                    n_ctx=n_ctx,
                    n_threads=n_threads,
                    n_threads_batch=n_threads,
                    n_batch=n_batch,
                    n_gpu_layers=n_gpu_layers,
                    seed=seed,
                    verbose=False,
                )
        except (ValueError, RuntimeError, OSError) as exc:
            raise ModelError(f"{path}: cannot load the model ({exc})") from exc
        if grammar_first_rejection:
            use_grammar_first_rejection(self._llm)
        self._formatter: Any = None
        self._answer_ids: dict[str, list[int]] = {}

    def complete(
        self,
        messages: list[Message],
        *,
        max_tokens: int,
        json_schema: dict[str, Any] | None = None,
    ) -> Completion:
        """One chat completion; `max_tokens` is always passed so output is always bounded."""
        response_format = {"type": "json_object", "schema": json_schema} if json_schema else None
        with self._lock:
            try:
                out: Any = self._llm.create_chat_completion(
                    messages=list(messages),  # type: ignore[arg-type]
                    max_tokens=max_tokens,
                    temperature=self.temperature,
                    seed=self.seed,
                    response_format=response_format,  # type: ignore[arg-type]
                )
            except (ValueError, RuntimeError) as exc:  # e.g. the prompt does not fit the context window
                raise GenerationError(f"model {self.name}: {exc}") from exc
        choice, usage = out["choices"][0], out["usage"]
        return Completion(
            text=choice["message"]["content"] or "",
            prompt_tokens=int(usage["prompt_tokens"]),
            completion_tokens=int(usage["completion_tokens"]),
            finish_reason=choice.get("finish_reason") or "stop",
        )

    def yes_probability(self, messages: list[Message]) -> float:
        """P("Yes") / (P("Yes") + P("No")) for the first token of the reply, read from the logits.

        Nothing is sampled: the prompt is evaluated (reusing the longest prefix already in the
        context, so a fixed instruction block is evaluated once) and the next-token logits are read.
        """
        prompt = self._chat_prompt(messages)
        tokens = self._llm.tokenize(prompt.encode("utf-8"), add_bos=True, special=True)
        if len(tokens) >= self.n_ctx:
            raise GenerationError(f"model {self.name}: a {len(tokens)}-token question does not fit n_ctx")
        with self._lock:
            llm = self._llm
            kept = 0
            for old, new in zip(llm.input_ids[: llm.n_tokens], tokens, strict=False):
                if old != new:
                    break
                kept += 1
            llm.n_tokens = min(kept, len(tokens) - 1)  # at least one token evaluated: fresh logits
            llm.eval(tokens[llm.n_tokens :])
            row = llm._ctx.get_logits()  # type: ignore[no-untyped-call]
            logits = np.ctypeslib.as_array(row, shape=(llm.n_vocab(),))
            yes = _logsumexp([float(logits[t]) for t in self._answer_ids["yes"]])
            no = _logsumexp([float(logits[t]) for t in self._answer_ids["no"]])
        return 1.0 / (1.0 + math.exp(no - yes))

    def _chat_prompt(self, messages: list[Message]) -> str:
        if self._formatter is None:
            from llama_cpp.llama_chat_format import Jinja2ChatFormatter

            template = self._llm.metadata.get("tokenizer.chat_template") or _CHATML
            model = self._llm._model
            eos, bos = self._llm.token_eos(), self._llm.token_bos()
            self._formatter = Jinja2ChatFormatter(
                template=template,
                eos_token=model.token_get_text(eos) if eos != -1 else "",
                bos_token=model.token_get_text(bos) if bos != -1 else "",
            )
            self._answer_ids = {
                answer: sorted({self._first_token(w) for w in variants})
                for answer, variants in _ANSWERS.items()
            }
        formatted: Any = self._formatter(messages=list(messages))
        return str(formatted.prompt)

    def _first_token(self, word: str) -> int:
        return int(self._llm.tokenize(word.encode("utf-8"), add_bos=False, special=False)[0])

    def forget_prefix(self) -> None:
        """Drop the evaluated prompt kept between calls, so the next prompt is evaluated in full."""
        with self._lock:
            self._llm.reset()  # type: ignore[no-untyped-call]

    def count_tokens(self, text: str) -> int:
        """Length of `text` in this model's tokens."""
        with self._lock:
            return len(self._llm.tokenize(text.encode("utf-8"), add_bos=False, special=False))


class VocabTokenizer:
    """The model's tokenizer alone (no weights in memory): for `briefing extract`."""

    def __init__(self, path: Path) -> None:
        import llama_cpp

        try:
            with _quiet_stderr():
                self._llm = llama_cpp.Llama(model_path=str(path), vocab_only=True, verbose=False)
        except (ValueError, RuntimeError, OSError) as exc:
            raise ModelError(f"{path}: cannot read the model's vocabulary ({exc})") from exc

    def count_tokens(self, text: str) -> int:
        """Length of `text` in this model's tokens."""
        return len(self._llm.tokenize(text.encode("utf-8"), add_bos=False, special=False))


_PARAMS_LOCK = threading.Lock()


@contextmanager
def _model_params(*, weight_repack: bool) -> Iterator[None]:
    """Load with llama.cpp's CPU weight repacking on or off.

    Repacking copies the weights into anonymous memory next to the memory-mapped file: +600 MB of
    resident memory for the default model, and no faster prompt or generation on this machine
    (bench/results/repack.md). `Llama()` builds its model parameters from
    `llama_model_default_params()` and loads in the same call, so the default is swapped for the load.
    """
    import llama_cpp.llama_cpp as native

    original = native.llama_model_default_params

    def params() -> Any:
        chosen = original()
        chosen.use_extra_bufts = weight_repack
        return chosen

    with _PARAMS_LOCK:
        native.llama_model_default_params = params
        try:
            yield
        finally:
            native.llama_model_default_params = original


def probe(path: Path, timeout: float = 120.0) -> None:
    """Load an unknown GGUF in a child process first: a malformed file can abort llama.cpp itself."""
    code = "import sys, llama_cpp\nllama_cpp.Llama(model_path=sys.argv[1], n_ctx=256, verbose=False)\n"
    try:
        done = subprocess.run(
            [sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired as exc:
        raise ModelError(f"{path}: loading the model did not finish within {timeout:.0f} s") from exc
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise ModelError(f"{path}: not a loadable GGUF model (llama.cpp: {last})")
