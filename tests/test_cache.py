"""The per-article brief cache: same text, model, prompts and settings -> no model call."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO

from briefing import pipeline
from briefing.backends.fake import FakeBackend
from briefing.cache import BriefCache
from briefing.config import Settings
from briefing.pipeline import prepare, summarize
from briefing.progress import Progress
from briefing.schema import Result

EXAMPLES = REPO / "examples"


def _run(paths: list[str], cache: BriefCache, backend: FakeBackend, settings: Settings) -> Result:
    progress = Progress(None)
    prepared = prepare(paths, settings, backend.count_tokens, progress)
    return summarize(prepared, backend, settings, progress, cache=cache)


def _texts(result: Result) -> list[list[str]]:
    return [[s.text for s in b.sentences] for b in result.article_briefs]


def test_a_rerun_calls_the_model_only_for_the_cross_brief(tmp_path: Path) -> None:
    settings = Settings(backend="fake")
    cache = BriefCache(tmp_path / "briefs.sqlite")
    first_backend, second_backend = FakeBackend(), FakeBackend()
    first = _run([str(EXAMPLES)], cache, first_backend, settings)
    second = _run([str(EXAMPLES)], cache, second_backend, settings)
    assert len(first.article_briefs) == 4 and len(first_backend.calls) >= 5
    assert len(second_backend.calls) == 1  # the cross-article brief only
    assert cache.hits == 4
    assert _texts(first) == _texts(second)
    assert second.cross_brief is not None


def test_a_cached_brief_cites_todays_passage_ids_and_offsets(tmp_path: Path) -> None:
    settings = Settings(backend="fake")
    cache = BriefCache(tmp_path / "briefs.sqlite")
    one = tmp_path / "one"
    one.mkdir()
    shutil.copy(EXAMPLES / "harbour-tribune.txt", one / "harbour.txt")
    _run([str(one)], cache, FakeBackend(), settings)
    # The same text under another name, in another batch: another article id, same passages.
    two = tmp_path / "two"
    two.mkdir()
    shutil.copy(EXAMPLES / "harbour-tribune.txt", two / "renamed.txt")
    shutil.copy(EXAMPLES / "daily-ledger.txt", two / "ledger.txt")
    backend = FakeBackend()
    result = _run([str(two)], cache, backend, settings)
    renamed = next(e for e in result.articles if e.article.origin.endswith("renamed.txt"))
    brief = next(b for b in result.article_briefs if b.article_ids == [renamed.article.id])
    assert cache.hits == 1
    for sentence in brief.sentences:
        for citation in sentence.citations:
            passage = result.passages[citation.passage_id]
            assert citation.passage_id in renamed.passage_ids
            assert renamed.article.text[citation.start : citation.end] == citation.quote == passage.text


def test_another_prompt_setting_or_model_misses(tmp_path: Path) -> None:
    cache = BriefCache(tmp_path / "briefs.sqlite")
    _run([str(EXAMPLES / "wire-copy.txt")], cache, FakeBackend(), Settings(backend="fake"))
    _run([str(EXAMPLES / "wire-copy.txt")], cache, FakeBackend(), Settings(backend="fake", max_sentences=3))
    renamed = FakeBackend()
    renamed.name = "another-model"
    _run([str(EXAMPLES / "wire-copy.txt")], cache, renamed, Settings(backend="fake"))
    assert cache.hits == 0 and cache.misses == 3


def test_a_brief_checked_by_another_checker_version_is_checked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = BriefCache(tmp_path / "briefs.sqlite")
    wire = [str(EXAMPLES / "wire-copy.txt")]
    _run(wire, cache, FakeBackend(), Settings(backend="fake"))
    monkeypatch.setattr(pipeline, "checker_version", lambda: "an-older-checker")
    again = FakeBackend()
    result = _run(wire, cache, again, Settings(backend="fake"))
    assert cache.hits == 0 and cache.misses == 2 and again.calls  # briefed and checked anew
    assert result.provenance.checker == "an-older-checker"


def test_the_cli_reuses_briefs_across_runs(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from briefing.cli import main

    env = {"BRIEFING_BACKEND": "fake", "BRIEFING_CACHE_PATH": str(tmp_path / "c.sqlite")}
    runner = CliRunner()
    first = runner.invoke(main, ["summarize", "--cache", str(EXAMPLES)], env=env)
    second = runner.invoke(main, ["summarize", "--cache", str(EXAMPLES)], env=env)
    assert first.exit_code == second.exit_code == 0, first.output
    assert "reused from the cache" not in first.stderr
    assert second.stderr.count("brief reused from the cache") == 4
    assert first.stdout == second.stdout
