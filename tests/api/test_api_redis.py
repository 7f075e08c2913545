"""Jobs in Redis: any replica answers for any job, workers take the model work, a dead worker's job
is finished by another exactly once. A real redis-server, real worker processes, the fake model."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from typing import Any

import pytest
from api_helpers import ARTICLE, OTHER, body, check_result, free_port, make_app
from fastapi.testclient import TestClient
from redis import Redis
from redis_helpers import redis_server, worker_process

from briefing.api.queue.records import Records


@pytest.fixture
def redis_url() -> Iterator[str]:
    with redis_server() as url:
        yield url


def _poll(
    client: TestClient, location: str, until: set[str], timeout: float = 20, **kw: Any
) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        job: dict[str, Any] = client.get(location, **kw).json()
        if job.get("status") in until:
            return job
        assert time.monotonic() < deadline, job
        time.sleep(0.05)


def test_a_job_submitted_on_one_replica_is_read_on_another(redis_url: str) -> None:
    with (
        worker_process(redis_url),
        TestClient(make_app(redis_url=redis_url, job_retention_s=30)) as first,
        TestClient(make_app(redis_url=redis_url, job_retention_s=30)) as second,
    ):
        accepted = first.post("/v1/briefs?async=true", json=body(ARTICLE, OTHER))
        assert accepted.status_code == 202, accepted.text
        location = accepted.headers["location"]
        job = _poll(second, location, {"done", "failed"})
        result = second.get(f"{location}/result")
        ttl = Redis.from_url(redis_url).ttl(f"briefing:job:{job['id']}")
        sync = second.post("/v1/briefs", json=body(ARTICLE, OTHER))
        assert first.delete(location).status_code == 204
        gone = second.get(location)
    assert job["status"] == "done", job
    assert "article briefs" in job["progress"]["stages_done"]
    assert 0 < ttl <= 30  # a finished job's result expires with the retention time
    check_result(result.content)
    assert sync.status_code == 200, sync.text
    check_result(sync.content)
    assert gone.status_code == 404


def test_a_job_whose_worker_dies_mid_job_is_finished_by_another_exactly_once(redis_url: str) -> None:
    records = Records(Redis.from_url(redis_url))
    with TestClient(make_app(redis_url=redis_url)) as client:
        with worker_process(redis_url, delay=0.5) as doomed:
            location = client.post("/v1/briefs?async=true", json=body(ARTICLE, OTHER)).headers["location"]
            _poll(client, location, {"running"})
            job_id = location.rsplit("/", 1)[1]
            time.sleep(0.3)  # inside its first model call
            first = records.get(job_id)
            doomed.kill()
            doomed.wait()
        assert first is not None and first.number("attempts") == 1
        assert client.get(location).json()["status"] in ("running", "queued")  # not lost, not failed
        with worker_process(redis_url) as rescuer:
            job = _poll(client, location, {"done", "failed", "cancelled"}, timeout=30)
            assert rescuer.poll() is None
        record = records.get(job_id)
    assert job["status"] == "done", job
    check_result(json.dumps(job["result"]))
    assert record is not None
    assert record.number("attempts") == 2  # retried once, by the second worker
    assert record.number("completions") == 1  # and finished once
    assert record.number("abandoned") == 1  # the sweeper saw the dead worker's run lapse
    assert record.fields["worker"] != first.fields["worker"]


def test_while_a_worker_holds_a_job_no_other_worker_can_start_it(redis_url: str) -> None:
    records = Records(Redis.from_url(redis_url))
    job_id = records.create("json", None, "{}", time.time() + 60, 60, 1 << 20)
    assert records.claim(job_id, "worker-a", 5) == 1
    assert records.claim(job_id, "worker-b", 5) == -1  # the lease is worker-a's
    assert records.renew(job_id, "worker-a", 5) and not records.renew(job_id, "worker-b", 5)
    assert records.finish(job_id, "done", 60)
    assert records.claim(job_id, "worker-b", 5) == 0  # finished: never started again
    assert not records.finish(job_id, "cancelled", 60)  # and its outcome stays


def test_a_cancelled_queued_job_never_reaches_a_worker(redis_url: str) -> None:
    records = Records(Redis.from_url(redis_url))
    with TestClient(make_app(redis_url=redis_url)) as client:
        location = client.post("/v1/briefs?async=true", json=body()).headers["location"]
        cancelled = client.delete(location)
        with worker_process(redis_url):
            done_elsewhere = client.post("/v1/briefs", json=body(OTHER))  # the worker is up and working
        job = client.get(location).json()
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert done_elsewhere.status_code == 200
    assert job["status"] == "cancelled" and job["result"] is None
    record = records.get(location.rsplit("/", 1)[1])
    assert record is not None and record.number("attempts") == 0


def test_jobs_in_redis_belong_to_their_key(redis_url: str) -> None:
    keys = {"api_keys": "owner-key,other-key", "redis_url": redis_url}
    owner, other = {"Authorization": "Bearer owner-key"}, {"Authorization": "Bearer other-key"}
    with (
        worker_process(redis_url),
        TestClient(make_app(**keys)) as first,
        TestClient(make_app(**keys)) as second,
    ):
        location = first.post("/v1/briefs?async=true", json=body(), headers=owner).headers["location"]
        job = _poll(second, location, {"done", "failed"}, headers=owner)
        stranger = second.get(location, headers=other)
        stranger_delete = second.delete(location, headers=other)
    assert job["status"] == "done"
    assert stranger.status_code == 404 and stranger_delete.status_code == 404


def test_a_result_over_the_byte_cap_is_refused_not_stored(redis_url: str) -> None:
    with (
        worker_process(redis_url),
        TestClient(make_app(redis_url=redis_url, max_result_bytes=1024)) as client,
    ):
        location = client.post("/v1/briefs?async=true", json=body(ARTICLE, OTHER)).headers["location"]
        job = _poll(client, location, {"done", "failed"})
    assert job["status"] == "failed" and job["error"]["error"] == "result_too_large", job
    assert job["error"]["limit"] == "max_result_bytes"


def test_briefing_worker_from_the_command_line_runs_jobs_on_the_fake_model(redis_url: str) -> None:
    env = {
        **os.environ,
        "BRIEFING_BACKEND": "fake",
        "BRIEFING_REDIS_URL": redis_url,
        "BRIEFING_CACHE": "false",
    }
    command = [sys.executable, "-m", "briefing.cli", "worker", "--heartbeat", "0.5"]
    with tempfile.TemporaryFile() as log:
        worker = subprocess.Popen(command, env=env, stdout=log, stderr=log)
        try:
            with TestClient(make_app(redis_url=redis_url)) as client:
                answer = client.post("/v1/briefs", json=body())
        finally:
            worker.terminate()
            worker.wait(timeout=10)
            log.seek(0)
            output = log.read().decode(errors="replace")
    assert answer.status_code == 200, (answer.text, output[-2000:])
    check_result(answer.content)


def test_a_replica_that_cannot_reach_redis_is_not_ready() -> None:
    with TestClient(make_app(redis_url=f"redis://127.0.0.1:{free_port()}/0")) as client:
        ready = client.get("/readyz")
        alive = client.get("/healthz")
    assert ready.status_code == 503 and "Redis" in ready.json()["reason"]
    assert alive.status_code == 200
