"""`briefing digest run` as a scheduler runs it: a process that can be killed, or started twice at once."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from http_server import LocalHTTPServer
from newsroom import config_toml, serve_newsroom
from smtp_server import FaultyHandler, LocalSMTPServer

from briefing.digest.state import State

CLI = [sys.executable, "-m", "briefing.cli", "digest", "run", "--config"]


class SlowHandler(FaultyHandler):
    """Holds every MAIL FROM for `delay` seconds: a process can be killed while it is sending."""

    def __init__(self, delay: float) -> None:
        super().__init__()
        self.delay = delay

    async def handle_MAIL(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        await asyncio.sleep(self.delay)
        return await super().handle_MAIL(server, session, envelope, address, options)


@pytest.fixture
def newsroom() -> Iterator[LocalHTTPServer]:
    with LocalHTTPServer() as server:
        # These runs use the real clock: the feeds are dated relative to it.
        serve_newsroom(server, now=datetime.now(UTC), slow_seconds=2)
        yield server


def _config(tmp_path: Path, newsroom: LocalHTTPServer, smtp_port: int) -> Path:
    path = tmp_path / "digest.toml"
    path.write_text(config_toml(newsroom, str(tmp_path), smtp_port, fetch_timeout=0.5), encoding="utf-8")
    return path


def _start(config: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "BRIEFING_CACHE": "false"}
    return subprocess.Popen(
        [*CLI, str(config)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )


def _kill_when(process: subprocess.Popen[str], line: str, timeout: float = 60) -> str:
    """Read stderr until `line` shows up, then SIGKILL the process (no cleanup runs)."""
    assert process.stderr is not None
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = process.stderr.readline()
        seen.append(text)
        if line in text or not text:
            break
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    assert any(line in s for s in seen), "".join(seen)
    return "".join(seen)


@pytest.mark.parametrize("kill_at", ["briefing story 1/", "sending digest-"])
def test_killed_between_briefing_and_sending_then_rerun_sends_exactly_one_mail(
    tmp_path: Path, newsroom: LocalHTTPServer, kill_at: str
) -> None:
    hanging = LocalSMTPServer()
    hanging.handler = SlowHandler(delay=30)  # holds the message at MAIL FROM: nothing is delivered
    with hanging:
        _kill_when(_start(_config(tmp_path, newsroom, hanging.port)), kill_at)
        assert hanging.received == []
    with LocalSMTPServer() as smtp:
        config = _config(tmp_path, newsroom, smtp.port)
        rerun = subprocess.run([*CLI, str(config)], capture_output=True, text=True, timeout=120)
        if kill_at.startswith("sending"):
            # Killed mid-send, it may have gone out: at most once (the default) sends nothing more...
            assert rerun.returncode == 5, rerun.stderr
            assert "may have gone out" in rerun.stderr and smtp.received == []
            # ...until asked to.
            rerun = subprocess.run(
                [*CLI, str(config), "--force"], capture_output=True, text=True, timeout=120
            )
        again = subprocess.run([*CLI, str(config)], capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    assert again.returncode == 3, again.stderr
    assert len(smtp.received) == 1


def test_two_runs_started_together_send_one_mail(tmp_path: Path, newsroom: LocalHTTPServer) -> None:
    smtp = LocalSMTPServer()
    smtp.handler = SlowHandler(delay=0.5)
    with smtp:
        config = _config(tmp_path, newsroom, smtp.port)
        first, second = _start(config), _start(config)
        codes = sorted([first.wait(timeout=120), second.wait(timeout=120)])
    assert codes == [0, 3], (
        first.stderr.read() if first.stderr else "",
        second.stderr.read() if second.stderr else "",
    )
    assert len(smtp.received) == 1
    assert State(tmp_path / "state.sqlite").last_sent_window_end() is not None
