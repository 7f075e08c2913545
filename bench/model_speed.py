"""Measure a model's load time, prompt rate and generation rate (free and JSON-schema constrained).

    .venv/bin/python bench/model_speed.py [MODEL ...] [--out bench/results/model_speed]

Writes `<out>.json` and `<out>.md`. Run it on an otherwise idle machine: llama.cpp uses every core,
and a second busy process halves every figure.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path
from typing import Any

from briefing.backends.base import Message
from briefing.backends.catalogue import resolve
from briefing.backends.loader import load_llama
from briefing.config import DEFAULT_MODEL, TEST_MODEL, Settings
from briefing.write.reply_format import draft_schema

# An invented passage, repeated to make a prompt of about 600 tokens, like one article's.
PASSAGE = (
    "The harbour authority said on Monday that the new container berth would open in May, two years "
    "late, after a dispute with the dredging contractor over the depth of the channel was settled. "
)


def _messages(repeat: int) -> list[Message]:
    body = "\n".join(f"[P{i}] {PASSAGE}" for i in range(1, repeat + 1))
    return [
        {"role": "system", "content": "You write short news briefs as JSON."},
        {"role": "user", "content": f"{body}\nWrite a brief of 3 sentences citing the passages."},
    ]


def measure(model: str, settings: Settings) -> dict[str, Any]:
    """Load time, prompt tokens/s, and generated tokens/s with and without a JSON schema."""
    resolved = resolve(model, settings.models_dir)
    started = time.perf_counter()
    backend = load_llama(resolved, settings)
    load = time.perf_counter() - started
    messages = _messages(12)
    schema = draft_schema([f"P{i}" for i in range(1, 13)], 3, 3)
    backend.complete(messages, max_tokens=1)  # warm up: page the weights in
    row: dict[str, Any] = {"model": resolved.name, "load_s": round(load, 2), "n_threads": settings.n_threads}
    for label, json_schema in (("free", None), ("schema", schema)):
        backend.forget_prefix()
        started = time.perf_counter()
        prompt_only = backend.complete(messages, max_tokens=1)
        prompt_s = time.perf_counter() - started
        backend.forget_prefix()
        started = time.perf_counter()
        full = backend.complete(messages, max_tokens=160, json_schema=json_schema)
        total_s = time.perf_counter() - started
        generated = max(1, full.completion_tokens - 1)
        row[f"prompt_tokens_per_s_{label}"] = round(prompt_only.prompt_tokens / prompt_s, 1)
        row[f"generation_tokens_per_s_{label}"] = round(generated / max(1e-6, total_s - prompt_s), 1)
    row["prompt_tokens"] = prompt_only.prompt_tokens
    return row


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("models", nargs="*", default=[DEFAULT_MODEL, TEST_MODEL])
    parser.add_argument("--out", type=Path, default=Path("bench/results/model_speed"))
    args = parser.parse_args()
    settings = Settings()
    rows = [measure(m, settings) for m in args.models]
    report = {"machine": f"{platform.machine()}, {settings.n_threads} threads", "rows": rows}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.with_suffix(".json").write_text(json.dumps(report, indent=2) + "\n")
    lines = [
        f"# Model speed ({report['machine']})",
        "",
        "| model | load s | prompt tok/s | generation tok/s (free) | generation tok/s (JSON schema) |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| {r['model']} | {r['load_s']} | {r['prompt_tokens_per_s_free']} | "
        f"{r['generation_tokens_per_s_free']} | {r['generation_tokens_per_s_schema']} |"
        for r in rows
    ]
    args.out.with_suffix(".md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
