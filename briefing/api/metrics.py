"""Prometheus metrics in a registry of the app's own, so many apps can live in one process (tests)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.metrics_core import GaugeMetricFamily, Metric
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from briefing.schema import Result

# From a health check to a long multi-article brief.
_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600)


class _Live:
    """Values read at scrape time: the waiting line, the model thread, the job table, the load time."""

    def __init__(
        self,
        waiting: Callable[[], int],
        running: Callable[[], int],
        jobs: Callable[[], Mapping[str, int]],
        load_seconds: Callable[[], float | None],
    ) -> None:
        self._waiting, self._running, self._jobs, self._load = waiting, running, jobs, load_seconds

    def collect(self) -> Iterable[Metric]:
        yield GaugeMetricFamily(
            "briefing_queue_depth", "Requests and jobs waiting for the model.", self._waiting()
        )
        yield GaugeMetricFamily(
            "briefing_model_busy", "Pieces of work the model is on now (0 or 1).", self._running()
        )
        jobs = GaugeMetricFamily("briefing_jobs", "Jobs held in memory, by state.", labels=["state"])
        for state, count in self._jobs().items():
            jobs.add_metric([state], count)
        yield jobs
        load = self._load()
        if load is not None:
            yield GaugeMetricFamily("briefing_model_load_seconds", "Seconds the model took to load.", load)


class Metrics:
    """The service's counters and histograms."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "briefing_http_requests",
            "HTTP requests answered, by route template, method and status.",
            ["route", "method", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "briefing_http_request_duration_seconds",
            "Time to answer an HTTP request, by route template.",
            ["route"],
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.tokens = Counter(
            "briefing_model_tokens", "Model tokens, by direction (in: prompt, out: completion).",
            ["direction"], registry=self.registry,
        )  # fmt: skip
        self.outcomes = Counter(
            "briefing_work", "Briefing work finished, by outcome.", ["outcome"], registry=self.registry
        )
        self.rejected = Counter(
            "briefing_rejected", "Requests refused before any work, by reason.", ["reason"],
            registry=self.registry,
        )  # fmt: skip
        self.cache = Counter(
            "briefing_brief_cache_lookups", "Per-article brief cache lookups, by result (hit, miss).",
            ["result"], registry=self.registry,
        )  # fmt: skip

    def watch(
        self,
        waiting: Callable[[], int],
        running: Callable[[], int],
        jobs: Callable[[], Mapping[str, int]],
        load_seconds: Callable[[], float | None],
    ) -> None:
        """Report these live values at every scrape."""
        self.registry.register(_Live(waiting, running, jobs, load_seconds))

    def count_usage(self, result: Result) -> None:
        """Add a result's model tokens to the totals."""
        self.tokens.labels("in").inc(sum(u.prompt_tokens for u in result.usage))
        self.tokens.labels("out").inc(sum(u.completion_tokens for u in result.usage))

    def exposition(self) -> bytes:
        """The Prometheus text format of every metric."""
        return generate_latest(self.registry)


class MetricsMiddleware:
    """Counts every HTTP request by its route template (not its raw path, which would be unbounded)."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app, self.metrics = app, metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # what the client sees if the app dies before answering

        async def watched(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, watched)
        finally:
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            self.metrics.requests.labels(route, scope["method"], str(status)).inc()
            self.metrics.latency.labels(route).observe(time.perf_counter() - started)
