"""bench/speed.py's report: the targets of issue #6 judged, the comparison with the peer, and the Markdown."""

from __future__ import annotations

from typing import Any

from speed_rates import DEEP_PASSAGES, flat_seconds

RSS_ALLOWANCE = 600 * 1024 * 1024
FLOOR_FACTOR = 1.10
SENT_SHARE = 0.60
PEER_FACTOR = 3.0
COPY_SHARE = 0.05  # pure copies may take at most this share of the larger input's wall time


def comparison(ours: dict[str, Any], peer: dict[str, Any] | None) -> dict[str, Any]:
    """Wall times side by side on each input (model load excluded from both), with the peer's floor:
    its evaluated prompt tokens and its free generation at our measured rates (the shallow ones: the
    positions of its calls are not recorded, and its map calls start near an empty context)."""
    if not peer or "runs" not in peer:
        return {}
    rates, table = ours["rates"], {}
    for name, run in peer["runs"].items():
        mine = ours["runs"][name]["wall_s"]
        prompt = (
            run["perf_prompt_evaluated"] if run["perf_prompt_evaluated"] is not None else run["prompt_tokens"]
        )
        floor = flat_seconds(prompt, run["generated_tokens"], rates)
        table[name] = {
            "ours_s": mine,
            "peer_s": run["wall_s"],
            "peer_over_ours": round(run["wall_s"] / mine, 3),
            "peer_floor_s": None if floor is None else round(floor, 3),
        }
    return table


def _target(target: str, value: str, passed: bool | None, where: str | None = None) -> dict[str, Any]:
    return {"target": target, "input": where, "value": value, "passed": passed}


def targets(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Issue #6's targets, pass or fail (None: not measured in this run, and the value says why)."""
    runs = report["ours"]["runs"]
    found = []
    for name in ("corpus", "mixed"):
        floor = (runs[name]["floor_s"] or {}).get("honest")
        ratio = runs[name]["wall_s"] / floor if floor else None
        value = f"{ratio:.2f} × floor" if ratio else "no rates"
        passed = None if ratio is None else ratio <= FLOOR_FACTOR
        found.append(_target(f"wall ≤ {FLOOR_FACTOR:.2f} × floor (the honest floor)", value, passed, name))
    share = runs["corpus"]["tokens"]["sent_share"]
    what = f"source tokens sent ≤ {SENT_SHARE:.0%} of raw input tokens"
    found.append(_target(what, f"{share:.1%}", share <= SENT_SHARE, "corpus"))
    what = f"ours ≥ {PEER_FACTOR:.0f}× faster than the peer"
    for name, row in report["comparison"].items():
        value = f"the peer takes {row['peer_over_ours']:.2f}× our time"
        found.append(_target(what, value, row["peer_over_ours"] >= PEER_FACTOR, name))
    if not report["comparison"]:
        found.append(_target(what, "the peer was not run", None))
    size, rss = report["model"]["file_bytes"], report["ours"]["peak_rss_bytes"]
    value = f"{_mb(rss)} MB peak, file {_mb(size)} MB" if size else "no model file"
    found.append(
        _target("peak RSS ≤ model file + 600 MB", value, rss <= size + RSS_ALLOWANCE if size else None)
    )
    copies = runs["mixed"]["copies"]
    share = copies["pure_copy_share"]
    value = f"{share:.1%} (copies with a changed figure, not held to it: {copies['figure_copy_share']:.1%})"
    found.append(
        _target(f"pure copies take ≤ {COPY_SHARE:.0%} of the wall time", value, share <= COPY_SHARE, "mixed")
    )
    return [*found, _warm_target(runs)]


# The stages that run across the articles, never cached: facts the briefs left out, and the lead.
CROSS_STAGES = ("left-out facts", "cross brief")


def _warm_target(runs: dict[str, Any]) -> dict[str, Any]:
    """A warm re-run may call the model for the cross-article brief only."""
    what = "a warm re-run costs only the cross-article step"
    if "mixed-warm" not in runs:
        return _target(what, "not measured: Settings has no cache_path (no brief cache)", None, "mixed")
    warm = runs["mixed-warm"]
    article_calls = sum(1 for c in warm["calls"] if c["stage"] not in CROSS_STAGES)
    cross = sum(u["seconds"] for u in runs["mixed"]["stages"] if u["stage"] in CROSS_STAGES)
    # A brief that failed in the cold run was never cached, so the warm run must try it again.
    failed = sum(1 for s in runs["mixed"]["skipped"] if s.startswith("brief of article"))
    value = (
        f"{article_calls} calls besides the cross brief ({failed} article briefs failed in the cold run, "
        f"so were not cached); warm {warm['wall_s']:.1f} s, the cold run's cross brief {cross:.1f} s"
    )
    return _target(what, value, article_calls == 0, "mixed")


def _mb(n: int | None) -> str:
    return "–" if n is None else f"{n / 2**20:,.0f}"


def markdown(report: dict[str, Any]) -> str:
    """The readable report."""
    model, machine, ours, knobs = report["model"], report["machine"], report["ours"], report["settings"]
    lines = [
        f"# Speed: {model['name']}",
        "",
        f"{machine['platform']}, {machine['cores']} cores, Python {machine['python']}; {report['date']}. "
        f"Model `{model['name']}`, file {_mb(model['file_bytes'])} MB; n_threads {knobs['n_threads']}, "
        f"n_ctx {knobs['n_ctx']}, n_batch {knobs['n_batch']}. One run; model load "
        f"{ours['model_load_s']:.1f} s (ours), excluded from every wall time below.",
        "",
        *_rates_lines(ours["rates"], len(ours.get("rate_measurements") or [])),
    ]
    inputs = report["inputs"]
    for name, run in ours["runs"].items():
        lines += ["", f"## Ours on {name} ({run['articles']} articles)", "", *_run_lines(run)]
    lines += ["", f"The larger input `mixed`: {_mixed_line(inputs['mixed'])}"]
    lines += ["", "## Peer: LangChain map-reduce", "", *_peer_lines(report)]
    lines += ["", "## Memory", "", *_memory_lines(report)]
    lines += ["", "## Targets", ""]
    lines += [_target_line(t) for t in report["targets"]]
    lines += ["", "## How it is measured", "", *(f"- {n}" for n in report["notes"])]
    return "\n".join(lines) + "\n"


def _rates_lines(rates: dict[str, Any] | None, count: int) -> list[str]:
    """The model's own rates, measured in the same process before and after each of our runs."""
    if rates is None:
        return ["No model rates: this backend runs no model in this process, so there is no floor."]

    def cell(key: str) -> str:
        return f"{rates[key]['tokens_per_s']} (at {rates[key]['position']})"

    return [
        "| tokens/s (mean position of the timed tokens) | empty context | after about "
        f"{rates['prompt_deep']['position'] - rates['prompt_shallow']['position']} cached tokens |",
        "|---|---|---|",
        f"| prompt ({rates['prompt_shallow']['tokens']} tokens) | {cell('prompt_shallow')} | "
        f"{cell('prompt_deep')} |",
        f"| generation, free | {cell('free_shallow')} | {cell('free_deep')} |",
        f"| generation, JSON schema | {cell('schema_shallow')} | {cell('schema_deep')} |",
        "",
        f"Best of {count} measurements (before the first run and after each); each run below is priced "
        "at the two taken just before and just after it.",
    ]


def _run_lines(run: dict[str, Any]) -> list[str]:
    """Stage table, floors, tokens and copies of one run."""
    evaluated = {}
    for c in run["calls"]:
        evaluated[c["stage"]] = evaluated.get(c["stage"], 0) + c["prompt_tokens"] - (c["reused"] or 0)
    lines = [
        "| stage | wall s | calls | prompt tok | evaluated prompt tok | gen tok | honest floor s |",
        "|---|---|---|---|---|---|---|",
    ]
    for u in run["stages"]:
        floor = run["stage_floor_s"].get(u["stage"])
        lines.append(
            f"| {u['stage']} | {u['seconds']:.2f} | {u['calls']} | {u['prompt_tokens']} | "
            f"{evaluated.get(u['stage'], 0)} | {u['completion_tokens']} | {_num(floor)} |"
        )
    t = run["tokens"]
    lines.append(
        f"| **end to end** | {run['wall_s']:.2f} | {len(run['calls'])} | {t['prompt']} | "
        f"{_num(t['evaluated'], 0)} | {t['generated']} | {_num((run['floor_s'] or {}).get('honest'))} |"
    )
    return [*lines, "", *_floor_lines(run), *_token_lines(t), *_copy_lines(run)]


def _floor_lines(run: dict[str, Any]) -> list[str]:
    """The three floors, the wall time over each, and the time llama.cpp itself counted."""
    floor, wall = run["floor_s"], run["wall_s"]
    if not floor or not floor["honest"]:
        return ["- floor: not measured (no model rates, or no model call)"]
    perf = [c for c in run["calls"] if c["perf_prompt_s"] is not None]
    inside = sum(c["perf_prompt_s"] + c["perf_generation_s"] for c in perf)
    prompt_s = sum(c["perf_prompt_s"] for c in perf)
    # A second opinion on the prompt rate: llama.cpp's own, over this run's multi-token decodes.
    in_run = sum(c["perf_prompt_evaluated"] for c in perf) / prompt_s if prompt_s else None
    return [
        f"- floor: **honest {floor['honest']:.2f} s** (evaluated prompt tokens, constrained rate for "
        f"constrained calls, each token at its position) → wall ÷ floor **{wall / floor['honest']:.2f}**; "
        f"at the empty-context rates for every position {floor['honest_flat']:.2f} s "
        f"(÷ {wall / floor['honest_flat']:.2f}); with every prompt token "
        f"{floor['schema']:.2f} s (÷ {wall / floor['schema']:.2f}); with every prompt token and the free "
        f"generation rate {floor['free']:.2f} s (÷ {wall / floor['free']:.2f})",
        f"- time inside llama.cpp's decode (its perf counters, {len(perf)} calls): {inside:.2f} s, prompt "
        f"decoding at {_num(in_run, 1)} tok/s; the rest of the {wall:.2f} s is sampling (the grammar "
        "included), our Python and the stages without a model",
    ]


def _token_lines(t: dict[str, Any]) -> list[str]:
    """Raw input tokens against what reached the model."""
    reuse = (
        f"{t['evaluated']} evaluated, {t['reused']} reused from the KV cache prefix"
        f" (llama.cpp's counters: {t['perf_evaluated']} evaluated in multi-token batches)"
        if t["evaluated"] is not None
        else "the backend cannot tell how many were reused from a KV cache"
    )
    return [
        f"- tokens: raw input {t['raw_input']}; source text sent {t['sent_source']} "
        f"(**{_pct(t['sent_share'])}** of raw; distinct passages alone {t['distinct_passages']}); "
        f"all prompt tokens {t['prompt']} "
        f"({_pct(t['prompt_share'])} of raw): {reuse}; generated {t['generated']}",
    ]


def _copy_lines(run: dict[str, Any]) -> list[str]:
    """Model work spent on briefs, by kind of article."""
    copies = run["copies"]
    kinds = ", ".join(f"{k} {r['calls']} calls {r['seconds']:.1f} s" for k, r in copies["by_kind"].items())
    lines = [
        f"- {run['briefed']} of {run['articles']} articles briefed, {run['reprints']} found to be reprints; "
        f"article-brief calls by kind: {kinds or 'none'}; pure copies {copies['pure_copy_seconds']:.1f} s "
        f"({_pct(copies['pure_copy_share'])} of the wall time)"
    ]
    return lines + [f"- skipped: {_clip(s)}" for s in run["skipped"]]


def _mixed_line(mixed: dict[str, Any]) -> str:
    kinds = ", ".join(f"{n} {k}" for k, n in mixed["by_kind"].items())
    return (
        f"{mixed['articles']} articles built at run time (seed {mixed['seed']}) from {mixed['sources']}: "
        f"{kinds}; {mixed['distinct_bodies']} distinct bodies, {mixed['distinct_articles']} distinct "
        "title + body pairs."
    )


def _peer_lines(report: dict[str, Any]) -> list[str]:
    """The peer's runs beside ours."""
    peer = report["peer"]
    if "runs" not in peer:
        return [f"Not run: {peer.get('skipped') or peer.get('error')}."]
    lines = [
        "| input | peer wall s | peer floor s | calls | chunks | prompt tok (evaluated) | gen tok"
        " | our wall s | peer ÷ ours |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, run in peer["runs"].items():
        row = report["comparison"][name]
        lines.append(
            f"| {name} | {run['wall_s']:.2f} | {_num(row['peer_floor_s'])} | {run['calls']} | "
            f"{run['chunks']} | {run['prompt_tokens']} ({_num(run['perf_prompt_evaluated'], 0)}) | "
            f"{run['generated_tokens']} | "
            f"{row['ours_s']:.2f} | **{row['peer_over_ours']:.2f}** |"
        )
    return [
        *lines,
        "",
        "`load_summarize_chain(chain_type='map_reduce')` over langchain_community's `LlamaCpp` on the same "
        f"file, n_threads (prompt threads too), n_batch, n_ctx, temperature and seed as ours (its own "
        f"n_batch default, 8, would slow its prompts), max_tokens {peer['max_tokens']} a "
        f"call; model load {peer['model_load_s']:.1f} s, excluded. Its summary cites nothing and is not "
        "checked: it does less than ours. Peer floor: its evaluated prompt tokens (llama.cpp's counters) and "
        "generated tokens at the rates measured in our process, generation at the free rate (it is not "
        "constrained).",
    ]


def _memory_lines(report: dict[str, Any]) -> list[str]:
    size = report["model"]["file_bytes"]
    lines = ["| process | peak RSS MB | RSS − model file MB |", "|---|---|---|"]
    for part in ("ours", "peer"):
        rss = report[part].get("peak_rss_bytes")
        if rss:
            lines.append(f"| {part} | {_mb(rss)} | {_mb(rss - size) if size else '–'} |")
    note = f"Model file {_mb(size)} MB; target: RSS ≤ file + 600 MB. Each part ran in its own process."
    return [*lines, "", note]


def _target_line(t: dict[str, Any]) -> str:
    mark = {True: "PASS", False: "FAIL", None: "not measured"}[t["passed"]]
    where = f" ({t['input']})" if t["input"] else ""
    return f"- **{mark}** {t['target']}{where}: {t['value']}"


def _clip(text: str, limit: int = 240) -> str:
    """A long reason cut short for the table's reader (the JSON keeps it whole)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _num(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


NOTES = (
    "Wall time: one run of prepare + summarize (ingest, clean, dedupe, chunk, article briefs, cross brief, "
    "cross-check) from reading the files to the result, the model already loaded; no repeats.",
    "Rates: measured in our process before the first run and after each run, each run priced at the "
    "faster of the two measurements around it for each figure. Each measurement times a brief-like prompt "
    "of about 1,000 tokens from an empty KV cache, and the same prompt after about "
    f"{DEEP_PASSAGES} other passages (about 1,500 tokens) already cached; generation right after each "
    "prompt, with it cached, so the time is generation alone, free and under our draft JSON schema "
    "(grammar-constrained sampling, slower per token).",
    "Floor: the sum over our calls of prompt tokens ÷ prompt rate + generated tokens ÷ generation rate, "
    "each token at the rate for its position in the context: attention reads every token already there, "
    "so later tokens cost llama.cpp more (the cost per token is taken as flat up to the empty-context "
    "point and linear through the deep one). `free`: every token at the free rate; `schema`: constrained "
    "calls at the constrained rate; `honest`: also only the prompt tokens llama.cpp really evaluated. All "
    "our calls are schema-constrained, so the honest floor uses the constrained rate; it is the least the "
    "model needs for what we asked, and the target is held against it. On a busy machine the rates and the "
    "runs are slowed unequally; a wall ÷ floor below 1 means that.",
    "KV cache reuse: llama-cpp-python keeps the previous call's tokens and evaluates only what follows the "
    "common prefix (a repair call continues its conversation; every prompt shares the system prompt). The "
    "bench reads the cached tokens before and after each call (`Llama._input_ids`) and applies the "
    "library's rule; llama.cpp's perf counters, which count multi-token decodes as prompt, cross-check it.",
    "Tokens, all with the model's own tokenizer: raw = title + body of every input article as ingested; "
    "source text sent = for each article the model was asked to brief, its title plus the passages its "
    "prompts showed (text left after boilerplate removal and deduplication; a near copy shows only the "
    "passages it does not share with its base); prompt = every prompt token of every call "
    "(instructions, chat template, repairs and the cross brief's notes included).",
    "Copies: every article-brief call is attributed to the article being briefed, and each article to the "
    "way bench/speed_input.py made it. Pure copies (reprint, reordered, dropped, boilerplate) carry no new "
    "fact; a `figure` copy does (one figure changed), so it is briefed, as a near copy (only its changed "
    "passage goes to the model), and not held to the target.",
    "Warm re-run: the larger input briefed twice with one fresh brief-cache file, cold then warm; the other "
    "runs use the cache off (or a fresh file), never the user's cache.",
    "Peer: LangChain `load_summarize_chain(chain_type='map_reduce')` over langchain_community `LlamaCpp` "
    "(raw completion prompts, its defaults otherwise), documents = title + body of each article, split by "
    "`RecursiveCharacterTextSplitter` measuring the model's tokens with chunks as large as the context "
    "allows; its wall time covers reading the files, splitting and the chain. Calls and tokens come from a "
    "callback handler, counted after its clock stopped.",
    "Peak RSS: `ru_maxrss` of each part's own process at its end; ours and the peer never share a process.",
)
