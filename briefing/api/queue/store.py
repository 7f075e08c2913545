"""Jobs in Redis, as the API's job routes see them: the same calls as the in-memory `JobStore`.

Submitting puts the job's record in Redis and the job in the RQ queue; any replica reads, cancels or
forgets it by id, and a worker on any machine runs it.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime

from redis import Redis
from redis.exceptions import RedisError
from rq import Callback, Queue, Retry, Worker
from rq.exceptions import NoSuchJobError
from rq.job import Job as RqJob

from briefing.api.bodies import JobStatus, JobView
from briefing.api.brief_work import Done, Order
from briefing.api.errors import ApiError, ErrorBody
from briefing.api.jobs import STATES
from briefing.api.queue.orders import dump_order
from briefing.api.queue.records import UNFINISHED, Record, Records
from briefing.api.queue.worker import QUEUE
from briefing.api.service_config import ServiceSettings
from briefing.schema.result_file import load_result

# RQ's own deadline, past ours: the job stops itself at its deadline; this only catches a hang.
_RQ_SLACK_S = 60
# How long RQ keeps its own record of a finished run (briefing's record holds the result). Not 0:
# RQ then deletes the job at once, which fails when a dead worker's run is still listed with it.
_RQ_KEEP_S = 60


def _when(stamp: float | None) -> datetime | None:
    return None if stamp is None else datetime.fromtimestamp(stamp, UTC)


class QueuedJob:
    """One job as read from Redis at one moment."""

    def __init__(self, record: Record) -> None:
        self.record = record
        self.id = record.id

    def status(self) -> JobStatus:
        return self.record.status

    def result(self) -> Done | None:
        """The finished brief, once done."""
        if self.status() != "done":
            return None
        result = load_result(self.record.fields["result"])  # citations checked against its passages
        return Done(result, self.record.fields["body"], self.record.format)

    def view(self, retention: float) -> JobView:
        """The job as `GET /v1/jobs/{id}` shows it."""
        record = self.record
        finished = record.stamp("finished")
        done = self.result()
        return JobView(
            id=self.id,
            status=self.status(),
            format=record.format,
            created_at=datetime.fromtimestamp(record.stamp("created") or 0, UTC),
            started_at=_when(record.stamp("started")),
            finished_at=_when(finished),
            expires_at=_when(None if finished is None else finished + retention),
            progress=record.progress(),
            result=done.result if done else None,
            result_url=f"/v1/jobs/{self.id}/result" if done else None,
            error=record.error(),
        )


class RedisJobStore:
    """Jobs by id in Redis; finished ones expire after `retention` seconds (Redis drops them)."""

    def __init__(self, service: ServiceSettings, redis: Redis) -> None:
        self.service = service
        self.retention = service.job_retention_s
        self.records = Records(redis)
        self.queue = Queue(QUEUE, connection=redis)

    def full(self) -> bool:
        """Whether the shared line is full: `queue_size` waiting jobs for each live worker."""
        workers = max(1, Worker.count(queue=self.queue))
        return self.queue.count >= max(1, self.service.queue_size) * workers

    def submit(self, order: Order, owner: str | None, deadline: float) -> QueuedJob:
        """Record the job and queue it; a worker that dies running it leaves it to one retry."""
        job_id = self.records.create(
            order.format, owner, dump_order(order), deadline, self.retention, self.service.max_result_bytes
        )
        self.queue.enqueue(
            "briefing.api.queue.tasks.run_brief", job_id,
            job_id=job_id, retry=Retry(max=1), result_ttl=_RQ_KEEP_S, failure_ttl=int(self.retention),
            job_timeout=int(self.service.job_timeout_s) + _RQ_SLACK_S,
            on_failure=Callback("briefing.api.queue.tasks.on_failure"),
        )  # fmt: skip
        return self.get(job_id, owner)

    def get(self, job_id: str, owner: str | None = None) -> QueuedJob:
        """The job, or 404 if it never existed, has expired, or belongs to another key."""
        record = self.records.get(job_id)
        if record is None or record.owner != owner:
            raise ApiError(404, "job_not_found", "no such job (or it has expired)")
        return QueuedJob(record)

    def cancel(self, job: QueuedJob) -> None:
        """Withdraw an unfinished job: a queued one leaves the queue, a running one stops at its next call."""
        was_queued = job.status() == "queued"
        self.records.finish(job.id, "cancelled", self.retention)
        if was_queued:
            # Off the queue and gone; a worker that took it meanwhile finds it cancelled and skips it.
            with contextlib.suppress(NoSuchJobError):
                RqJob.fetch(job.id, connection=self.queue.connection).delete()
        job.record = self.records.get(job.id) or job.record

    def forget(self, job: QueuedJob) -> None:
        """Drop a finished job and its result now."""
        self.records.forget(job.id)

    def reachable(self) -> bool:
        """Whether Redis answers: a replica that cannot reach it can serve no job."""
        try:
            return bool(self.queue.connection.ping())
        except RedisError:
            return False

    def counts(self) -> dict[str, int]:
        """How many jobs are in each state."""
        found = self.records.counts()
        return {state: found.get(state, 0) for state in STATES}

    def outcome(self, job_id: str) -> tuple[JobStatus, Done | None, ErrorBody | None] | None:
        """A finished job's status, result and error; None while it is unfinished or once it is gone."""
        record = self.records.get(job_id)
        if record is None or record.status in UNFINISHED:
            return None
        job = QueuedJob(record)
        return record.status, job.result(), record.error()
