"""Schema-constrained generation with the one-token grammar check and with the full mask.

    .venv/bin/python bench/grammar_sampler.py [--model NAME] [--out bench/results/grammar_sampler]

One process, the model loaded twice (`BRIEFING_GRAMMAR_FIRST_REJECTION` true and false; the file is
memory-mapped, so the second load shares its pages). For each setting and each temperature, three
brief-like prompts of 4, 8 and 12 passages are answered under the draft JSON schema with the prompt
already in the KV cache, so the time is generation alone. Under greedy decoding the replies must be
identical; the report says whether they were. Writes `<out>.json` and `<out>.md`.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path
from typing import Any

from model_speed import _messages

from briefing.backends.catalogue import resolve
from briefing.backends.loader import load_llama
from briefing.config import Settings
from briefing.write.reply_format import draft_schema

PASSAGE_COUNTS = (4, 8, 12)
MAX_TOKENS = 200


def measure(backend: Any, temperature: float) -> tuple[float, list[str]]:
    """Generated tokens per second over the three prompts, and the replies."""
    backend.temperature = temperature
    tokens, seconds, replies = 0, 0.0, []
    for count in PASSAGE_COUNTS:
        messages = _messages(count)
        schema = draft_schema([f"P{i}" for i in range(1, count + 1)], 3, 3)
        backend.forget_prefix()
        backend.complete(messages, max_tokens=1)  # the prompt, evaluated once and kept
        started = time.perf_counter()
        done = backend.complete(messages, max_tokens=MAX_TOKENS, json_schema=schema)
        seconds += time.perf_counter() - started
        tokens += done.completion_tokens
        replies.append(done.text)
        if not done.truncated:  # a reply cut by MAX_TOKENS is a valid prefix, not whole JSON
            json.loads(done.text)
    return tokens / seconds, replies


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model")
    parser.add_argument("--out", type=Path, default=Path("bench/results/grammar_sampler"))
    args = parser.parse_args()
    rows, greedy = [], {}
    for first_rejection in (False, True):
        settings = Settings(
            grammar_first_rejection=first_rejection, **({"model": args.model} if args.model else {})
        )
        backend = load_llama(resolve(settings.model, settings.models_dir), settings)
        for temperature in (0.0, settings.temperature):
            rate, replies = measure(backend, temperature)
            if temperature == 0.0:
                greedy[first_rejection] = replies
            rows.append(
                {
                    "first_rejection": first_rejection,
                    "temperature": temperature,
                    "tokens_per_s": round(rate, 2),
                }
            )
            print(
                f"first_rejection={first_rejection} temperature={temperature}: {rate:.2f} tok/s",
                file=sys.stderr,
            )
        model = backend.name
        del backend
    report = {
        "machine": platform.platform(),
        "model": model,
        "rows": rows,
        "greedy_replies_identical": greedy[False] == greedy[True],
    }
    args.out.with_suffix(".json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    lines = [
        f"# Constrained generation: one-token grammar check vs full mask ({model})",
        "",
        f"{report['machine']}; one run, one process; {len(PASSAGE_COUNTS)} prompts of "
        f"{', '.join(map(str, PASSAGE_COUNTS))} passages, up to {MAX_TOKENS} tokens each, "
        "generation only (the prompt already in the KV cache).",
        "",
        "| grammar check | temperature | generated tok/s |",
        "|---|---|---|",
        *(
            f"| {'one token first' if r['first_rejection'] else 'full vocabulary'} | {r['temperature']} | "
            f"{r['tokens_per_s']} |"
            for r in rows
        ),
        "",
        f"Greedy replies identical under both: **{report['greedy_replies_identical']}**.",
        "",
    ]
    args.out.with_suffix(".md").write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
