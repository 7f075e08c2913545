"""Asynchronous jobs, held in memory only: a restart loses them; finished ones expire after a while."""

from __future__ import annotations

import secrets
import threading
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from briefing.api.bodies import Format, JobStatus, JobView
from briefing.api.brief_work import Done, Tracker
from briefing.api.errors import ApiError, ErrorBody
from briefing.api.model_thread import Ticket
from briefing.errors import Cancelled

STATES: tuple[JobStatus, ...] = ("queued", "running", "done", "failed", "cancelled")


def _when(stamp: float | None) -> datetime | None:
    return None if stamp is None else datetime.fromtimestamp(stamp, UTC)


@dataclass
class Job:
    """One submitted brief: its ticket on the model thread, its progress, and when it finished."""

    id: str
    format: Format
    ticket: Ticket[Done]
    tracker: Tracker
    started: float | None = None
    finished: float | None = None  # wall clock, shown; expiry counts from here
    withdrawn: bool = False
    owner: str | None = None  # the hash of the key that made it; None when no keys are set
    size: int = 0  # bytes its result holds once finished (the result JSON and the rendered body)

    def status(self) -> JobStatus:
        """Where the job stands now."""
        future = self.ticket.future
        if self.withdrawn or future.cancelled():
            return "cancelled"
        if not future.done():
            return "running" if self.ticket.state == "running" else "queued"
        error = future.exception()
        if error is None:
            return "done"
        if isinstance(error, Cancelled) and not self.ticket.timed_out():
            return "cancelled"
        return "failed"

    def error(self) -> ErrorBody | None:
        """Why the job failed, as the API shows errors; None unless it failed."""
        if self.status() != "failed":
            return None
        error = self.ticket.future.exception()
        if isinstance(error, ApiError):
            return error.body
        if isinstance(error, Cancelled):
            return ErrorBody(error="timeout", detail="the job ran past job_timeout_s", limit="job_timeout_s")
        return ErrorBody(error="internal_error", detail="internal error; see the service log")

    def result(self) -> Done | None:
        """The finished brief, once done."""
        return self.ticket.future.result() if self.status() == "done" else None

    def view(self, retention: float) -> JobView:
        """The job as `GET /v1/jobs/{id}` shows it."""
        done = self.result()
        return JobView(
            id=self.id,
            status=self.status(),
            format=self.format,
            created_at=datetime.fromtimestamp(self.ticket.created, UTC),
            started_at=_when(self.ticket.started),
            finished_at=_when(self.finished),
            expires_at=_when(None if self.finished is None else self.finished + retention),
            progress=self.tracker.view(),
            result=done.result if done else None,
            result_url=f"/v1/jobs/{self.id}/result" if done else None,
            error=self.error(),
        )


class JobLike(Protocol):
    """A job as the routes use it, held in memory or read from Redis."""

    id: str

    def status(self) -> JobStatus: ...
    def result(self) -> Done | None: ...
    def view(self, retention: float) -> JobView: ...


class Jobs(Protocol):
    """Where jobs live: this process's memory (`JobStore`) or Redis (`briefing.api.queue.store`)."""

    retention: float

    def get(self, job_id: str, owner: str | None = None) -> JobLike: ...
    def cancel(self, job: Any) -> None: ...
    def forget(self, job: Any) -> None: ...
    def counts(self) -> dict[str, int]: ...
    def reachable(self) -> bool: ...


def _result_size(job: Job) -> int:
    """Bytes the finished job holds: its result as JSON plus the body rendered from it."""
    done = job.result()
    if done is None:
        return 0
    body = len(done.body.encode())
    # A JSON job's body is the result itself; other formats hold both.
    return body if done.format == "json" else body + len(done.result.model_dump_json().encode())


class JobStore:
    """Jobs by id; finished jobs are forgotten after `retention` seconds, beyond `max_finished`, or
    when their results together pass `max_bytes` (oldest first): each holds a whole result."""

    def __init__(self, retention: float, max_finished: int, max_bytes: int = 256 * 1024 * 1024) -> None:
        self.retention, self.max_finished, self.max_bytes = retention, max_finished, max_bytes
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def add(self, ticket: Ticket[Done], tracker: Tracker, fmt: Format, owner: str | None = None) -> Job:
        """Hold a new job of `owner`'s; its finishing time is stamped when its work ends."""
        job = Job(id=secrets.token_urlsafe(12), format=fmt, ticket=ticket, tracker=tracker, owner=owner)
        ticket.future.add_done_callback(lambda _: self._finish(job))
        with self._lock:
            self._jobs[job.id] = job
        self._sweep()
        return job

    def get(self, job_id: str, owner: str | None = None) -> Job:
        """The job, or 404 if it never existed, has expired, or belongs to another key: the same
        answer in every case, so a job id says nothing to anyone but its owner."""
        self._sweep()
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None or job.owner != owner:
            raise ApiError(404, "job_not_found", "no such job (jobs are kept in memory, and expire)")
        return job

    def cancel(self, job: Job) -> None:
        """Withdraw an unfinished job: it never starts, or stops at its next model call."""
        job.withdrawn = True
        job.ticket.cancel()
        self._finish(job)

    def forget(self, job: Job) -> None:
        """Drop a finished job and its result now."""
        with self._lock:
            self._jobs.pop(job.id, None)

    def reachable(self) -> bool:
        """Always: the jobs are in this process."""
        return True

    def counts(self) -> dict[str, int]:
        """How many jobs are in each state."""
        with self._lock:
            jobs = list(self._jobs.values())
        found = Counter(j.status() for j in jobs)
        return {state: found.get(state, 0) for state in STATES}

    def _finish(self, job: Job) -> None:
        if job.finished is None:
            job.size = _result_size(job)
            job.finished = time.time()
        self._sweep()

    def _sweep(self) -> None:
        now = time.time()
        with self._lock:
            finished = sorted(
                (j for j in self._jobs.values() if j.finished is not None), key=lambda j: j.finished or 0
            )
            expired = [j for j in finished if now - (j.finished or now) > self.retention]
            excess = finished[: max(0, len(finished) - self.max_finished)]
            for job in [*expired, *excess, *_oldest_over(finished, self.max_bytes)]:
                self._jobs.pop(job.id, None)


def _oldest_over(finished: list[Job], max_bytes: int) -> list[Job]:
    """The oldest of `finished` (sorted oldest first) to drop so the rest hold at most `max_bytes`;
    the newest job is kept even when it alone is larger, so its client can still read it."""
    total = sum(j.size for j in finished)
    dropped: list[Job] = []
    for job in finished[:-1]:
        if total <= max_bytes:
            break
        dropped.append(job)
        total -= job.size
    return dropped
