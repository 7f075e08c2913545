"""Jobs: 202 and a Location, polled to done; cancelled while queued or running; forgotten on expiry."""

from __future__ import annotations

import json
import time
from typing import Any

from api_helpers import ARTICLE, OTHER, body, check_result, make_app
from fastapi.testclient import TestClient

from briefing.backends.fake import FakeBackend


def _poll(client: TestClient, location: str, until: set[str], timeout: float = 10) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        job: dict[str, Any] = client.get(location).json()
        if job["status"] in until:
            return job
        assert time.monotonic() < deadline, job
        time.sleep(0.02)


def _without_timings(result: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in result.items() if k != "usage"}


def test_a_job_is_accepted_polled_and_gives_the_same_result_as_a_sync_request() -> None:
    with TestClient(make_app(FakeBackend(delay=0.05))) as client:
        accepted = client.post("/v1/briefs", json=body(ARTICLE, OTHER), headers={"Prefer": "respond-async"})
        assert accepted.status_code == 202
        assert accepted.headers["preference-applied"] == "respond-async"
        location = accepted.headers["location"]
        assert location == f"/v1/jobs/{accepted.json()['id']}"
        assert accepted.json()["status"] in ("queued", "running")
        job = _poll(client, location, {"done", "failed"})
        fetched = client.get(f"{location}/result")
        sync = client.post("/v1/briefs", json=body(ARTICLE, OTHER))
    assert job["status"] == "done", job
    assert job["progress"]["stages_done"][:5] == ["clean", "dedupe", "focus", "chunk", "article briefs"]
    assert job["finished_at"] and job["expires_at"] and job["result_url"] == f"{location}/result"
    check_result(json.dumps(job["result"]))
    check_result(fetched.content)
    assert _without_timings(job["result"]) == _without_timings(sync.json())
    assert _without_timings(fetched.json()) == _without_timings(sync.json())


def test_a_markdown_job_serves_its_result_as_markdown() -> None:
    with TestClient(make_app()) as client:
        accepted = client.post("/v1/briefs?async=true", json=body(format="md"))
        location = accepted.headers["location"]
        _poll(client, location, {"done"})
        result = client.get(f"{location}/result")
    assert result.status_code == 200 and result.headers["content-type"].startswith("text/markdown")
    assert "transit budget" in result.text


def test_cancelling_a_queued_job_means_its_work_never_runs() -> None:
    backend = FakeBackend(delay=0.5)
    with TestClient(make_app(backend)) as client:
        first = client.post("/v1/briefs?async=true", json=body()).headers["location"]
        queued = client.post("/v1/briefs?async=true", json=body(OTHER)).headers["location"]
        assert client.get(queued).json()["status"] == "queued"
        cancelled = client.delete(queued)
        assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
        _poll(client, first, {"done"})
        time.sleep(0.1)
        after = client.get(queued).json()
        not_done = client.get(f"{queued}/result")
    assert after["status"] == "cancelled" and after["result"] is None
    assert not_done.status_code == 409
    assert len(backend.calls) == 1  # only the first job reached the model


def test_cancelling_a_running_job_stops_it_at_the_next_model_call() -> None:
    backend = FakeBackend(delay=0.4)
    with TestClient(make_app(backend)) as client:
        location = client.post("/v1/briefs?async=true", json=body(ARTICLE, OTHER)).headers["location"]
        _poll(client, location, {"running"})
        cancelled = client.delete(location)
        time.sleep(0.6)  # the call in progress ends; the next one is never made
        job = client.get(location).json()
    assert cancelled.json()["status"] == "cancelled"
    assert job["status"] == "cancelled" and job["result"] is None
    assert len(backend.calls) == 1


def test_finished_jobs_expire_and_can_be_forgotten() -> None:
    with TestClient(make_app(job_retention_s=2.0)) as client:
        expiring = client.post("/v1/briefs?async=true", json=body()).headers["location"]
        _poll(client, expiring, {"done"})
        forgotten = client.post("/v1/briefs?async=true", json=body(OTHER)).headers["location"]
        _poll(client, forgotten, {"done"})
        assert client.delete(forgotten).status_code == 204
        assert client.get(forgotten).status_code == 404
        time.sleep(2.1)
        gone = client.get(expiring)
        unknown = client.get("/v1/jobs/never-was")
    assert gone.status_code == 404 and gone.json()["error"] == "job_not_found"
    assert unknown.status_code == 404


def test_finished_jobs_are_bounded_by_the_bytes_of_their_results() -> None:
    # Each result is several kilobytes, so a 1 KiB budget keeps only the newest finished job.
    with TestClient(make_app(max_jobs_bytes=1024)) as client:
        older = client.post("/v1/briefs?async=true", json=body()).headers["location"]
        kept = _poll(client, older, {"done"})
        newer = client.post("/v1/briefs?async=true", json=body(OTHER)).headers["location"]
        _poll(client, newer, {"done"})
        older_now, newer_now = client.get(older), client.get(newer)
    assert len(json.dumps(kept["result"])) > 1024
    assert older_now.status_code == 404 and older_now.json()["error"] == "job_not_found"
    assert newer_now.status_code == 200 and newer_now.json()["status"] == "done"


def test_finished_jobs_within_the_byte_budget_are_all_kept() -> None:
    with TestClient(make_app(max_jobs_bytes=10 * 1024 * 1024)) as client:
        locations = [
            client.post("/v1/briefs?async=true", json=body(a)).headers["location"] for a in (ARTICLE, OTHER)
        ]
        for location in locations:
            _poll(client, location, {"done"})
        statuses = [client.get(location).status_code for location in locations]
    assert statuses == [200, 200]


def test_a_failed_job_reports_its_error() -> None:
    backend = FakeBackend(replies=[RuntimeError("boom")])
    with TestClient(make_app(backend)) as client:
        location = client.post("/v1/briefs?async=true", json=body()).headers["location"]
        job = _poll(client, location, {"done", "failed"})
        metrics = client.get("/metrics").text
    assert job["status"] == "failed" and job["error"]["error"] == "model_failed"
    assert 'briefing_jobs{state="failed"} 1.0' in metrics


def test_jobs_count_against_the_same_bounded_line() -> None:
    backend = FakeBackend(delay=0.3)
    with TestClient(make_app(backend, queue_size=1)) as client:
        statuses = [client.post("/v1/briefs?async=true", json=body()).status_code for _ in range(3)]
        refused = client.post("/v1/briefs", json=body())
    assert statuses == [202, 202, 429]
    assert refused.status_code == 429 and "retry-after" in refused.headers


def test_a_full_line_answers_429_before_the_body_is_read() -> None:
    backend = FakeBackend(delay=1.0)
    with TestClient(make_app(backend, queue_size=0)) as client:
        assert client.post("/v1/briefs?async=true", json=body()).status_code == 202
        # Not even JSON, and large: were it read and parsed first, this would be a 422.
        junk = b"{" + b"x" * (4 * 1024 * 1024)
        started = time.monotonic()
        refused = client.post("/v1/briefs", content=junk, headers={"content-type": "application/json"})
        seconds = time.monotonic() - started
    assert refused.status_code == 429 and refused.json()["error"] == "queue_full", refused.text
    assert int(refused.headers["retry-after"]) >= 1 and refused.headers["connection"] == "close"
    assert seconds < 0.5
    assert len(backend.calls) <= 1


def test_verify_answers_429_before_its_body_is_read_when_the_line_is_full() -> None:
    backend = FakeBackend(delay=1.0)
    with TestClient(make_app(backend, queue_size=0)) as client:
        assert client.post("/v1/briefs?async=true", json=body()).status_code == 202
        # Not even JSON: were it read and parsed before asking for room, this would be a 422.
        junk = b"{" + b"x" * (1024 * 1024)
        refused = client.post("/v1/verify", content=junk, headers={"content-type": "application/json"})
    assert refused.status_code == 429 and refused.json()["error"] == "queue_full", refused.text
    assert int(refused.headers["retry-after"]) >= 1
