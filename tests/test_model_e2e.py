"""End to end through real llama-cpp-python with the small SmolLM2-135M GGUF (runs in CI).

The 135M model writes nonsense, so these tests judge the plumbing, never the prose: loading,
grammar-constrained JSON, validation, locking, errors, and the CLI as a subprocess. The CLI run is
given an input the model can brief, and must end with a checked brief (model_asserts.py).
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
from model_asserts import assert_checked_brief, write_easy_article

from briefing.backends.llama_cpp import LlamaCppBackend, VocabTokenizer
from briefing.config import TEST_MODEL
from briefing.schema.result_file import load_result
from briefing.write.reply_format import draft_schema, parse_draft

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


def _cli(*args: str, **env_vars: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_")}
    env["BRIEFING_CACHE"] = "false"  # the user's brief cache must not answer for the model
    env["BRIEFING_MAX_COPIED_WORDS"] = "0"  # copying models: see conftest.py
    env |= env_vars
    return subprocess.run(
        [sys.executable, "-m", "briefing.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=600,
    )


def test_cli_summarize_with_the_real_small_model(tmp_path: Path) -> None:
    # An input the 135M model can brief (see model_asserts.py); no judge: it would be the 135M model.
    article = write_easy_article(tmp_path)
    done = _cli(
        "summarize", str(article), "--model", TEST_MODEL, "--format", "json", BRIEFING_ENTAILMENT="false"
    )
    assert done.returncode == 0, done.stderr  # 1 would mean a brief was skipped: the model wrote none
    assert "Traceback" not in done.stderr and "briefing: skipped" not in done.stderr
    schema = json.loads((REPO / "docs" / "brief.schema.json").read_text())
    jsonschema.validate(json.loads(done.stdout), schema)
    result = load_result(done.stdout)  # re-validates every citation against the passages it carries
    assert result.skipped == [] and len(result.article_briefs) == 1
    assert_checked_brief(result)
    assert result.provenance.model == TEST_MODEL
    assert (
        result.provenance.model_sha256 == "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
    )
    assert result.provenance.settings["entailment"] is False
    stages = {u.stage: u for u in result.usage}
    assert stages["article briefs"].calls >= 1 and stages["article briefs"].prompt_tokens > 0
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


def test_the_judge_reads_yes_against_no_from_the_logits_and_reuses_its_prefix(
    backend: LlamaCppBackend, small_model_path: Path
) -> None:
    from briefing.check.entail import entailment_messages

    evidence = ["The Orrin bridge reopened on Monday after eight months of repairs."]
    first = backend.yes_probability(entailment_messages("The bridge reopened on Monday.", evidence))
    second = backend.yes_probability(entailment_messages("The bridge stayed closed.", evidence))
    again = backend.yes_probability(entailment_messages("The bridge reopened on Monday.", evidence))
    assert 0.0 < first < 1.0 and 0.0 < second < 1.0 and first != second
    assert again == pytest.approx(first, abs=1e-4)  # a cached prefix changes nothing
    fresh = LlamaCppBackend(
        small_model_path, name=TEST_MODEL, sha256=None, n_ctx=2048, n_threads=2, n_batch=256,
        n_gpu_layers=0, seed=7, temperature=0.0,
    )  # fmt: skip
    assert fresh.yes_probability(entailment_messages("The bridge stayed closed.", evidence)) == pytest.approx(
        second, abs=1e-3
    )
