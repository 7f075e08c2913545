"""Under load, against a real uvicorn: a bounded line, a free event loop, deadlines, disconnects, drain."""

from __future__ import annotations

import asyncio
import signal
import statistics
import time

import httpx
from api_helpers import ARTICLE, OTHER, body, check_result, live_server, make_app, served_process

from briefing.backends.fake import FakeBackend


def _p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[98] if len(values) > 1 else values[0]


def test_a_burst_gets_five_briefs_and_fast_429s_never_a_5xx() -> None:
    backend = FakeBackend(delay=1.0)
    app = make_app(backend, queue_size=4)

    async def burst(url: str) -> list[tuple[int, float, httpx.Response]]:
        async with httpx.AsyncClient(base_url=url, timeout=30) as client:

            async def one(n: int) -> tuple[int, float, httpx.Response]:
                started = time.monotonic()
                article = {**ARTICLE, "title": f"{ARTICLE['title']} {n}"}
                response = await client.post("/v1/briefs", json=body(article))
                return response.status_code, time.monotonic() - started, response

            return await asyncio.gather(*(one(n) for n in range(20)))

    with live_server(app) as (url, _):
        answers = asyncio.run(burst(url))
        ready = httpx.get(f"{url}/readyz")
    statuses = sorted(status for status, _, _ in answers)
    refusals = [seconds for status, seconds, _ in answers if status == 429]
    print(
        f"burst: {statuses.count(200)} accepted, {len(refusals)} refused; slowest 429: {max(refusals):.2f} s"
    )
    assert statuses == [200] * 5 + [429] * 15, statuses
    for status, seconds, response in answers:
        if status == 429:
            assert seconds < 0.5, f"a refusal took {seconds:.2f} s"  # said at once, not after waiting
            assert int(response.headers["retry-after"]) >= 1
            assert response.json()["error"] == "queue_full" and response.json()["limit"] == "queue_size"
        else:
            check_result(response.content)
    assert ready.status_code == 200
    assert backend.max_concurrent == 1
    assert len(backend.calls) == 5


def test_health_answers_fast_while_fifty_requests_queue_behind_the_model() -> None:
    # `briefing serve` in its own process, as deployed: the test's own client must not share its GIL.
    async def load(url: str) -> tuple[list[int], list[float]]:
        limits = httpx.Limits(max_connections=64)
        async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:
            briefs = [asyncio.create_task(client.post("/v1/briefs", json=body())) for _ in range(50)]
            await asyncio.sleep(0.2)  # let them queue
            latencies = []
            while not all(task.done() for task in briefs):
                started = time.perf_counter()
                health = await client.get("/healthz")
                latencies.append(time.perf_counter() - started)
                assert health.status_code == 200
                await asyncio.sleep(0.01)
            return [t.result().status_code for t in briefs], latencies

    with served_process(0.05, BRIEFING_SERVICE_QUEUE_SIZE="50") as (url, process):
        statuses, latencies = asyncio.run(load(url))
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=10)
    p99 = _p99(latencies)
    print(
        f"/healthz over {len(latencies)} probes: median {statistics.median(latencies) * 1000:.1f} ms, "
        f"p99 {p99 * 1000:.1f} ms, max {max(latencies) * 1000:.1f} ms"
    )
    assert statuses == [200] * 50
    assert len(latencies) >= 50
    assert p99 <= 0.100
    assert code == 0  # SIGTERM: drained and exited cleanly


def test_a_request_past_its_deadline_gets_504_and_the_next_one_is_served() -> None:
    backend = FakeBackend(delay=3.0)
    app = make_app(backend, request_timeout_s=2.0)
    with live_server(app) as (url, _), httpx.Client(base_url=url, timeout=30) as client:
        started = time.monotonic()
        late = client.post("/v1/briefs", json=body(ARTICLE, OTHER))
        elapsed = time.monotonic() - started
        backend.delay = 0.0
        after = client.post("/v1/briefs", json=body())
    print(f"504 after {elapsed:.2f} s")
    assert late.status_code == 504 and elapsed <= 2.5
    assert late.json()["error"] == "timeout" and late.json()["limit"] == "request_timeout_s"
    assert after.status_code == 200
    check_result(after.content)
    # The late request's second article was never put to the model: it stopped at that call.
    assert len(backend.calls) == 2


def test_a_client_that_leaves_while_queued_loses_its_place_and_its_work_never_runs() -> None:
    backend = FakeBackend(delay=1.0)
    app = make_app(backend, queue_size=4)
    leaver = {**OTHER, "title": "Nobody waits for this one"}

    async def scenario(url: str) -> tuple[int, int, int, int]:
        async with httpx.AsyncClient(base_url=url, timeout=30) as client:
            first = asyncio.create_task(client.post("/v1/briefs", json=body()))
            await asyncio.sleep(0.2)
            async with httpx.AsyncClient(base_url=url, timeout=30) as other:
                gone = asyncio.create_task(other.post("/v1/briefs", json=body(leaver)))
                await asyncio.sleep(0.3)
                waiting_before = (await client.get("/readyz")).json()["queue_waiting"]
                gone.cancel()  # the client closes its connection while its request waits
            await asyncio.sleep(0.3)
            waiting_after = (await client.get("/readyz")).json()["queue_waiting"]
            answered = (await first).status_code
            later = (await client.post("/v1/briefs", json=body(OTHER))).status_code
            return waiting_before, waiting_after, answered, later

    with live_server(app) as (url, _):
        before, after, answered, later = asyncio.run(scenario(url))
    assert (before, after) == (1, 0)
    assert answered == 200 and later == 200
    asked = [call.messages[-1]["content"] for call in backend.calls]
    assert len(asked) == 2
    assert not any("Nobody waits" in text for text in asked)


def test_shutdown_drains_in_flight_requests_and_refuses_new_ones() -> None:
    backend = FakeBackend(delay=0.5)
    app = make_app(backend, queue_size=4)

    async def scenario(url: str, server: object) -> tuple[list[int], str, float]:
        async with httpx.AsyncClient(base_url=url, timeout=30) as client:
            inflight = [asyncio.create_task(client.post("/v1/briefs", json=body())) for _ in range(3)]
            await asyncio.sleep(0.2)
            server.handle_exit(signal.SIGTERM, None)  # type: ignore[attr-defined]
            started = time.monotonic()
            async with httpx.AsyncClient(base_url=url, timeout=5) as fresh:
                try:
                    late = str((await fresh.post("/v1/briefs", json=body())).status_code)
                except httpx.ConnectError:
                    late = "refused"
            statuses = [(await task).status_code for task in inflight]
            return statuses, late, time.monotonic() - started

    with live_server(app, drain_s=5) as (url, server):
        statuses, late, seconds = asyncio.run(scenario(url, server))
        deadline = time.monotonic() + 5
        while server.started and not server.should_exit:
            assert time.monotonic() < deadline
    assert statuses == [200, 200, 200]
    assert late in ("503", "refused")
    assert seconds < 5
    assert app.state.runtime.worker.closed or app.state.runtime.draining
