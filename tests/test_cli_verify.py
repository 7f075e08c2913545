"""`briefing verify` as a user runs it: JSONL in, a verdict per claim out, bad lines named."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import REPO

SOURCE = {
    "title": "Port stays shut",
    "text": "The port of Dunmore did not reopen on Monday, officials said.\n\n"
    "A storm damaged two cranes on Friday, and repairs will take a week.",
}
LINES = [
    json.dumps({"id": "ok", "claim": "Officials said the port of Dunmore did not reopen on Monday. "
                "Repairs will take a week.", "sources": [SOURCE]}),
    "{not json",
    json.dumps({"id": "bad", "claim": "The port of Dunmore reopened on Monday after repairs that took "
                "three weeks.", "sources": [SOURCE]}),
    json.dumps({"id": "empty", "claim": "", "sources": [SOURCE]}),
]  # fmt: skip


def _verify(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_")}
    env["BRIEFING_BACKEND"] = "fake"
    return subprocess.run(
        [sys.executable, "-m", "briefing.cli", "verify", "-", *args],
        input="\n".join(LINES) + "\n", capture_output=True, text=True, env=env, cwd=REPO, timeout=120,
    )  # fmt: skip


def test_jsonl_gives_one_verdict_per_good_line_and_names_the_bad_ones() -> None:
    done = _verify("--format", "jsonl")
    assert done.returncode == 1  # some lines were skipped
    ok, bad = (json.loads(line) for line in done.stdout.splitlines())
    assert ok["id"] == "ok" and ok["supported"] is True and len(ok["sentences"]) == 2
    assert all(s["citations"] and s["supported"] for s in ok["sentences"])
    assert bad["id"] == "bad" and bad["supported"] is False
    (sentence,) = bad["sentences"]
    failed = {c["name"] for c in sentence["checks"] if not c["passed"]}
    assert {"polarity", "numbers"} <= failed
    assert "briefing: skipped <stdin>:2: not JSON" in done.stderr
    assert "briefing: skipped <stdin>:4: claim: String should have at least 1 character" in done.stderr
    assert "verifying claim 2/2: bad" in done.stderr  # progress on stderr


def test_markdown_shows_each_sentence_its_quoted_evidence_and_what_failed() -> None:
    done = _verify()
    assert "## ok: supported" in done.stdout and "## bad: NOT supported" in done.stdout
    assert "  > The port of Dunmore did not reopen on Monday, officials said." in done.stdout
    assert "- polarity: denies or asserts what the cited passages do not" in done.stdout
