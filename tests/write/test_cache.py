"""The per-article brief cache: same text, model, prompts and settings -> no model call."""

from __future__ import annotations

import json
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from conftest import REPO
from factories import make_result

from briefing import pipeline
from briefing.backends.fake import FakeBackend
from briefing.config import Settings
from briefing.pipeline import prepare, summarize
from briefing.progress import Progress
from briefing.schema import Brief, Passage, Result
from briefing.write.cache import KEEP_MOVED_ASIDE, BriefCache, CacheLimits, open_cache

EXAMPLES = REPO / "examples"


def _run(paths: list[str], cache: BriefCache, backend: FakeBackend, settings: Settings) -> Result:
    progress = Progress(None)
    prepared = prepare(paths, settings, backend.count_tokens, progress)
    return summarize(prepared, backend, settings, progress, cache=cache)


def _texts(result: Result) -> list[list[str]]:
    return [[s.text for s in b.sentences] for b in result.article_briefs]


def test_a_rerun_calls_the_model_only_for_the_cross_article_step(tmp_path: Path) -> None:
    settings = Settings(backend="fake")
    cache = BriefCache(tmp_path / "briefs.sqlite")
    first_backend, second_backend = FakeBackend(), FakeBackend()
    first = _run([str(EXAMPLES)], cache, first_backend, settings)
    second = _run([str(EXAMPLES)], cache, second_backend, settings)
    assert len(first.article_briefs) == 4 and len(first_backend.calls) >= 5
    # The cross-article step only: the facts the briefs left out (asked again for one that fewer
    # outlets bear out than tell it), and the lead. No article brief.
    asked = [c.messages[-1]["content"] for c in second_backend.calls]
    assert len(asked) in (2, 3) and all("<passages>" in a for a in asked[:-1]) and "<facts>" in asked[-1]
    assert cache.hits == 4
    assert _texts(first) == _texts(second)
    assert second.cross_brief is not None


def test_a_cached_brief_cites_todays_passage_ids_and_offsets(tmp_path: Path) -> None:
    settings = Settings(backend="fake")
    cache = BriefCache(tmp_path / "briefs.sqlite")
    # Both batches hold the same two texts, so each passage is marked as shared with the same other
    # outlets in both (the marks are part of the key).
    one = tmp_path / "one"
    one.mkdir()
    shutil.copy(EXAMPLES / "harbour-tribune.txt", one / "harbour.txt")
    shutil.copy(EXAMPLES / "daily-ledger.txt", one / "ledger.txt")
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
    assert cache.hits == 2
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


# --- a broken file, and bounds -----------------------------------------------------------------


def _brief_parts() -> tuple[Brief, list[str], dict[str, Passage]]:
    result = make_result()
    return result.article_briefs[0], ["a1.1", "a1.2"], dict(result.passages)


def _round_trip(cache: BriefCache, key: str = "k") -> Brief | None:
    brief, ids, passages = _brief_parts()
    cache.put(key, brief, ids)
    return cache.get(key, ids, passages)


def _moved_aside(path: Path) -> list[Path]:
    return sorted(
        p for p in path.parent.glob(f"{path.name}.broken-*") if not p.name.endswith(("-wal", "-shm"))
    )


def _cache_settings(path: Path) -> Settings:
    return Settings(backend="fake", cache=True, cache_path=path)


def test_a_file_that_is_not_a_database_is_moved_aside_and_rebuilt(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "briefs.sqlite"
    path.write_bytes(b"this is not a database, it was a half-copied backup" * 100)
    cache = open_cache(_cache_settings(path))
    assert cache is not None and cache.enabled
    assert _round_trip(cache) is not None
    [aside] = _moved_aside(path)
    assert aside.read_bytes().startswith(b"this is not a database")
    assert "moved aside" in caplog.text and str(path) in caplog.text
    cache.close()
    with sqlite3.connect(path) as db:  # the rebuilt file is a sound database holding the new brief
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM article_briefs").fetchone() == (1,)


def test_a_file_damaged_inside_is_moved_aside_when_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "briefs.sqlite"
    cache = BriefCache(path, recover=True)
    _round_trip(cache)
    cache.close()
    data = bytearray(path.read_bytes())
    data[100:] = b"\xff" * (len(data) - 100)  # the header survives, the pages do not
    path.write_bytes(bytes(data))
    cache = BriefCache(path, recover=True)
    _, ids, passages = _brief_parts()
    assert cache.get("k", ids, passages) is None  # a miss, never an exception
    assert _round_trip(cache, "k2") is not None and len(_moved_aside(path)) == 1


def test_only_the_latest_files_moved_aside_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "briefs.sqlite"
    for _ in range(KEEP_MOVED_ASIDE + 2):
        path.write_bytes(b"garbage" * 200)
        BriefCache(path, recover=True).close()
    assert len(_moved_aside(path)) == KEEP_MOVED_ASIDE


def _hold_exclusive_lock(path: Path) -> sqlite3.Connection:
    """Another process's view: a rollback-journal database locked for writing and reading."""
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode=DELETE")
    holder.execute("CREATE TABLE IF NOT EXISTS other (x)")
    holder.execute("BEGIN EXCLUSIVE")
    return holder


def test_a_file_locked_past_the_busy_timeout_is_moved_aside_and_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "briefs.sqlite"
    holder = _hold_exclusive_lock(path)
    try:
        cache = BriefCache(path, CacheLimits(busy_timeout_s=0.2), recover=True)
        assert cache.enabled and _round_trip(cache) is not None
        assert len(_moved_aside(path)) == 1
    finally:
        holder.close()


def test_a_shared_file_that_is_locked_is_left_alone_and_the_cache_turns_off(tmp_path: Path) -> None:
    path = tmp_path / "digest.sqlite"  # the digest keeps its own tables in the same file
    holder = _hold_exclusive_lock(path)
    try:
        cache = BriefCache(path, CacheLimits(busy_timeout_s=0.2))
        assert not cache.enabled and _round_trip(cache) is None
        assert _moved_aside(path) == [] and path.exists()
    finally:
        holder.close()


def test_a_write_while_another_process_writes_is_skipped_and_the_file_kept(tmp_path: Path) -> None:
    path = tmp_path / "briefs.sqlite"
    cache = BriefCache(path, CacheLimits(busy_timeout_s=0.2), recover=True)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # a writer elsewhere (WAL: readers go on)
    brief, ids, passages = _brief_parts()
    cache.put("k", brief, ids)  # waits out the busy timeout, then gives up on this one write
    other.execute("ROLLBACK")
    other.close()
    assert cache.enabled and _moved_aside(path) == []
    assert cache.get("k", ids, passages) is None
    assert _round_trip(cache, "k") is not None


def test_an_unreadable_entry_is_a_miss(tmp_path: Path) -> None:
    cache = BriefCache(tmp_path / "briefs.sqlite")
    brief, ids, passages = _brief_parts()
    cache.put("k", brief, ids)
    assert cache._db is not None
    cache._db.execute("UPDATE article_briefs SET brief = '{\"sentences\": 3}'")
    assert cache.get("k", ids, passages) is None and cache.misses == 1


def _age(cache: BriefCache, key: str, days: float) -> None:
    assert cache._db is not None
    cache._db.execute(
        "UPDATE article_briefs SET created = ? WHERE key = ?", (time.time() - days * 86400, key)
    )


def test_briefs_past_the_age_limit_are_pruned_on_open_and_never_served(tmp_path: Path) -> None:
    path = tmp_path / "briefs.sqlite"
    limits = CacheLimits(max_age_days=7)
    cache = BriefCache(path, limits)
    brief, ids, passages = _brief_parts()
    for key in ("old", "new"):
        cache.put(key, brief, ids)
    _age(cache, "old", days=8)
    assert cache.get("old", ids, passages) is None  # past its age, even before a prune
    cache.close()
    reopened = BriefCache(path, limits)
    assert reopened._db is not None
    assert [r[0] for r in reopened._db.execute("SELECT key FROM article_briefs")] == ["new"]


def test_the_cache_is_pruned_to_its_size_every_n_puts_newest_kept(tmp_path: Path) -> None:
    brief, ids, passages = _brief_parts()
    one = len(brief.model_dump_json()) + len(json.dumps(ids)) + 2
    limits = CacheLimits(max_bytes=3 * one, prune_every=4)
    cache = BriefCache(tmp_path / "briefs.sqlite", limits)
    for n in range(4):
        cache.put(f"k{n}", brief, ids)
        time.sleep(0.002)  # distinct write times, so "oldest" is well defined
    assert cache.stored_bytes() <= limits.max_bytes
    assert cache.get("k0", ids, passages) is None
    assert all(cache.get(f"k{n}", ids, passages) is not None for n in (1, 2, 3))
    for n in range(4, 7):  # fewer than prune_every puts since: not pruned yet
        cache.put(f"k{n}", brief, ids)
    assert cache.stored_bytes() > limits.max_bytes


def test_cache_limits_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_MAX_BYTES", "1000000")
    monkeypatch.setenv("BRIEFING_CACHE_MAX_AGE_DAYS", "2.5")
    limits = CacheLimits()
    assert (limits.max_bytes, limits.max_age_days) == (1_000_000, 2.5)


def test_the_cli_briefs_through_a_corrupt_cache_file_and_rebuilds_it(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from briefing.cli import main

    path = tmp_path / "c.sqlite"
    path.write_bytes(b"\x00garbage" * 512)
    env = {"BRIEFING_BACKEND": "fake", "BRIEFING_CACHE_PATH": str(path)}
    done = CliRunner().invoke(main, ["summarize", "--cache", str(EXAMPLES / "wire-copy.txt")], env=env)
    assert done.exit_code == 0, done.output
    assert "Traceback" not in done.output and len(_moved_aside(path)) == 1
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM article_briefs").fetchone()[0] >= 1


def test_an_article_briefed_beside_other_outlets_is_briefed_again_alone(tmp_path: Path) -> None:
    """Beside another outlet its passages are marked as shared; alone they are not: another prompt."""
    settings = Settings(backend="fake")
    cache = BriefCache(tmp_path / "briefs.sqlite")
    pair = tmp_path / "pair"
    pair.mkdir()
    shutil.copy(EXAMPLES / "harbour-tribune.txt", pair / "harbour.txt")
    shutil.copy(EXAMPLES / "daily-ledger.txt", pair / "ledger.txt")
    _run([str(pair)], cache, FakeBackend(), settings)
    _run([str(pair / "harbour.txt")], cache, FakeBackend(), settings)
    assert cache.hits == 0


def test_the_marks_of_passages_other_outlets_share_are_part_of_the_key() -> None:
    from factories import make_article, make_passages

    from briefing.write.cache import brief_key

    article = make_article("a1", "Plant", ["The plant opened.", "Fishers fear for the bay."])
    passages = make_passages(article, ["The plant opened.", "Fishers fear for the bay."])
    plain = brief_key(article, passages, {"model": "m"})
    assert brief_key(article, passages, {"model": "m"}, {}) == plain  # no marks, the key of before
    marked = brief_key(article, passages, {"model": "m"}, {"a1.2": 2})
    assert marked != plain
    assert brief_key(article, passages, {"model": "m"}, {"a1.2": 3}) != marked
