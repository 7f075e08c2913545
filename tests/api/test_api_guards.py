"""Auth, body and input limits, malformed requests: each refused with a JSON error that names why."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from api_helpers import ARTICLE, OTHER, body, live_server, make_app
from fastapi.testclient import TestClient

from briefing.api.service_config import ServiceSettings

KEY = "s3cret-key-do-not-log"


def test_keys_guard_briefs_jobs_and_metrics_but_not_health() -> None:
    with TestClient(make_app(api_keys=f"{KEY},other-key")) as client:
        missing = client.post("/v1/briefs", json=body())
        wrong = client.post("/v1/briefs", json=body(), headers={"Authorization": "Bearer nope"})
        basic = client.post("/v1/briefs", json=body(), headers={"Authorization": f"Basic {KEY}"})
        right = client.post("/v1/briefs", json=body(), headers={"Authorization": f"Bearer {KEY}"})
        job = client.get("/v1/jobs/abc")
        metrics = client.get("/metrics")
        metrics_ok = client.get("/metrics", headers={"Authorization": "Bearer other-key"})
        health, ready = client.get("/healthz"), client.get("/readyz")
    for refused in (missing, wrong, basic, job, metrics):
        assert refused.status_code == 401
        assert refused.json()["error"] == "unauthorized"
        assert refused.headers["www-authenticate"].startswith("Bearer")
        assert KEY not in refused.text
    assert right.status_code == 200 and metrics_ok.status_code == 200
    assert health.status_code == 200 and ready.status_code == 200


def test_keys_file_and_public_metrics(tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    keys.write_text("# the newsroom tools\nfile-key\n\n", encoding="utf-8")
    with TestClient(make_app(api_keys_file=keys, metrics_public=True)) as client:
        assert client.post("/v1/briefs", json=body()).status_code == 401
        ok = client.post("/v1/briefs", json=body(), headers={"Authorization": "Bearer file-key"})
        assert ok.status_code == 200
        assert client.get("/metrics").status_code == 200


def test_the_key_never_reaches_the_logs_or_the_settings_repr(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    app = make_app(api_keys=KEY)
    with live_server(app) as (url, _), httpx.Client(base_url=url) as client:
        client.post("/v1/briefs", json=body(), headers={"Authorization": f"Bearer {KEY}"})
        client.post("/v1/briefs", json={"bad": 1}, headers={"Authorization": f"Bearer {KEY}"})
        client.post("/v1/briefs", json=body(), headers={"Authorization": f"Bearer {KEY}x"})
    assert caplog.records, "the server logged nothing at all; the check would be empty"
    assert KEY not in caplog.text
    assert KEY not in repr(app.state.runtime.service) and KEY not in str(app.state.runtime.service)


@pytest.fixture
def small_limits() -> Iterator[TestClient]:
    app = make_app(max_body_bytes=2048, max_articles=2, max_article_chars=300)
    with TestClient(app) as client:
        yield client


def test_body_limit_with_content_length_and_chunked() -> None:
    limit = 4096
    app = make_app(max_body_bytes=limit)
    payload = b"x" * (limit + 1)

    def chunks() -> Iterator[bytes]:
        for start in range(0, len(payload), 1000):
            yield payload[start : start + 1000]

    with live_server(app) as (url, _), httpx.Client(base_url=url) as client:
        declared = client.post("/v1/briefs", content=payload, headers={"content-type": "application/json"})
        chunked = client.post("/v1/briefs", content=chunks(), headers={"content-type": "application/json"})
        at_limit = client.post(
            "/v1/briefs", content=b" " * limit, headers={"content-type": "application/json"}
        )
        assert client.get("/readyz").status_code == 200
    for refused in (declared, chunked):
        assert refused.status_code == 413
        assert refused.json()["limit"] == "max_body_bytes" and refused.json()["value"] == limit
    assert at_limit.status_code == 422  # within the limit: read, and refused only as bad JSON


def test_chunked_multipart_over_the_limit_is_413(small_limits: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b"--b\r\nContent-Disposition: form-data; name=files; filename=a.txt\r\n\r\n"
        for _ in range(10):
            yield b"y" * 500

    response = small_limits.post(
        "/v1/briefs", content=chunks(), headers={"content-type": "multipart/form-data; boundary=b"}
    )
    assert response.status_code == 413


def test_too_many_and_too_long_articles_name_the_limit(small_limits: TestClient) -> None:
    many = small_limits.post("/v1/briefs", json=body(ARTICLE, OTHER, ARTICLE))
    long = small_limits.post("/v1/briefs", json=body({**OTHER, "text": "word " * 100}))
    files = [("files", (f"{n}.txt", b"Title\n\nSome body text.", "text/plain")) for n in range(3)]
    many_files = small_limits.post("/v1/briefs", files=files)
    assert many.status_code == 413 and many.json()["limit"] == "max_articles" and many.json()["value"] == 2
    assert long.status_code == 413 and long.json()["limit"] == "max_article_chars"
    assert long.json()["field"] == "articles[0].text" and long.json()["value"] == 300
    assert many_files.status_code == 413 and many_files.json()["limit"] == "max_articles"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        (b"{not json", "body"),
        (b"", "body"),
        (b"[1, 2]", "body"),
        (b'{"articles": [{"title": "T", "text": "B", "colour": "red"}]}', "articles[0].colour"),
        (b'{"articles": [{"title": 3, "text": "B"}]}', "articles[0].title"),
        (b'{"articles": [{"text": "B"}]}', "articles[0].title"),
        (b'{"articles": []}', "articles"),
        (b'{"articles": [{"title": "T", "text": "B"}], "format": "pdf"}', "format"),
        (b'{"articles": [{"title": "T", "text": "B"}], "per_article_only": "yes"}', "per_article_only"),
        (b'{"articles": [{"title": "T", "text": "B"}], "extra": null}', "extra"),
        (b"[" * 10_000 + b"]" * 10_000, "body"),
    ],
)
def test_malformed_requests_are_422_naming_the_field(payload: bytes, field: str) -> None:
    with TestClient(make_app()) as client:
        response = client.post("/v1/briefs", content=payload, headers={"content-type": "application/json"})
    assert response.status_code == 422, response.text
    error = response.json()
    assert error["error"] == "invalid_request" and error["field"] == field
    assert "colour" not in error["detail"] or field.endswith("colour")


def test_invalid_query_flag_is_422() -> None:
    with TestClient(make_app()) as client:
        response = client.post("/v1/briefs?async=maybe", json=body())
    assert response.status_code == 422 and response.json()["field"] == "async"


def test_cors_allows_only_the_configured_origins() -> None:
    with TestClient(make_app(cors_origins="https://desk.example")) as client:
        allowed = client.options(
            "/v1/briefs",
            headers={"Origin": "https://desk.example", "Access-Control-Request-Method": "POST"},
        )
        other = client.get("/healthz", headers={"Origin": "https://evil.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://desk.example"
    assert "access-control-allow-origin" not in other.headers


def test_keys_from_the_environment_are_split_on_commas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_SERVICE_API_KEYS", " a , b,")
    monkeypatch.setenv("BRIEFING_SERVICE_CORS_ORIGINS", "https://x.example")
    settings = ServiceSettings()
    assert settings.keys() == ["a", "b"]
    assert settings.cors_origins == ["https://x.example"]
