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

from briefing.errors import BriefingError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles_seen (
    content_hash TEXT PRIMARY KEY,
    url TEXT,
    title TEXT NOT NULL,
    first_seen REAL NOT NULL
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
"""


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
        except (OSError, sqlite3.Error) as exc:
            raise StateError(f"{path}: cannot open the digest state database ({exc})") from exc

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def see(self, content_hash: str, url: str | None, title: str, now: float) -> float:
        """Record an article as seen (once); returns when it was first seen."""
        self._write(
            "INSERT OR IGNORE INTO articles_seen (content_hash, url, title, first_seen) VALUES (?, ?, ?, ?)",
            (content_hash, url, title, now),
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

    def _write(self, sql: str, values: tuple[object, ...]) -> None:
        try:
            self._db.execute(sql, values)
        except sqlite3.Error as exc:  # SQLITE_FULL ("database or disk is full") among others
            raise StateError(f"{self.path}: cannot write the digest state ({exc})") from exc


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
