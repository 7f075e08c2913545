"""The one wiring: what the pipeline needs to run (the model and the brief cache), opened from the
settings in one place for every entry point: the CLI, `briefing verify`, the service (and its queue
workers) and the digest.

The model is imported and loaded only here (llama.cpp is slow to import and a model slow to load),
and a brief cache that cannot be opened is said on the progress lines and left out: a broken cache
costs time, never the brief.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from briefing.backends.base import Backend
from briefing.config import Settings
from briefing.progress import Progress
from briefing.write.cache import BriefCache, open_cache


@dataclass
class Runtime:
    """The settings, the loaded model and the brief cache (None when off) of one run or service."""

    settings: Settings
    backend: Backend
    cache: BriefCache | None = None

    def close(self) -> None:
        """Close the brief cache; the model is freed with the process."""
        if self.cache is not None:
            self.cache.close()
            self.cache = None

    def __enter__(self) -> Runtime:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


def open_model(settings: Settings, progress: Progress) -> Backend:
    """The backend the settings name, loaded (llama.cpp is imported only now)."""
    from briefing.backends.loader import open_backend

    return open_backend(settings, progress)


def open_brief_cache(settings: Settings, progress: Progress, path: Path | None = None) -> BriefCache | None:
    """The brief cache when the settings want one (at `path`, else its own file), or None when off or
    when it cannot be opened (said on the progress lines: the briefs are then written afresh)."""
    if not settings.cache:
        return None
    try:
        return BriefCache(path) if path is not None else open_cache(settings)
    except (OSError, sqlite3.Error) as exc:
        progress.say(f"brief cache {path or settings.cache_path} not used: {exc}")
        return None


def build(
    settings: Settings,
    progress: Progress,
    *,
    backend: Backend | None = None,
    cache: bool = True,
    cache_path: Path | None = None,
) -> Runtime:
    """Open the model (unless `backend` is given) and, with `cache`, the brief cache."""
    model = backend if backend is not None else open_model(settings, progress)
    briefs = open_brief_cache(settings, progress, cache_path) if cache else None
    return Runtime(settings=settings, backend=model, cache=briefs)
