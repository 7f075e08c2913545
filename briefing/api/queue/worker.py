"""`briefing worker`: one model process taking brief jobs from the shared Redis queue, one at a time.

Built on RQ's SimpleWorker (jobs run in this process, so the model loads once, not once per job),
with two additions: a heartbeat thread that keeps the running job's registration short-lived, so a
worker that dies is noticed within seconds rather than after the job's whole timeout, and a sweeper
that hands such abandoned jobs back to the queue for their one retry.
"""

from __future__ import annotations

import logging
import math
import socket
import sys
import threading
import uuid
from pathlib import Path
from typing import Any

import click
from redis import Redis
from rq import Queue, SimpleWorker
from rq.job import Job
from rq.registry import StartedJobRegistry
from rq.timeouts import TimerDeathPenalty
from rq.utils import now
from rq.worker import WorkerStatus

from briefing.api.metrics import Metrics
from briefing.api.model_slot import GuardedBackend
from briefing.api.queue import tasks
from briefing.api.queue.records import Records
from briefing.api.service_config import config_option, load_settings
from briefing.backends.base import Backend
from briefing.config import Settings
from briefing.config_file import ConfigError
from briefing.errors import BriefingError
from briefing.progress import Progress
from briefing.runtime import build
from briefing.write.cache import BriefCache

log = logging.getLogger("briefing.worker")
QUEUE = "briefing"
DEFAULT_HEARTBEAT_S = 5.0


class HeartbeatWorker(SimpleWorker):
    """A SimpleWorker whose running job is re-registered every `heartbeat_s` for `3 x heartbeat_s`."""

    heartbeat_s: float = DEFAULT_HEARTBEAT_S

    def ttl(self) -> int:
        return max(2, math.ceil(3 * self.heartbeat_s))

    def get_heartbeat_ttl(self, job: Job, working_time: float = 0.0) -> int:
        return self.ttl()

    def execute_job(self, job: Job, queue: Queue) -> None:
        execution = self.prepare_execution(job)
        stop = threading.Event()
        beat = threading.Thread(target=self._beat, args=(job, execution, stop), daemon=True)
        beat.start()
        try:
            self.perform_job(job, queue, execution)
        finally:
            stop.set()
            beat.join()
        self.set_state(WorkerStatus.IDLE)

    def _beat(self, job: Job, execution: Any, stop: threading.Event) -> None:
        # SimpleWorker's own thread is busy with the job: without this the job stays registered
        # for its whole timeout, and a dead worker's job would wait that long for its retry.
        while not stop.wait(self.heartbeat_s):
            try:
                with self.connection.pipeline() as pipe:
                    execution.heartbeat(job.started_job_registry, self.ttl(), pipeline=pipe)
                    job.heartbeat(now(), self.ttl(), pipeline=pipe, xx=True)
                    pipe.execute()
            except Exception:  # a missed beat is retried at the next one
                log.warning("heartbeat for job %s failed", job.id, exc_info=True)


def sweep_forever(queue: Queue, every_s: float, stop: threading.Event) -> None:
    """Hand jobs whose worker stopped beating back to the queue (their one retry), or fail them."""
    # A timer, not SIGALRM, bounds the failure callback: signals work on the main thread only.
    registry = StartedJobRegistry(queue=queue, death_penalty_class=TimerDeathPenalty)
    # RQ's own maintenance lock, so one clean-up at a time across all workers (two at once would
    # both retry the same job), held briefly: a worker that dies holding it blocks sweeps for seconds.
    hold_s = max(2, math.ceil(4 * every_s))
    while not stop.wait(every_s):
        try:
            if not queue.connection.set(queue.registry_cleaning_key, 1, nx=True, ex=hold_s):
                continue
            try:
                registry.cleanup()
            finally:
                queue.connection.delete(queue.registry_cleaning_key)
        except Exception:
            log.warning("sweeping abandoned jobs failed", exc_info=True)


def run_worker(
    redis_url: str,
    backend: Backend,
    settings: Settings,
    *,
    heartbeat_s: float = DEFAULT_HEARTBEAT_S,
    burst: bool = False,
    cache: BriefCache | None = None,
) -> None:
    """Take jobs from the queue and run them on `backend` (reusing briefs from `cache`, this worker's
    own) until stopped (SIGTERM, SIGINT)."""
    connection = Redis.from_url(redis_url)
    name = f"{socket.gethostname()}.{uuid.uuid4().hex[:8]}"
    queue = Queue(QUEUE, connection=connection)
    worker = HeartbeatWorker([queue], connection=connection, name=name)
    worker.heartbeat_s = heartbeat_s
    tasks.CONTEXT = tasks.WorkerContext(
        records=Records(connection),
        backend=GuardedBackend(backend),
        settings=settings,
        name=name,
        lease_s=worker.ttl(),
        metrics=Metrics(),
        cache=cache,
    )
    stop = threading.Event()
    sweeper = threading.Thread(target=sweep_forever, args=(queue, heartbeat_s, stop), daemon=True)
    sweeper.start()
    try:
        worker.work(burst=burst, with_scheduler=False, logging_level="INFO")
    finally:
        stop.set()


@click.command("worker")
@config_option
@click.option(
    "--heartbeat",
    type=float,
    default=DEFAULT_HEARTBEAT_S,
    show_default=True,
    help="Seconds between heartbeats; a worker silent for 3 of them is taken for dead.",
)
def worker_command(config: Path | None, heartbeat: float) -> None:
    """Take brief jobs from the Redis queue (BRIEFING_REDIS_URL) and run them on this process's model."""
    try:
        service, settings = load_settings(config)
        if service.redis_url is None:
            raise ConfigError("briefing worker needs BRIEFING_REDIS_URL (the queue the service uses)")
        with build(settings, Progress(sys.stderr)) as runtime:
            run_worker(
                service.redis_url.get_secret_value(), runtime.backend, settings,
                heartbeat_s=heartbeat, cache=runtime.cache,
            )  # fmt: skip
    except BriefingError as exc:
        click.echo(f"briefing: error: {exc}", err=True)
        sys.exit(exc.exit_code)
