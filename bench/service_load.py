"""Requests per minute and latency of `briefing serve` for one-article requests, at several concurrencies.

    .venv/bin/python bench/service_load.py [--model NAME] [--concurrency 1 4 16] [--out PATH]

Starts `briefing serve` on a free loopback port with the given model, waits for /readyz, then for each
concurrency sends that many clients at once, each posting one invented article, for `--rounds` rounds.
Records throughput, p50/p95 latency, status codes, and the server's resident memory (one model, not
one per request). Writes `<out>.json` and `<out>.md`. Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

ARTICLE = {
    "title": "Ferry service to Holm resumes after strike",
    "source": "Island Courier",
    "text": (
        "The ferry service between Tolland and the Isle of Holm resumed on Monday after a two-week strike "
        "by deckhands over rosters.\n"
        "The operator said the first crossing left at 7:10 with 140 passengers on board and that "
        "timetables would be back to normal by Friday.\n"
        "Union representative Ilse Voss said members had accepted a deal that limits shifts to ten hours "
        "and adds a second rest day in summer.\n"
    ),
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _start(model: str | None, port: int, queue: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "BRIEFING_SERVICE_QUEUE_SIZE": str(queue),
        "BRIEFING_SERVICE_REQUEST_TIMEOUT_S": "900",
    }
    if model:
        env["BRIEFING_MODEL"] = model
    command = [sys.executable, "-m", "briefing.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait_ready(base: str, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit("the service did not become ready")


def _one(base: str) -> tuple[int, float]:
    started = time.perf_counter()
    response = httpx.post(f"{base}/v1/briefs", json={"articles": [ARTICLE]}, timeout=1800)
    return response.status_code, time.perf_counter() - started


def _level(base: str, concurrency: int, rounds: int) -> dict[str, Any]:
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(lambda _: _one(base), range(concurrency * rounds)))
    wall = time.perf_counter() - started
    ok = sorted(t for status, t in results if status == 200)
    statuses: dict[str, int] = {}
    for status, _ in results:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    return {
        "concurrency": concurrency,
        "requests": len(results),
        "statuses": statuses,
        "requests_per_minute": round(len(ok) / wall * 60, 2),
        "p50_s": round(statistics.median(ok), 2) if ok else None,
        "p95_s": round(ok[min(len(ok) - 1, int(0.95 * len(ok)))], 2) if ok else None,
        "wall_s": round(wall, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=None)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("bench/results/service_load"))
    args = parser.parse_args()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = _start(args.model, port, queue=max(args.concurrency))
    try:
        _wait_ready(base)
        rss_ready = rss_mb(server.pid)
        _one(base)  # warm-up: the shared prompt prefix is evaluated once
        levels = []
        for c in args.concurrency:
            levels.append(_level(base, c, args.rounds))
            print(f"concurrency {c}: {levels[-1]}", file=sys.stderr)
        rss_after = rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=60)
    report = {
        "model": args.model or "default",
        "rss_mb_ready": round(rss_ready),
        "rss_mb_after": round(rss_after),
    }
    report["levels"] = levels
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.with_suffix(".json").write_text(json.dumps(report, indent=2) + "\n")
    lines = [
        f"# Service load ({report['model']} model, one run, 2-core machine, one model thread)",
        "",
        "| concurrency | requests | statuses | requests/min | p50 s | p95 s |",
        "|---|---|---|---|---|---|",
        *(
            f"| {x['concurrency']} | {x['requests']} | {x['statuses']} | {x['requests_per_minute']} | "
            f"{x['p50_s']} | {x['p95_s']} |"
            for x in levels
        ),
        "",
        f"Server resident memory: {report['rss_mb_ready']} MB when ready, {report['rss_mb_after']} MB after "
        "all requests (one model shared by every request).",
    ]
    args.out.with_suffix(".md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
