"""A per-article brief cache in SQLite, so the same text is never briefed twice by the same model.

The key is everything that decides what a brief says: the model (name and sha256), the prompt
versions, the recorded settings, and what the prompt shows of the article (title, outlet, date and
the text of each passage, in order). Passage ids differ from one run to the next (they derive from
the batch), so a cached brief stores its passages by position and is re-pointed at today's ids.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from briefing.config import Settings
from briefing.schema import Article, Brief, Citation, Passage

_SCHEMA = """
CREATE TABLE IF NOT EXISTS article_briefs (
    key TEXT PRIMARY KEY,
    brief TEXT NOT NULL,
    passage_ids TEXT NOT NULL,
    created REAL NOT NULL
)
"""


def brief_key(article: Article, passages: Sequence[Passage], provenance: Mapping[str, Any]) -> str:
    """The cache key of one article's brief: what the model sees, and what it is seen with."""
    material = {
        "provenance": provenance,
        "title": article.title,
        "source": article.source,
        "published": article.published,
        "passages": [p.text for p in passages],
    }
    return hashlib.sha256(json.dumps(material, sort_keys=True).encode()).hexdigest()


class BriefCache:
    """Article briefs by key, in a SQLite file that several processes may share."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        # A busy timeout: a digest job, a CLI run and the service may share the file. Not tied to the
        # opening thread: the service opens it at startup and uses it on its one model thread.
        self._db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(_SCHEMA)
        self.hits = 0
        self.misses = 0

    def get(self, key: str, passage_ids: Sequence[str], passages: Mapping[str, Passage]) -> Brief | None:
        """The cached brief re-pointed at today's passage ids, or None."""
        row = self._db.execute(
            "SELECT brief, passage_ids FROM article_briefs WHERE key = ?", (key,)
        ).fetchone()
        if row is None:
            self.misses += 1
            return None
        old_ids = json.loads(row[1])
        if len(old_ids) != len(passage_ids):  # cannot happen for one key; never trust a stale row
            self.misses += 1
            return None
        stored = Brief.model_validate_json(row[0], context={"passages": _placeholders(row[0])})
        brief = _repoint(stored, dict(zip(old_ids, passage_ids, strict=True)), passages)
        self.hits += 1
        return brief

    def put(self, key: str, brief: Brief, passage_ids: Sequence[str]) -> None:
        """Remember a freshly written brief."""
        self._db.execute(
            "INSERT OR REPLACE INTO article_briefs (key, brief, passage_ids, created) VALUES (?, ?, ?, ?)",
            (key, brief.model_dump_json(), json.dumps(list(passage_ids)), time.time()),
        )

    def close(self) -> None:
        """Close the database."""
        self._db.close()


def open_cache(settings: Settings) -> BriefCache | None:
    """The brief cache the settings ask for, or None when caching is off."""
    return BriefCache(settings.cache_path.expanduser()) if settings.cache else None


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
