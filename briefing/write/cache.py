"""A per-article brief cache in SQLite, so the same text is never briefed twice by the same model.

The key is everything that decides what a brief says: the model (name and sha256), the prompt
versions, the recorded settings, and what the prompt shows of the article (title, outlet, date and
the text of each passage, in order). Passage ids differ from one run to the next (they derive from
the batch), so a cached brief stores its passages by position and is re-pointed at today's ids.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import sqlite3
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from briefing.config import Settings
from briefing.schema import Article, Brief, Citation, Passage

log = logging.getLogger("briefing.write.cache")
T = TypeVar("T")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS article_briefs (
    key TEXT PRIMARY KEY,
    brief TEXT NOT NULL,
    passage_ids TEXT NOT NULL,
    created REAL NOT NULL
)
"""
_BY_AGE = "CREATE INDEX IF NOT EXISTS article_briefs_created ON article_briefs (created)"
# Files moved aside after a failure are kept for a look, but only the latest few.
KEEP_MOVED_ASIDE = 3


class CacheLimits(BaseSettings):
    """How big and how old the brief cache may grow; BRIEFING_CACHE_MAX_BYTES and friends."""

    model_config = SettingsConfigDict(env_prefix="BRIEFING_CACHE_", extra="ignore")

    max_bytes: int = Field(
        default=256 * 1024 * 1024, ge=0, description="Stored briefs kept at most, in bytes; oldest go first."
    )
    max_age_days: float = Field(default=30.0, gt=0, description="Briefs older than this are dropped.")
    prune_every: int = Field(default=100, ge=1, description="Prune after this many new briefs (and on open).")
    busy_timeout_s: float = Field(
        default=10.0, gt=0, description="How long to wait for another process's lock on the file."
    )


def brief_key(
    article: Article,
    passages: Sequence[Passage],
    provenance: Mapping[str, Any],
    shared: Mapping[str, int] | None = None,
) -> str:
    """The cache key of one article's brief: what the model sees, and what it is seen with (the
    passages other outlets share are marked in the prompt, so the marks are part of the key)."""
    material: dict[str, Any] = {
        "provenance": provenance,
        "title": article.title,
        "source": article.source,
        "published": article.published,
        "passages": [p.text for p in passages],
    }
    marks = [(shared or {}).get(p.id, 0) for p in passages]
    if any(marks):
        material["shared"] = marks
    return hashlib.sha256(json.dumps(material, sort_keys=True).encode()).hexdigest()


class BriefCache:
    """Article briefs by key, in a SQLite file that several processes may share.

    A cache must never cost a brief: a file that is corrupt or stays locked is logged and, when the
    file is the cache's own (`recover`), moved aside with a timestamp and rebuilt empty; when it is
    shared with other data (the digest's state), the cache turns itself off for this run instead.
    """

    def __init__(self, path: Path, limits: CacheLimits | None = None, *, recover: bool = False) -> None:
        self.path = path
        self.limits = limits or CacheLimits()
        self.recover = recover
        self.hits = 0
        self.misses = 0
        self._puts = 0
        self._db: sqlite3.Connection | None = None
        path.parent.mkdir(parents=True, exist_ok=True)
        self._guarded("opening", self._open)

    @property
    def enabled(self) -> bool:
        """False once the file failed and could not be rebuilt: every get misses, every put is dropped."""
        return self._db is not None

    def get(self, key: str, passage_ids: Sequence[str], passages: Mapping[str, Passage]) -> Brief | None:
        """The cached brief re-pointed at today's passage ids, or None."""
        row = self._guarded("reading", lambda: self._row(key))
        if row is None:
            self.misses += 1
            return None
        try:
            old_ids = json.loads(row[1])
            if len(old_ids) != len(passage_ids):  # cannot happen for one key; never trust a stale row
                raise ValueError("another number of passages")
            stored = Brief.model_validate_json(row[0], context={"passages": _placeholders(row[0])})
            brief = _repoint(stored, dict(zip(old_ids, passage_ids, strict=True)), passages)
        except (ValueError, KeyError, TypeError, ValidationError) as exc:
            # A row written by another version, or damaged: brief the article again, overwrite it.
            log.warning("brief cache %s: unreadable entry %s dropped (%s)", self.path, key[:12], exc)
            self.misses += 1
            return None
        self.hits += 1
        return brief

    def put(self, key: str, brief: Brief, passage_ids: Sequence[str]) -> None:
        """Remember a freshly written brief; prune every `prune_every` puts."""
        row = (key, brief.model_dump_json(), json.dumps(list(passage_ids)), time.time())
        self._guarded("writing", lambda: self._insert(row))
        self._puts += 1
        if self._puts % self.limits.prune_every == 0:
            self._guarded("pruning", self.prune)

    def prune(self) -> int:
        """Drop briefs past `max_age_days`, then the oldest until the rest fit `max_bytes`; how many."""
        db = self._db
        if db is None:
            return 0
        cutoff = time.time() - self.limits.max_age_days * 86400
        dropped = db.execute("DELETE FROM article_briefs WHERE created < ?", (cutoff,)).rowcount
        first_over = self._newest_over_the_size(db)
        if first_over is not None:
            dropped += db.execute("DELETE FROM article_briefs WHERE created <= ?", (first_over,)).rowcount
        if dropped:
            # Hands freed pages back to the disk where the file allows it (one this class created).
            db.execute("PRAGMA incremental_vacuum").fetchall()  # it frees pages as it is stepped
            log.info("brief cache %s: pruned %d briefs", self.path, dropped)
        return dropped

    def stored_bytes(self) -> int:
        """Bytes of briefs stored (what `max_bytes` limits); the file is somewhat larger."""
        if self._db is None:
            return 0
        row = self._db.execute(f"SELECT coalesce(sum({_ROW_BYTES}), 0) FROM article_briefs").fetchone()
        return int(row[0])

    def close(self) -> None:
        """Close the database."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def _open(self) -> None:
        db = sqlite3.connect(
            self.path, timeout=self.limits.busy_timeout_s, isolation_level=None, check_same_thread=False
        )  # not tied to the opening thread: the service opens it at startup, uses it on the model thread
        try:
            # Set before the first table exists, so pruning can return pages; a no-op on older files.
            db.execute("PRAGMA auto_vacuum=INCREMENTAL")
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(_SCHEMA)
            db.execute(_BY_AGE)
            db.execute("SELECT key FROM article_briefs LIMIT 1").fetchall()  # a damaged file fails here
        except BaseException:
            db.close()
            raise
        self._db = db
        self.prune()

    def _row(self, key: str) -> tuple[str, str] | None:
        if self._db is None:
            return None
        cutoff = time.time() - self.limits.max_age_days * 86400
        row = self._db.execute(
            "SELECT brief, passage_ids FROM article_briefs WHERE key = ? AND created >= ?", (key, cutoff)
        ).fetchone()
        return None if row is None else (str(row[0]), str(row[1]))

    def _insert(self, row: tuple[str, str, str, float]) -> None:
        if self._db is not None:
            self._db.execute(_INSERT, row)

    def _newest_over_the_size(self, db: sqlite3.Connection) -> float | None:
        """Counting from the newest brief, the `created` of the first that no longer fits `max_bytes`:
        it and every older one go. None when all fit."""
        total = 0
        rows = db.execute(
            f"SELECT created, {_ROW_BYTES} FROM article_briefs ORDER BY created DESC"
        ).fetchall()
        for created, size in rows:
            total += int(size)
            if total > self.limits.max_bytes:
                return float(created)
        return None

    def _guarded(self, doing: str, step: Callable[[], T]) -> T | None:
        """Run `step`; a failing file is logged and moved aside and rebuilt (or the cache turned off)."""
        try:
            return step()
        except sqlite3.Error as exc:
            log.warning("brief cache %s: %s failed: %s", self.path, doing, exc)
            if _locked(exc) and self._db is not None:
                return None  # busy for a moment while in use: skip this read or write, keep the file
            # Corrupt, or locked for longer than the busy timeout before it could even be opened.
            broken = _corrupt(exc) or _locked(exc)
        self.close()
        if broken and self.recover:
            self._rebuild()
        else:  # a shared file (the digest's state), or a disk problem a new file would not solve
            log.warning("brief cache %s: turned off for this run; the file is left as it is", self.path)
        return None

    def _rebuild(self) -> None:
        try:
            moved = _move_aside(self.path)
            log.warning("brief cache %s: moved aside to %s; starting an empty cache", self.path, moved)
            self._open()
        except (sqlite3.Error, OSError) as exc:
            log.warning("brief cache %s: cannot be rebuilt (%s); running without it", self.path, exc)
            self.close()


_INSERT = "INSERT OR REPLACE INTO article_briefs (key, brief, passage_ids, created) VALUES (?, ?, ?, ?)"
# What one stored brief counts towards max_bytes: its text columns (SQLite's own overhead aside).
_ROW_BYTES = "length(CAST(brief AS BLOB)) + length(CAST(passage_ids AS BLOB)) + length(key)"


def _corrupt(exc: sqlite3.Error) -> bool:
    # "file is not a database", "database disk image is malformed"; an OperationalError is about the
    # file's surroundings (locked, disk full, no permission), not its content.
    return isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError)


def _locked(exc: sqlite3.Error) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc))


def _move_aside(path: Path) -> Path:
    """Rename the file (and its WAL companions) with a timestamp suffix; keep the latest few so moved."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    target = path.with_name(f"{path.name}.broken-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        source = path.with_name(path.name + suffix)
        with contextlib.suppress(FileNotFoundError):
            source.rename(target.with_name(target.name + suffix))
    earlier = sorted(path.parent.glob(f"{path.name}.broken-*"), reverse=True)
    main_files = [p for p in earlier if not p.name.endswith(("-wal", "-shm"))]
    for old in main_files[KEEP_MOVED_ASIDE:]:
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                old.with_name(old.name + suffix).unlink()
    return target


def open_cache(settings: Settings, limits: CacheLimits | None = None) -> BriefCache | None:
    """The brief cache the settings ask for (its own file: recovered if broken), or None when off."""
    if not settings.cache:
        return None
    return BriefCache(settings.cache_path.expanduser(), limits, recover=True)


def _placeholders(brief_json: str) -> dict[str, Passage]:
    """Passages rebuilt from the stored citations, so the stored brief validates as it was written."""
    data = json.loads(brief_json)
    found: dict[str, Passage] = {}
    for sentence in data["sentences"]:
        for c in sentence["citations"]:
            found[c["passage_id"]] = Passage(
                id=c["passage_id"], article_id=c["article_id"], start=c["start"], end=c["end"],
                text=c["quote"], tokens=0,
            )  # fmt: skip
    return found


def _repoint(brief: Brief, new_id: Mapping[str, str], passages: Mapping[str, Passage]) -> Brief:
    """The same brief citing today's passages (same texts, new ids and offsets)."""
    sentences = [
        s.model_copy(
            update={"citations": [Citation.of(passages[new_id[c.passage_id]], passages) for c in s.citations]}
        )
        for s in brief.sentences
    ]
    article_ids = list(dict.fromkeys(passages[i].article_id for i in new_id.values()))
    return brief.model_copy(update={"sentences": sentences, "article_ids": article_ids})
