"""The model's own rates, measured in bench/speed.py's process, and the floor they give for a run.

A token costs llama.cpp more the later it stands in the context: attention reads every token
already there. On this machine the default model evaluates a prompt at 126 tokens/s from an empty
cache but 103 after 1,500 cached tokens, and generates under our schema 21.5 tokens/s around
position 1,000 but 17.9 around 2,500 (bench/results/speed.md). A floor priced at empty-context
rates charges a call deep in the context less than llama.cpp itself needs for it, and books the
difference as our overhead. So each measurement times
the same brief-like prompt twice, from an empty cache (`shallow`) and after about 1,500 cached
tokens of other passages (`deep`), and generation right after each; every call's tokens are then
priced at their own positions, by a cost per token that is flat up to the shallow point and grows
linearly from there through the deep one (attention's share grows linearly with the position).

Shared machines drift: the rates are measured before and after each run, and the run is priced at
the faster of the two for each figure, so a slowdown during the run counts against us.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from model_speed import PASSAGE

from briefing.backends.base import Message
from briefing.write.reply_format import draft_schema

RATE_PASSAGES = 24  # passages in the timed prompt: about 1,000 tokens, like one article's prompt
DEEP_PASSAGES = 36  # passages cached before the deep measurement: about 1,500 tokens
RATE_MAX_TOKENS = 64
KINDS = ("prompt", "free", "schema")  # prompt evaluation; generation free and under our JSON schema


def common_prefix_reused(before: Any, prompt: Any) -> int:
    """Prompt tokens llama-cpp-python keeps from the KV cache, by its own rule (Llama.generate):
    the common prefix with the tokens cached before the call, less one when the whole prompt is
    cached (its last token is evaluated again for fresh logits) unless the cache is exactly the prompt."""
    common = 0
    for a, b in zip(before, prompt, strict=False):
        if a != b:
            break
        common += 1
    if common == len(prompt) and len(before) != len(prompt):
        return max(0, common - 1)
    return common


def _messages(background: int) -> list[Message]:
    """The brief-like prompt, after `background` other passages in the system message."""
    system = "You write short news briefs as JSON."
    if background:
        system += "\nBackground:\n" + "\n".join(f"[B{i}] {PASSAGE}" for i in range(1, background + 1))
    body = "\n".join(f"[P{i}] {PASSAGE}" for i in range(1, RATE_PASSAGES + 1))
    return [
        {"role": "system", "content": system},
        {"role": "user", "content": f"{body}\nWrite a brief of 3 sentences citing the passages."},
    ]


def _timed(backend: Any, messages: list[Message], max_tokens: int, schema: Any = None) -> dict[str, float]:
    """One call: tokens/s of its prompt part or its generated part, and their mean position."""
    llm = backend._llm
    before = llm._input_ids.copy()
    started = time.perf_counter()
    done = backend.complete(messages, max_tokens=max_tokens, json_schema=schema)
    seconds = time.perf_counter() - started
    if max_tokens == 1:  # a prompt: what llama.cpp evaluated after the reused prefix
        reused = common_prefix_reused(before, llm._input_ids[: done.prompt_tokens])
        count = done.prompt_tokens - reused
        return {"tokens_per_s": count / seconds, "position": reused + count / 2, "tokens": count}
    count = done.completion_tokens  # the prompt is cached: the time is generation alone
    return {
        "tokens_per_s": count / seconds, "position": done.prompt_tokens + count / 2, "tokens": count,
    }  # fmt: skip


def measure_rates(backend: Any, repeats: int = 1) -> dict[str, Any] | None:
    """Prompt, free and schema rates at the shallow and the deep point; best of `repeats`."""
    if not hasattr(backend, "forget_prefix") or getattr(backend, "_llm", None) is None:
        return None
    schema = draft_schema([f"P{i}" for i in range(1, RATE_PASSAGES + 1)], 3, 3)
    backend.complete([{"role": "user", "content": "Hello"}], max_tokens=1)  # page the weights in
    best: dict[str, dict[str, Any]] = {}
    for _ in range(repeats):
        for depth, background in (("shallow", 0), ("deep", DEEP_PASSAGES)):
            backend.forget_prefix()
            messages = _messages(background)
            if background:  # cache the background first, so only the brief-like prompt is timed
                backend.complete([messages[0], {"role": "user", "content": "Hello"}], max_tokens=1)
            found = {
                "prompt": _timed(backend, messages, 1),
                "free": _timed(backend, messages, RATE_MAX_TOKENS),
                "schema": _timed(backend, messages, RATE_MAX_TOKENS, schema),
            }
            for kind, point in found.items():
                key = f"{kind}_{depth}"
                if key not in best or point["tokens_per_s"] > best[key]["tokens_per_s"]:
                    best[key] = point
    backend.forget_prefix()
    return _rounded(best) | {"repeats": repeats}


def _rounded(points: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {
        key: {
            "tokens_per_s": round(p["tokens_per_s"], 2),
            "position": round(p["position"]),
            "tokens": p["tokens"],
        }
        for key, p in points.items()
    }


def faster(*measurements: dict[str, Any] | None) -> dict[str, Any] | None:
    """Each figure at its best over several measurements (None when no measurement was made)."""
    found = [m for m in measurements if m]
    if not found:
        return None
    best = {
        key: max((m[key] for m in found), key=lambda p: p["tokens_per_s"])
        for key in (f"{k}_{d}" for k in KINDS for d in ("shallow", "deep"))
    }
    return best | {"repeats": sum(m["repeats"] for m in found)}


@dataclass(frozen=True)
class CostLine:
    """Seconds per token by context position: flat up to the shallow point, linear through the deep one."""

    at: float
    cost: float
    slope: float

    @classmethod
    def through(cls, shallow: dict[str, Any], deep: dict[str, Any]) -> CostLine:
        cost, deep_cost = 1 / shallow["tokens_per_s"], 1 / deep["tokens_per_s"]
        span = deep["position"] - shallow["position"]
        # A deep point measured faster than the shallow one is noise: price every position alike.
        slope = max(0.0, (deep_cost - cost) / span) if span > 0 else 0.0
        return cls(shallow["position"], cost, slope)

    def seconds(self, start: int, count: int) -> float:
        """The cost of `count` tokens at positions start … start + count − 1."""
        if count <= 0:
            return 0.0

        def beyond(x: float) -> float:  # ∫ max(0, position − at) up to x
            return max(0.0, x - self.at) ** 2 / 2

        return count * self.cost + self.slope * (beyond(start + count) - beyond(start))


def floors(calls: list[Any], rates: dict[str, Any] | None) -> dict[str, float] | None:
    """Seconds the model alone needs for these calls at the measured rates, three ways.

    `free`: every prompt token, every generated token at the free rate (the issue's formula).
    `schema`: every prompt token, constrained calls' tokens at the constrained rate.
    `honest`: only the prompt tokens llama.cpp really evaluated, constrained rate where constrained:
    the least the model needs for what we asked, so our wall time over it is our whole overhead.
    Every token is priced at its own position in the context; `honest_flat` is `honest` with every
    position priced as the shallow point, for comparison.
    """
    if rates is None:
        return None
    line = {kind: CostLine.through(rates[f"{kind}_shallow"], rates[f"{kind}_deep"]) for kind in KINDS}
    totals = {"free": 0.0, "schema": 0.0, "honest": 0.0, "honest_flat": 0.0}
    for c in calls:
        reused = c.prompt_tokens - c.evaluated
        every_prompt = line["prompt"].seconds(0, c.prompt_tokens)
        free = line["free"].seconds(c.prompt_tokens, c.completion_tokens)
        generated = line["schema" if c.schema else "free"].seconds(c.prompt_tokens, c.completion_tokens)
        totals["free"] += every_prompt + free
        totals["schema"] += every_prompt + generated
        totals["honest"] += line["prompt"].seconds(reused, c.evaluated) + generated
        # The same at the shallow rates for every position, as the floor was priced before.
        totals["honest_flat"] += c.evaluated * line["prompt"].cost + c.completion_tokens * (
            line["schema" if c.schema else "free"].cost
        )
    return {name: round(value, 3) for name, value in totals.items()}


def flat_seconds(prompt_tokens: int, generated_tokens: int, rates: dict[str, Any] | None) -> float | None:
    """Prompt and free generation at the shallow rates: for the peer, whose calls' positions are unknown."""
    if rates is None:
        return None
    return (
        prompt_tokens / rates["prompt_shallow"]["tokens_per_s"]
        + generated_tokens / rates["free_shallow"]["tokens_per_s"]
    )
