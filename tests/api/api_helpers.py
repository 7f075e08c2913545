"""Shared pieces of the API tests: articles, an app on the fake backend, a real uvicorn in a thread.

Named `api_helpers` (not `conftest`) so `from conftest import REPO` keeps meaning tests/conftest.py.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

import httpx
from fastapi import FastAPI

from briefing.api import create_app
from briefing.api.serve import Server, build_server
from briefing.api.service_config import ServiceSettings
from briefing.backends.fake import FakeBackend
from briefing.config import Settings
from briefing.schema import Result
from briefing.schema.result_file import load_result

ARTICLE: dict[str, Any] = {
    "title": "Council approves transit budget",
    "text": "The city council approved a $4m transit budget on Monday. The vote was 7 to 2.\n\n"
    "Bus fares will stay flat next year, the mayor said.",
    "source": "Daily Ledger",
    "url": "https://example.com/transit",
    "published": "2024-05-06",
}
OTHER: dict[str, Any] = {
    "title": "Mayor hails compromise budget",
    "text": "The mayor called the budget a fair compromise on Tuesday.\n\n"
    "Critics said the council ignored cyclists and walkers.",
    "source": "Evening Post",
}
# Built before conftest's fixture turns the cache off and lifts the copy limit (the fake copies).
PIPELINE = Settings(backend="fake", cache=False, max_copied_words=0)


def make_app(backend: FakeBackend | None = None, **service: Any) -> FastAPI:
    """An app on the fake backend (no model load), with service settings overridden by `service`."""
    return create_app(ServiceSettings(**service), backend or FakeBackend(), pipeline=PIPELINE)


def body(*articles: dict[str, Any], **options: Any) -> dict[str, Any]:
    """A JSON request body for `POST /v1/briefs`."""
    return {"articles": list(articles or [ARTICLE]), **options}


def check_result(data: str | bytes) -> Result:
    """Parse a JSON answer as a `Result` (citations checked) with at least one cited sentence."""
    result = load_result(data)
    assert result.article_briefs, result.skipped
    for brief in result.article_briefs:
        assert brief.sentences and all(s.citations for s in brief.sentences)
    return result


@contextmanager
def live_server(app: FastAPI, drain_s: float = 5.0) -> Iterator[tuple[str, Server]]:
    """`app` under a real uvicorn on 127.0.0.1 in a thread; yields its base URL and the server."""
    # IPPROTO_TCP named outright: asyncio sets TCP_NODELAY only on sockets whose proto says TCP,
    # and without it Nagle's algorithm adds ~40 ms to every response.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    service = app.state.runtime.service.model_copy(update={"drain_s": drain_s})
    # No log config: uvicorn's would stop records reaching pytest's caplog.
    server = build_server(app, service, configure_logging=False)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}", server
    finally:
        server.should_exit = True
        thread.join(timeout=drain_s + 5)
        sock.close()


# `briefing serve` as deployed (its own process, its own GIL), on a fake model that takes `delay`.
_SERVE = """
import sys
from briefing.api.serve import serve
from briefing.backends.fake import FakeBackend
serve("127.0.0.1", int(sys.argv[1]), backend=FakeBackend(delay=float(sys.argv[2])))
"""


def free_port() -> int:
    """A port nobody listens on now (the OS may hand it out again, but rarely at once)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def served_process(delay: float, **env: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`serve()` in a child process on the fake backend; yields its base URL and the process."""
    port = free_port()
    environ = {**os.environ, "BRIEFING_BACKEND": "fake", **env}
    # A file, not a pipe: a full pipe would block the service mid-test.
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [sys.executable, "-c", _SERVE, str(port), str(delay)], env=environ, stdout=log, stderr=log
        )
        try:
            yield _wait_ready(f"http://127.0.0.1:{port}", process, log), process
        finally:
            if process.poll() is None:
                process.kill()
            process.wait()


def _wait_ready(url: str, process: subprocess.Popen[bytes], log: IO[bytes]) -> str:
    deadline = time.monotonic() + 30
    while True:
        if process.poll() is not None:
            log.seek(0)
            raise AssertionError(log.read().decode(errors="replace")[-2000:])
        assert time.monotonic() < deadline, "the service did not come up"
        try:
            if httpx.get(f"{url}/readyz", timeout=1).status_code == 200:
                return url
        except httpx.TransportError:
            pass
        time.sleep(0.1)
