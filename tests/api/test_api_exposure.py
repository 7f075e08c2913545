"""Safe when exposed: no open bind without keys, nothing internal in what clients see, a broken cache
costs no brief. Served by a real uvicorn (in a thread, or `briefing serve` in its own process)."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from api_helpers import PIPELINE, _wait_ready, body, check_result, free_port, live_server
from click.testing import CliRunner

from briefing.api import create_app
from briefing.api import serve as serve_module
from briefing.api.serve import serve_command
from briefing.api.service_config import ServiceSettings, is_loopback
from briefing.backends.fake import FakeBackend
from briefing.backends.openai_compat import OpenAICompatBackend
from briefing.config import Settings

KEY = "test-key-5f0c"
INTERNAL = "Traceback in /srv/inference/llama_server.py: CUDA out of memory on node gpu-7"


# --- secure by default -------------------------------------------------------------------------


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.0.0.53", True), ("::1", True), ("[::1]", True), ("localhost", True),
    ("0.0.0.0", False), ("::", False), ("10.1.2.3", False), ("briefing.internal", False),
])  # fmt: skip
def test_loopback_addresses(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


@pytest.fixture
def never_serves(monkeypatch: pytest.MonkeyPatch) -> None:
    """Should a refusal fail to happen, the test fails at once rather than serve for ever."""

    def refuse(*_: Any, **__: Any) -> None:
        raise AssertionError("the service would have started")

    monkeypatch.setattr(serve_module, "build_server", refuse)


@pytest.mark.usefixtures("never_serves")
def test_an_open_bind_without_keys_is_refused_in_one_line_naming_the_fix() -> None:
    done = CliRunner().invoke(serve_command, ["--host", "0.0.0.0", "--port", str(free_port())])
    assert done.exit_code == 2
    [line] = done.output.splitlines()
    assert line.startswith("briefing: error: refusing to listen on 0.0.0.0:")
    assert (
        "BRIEFING_SERVICE_API_KEYS" in line
        and "--allow-open" in line
        and "BRIEFING_SERVICE_ALLOW_OPEN" in line
    )


@pytest.mark.usefixtures("never_serves")
def test_allow_open_set_to_false_in_the_environment_still_refuses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_SERVICE_ALLOW_OPEN", "false")
    monkeypatch.setenv("BRIEFING_SERVICE_HOST", "0.0.0.0")
    assert CliRunner().invoke(serve_command, ["--port", str(free_port())]).exit_code == 2


# `briefing serve` itself, in its own process, on the fake backend.
_SERVE = """
import sys
from briefing.api import serve as serve_module
from briefing.api.serve import serve_command
serve_command(sys.argv[1:])
"""


@contextmanager
def _serve(*args: str, **env: str) -> Iterator[tuple[str, Path]]:
    """`briefing serve ARGS` on a free port; yields its loopback URL and its log file."""
    port = free_port()
    environ = {**os.environ, "BRIEFING_BACKEND": "fake", "BRIEFING_CACHE": "false", **env}
    with tempfile.TemporaryDirectory() as folder:
        log_path = Path(folder) / "serve.log"
        with log_path.open("w+b") as log:
            process = subprocess.Popen(
                [sys.executable, "-c", _SERVE, *args, "--port", str(port)],
                env=environ,
                stdout=log,
                stderr=log,
            )
            try:
                yield _wait_ready(f"http://127.0.0.1:{port}", process, log), log_path
            finally:
                process.terminate()
                process.wait(timeout=20)


def test_allow_open_serves_and_warns() -> None:
    with _serve("--host", "0.0.0.0", "--allow-open") as (url, log):
        assert httpx.post(f"{url}/v1/briefs", json=body(), timeout=30).status_code == 200
        assert "without API keys (allow_open is set)" in log.read_text()


def test_an_open_bind_with_a_key_serves_without_a_warning_and_asks_for_the_key() -> None:
    with _serve("--host", "0.0.0.0", BRIEFING_SERVICE_API_KEYS=KEY) as (url, log):
        assert httpx.post(f"{url}/v1/briefs", json=body(), timeout=30).status_code == 401
        answer = httpx.post(
            f"{url}/v1/briefs", json=body(), headers={"Authorization": f"Bearer {KEY}"}, timeout=30
        )
        assert answer.status_code == 200
        assert "without API keys" not in log.read_text()


# --- nothing internal leaks --------------------------------------------------------------------


def test_readyz_after_a_failed_load_says_so_and_the_log_says_why(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    missing = tmp_path / "secret-models" / "nowhere.gguf"
    app = create_app(ServiceSettings(), pipeline=Settings(model=str(missing), models_dir=tmp_path))
    with live_server(app) as (url, _):
        ready = _poll_failed(url)
    assert ready.status_code == 503
    assert ready.json()["reason"] == "model failed to load; the service log says why"
    assert "secret-models" not in ready.text and "Error" not in ready.text
    assert any(str(missing) in r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR)


def _poll_failed(url: str) -> httpx.Response:
    for _ in range(500):
        answer = httpx.get(f"{url}/readyz", timeout=5)
        if answer.json()["status"] == "failed":
            return answer
        threading.Event().wait(0.02)
    raise AssertionError(answer.text)


class _FailingInference(BaseHTTPRequestHandler):
    """An inference server that answers every completion with a 500 full of its internals."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        payload = json.dumps({"error": {"message": INTERNAL, "type": "server_error"}}).encode()
        self.send_response(500)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def _failing_inference() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FailingInference)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()


def test_inference_server_errors_reach_clients_as_a_kind_not_an_address_or_a_reply(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with _failing_inference() as inference:
        backend = OpenAICompatBackend(inference, model="m")
        app = create_app(ServiceSettings(), backend, pipeline=PIPELINE)
        with live_server(app) as (url, _):
            answer = httpx.post(f"{url}/v1/briefs", json=body(), timeout=30)
    assert answer.status_code == 502 and answer.json()["error"] == "model_failed"
    reasons = answer.json()["reasons"]
    assert reasons and all("inference server: chat completion failed (HTTP 500)" in r for r in reasons)
    host_port = inference.removeprefix("http://").removesuffix("/v1")
    assert host_port not in answer.text and "CUDA" not in answer.text and "/srv/" not in answer.text
    assert host_port in caplog.text and INTERNAL in caplog.text  # the operator still learns everything


# --- a broken cache costs no brief -------------------------------------------------------------


def test_a_corrupt_cache_file_is_rebuilt_and_the_brief_comes_back(tmp_path: Path) -> None:
    path = tmp_path / "briefs.sqlite"
    path.write_bytes(b"not a database at all " * 300)
    pipeline = Settings(backend="fake", cache=True, cache_path=path)
    app = create_app(ServiceSettings(), FakeBackend(), pipeline=pipeline)
    with live_server(app) as (url, _):
        first = httpx.post(f"{url}/v1/briefs", json=body(), timeout=30)
        again = httpx.post(f"{url}/v1/briefs", json=body(), timeout=30)
        metrics = httpx.get(f"{url}/metrics", timeout=5).text
    assert first.status_code == again.status_code == 200
    check_result(first.content)
    assert len(list(tmp_path.glob("briefs.sqlite.broken-*"))) == 1
    # The rebuilt file works: the second request's article came from it.
    assert 'briefing_brief_cache_lookups_total{result="hit"} 1.0' in metrics
