"""Shared fixtures: settings isolated from the user's environment, the small real model."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.config import TEST_MODEL, Settings

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _no_user_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    # A developer's BRIEFING_* variables must not change what the tests see.
    import os

    for name in list(os.environ):
        if name.startswith("BRIEFING_") and name != "BRIEFING_MODELS_DIR":
            monkeypatch.delenv(name)
    # The brief cache would let one test's briefs answer another's; tests that want it turn it on.
    monkeypatch.setenv("BRIEFING_CACHE", "false")
    # The fake backend answers by copying source sentences, and so does the tiny test model: the
    # plumbing tests lift the copy limit; the tests of the limit (test_copying.py) set it.
    monkeypatch.setenv("BRIEFING_MAX_COPIED_WORDS", "0")


@pytest.fixture(scope="session")
def small_model_path() -> Path:
    """The real SmolLM2-135M GGUF; the suite fails (not skips) without it, as CI must run it."""
    path = Settings().models_dir / f"{TEST_MODEL}.gguf"
    if not path.is_file():
        pytest.fail(f"{path} is missing: run `briefing models pull {TEST_MODEL}` (scripts/test.sh does)")
    return path
