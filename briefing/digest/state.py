"""The digest's memory in SQLite: articles seen, digests made and sent, and the lock between runs.

A digest is identified by its date and its recipient list. Its row moves rendered -> sending -> sent
(or failed); the rendered message is on disk before the first attempt, so a run that crashed or met
an SMTP outage is finished later by sending that same message (same Message-ID), never a second one.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from email.utils import parseaddr
from pathlib import Path

from briefing.digest.feeds import FeedCopy
from briefing.errors import BriefingError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles_seen (
    content_hash TEXT PRIMARY KEY,
    url TEXT,
    title TEXT NOT NULL,
    first_seen REAL NOT NULL,
    last_seen REAL
);
CREATE TABLE IF NOT EXISTS digests (
    key TEXT PRIMARY KEY,
    date TEXT NOT NULL,
    recipients TEXT NOT NULL,
    message_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('rendered', 'sending', 'sent', 'failed')),
    eml_path TEXT NOT NULL,
    window_start REAL NOT NULL,
    window_end REAL NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    updated REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS feed_copies (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    content_type TEXT NOT NULL,
    charset TEXT,
    body BLOB NOT NULL,
    fetched REAL NOT NULL
);
"""
# Final states: the delivery guarantee no longer needs the row or its file.
_FINAL = "status IN ('sent', 'failed')"
# The last digest sent: where the next window starts, so it is never pruned.
_LAST_SENT = "SELECT key FROM digests WHERE status = 'sent' ORDER BY window_end DESC LIMIT 1"


class StateError(BriefingError):
    """The state database cannot be read or written (disk full, permissions, corruption)."""


class Busy(BriefingError):
    """Another digest run holds the lock for longer than we may wait."""


@dataclass(frozen=True)
class DigestRecord:
    """One digest as the database knows it."""

    key: str
    date: str
    recipients: list[str]
    message_id: str
    status: str
    eml_path: Path
    window_start: float
    window_end: float
    detail: str


def digest_key(date: str, recipients: Sequence[str]) -> str:
    """The identity of a digest: its date and the set of its recipients."""
    # Addresses only: renaming "desk@x" to "News desk <desk@x>" is still the same digest.
    who = ",".join(sorted({parseaddr(r)[1].strip().lower() for r in recipients}))
    return f"{date}/{hashlib.sha256(who.encode()).hexdigest()[:16]}"


class State:
    """The state database; every write is one transaction, so a crash leaves the last good state."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, timeout=30, isolation_level=None)
            self._db.executescript(_SCHEMA)
            _add_last_seen(self._db)
        except (OSError, sqlite3.Error) as exc:
            raise StateError(f"{path}: cannot open the digest state database ({exc})") from exc

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def see(self, content_hash: str, url: str | None, title: str, now: float) -> float:
        """Record an article as seen (first and last time); returns when it was first seen."""
        self._write(
            "INSERT INTO articles_seen (content_hash, url, title, first_seen, last_seen) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (content_hash) DO UPDATE "
            "SET last_seen = MAX(COALESCE(last_seen, first_seen), excluded.last_seen)",
            (content_hash, url, title, now, now),
        )
        row = self._db.execute(
            "SELECT first_seen FROM articles_seen WHERE content_hash = ?", (content_hash,)
        ).fetchone()
        return float(row[0])

    def last_sent_window_end(self) -> float | None:
        """Where the last successful digest's window ended, if there was one."""
        row = self._db.execute("SELECT MAX(window_end) FROM digests WHERE status = 'sent'").fetchone()
        return None if row[0] is None else float(row[0])

    def digest(self, key: str) -> DigestRecord | None:
        """The digest with this key, if one was made."""
        row = self._db.execute(
            "SELECT key, date, recipients, message_id, status, eml_path, window_start, window_end, detail "
            "FROM digests WHERE key = ?",
            (key,),
        ).fetchone()
        if row is None:
            return None
        return DigestRecord(
            row[0], row[1], row[2].split(","), row[3], row[4], Path(row[5]), row[6], row[7], row[8]
        )

    def record(self, record: DigestRecord) -> None:
        """Insert or replace a digest row."""
        self._write(
            "INSERT OR REPLACE INTO digests (key, date, recipients, message_id, status, eml_path, "
            "window_start, window_end, detail, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                record.key, record.date, ",".join(record.recipients), record.message_id, record.status,
                str(record.eml_path), record.window_start, record.window_end, record.detail, time.time(),
            ),
        )  # fmt: skip

    def mark(self, key: str, status: str, detail: str = "") -> None:
        """Move a digest to another status."""
        self._write(
            "UPDATE digests SET status = ?, detail = ?, updated = ? WHERE key = ?",
            (status, detail, time.time(), key),
        )

    def feed_copies(self) -> dict[str, FeedCopy]:
        """The stored copy of each feed URL, to revalidate with a conditional GET."""
        rows = self._db.execute(
            "SELECT url, etag, last_modified, content_type, charset, body FROM feed_copies"
        ).fetchall()
        return {row[0]: FeedCopy(row[0], row[1], row[2], row[3], row[4], bytes(row[5])) for row in rows}

    def store_feed_copies(self, copies: Sequence[FeedCopy], now: float) -> None:
        """Remember each feed's validators and body (its last 200 reply), as of `now`."""
        for c in copies:
            self._write(
                "INSERT OR REPLACE INTO feed_copies (url, etag, last_modified, content_type, charset, body, "
                "fetched) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (c.url, c.etag, c.last_modified, c.content_type, c.charset, c.body, now),
            )

    def prune_articles(self, before: float) -> int:
        """Forget articles last seen before `before`; returns how many."""
        return self._delete("DELETE FROM articles_seen WHERE COALESCE(last_seen, first_seen) < ?", before)

    def prune_feed_copies(self, before: float) -> int:
        """Forget feed copies last fetched or revalidated before `before`; returns how many."""
        return self._delete("DELETE FROM feed_copies WHERE fetched < ?", before)

    def prune_digests(self, before: float) -> list[Path]:
        """Delete digests in a final state last updated before `before`, but never the last one sent
        (the next window starts at its end); returns their .eml paths."""
        where = f"{_FINAL} AND updated < ? AND key NOT IN ({_LAST_SENT})"
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                rows = self._db.execute(f"SELECT eml_path FROM digests WHERE {where}", (before,)).fetchall()
                self._db.execute(f"DELETE FROM digests WHERE {where}", (before,))
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            raise StateError(f"{self.path}: cannot write the digest state ({exc})") from exc
        return [Path(row[0]) for row in rows]

    def eml_paths(self) -> set[Path]:
        """The .eml file of every digest still recorded."""
        return {Path(row[0]) for row in self._db.execute("SELECT eml_path FROM digests")}

    def _delete(self, sql: str, before: float) -> int:
        try:
            return self._db.execute(sql, (before,)).rowcount
        except sqlite3.Error as exc:
            raise StateError(f"{self.path}: cannot write the digest state ({exc})") from exc

    def _write(self, sql: str, values: tuple[object, ...]) -> None:
        try:
            self._db.execute(sql, values)
        except sqlite3.Error as exc:  # SQLITE_FULL ("database or disk is full") among others
            raise StateError(f"{self.path}: cannot write the digest state ({exc})") from exc


def _add_last_seen(db: sqlite3.Connection) -> None:
    """Databases made before last_seen get the column; their rows count as last seen when first seen."""
    if "last_seen" not in {row[1] for row in db.execute("PRAGMA table_info(articles_seen)")}:
        try:
            db.execute("ALTER TABLE articles_seen ADD COLUMN last_seen REAL")
        except sqlite3.OperationalError as exc:  # another process added it first
            if "duplicate column" not in str(exc):
                raise


@contextmanager
def run_lock(state_path: Path, timeout: float) -> Iterator[None]:
    """Hold the one lock of this state database; a second run waits, then sees what the first did."""
    lock_path = state_path.with_name(state_path.name + ".lock")
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise StateError(f"{lock_path}: cannot open the lock file ({exc.strerror})") from exc
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                # flock is released by the kernel when the process dies, so a crash never leaves it held.
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES) or time.monotonic() >= deadline:
                    raise Busy(f"{lock_path}: another digest run holds the lock") from exc
                time.sleep(0.1)
        yield
    finally:
        os.close(fd)
