"""bench/speed.py (issue #6) and the larger input it builds, bench/speed_input.py.

The builder is checked without a model; the script end to end with the fake backend (the plumbing and
the report's keys), then with the small real model (rates, floors, KV reuse, and the LangChain peer).
"""

from __future__ import annotations

import difflib
import importlib
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import REPO

from briefing.boilerplate import boilerplate_reason
from briefing.config import TEST_MODEL, Settings
from briefing.ingest import ingest

BENCH = REPO / "bench"
SCRIPT = BENCH / "speed.py"
TINY = [
    {
        "title": "Island ferry returns after repairs",
        "source": "Island Gazette",
        "published": "2025-05-20",
        "text": "\n\n".join(
            [
                "The ferry between Oster and Lind resumed service on Tuesday after three weeks of repairs.",
                "The operator, Coastline Ferries, said the crossing would run six times a day until October.",
                "Harbourmaster Ingrid Sole said the repairs cost 2.4 million crowns and took 21 days.",
            ]
        ),
    },
    {
        "title": "Ferry back on the Oster route",
        "source": "Lind Courier",
        "text": "\n\n".join(
            [
                "Coastline Ferries restarted the Oster to Lind crossing on Tuesday following engine repairs.",
                "Passengers had used a smaller replacement boat carrying 80 people since early May.",
            ]
        ),
    },
]
RUN_KEYS = {
    "wall_s", "articles", "briefed", "reprints", "article_briefs", "cross_brief", "skipped", "stages",
    "tokens", "copies", "calls", "floor_s", "stage_floor_s", "rates", "rates_from",
}  # fmt: skip
TOKEN_KEYS = {
    "raw_input", "sent_source", "sent_share", "distinct_passages", "prompt", "prompt_share", "evaluated",
    "reused", "perf_evaluated", "generated",
}  # fmt: skip


@pytest.fixture
def bench(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[ModuleType, ModuleType]]:
    """bench/speed_input.py and bench/speed.py, imported as the script imports its neighbours."""
    monkeypatch.syspath_prepend(str(BENCH))
    yield importlib.import_module("speed_input"), importlib.import_module("speed")


def _corpus(folder: Path, articles: list[dict[str, str]]) -> Path:
    folder.mkdir()
    for number, article in enumerate(articles):
        (folder / f"{number}.json").write_text(json.dumps(article), encoding="utf-8")
    return folder


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def _check_copy(kind: str, original: dict[str, Any], copy: dict[str, Any]) -> None:
    """A copy is the kind of copy it says it is, and nothing more."""
    before, after = _lines(original["text"]), _lines(copy["text"])
    if kind == "reprint":
        assert copy["text"] == original["text"] and copy["title"] != original["title"]
    elif kind == "figure":
        figures = re.compile(r"\d[\d,.]*")
        assert copy["text"] != original["text"]
        assert figures.sub("#", copy["text"]) == figures.sub("#", original["text"])
        changed = [
            (a, b)
            for a, b in zip(figures.findall(original["text"]), figures.findall(copy["text"]), strict=True)
            if a != b
        ]
        assert len(changed) == 1
    elif kind == "reordered":
        assert sorted(after) == sorted(before) and after != before
    elif kind == "dropped":
        assert len(after) == len(before) - 1 and all(line in before for line in after)
    else:
        assert kind == "boilerplate"
        ops = difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes()
        added = [line for tag, _, _, j1, j2 in ops if tag == "insert" for line in after[j1:j2]]
        assert {tag for tag, *_ in ops} == {"equal", "insert"} and len(added) == 3
        assert all(boilerplate_reason(line) for line in added), added
    if kind != "reprint":
        assert copy["title"] == original["title"]
    assert copy["source"] != original["source"] and copy["url"] != original["url"]


def test_the_larger_input_is_deterministic_and_its_copies_are_what_they_say(
    bench: tuple[ModuleType, ModuleType], tmp_path: Path
) -> None:
    speed_input, _ = bench
    sources = speed_input.load_sources([_corpus(tmp_path / "corpus", TINY), REPO / "examples"])
    assert len(sources) == 7 and sources[1].source == "The Coastal Post"  # interleaved
    items = speed_input.build(sources, 50, seed=6)
    assert items == speed_input.build(sources, 50, seed=6)
    assert [i.record for i in items] != [i.record for i in speed_input.build(sources, 50, seed=7)]
    counts = speed_input.summary(items)
    assert counts["articles"] == 50 and counts["originals"] == 7 and counts["copies"] == 43
    assert sum(counts["by_kind"].values()) == 50 and all(counts["by_kind"].values())
    assert counts["distinct_bodies"] < counts["distinct_articles"] <= 50
    for item in items[7:]:
        _check_copy(item.kind, items[item.source].record, item.record)
    kinds = speed_input.write(items, tmp_path / "mixed")
    read = ingest([str(tmp_path / "mixed")])
    assert read.errors == [] and len(read.articles) == 50
    assert [Path(a.origin).name for a in read.articles] == sorted(kinds)  # originals first, copies after
    assert speed_input.originals_for(8, 7) == 2 and speed_input.originals_for(3, 7) == 2


def _run(tmp_path: Path, *args: str, env: dict[str, str], timeout: float) -> dict[str, Any]:
    out = tmp_path / "speed"
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--corpus", str(tmp_path / "corpus"), "--out", str(out), *args],
        cwd=REPO,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout == (tmp_path / "speed.md").read_text(encoding="utf-8")
    assert "speed: our pipeline on mixed" in done.stderr
    report: dict[str, Any] = json.loads((tmp_path / "speed.json").read_text(encoding="utf-8"))
    assert {"date", "machine", "model", "settings", "inputs", "ours", "peer", "comparison", "targets"} <= set(
        report
    )
    assert report["machine"]["cores"] == os.cpu_count()
    for name, run in report["ours"]["runs"].items():
        assert set(run) == RUN_KEYS and set(run["tokens"]) == TOKEN_KEYS, name
        assert run["wall_s"] > 0 and {u["stage"] for u in run["stages"]} >= {"ingest", "article briefs"}
    return report


def _warm_run_calls_only_the_cross_brief(report: dict[str, Any]) -> None:
    """With a brief cache, the warm re-run asks the model again only for briefs that failed cold."""
    runs = report["ours"]["runs"]
    if "cache_path" not in Settings.model_fields:
        assert "mixed-warm" not in runs
        return
    cold, warm = runs["mixed"], runs["mixed-warm"]
    assert any(c["stage"] == "article briefs" for c in cold["calls"])
    failed = [s for s in cold["skipped"] if s.startswith("brief of article")]
    again = {c["article"] for c in warm["calls"] if c["stage"] == "article briefs"}
    assert len(again) <= len(failed)
    # The cross brief needs two article briefs; the 135M model may fail all but one, cold and warm alike.
    cross_cold = any(c["stage"] == "cross brief" for c in cold["calls"])
    assert any(c["stage"] == "cross brief" for c in warm["calls"]) is cross_cold
    warm_target = next(t for t in report["targets"] if t["target"].startswith("a warm re-run"))
    assert warm_target["passed"] is (not again)


def test_the_script_end_to_end_with_the_fake_backend(tmp_path: Path) -> None:
    _corpus(tmp_path / "corpus", TINY)
    report = _run(tmp_path, "--articles", "12", env={"BRIEFING_BACKEND": "fake"}, timeout=120)
    assert report["inputs"]["mixed"]["articles"] == 12 and report["inputs"]["corpus"]["articles"] == 2
    assert report["ours"]["rates"] is None and report["peer"]["skipped"]
    runs = report["ours"]["runs"]
    assert all(run["floor_s"] is None for run in runs.values())
    mixed = runs["mixed"]
    assert mixed["reprints"] > 0 and mixed["briefed"] < mixed["articles"]
    assert mixed["tokens"]["sent_source"] < mixed["tokens"]["raw_input"]
    assert mixed["copies"]["pure_copy_seconds"] == 0  # whole copies are never briefed
    _warm_run_calls_only_the_cross_brief(report)
    passed = {t["target"]: t["passed"] for t in report["targets"]}
    assert passed["peak RSS ≤ model file + 600 MB"] is None  # no model file to hold it against


@pytest.mark.model
def test_the_script_end_to_end_with_the_small_model(small_model_path: Path, tmp_path: Path) -> None:
    _corpus(tmp_path / "corpus", TINY[:1])
    # One thread: the suite may share the cores, and llama.cpp threads spin when they do. Short
    # replies: this judges the figures' plumbing, not the 135M model's prose.
    env = {"BRIEFING_N_THREADS": "1", "BRIEFING_MAX_TOKENS_BRIEF": "200"}
    args = ("--model", TEST_MODEL, "--articles", "8", "--skip-peer", "--repeats", "1")
    report = _run(tmp_path, *args, env=env, timeout=900)
    assert report["model"]["file_bytes"] == small_model_path.stat().st_size
    rates = report["ours"]["rates"]
    assert all(
        rates[f"{k}_{d}"]["tokens_per_s"] > 0
        for k in ("prompt", "free", "schema")
        for d in ("shallow", "deep")
    )
    # The deep point really is deep: its timed tokens stand after the cached background passages.
    assert rates["prompt_deep"]["position"] > rates["prompt_shallow"]["position"] + 1000
    assert len(report["ours"]["rate_measurements"]) == 4  # before the first run, after each of three
    assert [r["rates_from"] for r in report["ours"]["runs"].values()] == [[0, 1], [1, 2], [2, 3]]
    for name in ("corpus", "mixed"):
        run = report["ours"]["runs"][name]
        floor, tokens = run["floor_s"], run["tokens"]
        assert floor["honest"] > 0 and floor["honest"] <= floor["schema"]
        assert floor["honest_flat"] <= floor["honest"]  # positions only ever add cost
        assert 0 < run["wall_s"] / floor["honest"] < 100
        # KV reuse as llama-cpp-python does it, against llama.cpp's own counters: within a token a call.
        assert tokens["evaluated"] + tokens["reused"] == tokens["prompt"]
        assert abs(tokens["evaluated"] - tokens["perf_evaluated"]) <= len(run["calls"])
    _warm_run_calls_only_the_cross_brief(report)
    rss = next(t for t in report["targets"] if t["target"].startswith("peak RSS"))
    assert rss["passed"] is not None and report["ours"]["peak_rss_bytes"] > small_model_path.stat().st_size


@pytest.mark.model
def test_the_peer_runs_the_map_reduce_chain_on_the_same_model(
    bench: tuple[ModuleType, ModuleType],
    small_model_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("langchain_community", reason="the peer needs the `bench` extra (LangChain)")
    _, speed = bench
    monkeypatch.setenv("BRIEFING_N_THREADS", "1")
    corpus = _corpus(tmp_path / "corpus", TINY)
    peer = speed.part_peer({"model": TEST_MODEL, "inputs": {"corpus": [str(corpus)]}})
    run = peer["runs"]["corpus"]
    assert peer["max_tokens"] == speed.PEER_MAX_TOKENS and peer["peak_rss_bytes"] > 0
    assert run["articles"] == 2 and run["chunks"] == 2 and run["calls"] == 3  # two maps, one reduce
    assert run["wall_s"] > 0 and run["prompt_tokens"] > 0 and run["generated_tokens"] > 0
    assert 0 < run["perf_prompt_evaluated"] <= run["prompt_tokens"]


def _rates(prompt: tuple[float, float], generation: tuple[float, float]) -> dict[str, Any]:
    """Rates with the shallow point at position 500 and the deep one at 2,500."""

    def point(rate: float, position: int) -> dict[str, Any]:
        return {"tokens_per_s": rate, "position": position, "tokens": 1000}

    found = {"prompt_shallow": point(prompt[0], 500), "prompt_deep": point(prompt[1], 2500)}
    for kind in ("free", "schema"):
        found |= {f"{kind}_shallow": point(generation[0], 1100), f"{kind}_deep": point(generation[1], 3100)}
    return found


def test_a_token_is_priced_at_its_position_in_the_context(bench: tuple[ModuleType, ModuleType]) -> None:
    import speed_rates

    # 100 tok/s at 500, 50 at 2,500: a cost of 0.01 s rising by 0.005 s per 1,000 positions.
    rates = _rates((100, 50), (20, 20))
    line = speed_rates.CostLine.through(rates["prompt_shallow"], rates["prompt_deep"])
    assert line.seconds(0, 500) == pytest.approx(5.0)  # flat up to the shallow point
    assert line.seconds(500, 2000) == pytest.approx(2000 * 0.01 + 0.005 * 2000**2 / 2 / 1000)
    assert line.seconds(2500, 1) == pytest.approx(0.02, rel=1e-3)  # the deep point's own rate
    assert line.seconds(0, 2500) == pytest.approx(line.seconds(0, 1200) + line.seconds(1200, 1300))
    assert line.seconds(100, 0) == 0.0


def test_a_deep_point_measured_faster_is_noise_and_prices_every_position_alike(
    bench: tuple[ModuleType, ModuleType],
) -> None:
    import speed_rates

    rates = _rates((100, 120), (20, 25))
    line = speed_rates.CostLine.through(rates["prompt_shallow"], rates["prompt_deep"])
    assert line.slope == 0 and line.seconds(3000, 100) == pytest.approx(1.0)


def test_the_floor_prices_only_evaluated_prompt_tokens_at_their_positions(
    bench: tuple[ModuleType, ModuleType],
) -> None:
    import speed_rates

    _, speed = bench
    call = speed.Call("article briefs", "a", True, prompt_tokens=1500, completion_tokens=100, seconds=0.0)
    call.reused = 500  # the system prompt, kept from the previous call
    flat = speed_rates.floors([call], _rates((100, 100), (20, 20)))
    assert flat is not None
    assert flat["honest"] == pytest.approx(1000 / 100 + 100 / 20) == flat["honest_flat"]
    assert flat["schema"] == pytest.approx(1500 / 100 + 100 / 20)
    deep = speed_rates.floors([call], _rates((100, 50), (20, 10)))
    assert deep is not None and deep["honest_flat"] == pytest.approx(flat["honest"])
    # Positions 500 to 1,500 cost 0.01 s + 0.005 s per 1,000 past 500; generation from 1,500 on costs
    # 0.05 s + 0.05 s per 2,000 past 1,100.
    prompt = 1000 * 0.01 + 0.005 * 1000**2 / 2 / 1000
    generation = 100 * 0.05 + 0.05 / 2000 * ((500**2 - 400**2) / 2)
    assert deep["honest"] == pytest.approx(prompt + generation)
    assert speed_rates.floors([call], None) is None


def test_each_figure_is_taken_from_the_faster_measurement(bench: tuple[ModuleType, ModuleType]) -> None:
    import speed_rates

    slow, fast = _rates((90, 60), (20, 18)), _rates((100, 50), (19, 19))
    slow["repeats"] = fast["repeats"] = 1
    best = speed_rates.faster(slow, None, fast)
    assert best is not None and best["repeats"] == 2
    assert best["prompt_shallow"]["tokens_per_s"] == 100 and best["prompt_deep"]["tokens_per_s"] == 60
    assert best["free_shallow"]["tokens_per_s"] == 20 and best["free_deep"]["tokens_per_s"] == 19
    assert speed_rates.faster(None, None) is None
