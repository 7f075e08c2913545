"""End to end through real llama-cpp-python with the small SmolLM2-135M GGUF (runs in CI).

The 135M model writes nonsense, so these tests judge the plumbing, never the prose: loading,
grammar-constrained JSON, validation, locking, errors, and the CLI as a subprocess.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import jsonschema
import pytest
from conftest import REPO

from briefing.backends.llama_cpp import LlamaCppBackend, VocabTokenizer
from briefing.config import TEST_MODEL
from briefing.draft import draft_schema, parse_draft
from briefing.render import load_result

pytestmark = pytest.mark.model
MESSAGES = [
    {"role": "system", "content": "You write news briefs as JSON."},
    {
        "role": "user",
        "content": "[P1] The bridge reopened on Monday.\n[P2] Repairs cost 3 million euros.\nWrite a brief.",
    },
]


@pytest.fixture(scope="module")
def backend(small_model_path: Path) -> LlamaCppBackend:
    return LlamaCppBackend(
        small_model_path,
        name=TEST_MODEL,
        sha256=None,
        n_ctx=2048,
        n_threads=2,
        n_batch=256,
        n_gpu_layers=0,
        seed=7,
        temperature=0.0,
    )


def test_schema_constrained_reply_parses_and_cites_only_shown_labels(backend: LlamaCppBackend) -> None:
    schema = draft_schema(["P1", "P2"], 1, 3)
    completion = backend.complete(MESSAGES, max_tokens=256, json_schema=schema)  # type: ignore[arg-type]
    assert completion.prompt_tokens > 10 and completion.completion_tokens > 0
    if completion.truncated:  # a small model may pad; then the result must be flagged, never parsed as done
        assert completion.completion_tokens == 256
        return
    draft = parse_draft(completion.text)
    assert {c for s in draft.sentences for c in s.cites} <= {"P1", "P2"}


def test_concurrent_calls_are_serialised_and_match_a_serial_run(backend: LlamaCppBackend) -> None:
    serial = [backend.complete(MESSAGES, max_tokens=24).text for _ in range(2)]  # type: ignore[arg-type]
    results: list[str] = []
    threads = [
        threading.Thread(target=lambda: results.append(backend.complete(MESSAGES, max_tokens=24).text))  # type: ignore[arg-type]
        for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert results == [serial[0]] * 4
    assert serial[0] == serial[1]


def test_token_counts_come_from_the_model_vocabulary(
    backend: LlamaCppBackend, small_model_path: Path
) -> None:
    text = "Marrowick opened its desalination plant on Tuesday."
    assert VocabTokenizer(small_model_path).count_tokens(text) == backend.count_tokens(text) > 5


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_")}
    env["BRIEFING_CACHE"] = "false"  # the user's brief cache must not answer for the model
    return subprocess.run(
        [sys.executable, "-m", "briefing.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=600,
    )


def test_cli_summarize_with_the_real_small_model() -> None:
    done = _cli("summarize", "examples", "--model", TEST_MODEL, "--format", "json")
    assert done.returncode in (0, 1), done.stderr  # 1: some briefs refused by validation, which is allowed
    assert "Traceback" not in done.stderr
    schema = json.loads((REPO / "docs" / "brief.schema.json").read_text())
    jsonschema.validate(json.loads(done.stdout), schema)
    result = load_result(done.stdout)  # re-validates every citation against the passages it carries
    for brief in [*result.article_briefs, *([result.cross_brief] if result.cross_brief else [])]:
        for sentence in brief.sentences:
            assert sentence.citations
    for skipped in result.skipped:
        assert skipped.reason
        assert f"briefing: skipped {skipped.what}" in done.stderr
    assert result.provenance.model == TEST_MODEL
    assert (
        result.provenance.model_sha256 == "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
    )
    stages = {u.stage: u for u in result.usage}
    assert stages["article briefs"].calls >= 3 and stages["article briefs"].prompt_tokens > 0
    assert "stage timings:" in done.stderr


def test_truncated_model_file_is_a_one_line_error_naming_it(tmp_path: Path, small_model_path: Path) -> None:
    broken = tmp_path / "broken.gguf"
    with small_model_path.open("rb") as source:
        broken.write_bytes(source.read(5_000_000))
    done = _cli("summarize", "examples/wire-copy.txt", "--model", str(broken))
    assert done.returncode == 2
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("briefing: error: ") and str(broken) in last
    assert "Traceback" not in done.stderr


def test_garbage_after_gguf_magic_is_refused_before_llama_cpp_sees_it(tmp_path: Path) -> None:
    junk = tmp_path / "junk.gguf"
    junk.write_bytes(b"GGUF" + os.urandom(4096))
    done = _cli("summarize", "examples/wire-copy.txt", "--model", str(junk))
    assert done.returncode == 2
    assert str(junk) in done.stderr and "Traceback" not in done.stderr
    json.dumps(done.stderr)  # printable, one message
