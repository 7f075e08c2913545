"""Progress as events: the pipeline says what happens as structured events that listeners (the
service's job progress, the benches) follow, and the CLI prints them as lines or as JSON."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

from conftest import REPO

from briefing.backends.fake import FakeBackend
from briefing.config import Settings
from briefing.pipeline import prepare, summarize
from briefing.progress import Event, Progress

EXAMPLES = REPO / "examples"


def _events() -> tuple[list[Event], str]:
    events: list[Event] = []
    printed = io.StringIO()
    progress = Progress(printed, listeners=[events.append])
    settings = Settings(backend="fake", cache=False)
    backend = FakeBackend()
    prepared = prepare([str(EXAMPLES)], settings, backend.count_tokens, progress)
    summarize(prepared, backend, settings, progress)
    return events, printed.getvalue()


def test_each_article_brief_starts_and_finishes_in_order_with_its_cost() -> None:
    events, _ = _events()
    started = [e for e in events if e.kind == "article_started"]
    finished = [e for e in events if e.kind == "article_finished"]
    assert len(started) >= 3  # examples/ has five files, one a reprint that is not briefed again
    assert [e.number for e in started] == list(range(1, len(started) + 1))
    assert {e.total for e in started} == {len(started)}
    assert [e.article_id for e in finished] == [e.article_id for e in started]
    assert all(e.calls and e.prompt_tokens and e.seconds is not None for e in finished)


def test_stages_start_and_finish_in_pairs_and_the_cross_brief_is_announced_once() -> None:
    events, _ = _events()
    stages = [(e.kind, e.stage) for e in events if e.kind in ("stage_started", "stage_finished")]
    names = [s for k, s in stages if k == "stage_started"]
    assert names[:2] == ["ingest", "clean"] and "article briefs" in names and "cross brief" in names
    for name in names:
        assert stages.index(("stage_started", name)) < stages.index(("stage_finished", name))
    assert [e.kind for e in events].count("cross_started") == 1
    cross_at = next(i for i, e in enumerate(events) if e.kind == "cross_started")
    last_article = max(i for i, e in enumerate(events) if e.kind == "article_finished")
    assert cross_at > last_article


def test_the_human_lines_come_from_the_events() -> None:
    events, printed = _events()
    first = next(e for e in events if e.kind == "article_started")
    assert f"briefing: briefing article 1/{first.total}: {first.article_id} " in printed
    assert "briefing: writing the cross-article brief" in printed


def test_the_cli_prints_events_as_json_lines_with_progress_json() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_")}
    env.update(BRIEFING_BACKEND="fake", BRIEFING_CACHE="false", BRIEFING_MAX_COPIED_WORDS="0")
    done = subprocess.run(
        [sys.executable, "-m", "briefing.cli", "summarize", str(EXAMPLES), "--progress", "json"],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    events = [json.loads(line) for line in done.stderr.splitlines() if line.startswith("{")]
    kinds = [e["kind"] for e in events]
    assert "article_started" in kinds and "article_finished" in kinds and "stage_finished" in kinds
    assert all(not line.startswith("briefing: ") for line in done.stderr.splitlines())
    assert done.stdout.startswith("#")  # the brief itself still goes to stdout
