"""The model behind the API: readiness while it loads or after it failed, failures mid-call, the real one."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from api_helpers import ARTICLE, OTHER, PIPELINE, body, check_result, make_app
from fastapi.testclient import TestClient
from model_asserts import EASY_ARTICLE, assert_checked_brief

from briefing.api import app as app_module
from briefing.api import create_app
from briefing.api.service_config import ServiceSettings
from briefing.backends.base import Backend
from briefing.backends.fake import FakeBackend
from briefing.backends.llama_cpp import LlamaCppBackend
from briefing.config import Settings
from briefing.errors import GenerationError


def _wait_for(client: TestClient, state: str, timeout: float = 10) -> dict[str, Any]:
    """Poll /readyz until it reports `state`; its body then."""
    deadline = time.monotonic() + timeout
    while True:
        response = client.get("/readyz")
        data: dict[str, Any] = response.json()
        if data["status"] == state or time.monotonic() > deadline:
            assert data["status"] == state, data
            assert response.status_code == (200 if state == "ready" else 503)
            return data
        time.sleep(0.02)


def test_a_missing_model_leaves_the_process_alive_and_logs_why(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    missing = tmp_path / "nowhere.gguf"
    app = create_app(ServiceSettings(), pipeline=Settings(model=str(missing), models_dir=tmp_path))
    with TestClient(app) as client:
        ready = _wait_for(client, "failed")
        # Unauthenticated /readyz names no path: the log does.
        assert ready["reason"].startswith("model failed to load") and str(tmp_path) not in str(ready)
        assert str(missing) in caplog.text
        assert client.get("/healthz").status_code == 200
        brief = client.post("/v1/briefs", json=body())
        assert brief.status_code == 503 and brief.json()["error"] == "model_unavailable"
        assert brief.json()["detail"].startswith("model failed to load") and str(tmp_path) not in brief.text


def test_a_corrupt_model_file_is_a_clean_503(tmp_path: Path) -> None:
    corrupt = tmp_path / "junk.gguf"
    corrupt.write_bytes(b"GGUF" + b"\x00" * 64)
    app = create_app(ServiceSettings(), pipeline=Settings(model=str(corrupt), models_dir=tmp_path))
    with TestClient(app) as client:
        ready = _wait_for(client, "failed", timeout=60)
        assert ready["status"] == "failed"
        assert client.get("/healthz").status_code == 200


def test_while_the_model_loads_health_answers_and_briefs_wait_for_readiness(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    release = threading.Event()

    def slow_load(_: Settings) -> Backend:
        release.wait(10)
        return FakeBackend(name="slow-fake")

    monkeypatch.setattr(app_module, "_load", slow_load)
    app = create_app(ServiceSettings(), pipeline=PIPELINE)
    with TestClient(app) as client:
        started = time.monotonic()
        assert client.get("/healthz").status_code == 200
        assert time.monotonic() - started < 0.5
        loading = client.get("/readyz")
        assert loading.status_code == 503 and loading.json()["status"] == "loading"
        early = client.post("/v1/briefs", json=body())
        assert early.status_code == 503 and early.json()["error"] == "model_loading"
        assert int(early.headers["retry-after"]) > 0
        release.set()
        assert _wait_for(client, "ready")["model"] == "slow-fake"
        assert client.post("/v1/briefs", json=body()).status_code == 200
        assert "briefing_model_load_seconds" in client.get("/metrics").text


def test_ten_failures_mid_call_are_ten_clean_errors_and_the_eleventh_is_served() -> None:
    failures: list[str | Exception] = [RuntimeError("CUDA error"), GenerationError("context overflow")] * 5
    backend = FakeBackend(replies=list(failures))
    with TestClient(make_app(backend)) as client:
        answers = [client.post("/v1/briefs", json=body()) for _ in range(10)]
        after = client.post("/v1/briefs", json=body(ARTICLE, OTHER))
        ready = client.get("/readyz")
    for answer in answers:
        assert answer.status_code == 502
        error = answer.json()
        assert error["error"] == "model_failed" and error["reasons"]
        assert "Traceback" not in answer.text
    assert "CUDA" not in answers[0].text  # the exception's type is reported, its text stays in the log
    assert after.status_code == 200
    check_result(after.content)
    assert ready.status_code == 200


@pytest.mark.model
def test_the_small_real_model_through_the_api(small_model_path: Path) -> None:
    # An input the 135M model can brief (see model_asserts.py); no judge: it would be the 135M model.
    settings = Settings(n_ctx=2048, max_tokens_brief=256, n_threads=2, entailment=False)
    backend = LlamaCppBackend(
        small_model_path, name="smollm2", sha256=None, n_ctx=settings.n_ctx, n_threads=2,
        n_batch=settings.n_batch, n_gpu_layers=0, seed=settings.seed, temperature=settings.temperature,
    )  # fmt: skip
    app = create_app(ServiceSettings(request_timeout_s=120), backend, pipeline=settings)
    with TestClient(app) as client:
        response = client.post("/v1/briefs", json=body(EASY_ARTICLE, per_article_only=True))
    assert response.status_code == 200, response.text  # 502: the model wrote no brief, a failure here
    result = check_result(response.content)
    assert result.skipped == [] and result.provenance.model == "smollm2"
    assert_checked_brief(result)
