"""Pruning by age (`[digest] keep_days`): old rows and .eml files go, what the delivery guarantee or
the current window needs stays, and every run says what it pruned."""

from __future__ import annotations

import io
import os
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from http_server import LocalHTTPServer
from newsroom import NOW, config_toml, serve_newsroom
from smtp_server import LocalSMTPServer

from briefing.config_file import ConfigError
from briefing.digest.digest_config import load_config
from briefing.digest.feeds import FeedCopy
from briefing.digest.job import Outcome, RunOptions, run_digest
from briefing.digest.prune import prune
from briefing.digest.state import DigestRecord, State
from briefing.progress import Progress

DAY = 86400.0


def _ago(days: float) -> float:
    return NOW.timestamp() - days * DAY


def _digest(state: State, folder: Path, key: str, status: str, days: float) -> Path:
    """A digest row `days` old (updated then, its window ending then) and its .eml file, as old."""
    path = folder / f"digest-{key.replace('/', '-')}.eml"
    path.write_bytes(b"Subject: old\r\n\r\nold digest\r\n")
    os.utime(path, (_ago(days), _ago(days)))
    record = DigestRecord(key, key, ["desk@example.org"], f"<{key}@example.org>", status, path,
                          _ago(days + 1), _ago(days), "")  # fmt: skip
    state.record(record)
    with sqlite3.connect(state.path) as db:
        db.execute("UPDATE digests SET updated = ? WHERE key = ?", (_ago(days), key))
    return path


def _file(path: Path, days: float) -> Path:
    path.write_bytes(b"x")
    os.utime(path, (_ago(days), _ago(days)), follow_symlinks=False)
    return path


def _keys(state: State) -> set[str]:
    with sqlite3.connect(state.path) as db:
        return {row[0] for row in db.execute("SELECT key FROM digests")}


def _articles(state: State) -> set[str]:
    with sqlite3.connect(state.path) as db:
        return {row[0] for row in db.execute("SELECT content_hash FROM articles_seen")}


@pytest.fixture
def state(tmp_path: Path) -> Iterator[State]:
    opened = State(tmp_path / "state.sqlite")
    yield opened
    opened.close()


def test_old_final_digests_and_their_files_go_rendered_sending_and_recent_stay(
    state: State, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    old_sent = _digest(state, out, "old-sent", "sent", 40)
    old_failed = _digest(state, out, "old-failed", "failed", 40)
    sending = _digest(state, out, "old-sending", "sending", 40)
    rendered = _digest(state, out, "old-rendered", "rendered", 40)
    recent = _digest(state, out, "recent-sent", "sent", 2)
    orphan, fresh_orphan = _file(out / "lost.eml", 40), _file(out / "new-dry-run.eml", 2)
    (out / "sub").mkdir()
    others = [_file(out / "notes.txt", 40), _file(out / "sub" / "deep.eml", 40)]
    (out / "link.eml").symlink_to(_file(tmp_path / "target.eml", 40))
    pruned = prune(state, out, 30, NOW, datetime.fromtimestamp(_ago(2), UTC))
    assert _keys(state) == {"old-sending", "old-rendered", "recent-sent"}
    assert not old_sent.exists() and not old_failed.exists() and not orphan.exists()
    assert all(
        p.exists() for p in [sending, rendered, recent, fresh_orphan, *others, tmp_path / "target.eml"]
    )
    assert (out / "link.eml").is_symlink()
    assert (pruned.digests, pruned.files, pruned.failures) == (2, 3, ())
    assert pruned.summary(30) == (
        "pruned what is older than 30 days: 0 articles seen, 2 digests, 3 .eml files, 0 feed copies"
    )


def test_old_articles_and_feed_copies_go_recently_seen_ones_stay(state: State, tmp_path: Path) -> None:
    state.see("old", "https://news.example.org/old", "Old", _ago(40))
    state.see("seen-again", None, "Undated, still in its feed", _ago(40))
    assert state.see("seen-again", None, "Undated, still in its feed", _ago(1)) == _ago(40)
    state.see("recent", None, "Recent", _ago(3))
    copy = FeedCopy("https://news.example.org/old.xml", '"e"', None, "application/rss+xml", None, b"<rss/>")
    state.store_feed_copies([copy], _ago(40))
    state.store_feed_copies([FeedCopy("https://news.example.org/new.xml", '"n"', None, "", None)], _ago(1))
    pruned = prune(state, tmp_path / "none", 30, NOW, datetime.fromtimestamp(_ago(1), UTC))
    assert (pruned.articles, pruned.feeds) == (1, 1)
    assert _articles(state) == {"seen-again", "recent"}
    assert list(state.feed_copies()) == ["https://news.example.org/new.xml"]


def test_the_last_digest_sent_and_articles_of_the_current_window_stay_however_old(
    state: State, tmp_path: Path
) -> None:
    # No digest has gone out for 50 days: the window starts there, and all it covers is still needed.
    _digest(state, tmp_path, "last-sent", "sent", 50)
    state.see("in-window", None, "Undated", _ago(45))
    state.see("before-window", None, "Undated", _ago(55))
    pruned = prune(state, tmp_path, 30, NOW, datetime.fromtimestamp(_ago(50), UTC))
    assert _keys(state) == {"last-sent"} and state.last_sent_window_end() == _ago(50)
    assert _articles(state) == {"in-window"} and pruned.articles == 1
    assert (tmp_path / "digest-last-sent.eml").exists()


def test_a_run_prunes_and_says_so(tmp_path: Path) -> None:
    with LocalHTTPServer() as newsroom, LocalSMTPServer() as smtp:
        serve_newsroom(newsroom, slow_seconds=3)
        path = tmp_path / "digest.toml"
        path.write_text(config_toml(newsroom, str(tmp_path), smtp.port), encoding="utf-8")
        config = load_config(path)
        out = config.digest.output_dir
        out.mkdir()
        state = State(config.digest.state)
        old = _digest(state, out, "2026-10-14/old", "sent", 40)  # the window of this run starts at its end
        sending = _digest(state, out, "2026-10-10/stuck", "sending", 44)
        recent = _digest(state, out, "2026-11-21/failed", "failed", 2)
        state.see("gone", None, "Seen long ago", _ago(45))
        state.close()
        said = io.StringIO()
        assert run_digest(config, RunOptions(now=NOW), Progress(said)) == Outcome.SENT
    assert (
        "pruned what is older than 30 days: 1 articles seen, 1 digests, 1 .eml files, 0 feed copies"
        in said.getvalue()
    )
    assert not old.exists() and sending.exists() and recent.exists()
    state = State(config.digest.state)
    try:
        keys = _keys(state)
        assert "2026-10-14/old" not in keys and {"2026-10-10/stuck", "2026-11-21/failed"} <= keys
        assert "gone" not in _articles(state) and len(_articles(state)) >= 5  # today's articles stay
        assert state.last_sent_window_end() == NOW.timestamp()
    finally:
        state.close()
    assert len(list(out.glob("*.eml"))) == 3  # today's, the stuck one, the recent failed one


MINIMAL = """
[digest]
{settings}

[[sources]]
name = "Desk"
folder = "news"

[email]
from = "briefing@example.org"
to = ["desk@example.org"]
"""


@pytest.mark.parametrize(
    ("settings", "reason"),
    [
        ("keep_days = 0", "Input should be greater than or equal to 1"),
        ("keep_days = -3", "Input should be greater than or equal to 1"),
        ("keep_days = 1.5", "Input should be a valid integer"),
        ('keep_days = "a month"', "Input should be a valid integer"),
        ("keep_days = 2\nfirst_window_hours = 72", "keep_days = 2 must be longer than the first window"),
    ],
)
def test_a_bad_keep_days_is_a_clear_config_error(tmp_path: Path, settings: str, reason: str) -> None:
    path = tmp_path / "digest.toml"
    path.write_text(MINIMAL.format(settings=settings), encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert message.startswith(f"{path}: invalid digest config") and "keep_days" in message
    assert reason in message


def test_keep_days_defaults_to_30(tmp_path: Path) -> None:
    path = tmp_path / "digest.toml"
    path.write_text(MINIMAL.format(settings=""), encoding="utf-8")
    assert load_config(path).digest.keep_days == 30
    path.write_text(MINIMAL.format(settings="keep_days = 2\nfirst_window_hours = 36"), encoding="utf-8")
    assert load_config(path).digest.keep_days == 2


def test_old_dates_in_the_helpers_are_old() -> None:
    # The tests above rely on NOW - 40 days being older than 30 days by the wall clock too.
    assert _ago(40) < datetime.now(UTC).timestamp() - 30 * DAY
    assert NOW - timedelta(days=40) < datetime.now(UTC) - timedelta(days=30)
