"""Issue #6: how fast a briefing is against what the model alone needs, and against a LangChain peer.

    .venv/bin/python bench/speed.py [--model NAME] [--corpus DIR] [--articles 50] [--skip-peer]
                                    [--repeats 1] [--out bench/results/speed]

Two inputs: the corpus folder, and about `--articles` articles built at run time by bench/speed_input.py
from the corpus and `examples/` (originals plus reprints and variants). Our pipeline runs in one child
process (the model loaded once: its prompt and generation rates, then each input, then the larger input
again with a warm brief cache); the peer, LangChain's map-reduce summarize chain over `LlamaCpp` on the
same model file, runs in another, so each peak RSS is its own and the two share no cache. Writes
`<out>.json` (every figure, every model call) and `<out>.md` (also printed); progress goes to stderr.
Run it on an otherwise idle machine: llama.cpp uses every core. `BRIEFING_BACKEND=fake` runs our side
without a model (no rates, no floor, no peer), to check the script itself.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from speed_input import PURE_COPIES, build, load_sources, summary, write
from speed_rates import common_prefix_reused, faster, floors, measure_rates
from speed_report import NOTES, comparison, markdown, targets

from briefing.backends.base import Backend, Completion, Message
from briefing.backends.catalogue import resolve
from briefing.backends.loader import open_backend
from briefing.config import Settings
from briefing.pipeline import prepare, summarize
from briefing.progress import Progress
from briefing.schema import Result

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "rare-earths-2025-06"
EXAMPLES = REPO / "examples"
PEER_MAX_TOKENS = 256  # per peer call: a concise summary, about half of our max_tokens_brief
# Settings that decide the speed or the work, recorded with the figures.
_SETTINGS = (
    "backend", "n_ctx", "n_threads", "n_batch", "temperature", "seed", "max_tokens_brief", "passage_tokens",
    "min_sentences", "max_sentences",
)  # fmt: skip


# --- recording what every model call cost ---------------------------------------------------------


@dataclass
class Call:
    """One model call: where in the pipeline, its tokens, and what llama.cpp actually evaluated."""

    stage: str
    article: str | None
    schema: bool
    prompt_tokens: int
    completion_tokens: int
    seconds: float
    reused: int | None = None  # prompt tokens kept from the previous call's KV cache (None: unknown)
    perf_prompt_evaluated: int | None = None  # llama.cpp's own counters, for a cross-check
    perf_prompt_s: float | None = None
    perf_generation_s: float | None = None

    @property
    def evaluated(self) -> int:
        """Prompt tokens the model had to evaluate (all of them when reuse is unknown)."""
        return self.prompt_tokens - (self.reused or 0)


def _llama(backend: Any) -> Any:
    """The `llama_cpp.Llama` behind a backend, or None (fake or remote backend)."""
    return getattr(backend, "_llm", None)


def _perf(llm: Any) -> tuple[float, float, int, int] | None:
    """llama.cpp's cumulative counters: prompt ms, generation ms, prompt tokens, generated tokens.

    llama.cpp counts a decode of several tokens as prompt evaluation and a one-token decode as
    generation, so a prompt whose uncached rest is one token shows up as generation.
    """
    if llm is None:
        return None
    try:
        import llama_cpp

        data = llama_cpp.llama_perf_context(llm._ctx.ctx)
    except (AttributeError, TypeError, OSError):
        return None
    return data.t_p_eval_ms, data.t_eval_ms, data.n_p_eval, data.n_eval


@dataclass
class Recorder:
    """A backend wrapper recording every call, labelled with the stage and article being worked on."""

    inner: Backend
    stage: str = "?"
    article: str | None = None
    calls: list[Call] = field(default_factory=list)
    shown: dict[str, str] = field(default_factory=dict)  # article id: the prompts of its brief calls

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def sha256(self) -> str | None:
        return self.inner.sha256

    @property
    def n_ctx(self) -> int:
        return self.inner.n_ctx

    def complete(
        self, messages: list[Message], *, max_tokens: int, json_schema: dict[str, Any] | None = None
    ) -> Completion:
        """Forward the call, timing it and reading the KV cache before and after."""
        llm = _llama(self.inner)
        before = None if llm is None else llm._input_ids.copy()  # the tokens cached right now
        perf = _perf(llm)
        started = time.perf_counter()
        done = self.inner.complete(messages, max_tokens=max_tokens, json_schema=json_schema)
        if self.article is not None and self.stage == "article briefs":
            self.shown[self.article] = self.shown.get(self.article, "") + messages[-1]["content"]
        call = Call(
            self.stage, self.article, json_schema is not None, done.prompt_tokens,
            done.completion_tokens, round(time.perf_counter() - started, 4),
        )  # fmt: skip
        if llm is not None and before is not None:
            # After the call the cache holds the prompt, then the generated tokens.
            call.reused = common_prefix_reused(before, llm._input_ids[: done.prompt_tokens])
        after = _perf(llm)
        if perf is not None and after is not None:
            call.perf_prompt_s = round((after[0] - perf[0]) / 1000, 4)
            call.perf_generation_s = round((after[1] - perf[1]) / 1000, 4)
            call.perf_prompt_evaluated = after[2] - perf[2]
        self.calls.append(call)
        return done

    def count_tokens(self, text: str) -> int:
        """The wrapped model's token count."""
        return self.inner.count_tokens(text)


def tracking(recorder: Recorder) -> Progress:
    """Progress whose events tell the recorder which stage, and which article's brief, is under way.
    (An older revision's pipeline, run by compare_revisions.sh, emits no events: its calls stay
    unlabelled, its times are measured all the same.)"""

    def follow(event: Any) -> None:
        if event.kind == "stage_started":
            recorder.stage, recorder.article = event.stage, None
        elif event.kind == "article_started":
            recorder.article = event.article_id
        elif event.kind == "cross_started":
            recorder.article = None

    progress = Progress(sys.stderr)
    if hasattr(progress, "listeners"):
        progress.listeners.append(follow)
    return progress


# --- our pipeline -----------------------------------------------------------------------------------


def _cache_setup(settings: Settings, path: Path) -> tuple[Settings, dict[str, Any], Any]:
    """Settings, extra summarize() arguments and the open cache (or None) for a run with a brief
    cache at `path`; `path` is always a fresh file, so the user's own cache is never read."""
    fields = type(settings).model_fields
    update: dict[str, Any] = {"cache_path": path} if "cache_path" in fields else {}
    if "cache" in fields:
        update["cache"] = True
    cache = None
    if "cache" in inspect.signature(summarize).parameters:
        # The pipeline takes an open cache from its caller, as the CLI does.
        from briefing.write.cache import BriefCache

        cache = BriefCache(path)
    return settings.model_copy(update=update), ({"cache": cache} if cache is not None else {}), cache


def _no_cache(settings: Settings, scratch: Path) -> Settings:
    """Settings for a run that must not reuse any brief (the cache off, or pointed at a new file)."""
    fields = type(settings).model_fields
    update: dict[str, Any] = {"cache_path": scratch} if "cache_path" in fields else {}
    if "cache" in fields:
        update["cache"] = False
    return settings.model_copy(update=update)


def run_ours(
    paths: list[str], recorder: Recorder, settings: Settings, kinds: dict[str, str], **extra: Any
) -> dict[str, Any]:
    """One end-to-end run (ingest to cross-check; the model is already loaded) and its figures."""
    recorder.calls = []
    if hasattr(recorder.inner, "forget_prefix"):
        # Start from an empty KV cache, as a fresh `briefing` process would: no run is helped by the
        # prompts of the one before.
        recorder.inner.forget_prefix()
    progress = tracking(recorder)
    started = time.perf_counter()
    prepared = prepare(paths, settings, recorder.count_tokens, progress)
    result = summarize(prepared, recorder, settings, progress, **extra)
    wall = time.perf_counter() - started
    kind_of = {e.article.id: kinds.get(Path(e.article.origin).name, "original") for e in result.articles}
    return {
        "wall_s": round(wall, 3),
        "articles": len(result.articles),
        "briefed": sum(1 for e in result.articles if e.passage_ids and e.duplicate_of is None),
        "reprints": sum(e.duplicate_of is not None for e in result.articles),
        "article_briefs": len(result.article_briefs),
        "cross_brief": result.cross_brief is not None,
        "skipped": [f"{s.what}: {s.reason}" for s in result.skipped],
        "stages": [u.model_dump() for u in result.usage],
        "tokens": tokens(result, recorder),
        "copies": copy_cost(recorder.calls, kind_of, wall),
        "calls": [asdict(c) for c in recorder.calls],
    }


def tokens(result: Result, recorder: Recorder) -> dict[str, Any]:
    """Raw input tokens against what reached the model, all counted with the model's tokenizer.

    raw: title + body of every input article as ingested. sent_source: for each article the model
    was asked to brief, its title and the passages its prompts showed (text left after cleaning and
    deduplication; a near copy shows only the passages it does not share with its base; a passage
    shown in two articles' briefs counts twice, as it is sent twice). distinct_passages: each
    passage shown counted once, titles left out (bench/quality.py's "passage tokens").
    prompt: every prompt token of every call (instructions, repairs and the cross brief's notes
    included); evaluated: those llama.cpp did not take from its KV cache.
    """
    count = recorder.count_tokens
    raw = sum(count(e.article.title) + count(e.article.text) for e in result.articles)
    asked = {c.article for c in recorder.calls if c.stage == "article briefs"}
    shown = {
        e.article.id: {p for p in e.passage_ids if result.passages[p].text in recorder.shown[e.article.id]}
        for e in result.articles
        if e.article.id in asked and e.article.id in recorder.shown
    }
    titles = {e.article.id: e.article.title for e in result.articles}
    sent = sum(count(titles[a]) + sum(result.passages[p].tokens for p in ids) for a, ids in shown.items())
    distinct = {p for ids in shown.values() for p in ids}
    calls = recorder.calls
    known = all(c.reused is not None for c in calls)
    return {
        "raw_input": raw,
        "sent_source": sent,
        "sent_share": round(sent / raw, 4) if raw else None,
        "distinct_passages": sum(result.passages[p].tokens for p in distinct),
        "prompt": sum(c.prompt_tokens for c in calls),
        "prompt_share": round(sum(c.prompt_tokens for c in calls) / raw, 4) if raw else None,
        "evaluated": sum(c.evaluated for c in calls) if known else None,
        "reused": sum(c.reused or 0 for c in calls) if known else None,
        "perf_evaluated": _sum_or_none(c.perf_prompt_evaluated for c in calls),
        "generated": sum(c.completion_tokens for c in calls),
    }


def _sum_or_none(values: Any) -> Any:
    """The sum, or None if any value is unknown."""
    values = list(values)
    return None if any(v is None for v in values) else round(sum(values), 4)


def copy_cost(calls: list[Call], kind_of: dict[str, str], wall: float) -> dict[str, Any]:
    """Model calls and seconds spent on briefs of copies, by the kind of copy (speed_input.KINDS)."""
    by_kind: dict[str, dict[str, float]] = {}
    for c in calls:
        if c.stage == "article briefs" and c.article is not None:
            row = by_kind.setdefault(kind_of.get(c.article, "original"), {"calls": 0, "seconds": 0.0})
            row["calls"] += 1
            row["seconds"] = round(row["seconds"] + c.seconds, 3)
    pure = sum(r["seconds"] for k, r in by_kind.items() if k in PURE_COPIES)
    figure = by_kind.get("figure", {}).get("seconds", 0.0)
    return {
        "by_kind": by_kind,
        "pure_copy_seconds": round(pure, 3),
        "pure_copy_share": round(pure / wall, 4),
        "figure_copy_seconds": round(figure, 3),
        "figure_copy_share": round(figure / wall, 4),
    }


def part_ours(spec: dict[str, Any]) -> dict[str, Any]:
    """The child process for our side: load, rates, each input, then the warm re-run."""
    settings = Settings(model=spec["model"]) if spec["model"] else Settings()
    loading = Progress(sys.stderr)
    recorder = Recorder(open_backend(settings, loading))
    scratch = Path(spec["tmp"])
    repeats = spec.get("repeats", 1)

    def measured() -> dict[str, Any] | None:
        _say("measuring the model's prompt and generation rates")
        return measure_rates(recorder.inner, repeats)

    # Rates before the first run and after each run: every run is priced at its own bracket.
    measurements = [measured()]
    runs: dict[str, Any] = {}

    def keep(name: str, run: dict[str, Any]) -> None:
        runs[name] = run
        measurements.append(measured())
        _add_floors(run, faster(*measurements[-2:]), len(measurements) - 2)

    for name, paths in spec["inputs"].items():
        _say(f"our pipeline on {name}")
        if name == "mixed" and "cache_path" in Settings.model_fields:
            cached, extra, cache = _cache_setup(settings, scratch / "briefs.sqlite")
            keep("mixed", run_ours(paths, recorder, cached, spec["kinds"], **extra))
            _say("our pipeline on mixed again, the brief cache now warm")
            keep("mixed-warm", run_ours(paths, recorder, cached, spec["kinds"], **extra))
            if cache is not None:
                cache.close()
        else:
            settings_here = _no_cache(settings, scratch / f"{name}.sqlite")
            keep(name, run_ours(paths, recorder, settings_here, spec["kinds"]))
    return {
        "backend": settings.backend,
        "model_load_s": round(sum(u.seconds for u in loading.usage), 3),
        "rates": faster(*measurements),
        "rate_measurements": measurements,
        "cache_supported": "cache_path" in Settings.model_fields,
        "runs": runs,
        "peak_rss_bytes": _peak_rss(),
    }


def _add_floors(run: dict[str, Any], rates: dict[str, Any] | None, first: int) -> None:
    """The run's floors, and each stage's honest floor, at the rates of measurements `first` and
    `first` + 1 (just before and just after the run), the faster of the two for each figure."""
    calls = [Call(**c) for c in run["calls"]]
    run["rates"] = rates
    run["rates_from"] = [first, first + 1]
    run["floor_s"] = floors(calls, rates)
    run["stage_floor_s"] = {
        u["stage"]: (floors([c for c in calls if c.stage == u["stage"]], rates) or {}).get("honest")
        for u in run["stages"]
    }


# --- the peer: LangChain map-reduce ------------------------------------------------------------------


def _peer_imports() -> tuple[Any, Any, Any, Any]:
    """LangChain's pieces: LlamaCpp, load_summarize_chain, the splitter, Document."""
    from langchain_community.llms import LlamaCpp
    from langchain_core.documents import Document
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    try:  # langchain >= 1.0 moved the legacy chains to langchain-classic
        from langchain_classic.chains.summarize import load_summarize_chain
    except ImportError:
        from langchain.chains.summarize import load_summarize_chain  # type: ignore[no-redef]
    return LlamaCpp, load_summarize_chain, RecursiveCharacterTextSplitter, Document


def _call_log() -> Any:
    """A LangChain callback handler keeping every prompt sent and every reply received."""
    from langchain_core.callbacks import BaseCallbackHandler

    class CallLog(BaseCallbackHandler):  # type: ignore[misc]
        def __init__(self) -> None:
            self.prompts: list[str] = []
            self.replies: list[str] = []

        def on_llm_start(self, serialized: Any, prompts: list[str], **kwargs: Any) -> None:
            self.prompts.extend(prompts)

        def on_llm_end(self, response: Any, **kwargs: Any) -> None:
            self.replies.extend(g.text for gens in response.generations for g in gens)

    return CallLog()


def run_peer(paths: list[str], llm: Any, settings: Settings) -> dict[str, Any]:
    """The map-reduce summarize chain on one input: wall time from reading the files to the summary."""
    from briefing.ingest.files import ingest

    _, load_summarize_chain, splitter_class, document = _peer_imports()
    log = _call_log()
    perf = _perf(llm.client)
    started = time.perf_counter()
    docs = [
        document(page_content=f"{a.title}\n\n{a.text}", metadata={"source": a.source or a.origin})
        for a in ingest(paths).articles
    ]
    # Chunks as large as the context allows once the map prompt and its reply fit (never across
    # articles: the splitter splits each document on its own): the fewest calls for the peer.
    room = settings.n_ctx - PEER_MAX_TOKENS - 64
    splitter = splitter_class(chunk_size=room, chunk_overlap=0, length_function=llm.get_num_tokens)
    chunks = splitter.split_documents(docs)
    chain = load_summarize_chain(llm, chain_type="map_reduce", token_max=min(3000, room))
    out = chain.invoke({"input_documents": chunks}, config={"callbacks": [log]})
    wall = time.perf_counter() - started
    after = _perf(llm.client)
    # Tokens are counted after the clock stopped, so counting costs the peer nothing.
    return {
        "wall_s": round(wall, 3),
        "articles": len(docs),
        "chunks": len(chunks),
        "calls": len(log.prompts),
        "prompt_tokens": sum(llm.get_num_tokens(p) for p in log.prompts),
        "generated_tokens": sum(len(llm.client.tokenize(r.encode(), add_bos=False)) for r in log.replies),
        "perf_prompt_evaluated": None if perf is None or after is None else after[2] - perf[2],
        "summary": out.get("output_text", ""),
    }


def part_peer(spec: dict[str, Any]) -> dict[str, Any]:
    """The child process for the peer: LangChain's LlamaCpp loads the same file with our settings."""
    llama_cpp_class = _peer_imports()[0]
    settings = Settings(model=spec["model"]) if spec["model"] else Settings()
    path = resolve(settings.model, settings.models_dir).path
    _say(f"peer: loading {path.name} with LangChain's LlamaCpp")
    started = time.perf_counter()
    llm = llama_cpp_class(
        model_path=str(path), n_ctx=settings.n_ctx, n_threads=settings.n_threads, n_batch=settings.n_batch,
        n_gpu_layers=settings.n_gpu_layers, max_tokens=PEER_MAX_TOKENS, temperature=settings.temperature,
        seed=settings.seed, verbose=False, model_kwargs={"n_threads_batch": settings.n_threads},
    )  # fmt: skip
    load = time.perf_counter() - started
    runs = {}
    for name, paths in spec["inputs"].items():
        _say(f"peer on {name}")
        llm.client.reset()  # an empty KV cache for each input, as for ours
        runs[name] = run_peer(paths, llm, settings)
    return {
        "model_load_s": round(load, 3),
        "max_tokens": PEER_MAX_TOKENS,
        "runs": runs,
        "peak_rss_bytes": _peak_rss(),
    }


def _peak_rss() -> int:
    """This process's peak resident set size in bytes (Linux reports kilobytes, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak if sys.platform == "darwin" else peak * 1024)


def _say(message: str) -> None:
    print(f"speed: {message}", file=sys.stderr, flush=True)


# --- the parent: inputs, children, report ------------------------------------------------------------


def _child(part: str, spec: dict[str, Any], tmp: Path) -> dict[str, Any]:
    """Run one part in a fresh process of this script; its stderr is ours, its figures come as JSON."""
    spec_path, result_path = tmp / f"{part}-spec.json", tmp / f"{part}-result.json"
    spec_path.write_text(json.dumps(spec), encoding="utf-8")
    command = [sys.executable, str(Path(__file__).resolve()), "--part", part]
    done = subprocess.run([*command, "--spec", str(spec_path), "--result", str(result_path)], check=False)
    if done.returncode != 0 or not result_path.is_file():
        return {"error": f"the {part} process exited with status {done.returncode}"}
    result: dict[str, Any] = json.loads(result_path.read_text(encoding="utf-8"))
    return result


def _model_info(settings: Settings) -> dict[str, Any]:
    """Name, file, size and sha256 of the model (a fake backend has no file)."""
    if settings.backend != "llama_cpp":
        return {"name": settings.backend, "path": None, "file_bytes": None, "sha256": None}
    model = resolve(settings.model, settings.models_dir)
    return {
        "name": model.name,
        "path": str(model.path),
        "file_bytes": model.path.stat().st_size,
        "sha256": model.sha256,
    }


def _machine() -> dict[str, Any]:
    """Where the figures were taken."""
    return {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "processor": platform.processor() or None,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
    }


def main(argv: list[str] | None = None) -> int:
    """Build the inputs, run our part and the peer's, and write `<out>.json` and `<out>.md`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--model", help="catalogue model name or GGUF path (default: BRIEFING_MODEL)")
    parser.add_argument(
        "--corpus", type=Path, default=CORPUS, help="folder of articles (default: %(default)s)"
    )
    parser.add_argument("--articles", type=int, default=50, help="size of the larger input (default: 50)")
    parser.add_argument("--seed", type=int, default=6, help="seed of the larger input's variations")
    parser.add_argument("--skip-peer", action="store_true", help="do not run the LangChain peer")
    parser.add_argument(
        "--repeats", type=int, default=1, help="timings per rate measurement to take the best of"
    )
    parser.add_argument(
        "--out", type=Path, default=Path("bench/results/speed"), help="report path, no suffix"
    )
    parser.add_argument("--part", choices=("ours", "peer"), help=argparse.SUPPRESS)  # a child process
    parser.add_argument("--spec", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.part:
        spec = json.loads(args.spec.read_text(encoding="utf-8"))
        figures = part_ours(spec) if args.part == "ours" else part_peer(spec)
        args.result.write_text(json.dumps(figures), encoding="utf-8")
        return 0
    settings = Settings(model=args.model) if args.model else Settings()
    with tempfile.TemporaryDirectory(prefix="speed-") as tmp_name:
        tmp = Path(tmp_name)
        items = build(load_sources([args.corpus, EXAMPLES]), args.articles, args.seed)
        inputs = {"corpus": [str(args.corpus)], "mixed": [str(tmp / "mixed")]}
        spec = {
            "model": args.model, "tmp": tmp_name, "inputs": inputs, "kinds": write(items, tmp / "mixed"),
            "repeats": args.repeats,
        }  # fmt: skip
        ours = _child("ours", spec, tmp)
        if "error" in ours:
            print(f"speed: {ours['error']}", file=sys.stderr)
            return 1
        peer = _peer(args.skip_peer, settings, spec, tmp)
    mixed = summary(items) | {"seed": args.seed, "sources": f"{args.corpus} and {EXAMPLES.name}/"}
    report = _report(settings, ours, peer, {"corpus": {"path": str(args.corpus)}, "mixed": mixed})
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = markdown(report)
    Path(f"{args.out}.json").write_text(
        json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    Path(f"{args.out}.md").write_text(text, encoding="utf-8")
    print(text, end="")
    return 0


def _peer(skip: bool, settings: Settings, spec: dict[str, Any], tmp: Path) -> dict[str, Any]:
    """The peer's figures, or why it was not run."""
    if skip:
        return {"skipped": "--skip-peer"}
    if settings.backend != "llama_cpp":
        return {"skipped": f"the peer needs a GGUF model in its process; backend {settings.backend} has none"}
    return _child("peer", spec, tmp)


def _report(
    settings: Settings, ours: dict[str, Any], peer: dict[str, Any], inputs: dict[str, Any]
) -> dict[str, Any]:
    """Every figure, with the targets judged."""
    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": _machine(),
        "model": _model_info(settings),
        "settings": settings.model_dump(mode="json", include=set(_SETTINGS)),
        "inputs": inputs,
        "ours": ours,
        "peer": peer,
        "comparison": comparison(ours, peer),
        "notes": list(NOTES),
    }
    report["inputs"]["corpus"]["articles"] = ours["runs"]["corpus"]["articles"]
    report["targets"] = targets(report)
    return report


if __name__ == "__main__":
    sys.exit(main())
