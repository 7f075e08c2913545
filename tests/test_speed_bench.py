"""bench/speed.py (issue #6) and the larger input it builds, bench/speed_input.py, each run as a script.

The builder is checked without a model; the script end to end with the fake backend (the plumbing and
the report's keys), then with the small real model (rates, floors, KV reuse, and the LangChain peer).
"""

from __future__ import annotations

import difflib
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO

from briefing.config import TEST_MODEL, Settings
from briefing.ingest.files import ingest
from briefing.text.boilerplate import boilerplate_reason

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


def _build(tmp_path: Path, name: str, *args: str) -> tuple[dict[str, Any], Path]:
    """bench/speed_input.py on the corpus and examples/, into tmp_path/name: what it printed, the folder."""
    out = tmp_path / name
    folders = [str(tmp_path / "corpus"), str(REPO / "examples")]
    done = subprocess.run(
        [sys.executable, str(BENCH / "speed_input.py"), *folders, "--out", str(out), *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    built: dict[str, Any] = json.loads(done.stdout)
    return built, out


def _files(folder: Path) -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(folder.iterdir())}


def test_the_larger_input_is_deterministic_and_its_copies_are_what_they_say(tmp_path: Path) -> None:
    _corpus(tmp_path / "corpus", TINY)
    built, folder = _build(tmp_path, "mixed", "--articles", "50", "--seed", "6")
    again, folder_again = _build(tmp_path, "again", "--articles", "50", "--seed", "6")
    assert again == built and _files(folder_again) == _files(folder)
    assert _files(_build(tmp_path, "other", "--articles", "50", "--seed", "7")[1]) != _files(folder)
    items = built["items"]
    records = {name: json.loads(text) for name, text in _files(folder).items()}
    # Originals first, copies after, in the order the files sort.
    assert [i["file"] for i in items] == sorted(records) and len(items) == 50
    kinds = [i["kind"] for i in items]
    assert kinds[:7] == ["original"] * 7 and "original" not in kinds[7:]
    assert records[items[1]["file"]]["source"] == "The Coastal Post"  # the folders interleaved
    counts = built["summary"]
    assert counts["articles"] == 50 and counts["originals"] == 7 and counts["copies"] == 43
    assert sum(counts["by_kind"].values()) == 50 and all(counts["by_kind"].values())
    assert counts["distinct_bodies"] < counts["distinct_articles"] <= 50
    for item in items[7:]:
        _check_copy(item["kind"], records[item["copies"]], records[item["file"]])
    read = ingest([str(folder)])
    assert read.errors == [] and len(read.articles) == 50
    assert [Path(a.origin).name for a in read.articles] == sorted(records)
    # A small input still starts with two originals, so it has copies and a cross brief.
    assert _build(tmp_path, "eight", "--articles", "8")[0]["summary"]["originals"] == 2
    assert _build(tmp_path, "three", "--articles", "3")[0]["summary"]["originals"] == 2


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
def test_the_peer_runs_the_map_reduce_chain_on_the_same_model(small_model_path: Path, tmp_path: Path) -> None:
    pytest.importorskip("langchain_community", reason="the peer needs the `bench` extra (LangChain)")
    corpus = _corpus(tmp_path / "corpus", TINY)
    spec, result = tmp_path / "peer-spec.json", tmp_path / "peer-result.json"
    spec.write_text(json.dumps({"model": TEST_MODEL, "inputs": {"corpus": [str(corpus)]}}), encoding="utf-8")
    # The peer's own process, as bench/speed.py starts it: `--part peer` with a spec, figures to a file.
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--part", "peer", "--spec", str(spec), "--result", str(result)],
        cwd=REPO,
        env={**os.environ, "BRIEFING_N_THREADS": "1"},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    peer = json.loads(result.read_text(encoding="utf-8"))
    run = peer["runs"]["corpus"]
    assert peer["max_tokens"] == 256 and peer["peak_rss_bytes"] > 0  # bench/speed.py's PEER_MAX_TOKENS
    assert run["articles"] == 2 and run["chunks"] == 2 and run["calls"] == 3  # two maps, one reduce
    assert run["wall_s"] > 0 and run["prompt_tokens"] > 0 and run["generated_tokens"] > 0
    assert 0 < run["perf_prompt_evaluated"] <= run["prompt_tokens"]
