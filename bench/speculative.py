"""Prompt-lookup speculative decoding on this CPU: does checking guessed tokens in one decode pay?

    .venv/bin/python bench/speculative.py [--model NAME] [--corpus DIR] [--guesses 6]
                                          [--out bench/results/speculative]

A brief restates its sources, so the tokens that followed the last few generated tokens earlier in
the context are a fair guess at what comes next (prompt-lookup decoding; llama-cpp-python has the loop
as `Llama.generate` with a `draft_model`). Each guess is still checked against the model's own choice,
so the output stays the model's; it pays only if a decode of several tokens costs little more than a
decode of one. Two measurements, one process:

1. The cost of one decode of 1 to 16 tokens, with logits at every position, after 1,000 cached tokens:
   how many guesses a check must get right to break even.
2. Our pipeline on the corpus, plain and with prompt lookup (`--guesses` tokens a check): wall time,
   generated tokens, decodes during generation, guesses made.

Writes `<out>.json` and `<out>.md`. Run it on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from briefing.backends.catalogue import resolve
from briefing.backends.loader import load_llama
from briefing.config import Settings
from briefing.pipeline import prepare, summarize
from briefing.progress import Progress

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "rare-earths-2025-06"
BATCH_SIZES = (1, 2, 3, 4, 5, 6, 7, 8, 12, 16)
DEPTH = 1000
FILLER = "The harbour authority said the container berth would open in May after the dredging dispute. "


class PromptLookup:
    """Guesses: the tokens that followed the latest earlier occurrence of the last 3 (else 2) tokens."""

    def __init__(self, guesses: int) -> None:
        self.guesses, self.proposed = guesses, 0
        self.decodes = 0  # decodes small enough to be checks: those made while generating

    def __call__(self, input_ids: npt.NDArray[np.intc], /, **_: Any) -> npt.NDArray[np.intc]:
        for size in (3, 2):
            if input_ids.shape[0] <= size:
                continue
            windows = np.lib.stride_tricks.sliding_window_view(input_ids[:-1], size)
            hits = np.flatnonzero((windows == input_ids[-size:]).all(axis=1))
            if hits.size:
                start = int(hits[-1]) + size
                guess = input_ids[start : start + self.guesses]
                self.proposed += int(guess.shape[0])
                return guess
        return np.empty(0, dtype=np.intc)


def use_prompt_lookup(llm: Any, guesses: int) -> PromptLookup:
    """Guess ahead on this `Llama` without `logits_all` (which would also keep n_ctx × vocabulary
    floats, 2.5 GB for the default model): only the small decodes that check guesses ask llama.cpp
    for the logits at every position, where `Llama.sample(idx=…)` reads them."""
    lookup = PromptLookup(guesses)

    def eval(tokens: Sequence[int]) -> None:
        every_position = len(tokens) <= guesses + 1
        lookup.decodes += every_position
        llm._ctx.kv_cache_seq_rm(-1, llm.n_tokens, -1)
        for start in range(0, len(tokens), llm.n_batch):
            batch = tokens[start : start + llm.n_batch]
            llm._batch.set_batch(batch=batch, n_past=llm.n_tokens, logits_all=every_position)
            llm._ctx.decode(llm._batch)
            llm.input_ids[llm.n_tokens : llm.n_tokens + len(batch)] = batch
            llm.n_tokens += len(batch)
            llm._requires_eval = False

    llm.draft_model, llm.eval = lookup, eval
    return lookup


def decode_costs(llm: Any) -> list[dict[str, Any]]:
    """Milliseconds for one decode of k tokens after DEPTH cached tokens (best of 5)."""
    tokens = llm.tokenize((FILLER * 80).encode("utf-8"))[: DEPTH + max(BATCH_SIZES)]
    llm.reset()
    llm.eval(tokens[:DEPTH])
    rows = []
    for k in BATCH_SIZES:
        best = float("inf")
        for _ in range(5):
            llm._ctx.kv_cache_seq_rm(-1, DEPTH, -1)
            llm._batch.set_batch(batch=tokens[DEPTH : DEPTH + k], n_past=DEPTH, logits_all=True)
            started = time.perf_counter()
            llm._ctx.decode(llm._batch)
            best = min(best, time.perf_counter() - started)
        rows.append({"tokens": k, "ms": round(best * 1000, 1)})
    one = rows[0]["ms"]
    for row in rows:
        # A check of k − 1 guesses yields the accepted guesses plus one token of the model's own.
        row["ms_per_token"] = round(row["ms"] / row["tokens"], 1)
        row["break_even_accepted"] = round(max(0.0, row["ms"] / one - 1), 2)
    llm.reset()
    return rows


def pipeline(
    backend: Any, settings: Settings, corpus: Path, guesses: int
) -> tuple[dict[str, Any], list[str]]:
    """Our pipeline on the corpus from an empty KV cache, plain (guesses 0) or with prompt lookup:
    its figures, and the sentences it wrote (compared, never written out: they quote the sources)."""
    llm = backend._llm
    plain_eval, plain_draft = llm.eval, llm.draft_model
    lookup = use_prompt_lookup(llm, guesses) if guesses else None
    try:
        backend.forget_prefix()
        prepared = prepare([str(corpus)], settings, backend.count_tokens, Progress(None))
        started = time.perf_counter()
        result = summarize(prepared, backend, settings, Progress(None))
        wall = time.perf_counter() - started
    finally:
        llm.eval, llm.draft_model = plain_eval, plain_draft
    generated = sum(u.completion_tokens for u in result.usage)
    sentences = [s.text for b in result.article_briefs for s in b.sentences]
    if result.cross_brief is not None:
        sentences += [s.text for s in result.cross_brief.sentences]
    figures = {
        "guesses": guesses,
        "wall_s": round(wall, 2),
        "generated_tokens": generated,
        "generation_decodes": lookup.decodes if lookup else generated,
        "guessed_tokens": lookup.proposed if lookup else 0,
        "sentences": len(sentences),
    }
    return figures, sentences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--model")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--guesses", type=int, default=6)
    parser.add_argument("--out", type=Path, default=Path("bench/results/speculative"))
    args = parser.parse_args()
    settings = Settings(cache=False, **({"model": args.model} if args.model else {}))
    backend = load_llama(resolve(settings.model, settings.models_dir), settings)
    costs = decode_costs(backend._llm)
    (plain, plain_text), (guessing, guessing_text) = (
        pipeline(backend, settings, args.corpus, g) for g in (0, args.guesses)
    )
    runs, same = [plain, guessing], plain_text == guessing_text
    report = {
        "machine": platform.platform(),
        "model": backend.name,
        "depth": DEPTH,
        "decode": costs,
        "runs": runs,
        "same_sentences": same,
    }
    args.out.with_suffix(".json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    accepted = guessing["generated_tokens"] - guessing["generation_decodes"]
    checks = guessing["generation_decodes"]
    lines = [
        f"# Prompt-lookup speculative decoding: {backend.name}",
        "",
        f"{report['machine']}; one run, one process. Not used by briefing: it does not pay on this CPU.",
        "",
        f"## One decode of k tokens after {DEPTH} cached tokens, logits at every position (best of 5)",
        "",
        "| k | ms | ms per token | guesses a check must get right to break even |",
        "|---|---|---|---|",
        *(f"| {r['tokens']} | {r['ms']} | {r['ms_per_token']} | {r['break_even_accepted']} |" for r in costs),
        "",
        f"## Our pipeline on the corpus, plain and with {args.guesses} guesses a check",
        "",
        "| | wall s | generated tokens | decodes while generating | tokens guessed |",
        "|---|---|---|---|---|",
        *(
            f"| {'plain' if r['guesses'] == 0 else 'prompt lookup'} | {r['wall_s']} | "
            f"{r['generated_tokens']} | {r['generation_decodes']} | {r['guessed_tokens']} |"
            for r in runs
        ),
        "",
        f"With prompt lookup, {accepted} of {guessing['guessed_tokens']} guessed tokens were right: "
        f"{accepted / max(1, checks):.2f} a check on average, where a check of {args.guesses + 1} tokens "
        f"needs {next((r['break_even_accepted'] for r in costs if r['tokens'] == args.guesses + 1), '?')} "
        f"to break even. Same sentences as plain decoding: {same} "
        "(batched and one-token decodes round differently, so near-ties can go the other way).",
        "",
    ]
    args.out.with_suffix(".md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
