"""Nothing the digest keeps grows without end: what is older than `[digest] keep_days` is pruned.

At the end of every run: articles seen, digests in a final state (`sent`, `failed`) with their .eml
files, feed copies, and .eml files in `output_dir` that no digest refers to. Never a digest still
`rendered` or `sending` (the delivery guarantee needs it and its file), never the last digest sent
(the next window starts at its end), and never an article seen since the start of the current
window, however long that window is (it would look new the next time a source gives it).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from briefing.digest.state import State

_DAY = 86400.0


@dataclass(frozen=True)
class Pruned:
    """What one pruning removed."""

    articles: int = 0
    digests: int = 0
    files: int = 0  # .eml files: those of the pruned digests, and older ones no digest refers to
    feeds: int = 0
    failures: tuple[str, ...] = ()  # files that could not be removed, with the reason

    def summary(self, keep_days: int) -> str:
        """One progress line."""
        line = (
            f"pruned what is older than {keep_days} days: {self.articles} articles seen, "
            f"{self.digests} digests, {self.files} .eml files, {self.feeds} feed copies"
        )
        if self.failures:
            line += f"; could not remove {len(self.failures)} files ({self.failures[0]})"
        return line


def prune(state: State, output_dir: Path, keep_days: int, now: datetime, window_start: datetime) -> Pruned:
    """Prune what is older than `keep_days` before `now`; articles seen since `window_start` stay."""
    run_clock = now.timestamp()
    # Digests and files are stamped with the wall clock, articles and feeds with the run's (tests set
    # it): each is held to the earlier of the two, so nothing recent by either is removed.
    before = min(run_clock, time.time()) - keep_days * _DAY
    articles = state.prune_articles(min(run_clock - keep_days * _DAY, window_start.timestamp()))
    feeds = state.prune_feed_copies(run_clock - keep_days * _DAY)
    paths = state.prune_digests(before)
    kept = {_real(p) for p in state.eml_paths()}
    removed, failures = _remove((p for p in paths if _real(p) not in kept), lambda _: True)
    unreferenced = (p for p in _eml_files(output_dir) if _real(p) not in kept)
    more, also_failed = _remove(unreferenced, lambda p: p.lstat().st_mtime < before)
    return Pruned(articles, len(paths), removed + more, feeds, failures + also_failed)


def _eml_files(folder: Path) -> list[Path]:
    """The .eml files directly in `folder` (not in subfolders, not links)."""
    try:
        with os.scandir(folder) as found:
            return [
                Path(e.path) for e in found if e.name.endswith(".eml") and e.is_file(follow_symlinks=False)
            ]
    except FileNotFoundError:
        return []


def _remove(paths: Iterable[Path], old: Callable[[Path], bool]) -> tuple[int, tuple[str, ...]]:
    """Remove each .eml file that is `old`; returns how many went, and why others could not."""
    removed, failures = 0, []
    for path in paths:
        try:
            if path.suffix != ".eml" or not path.is_file() or path.is_symlink() or not old(path):
                continue
            path.unlink()
            removed += 1
        except FileNotFoundError:
            continue
        except OSError as exc:
            failures.append(f"{path}: {exc.strerror or exc}")
    return removed, tuple(failures)


def _real(path: Path) -> str:
    return os.path.realpath(path)
