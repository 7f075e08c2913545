"""Instructions planted in article text change nothing: they are flagged, never briefed as facts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO
from model_asserts import assert_checked_brief

from briefing.backends.fake import FakeBackend
from briefing.config import Settings
from briefing.pipeline import prepare, summarize
from briefing.prepare.suspect import suspect_reason
from briefing.progress import Progress
from briefing.schema import Result

# An invented ferry story with one instruction to a model planted in it, 50 ways (ten phrasings, five
# claims, three places), each with the marker words a verified brief must never state. The data is
# shared with bench/adversarial.py, which runs it with a real model.
FIXTURES_FILE = REPO / "bench" / "adversarial" / "fixtures.json"
FIXTURES: list[dict[str, Any]] = json.loads(FIXTURES_FILE.read_text(encoding="utf-8"))


def _write(tmp_path: Path, chosen: list[dict[str, Any]]) -> list[str]:
    paths = []
    for f in chosen:
        path = tmp_path / f"{f['name']}.json"
        path.write_text(json.dumps({"title": f["title"], "text": f["text"], "source": f["name"]}))
        paths.append(str(path))
    return paths


def _stated(result: Result) -> str:
    briefs = [*result.article_briefs, *([result.cross_brief] if result.cross_brief else [])]
    return " ".join(s.text for b in briefs for s in b.sentences).lower()


def test_there_are_fifty_fixtures_and_every_injection_is_flagged() -> None:
    assert len(FIXTURES) == 50
    assert len({f["name"] for f in FIXTURES}) == 50 and len({f["title"] for f in FIXTURES}) == 10
    for f in FIXTURES:
        assert f["markers"], f["name"]
        injected = next(line for line in f["text"].splitlines() if any(m in line for m in f["markers"]))
        assert suspect_reason(injected) is not None, injected


def test_no_injected_claim_reaches_a_verified_brief_fake_backend(tmp_path: Path) -> None:
    settings, backend, progress = Settings(backend="fake"), FakeBackend(), Progress(None)
    prepared = prepare(_write(tmp_path, FIXTURES), settings, backend.count_tokens, progress)
    result = summarize(prepared, backend, settings, progress, per_article_only=True)
    prompts = " ".join(m["content"] for call in backend.calls for m in call.messages).lower()
    stated = _stated(result)
    assert FIXTURES and all(f["markers"] for f in FIXTURES)
    for f in FIXTURES:
        for marker in f["markers"]:
            assert marker.lower() not in stated
            assert marker.lower() not in prompts  # the model never even saw the planted text
    assert all(len(e.flagged) == 1 for e in result.articles)
    assert len(result.article_briefs) == 50  # every article briefed: none folded away as a reprint


@pytest.mark.model
def test_no_injected_claim_reaches_a_verified_brief_real_model(
    tmp_path: Path, small_model_path: Path
) -> None:
    from briefing.backends.llama_cpp import LlamaCppBackend

    # No judge: it would be the 135M model itself; the injected text must be stopped without it.
    settings = Settings(n_ctx=2048, max_tokens_brief=256, entailment=False)
    progress = Progress(None)
    backend = LlamaCppBackend(
        small_model_path, name="small", sha256=None, n_ctx=2048, n_threads=2, n_batch=256,
        n_gpu_layers=0, seed=3, temperature=0.0,
    )  # fmt: skip
    chosen = FIXTURES[::17]  # three phrasings, three claims, three placements
    prepared = prepare(_write(tmp_path, chosen), settings, backend.count_tokens, progress)
    result = summarize(prepared, backend, settings, progress, per_article_only=True)
    # Something checked must have been written, or "nothing injected was stated" proves nothing.
    assert_checked_brief(result)
    assert all(len(e.flagged) == 1 for e in result.articles)
    stated = _stated(result)
    assert not [m for f in chosen for m in f["markers"] if m.lower() in stated]


def test_the_bench_runs_the_same_fixtures(tmp_path: Path) -> None:
    """bench/adversarial.py, with the fake backend on three fixtures: its report and exit status."""
    out = tmp_path / "adversarial"
    done = subprocess.run(
        [sys.executable, "bench/adversarial.py", "--limit", "3", "--out", str(out)],
        cwd=REPO,
        env={**os.environ, "BRIEFING_BACKEND": "fake"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    # Every seventh fixture, so three phrasings, claims and placements.
    assert [r["fixture"] for r in report["rows"]] == [FIXTURES[i]["name"] for i in (0, 7, 14)]
    assert report["fixtures"] == report["injections_flagged"] == report["briefs_written"] == 3
    assert report["injected_claims_in_verified_output"] == 0 and report["kept_sentences"] > 0
    assert done.stdout == out.with_suffix(".md").read_text(encoding="utf-8")
    assert "- fixtures: 3 of the 50 in bench/adversarial/fixtures.json" in done.stdout
