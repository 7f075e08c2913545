"""The CLI as a user runs it: a subprocess, stdout for results, stderr for progress, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
from conftest import REPO

EXAMPLES = REPO / "examples"


def _cli(
    *args: str, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_")}
    full_env["BRIEFING_CACHE"] = "false"  # the user's brief cache must not answer for the model
    full_env["BRIEFING_MAX_COPIED_WORDS"] = "0"  # copying models: see conftest.py
    full_env.update(env or {"BRIEFING_BACKEND": "fake"})
    return subprocess.run(
        [sys.executable, "-m", "briefing.cli", *args],
        capture_output=True,
        text=True,
        env=full_env,
        input=stdin,
        cwd=REPO,
        timeout=120,
    )


def test_summarize_json_validates_against_the_published_schema() -> None:
    done = _cli("summarize", str(EXAMPLES), "--format", "json")
    assert done.returncode == 0, done.stderr
    schema = json.loads((REPO / "docs" / "brief.schema.json").read_text())
    document = json.loads(done.stdout)
    jsonschema.validate(document, schema)
    assert document["cross_brief"]["sentences"]
    assert "stage timings:" in done.stderr and "tokens in" in done.stderr


def test_markdown_is_the_default_and_progress_stays_off_stdout() -> None:
    done = _cli("summarize", str(EXAMPLES / "wire-copy.txt"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# Briefing")
    assert "briefing:" not in done.stdout
    assert '> "' in done.stdout  # quoted source spans under the numbered citations


def test_bad_input_names_the_file_exits_1_and_the_rest_is_briefed(tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x00\x01\x02GIF89a")
    done = _cli("summarize", str(EXAMPLES / "wire-copy.txt"), str(binary), "--format", "json")
    assert done.returncode == 1
    assert f"briefing: skipped {binary}:" in done.stderr and "binary" in done.stderr
    document = json.loads(done.stdout)
    assert len(document["article_briefs"]) == 1
    assert document["skipped"][0]["what"] == str(binary)


def test_stdin_and_out_file(tmp_path: Path) -> None:
    text = (EXAMPLES / "wire-copy.txt").read_text()
    out = tmp_path / "brief.html"
    done = _cli("summarize", "-", "--format", "html", "--out", str(out), stdin=text)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert out.read_text().lstrip().lower().startswith("<!doctype html>")


def test_extract_shows_kept_text_and_removals_without_a_model(tmp_path: Path) -> None:
    env = {"BRIEFING_MODELS_DIR": str(tmp_path)}  # no model installed: extract must not need one
    done = _cli("extract", str(EXAMPLES), env=env)
    assert done.returncode == 0, done.stderr
    assert (
        "advertisement" in done.stdout.lower() and "Advertisement" not in done.stdout.split("--- removed")[0]
    )
    assert "repeated text: already earlier in this article" in done.stdout
    assert "reprint of" in done.stdout
    assert "passage sizes are estimated" in done.stderr


def test_extract_json_lists_passages_and_removals() -> None:
    done = _cli("extract", str(EXAMPLES / "harbour-tribune.txt"), "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    (article,) = data["articles"]
    reasons = {r["text"]: r["reason"] for r in article["removed"]}
    assert "Share this article" in reasons
    body = article["article"]["text"]
    assert article["passage_ids"]
    for pid in article["passage_ids"]:
        p = data["passages"][pid]
        assert body[p["start"] : p["end"]] == p["text"]


def test_missing_model_is_one_line_exit_2(tmp_path: Path) -> None:
    done = _cli("summarize", str(EXAMPLES), env={"BRIEFING_MODELS_DIR": str(tmp_path)})
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1].startswith("briefing: error: model 'qwen2.5-coder-1.5b")
    assert "Traceback" not in done.stderr


def test_sentences_caps_each_article_brief() -> None:
    capped = _cli("summarize", str(EXAMPLES), "--per-article-only", "--sentences", "1", "--format", "json")
    full = _cli("summarize", str(EXAMPLES), "--per-article-only", "--format", "json")
    assert capped.returncode == 0 and full.returncode == 0, capped.stderr + full.stderr
    assert {len(b["sentences"]) for b in json.loads(capped.stdout)["article_briefs"]} == {1}
    assert max(len(b["sentences"]) for b in json.loads(full.stdout)["article_briefs"]) >= 2
    refused = _cli("summarize", str(EXAMPLES), "--sentences", "0")
    assert refused.returncode == 2 and "--sentences" in refused.stderr


def test_worker_without_a_redis_url_says_which_setting_it_needs() -> None:
    done = _cli("worker")
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == (
        "briefing: error: briefing worker needs BRIEFING_REDIS_URL (the queue the service uses)"
    )
    assert "worker" in _cli("--help").stdout
