"""Resident memory and speed with llama.cpp's CPU weight repacking on and off (BRIEFING_WEIGHT_REPACK).

    .venv/bin/python bench/repack.py [--model NAME] [--out bench/results/repack]

Each setting runs in its own child process (peak RSS is per process): load the model, evaluate a
~530-token prompt from an empty KV cache (best of 2), then generate 60 tokens under the draft JSON
schema. Writes `<out>.json` and `<out>.md`. Run it on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from model_speed import _messages

from briefing.backends.catalogue import resolve
from briefing.backends.loader import load_llama
from briefing.config import Settings
from briefing.write.reply_format import draft_schema


def measure(model: str | None, repack: bool) -> dict[str, Any]:
    """One child's figures: peak RSS, prompt and constrained generation rates."""
    settings = Settings(weight_repack=repack, **({"model": model} if model else {}))
    backend = load_llama(resolve(settings.model, settings.models_dir), settings)
    messages = _messages(12)
    best = 0.0
    for _ in range(2):
        backend.forget_prefix()
        started = time.perf_counter()
        done = backend.complete(messages, max_tokens=1)
        best = max(best, done.prompt_tokens / (time.perf_counter() - started))
    schema = draft_schema([f"P{i}" for i in range(1, 13)], 3, 3)
    started = time.perf_counter()
    generated = backend.complete(messages, max_tokens=60, json_schema=schema)  # type: ignore[arg-type]
    seconds = time.perf_counter() - started
    return {
        "weight_repack": repack,
        "model": backend.name,
        "prompt_tokens_per_s": round(best, 1),
        "schema_tokens_per_s": round(generated.completion_tokens / seconds, 1),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    }


def main() -> None:
    """Run both settings in child processes and write the report."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--model")
    parser.add_argument("--out", type=Path, default=Path("bench/results/repack"))
    parser.add_argument("--child", choices=("on", "off"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.model, args.child == "on")))
        return
    rows = []
    for choice in ("on", "off"):
        extra = ["--model", args.model] if args.model else []
        done = subprocess.run(
            [sys.executable, __file__, "--child", choice, *extra], capture_output=True, text=True, check=True
        )
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"repack {choice}: {rows[-1]}", file=sys.stderr)
    report = {"machine": platform.platform(), "rows": rows}
    args.out.with_suffix(".json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    lines = [
        f"# Weight repacking: {rows[0]['model']}",
        "",
        f"{report['machine']}; one run, each setting in its own process.",
        "",
        "| weight_repack | peak RSS MB | prompt tok/s | JSON-schema generation tok/s |",
        "|---|---|---|---|",
        *(
            f"| {r['weight_repack']} | {r['peak_rss_mb']:,} | {r['prompt_tokens_per_s']} | "
            f"{r['schema_tokens_per_s']} |"
            for r in rows
        ),
        "",
    ]
    args.out.with_suffix(".md").write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
