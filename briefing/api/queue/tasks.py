"""What a worker runs for one queued job: claim it, brief it on this process's model, store the outcome.

The task never raises for the job's own failures (a bad input, a model error, a cancellation): those
are the job's outcome, stored in its record. The queue sees an exception only when the worker itself
breaks, and a worker that dies is noticed by its lapsed heartbeat and the job retried once.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from briefing.api.brief_work import Done, Tracker, brief_work
from briefing.api.errors import ApiError, ErrorBody
from briefing.api.metrics import Metrics
from briefing.api.model_thread import Ticket
from briefing.api.queue.orders import load_order
from briefing.api.queue.records import Records, error_json
from briefing.backends.base import Backend
from briefing.config import Settings
from briefing.errors import Cancelled
from briefing.write.cache import BriefCache

log = logging.getLogger("briefing.worker")
# How often a running job asks Redis whether it was withdrawn (it asks at each model call, at most).
_CANCEL_POLL_S = 0.2


@dataclass
class WorkerContext:
    """What this worker process holds for its tasks: the model and the pipeline settings."""

    records: Records
    backend: Backend
    settings: Settings
    name: str
    lease_s: float
    cache: BriefCache | None = None
    metrics: Metrics | None = None


# Set once by `run_worker` before the first job: the queue calls `run_brief` by name, in this process.
CONTEXT: WorkerContext | None = None


class QueuedTicket(Ticket[Done]):
    """A ticket whose work stops when the job's deadline passes or a client cancels it in Redis."""

    def __init__(self, records: Records, job_id: str, deadline_wall: float) -> None:
        super().__init__(lambda _: None, time.monotonic() + (deadline_wall - time.time()))  # type: ignore[arg-type,return-value]
        self.records, self.job_id = records, job_id
        self._asked = 0.0
        self._withdrawn = False

    def cancelled(self) -> bool:
        if self._withdrawn or super().cancelled():
            return True
        if time.monotonic() - self._asked >= _CANCEL_POLL_S:
            self._asked = time.monotonic()
            self._withdrawn = self.records.cancel_requested(self.job_id)
        return self._withdrawn


def _context() -> WorkerContext:
    if CONTEXT is None:
        raise RuntimeError("run_brief runs inside `briefing worker` only")
    return CONTEXT


@contextmanager
def _lease(context: WorkerContext, job_id: str) -> Iterator[None]:
    """Keep this worker's lease on the job alive while it runs, so no other worker starts it."""
    stop = threading.Event()

    def renew() -> None:
        while not stop.wait(context.lease_s / 3):
            if not context.records.renew(job_id, context.name, context.lease_s):
                log.warning("job %s: lease lost", job_id)

    thread = threading.Thread(target=renew, name="briefing-lease", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def run_brief(job_id: str) -> str:
    """Run one queued brief job to its end; returns what became of it (for the queue's log)."""
    context = _context()
    records = context.records
    claimed = records.claim(job_id, context.name, context.lease_s)
    # A retry after a dead worker may arrive just before that worker's lease lapses: wait it out.
    waited_until = time.monotonic() + 2 * context.lease_s
    while claimed == -1 and time.monotonic() < waited_until:
        time.sleep(context.lease_s / 10)
        claimed = records.claim(job_id, context.name, context.lease_s)
    if claimed != 1:
        return "skipped: finished already" if claimed == 0 else "skipped: another worker runs it"
    record = records.get(job_id)
    if record is None or "order" not in record.fields:
        return "skipped: expired"
    retention = float(record.fields["retention"])
    ticket = QueuedTicket(records, job_id, float(record.fields["deadline"]))
    tracker = Tracker(changed=lambda progress: records.progress(job_id, progress))
    order = load_order(record.fields["order"])
    work = brief_work(
        order, context.backend, context.settings, context.metrics or Metrics(), tracker, context.cache
    )
    with _lease(context, job_id):
        status, fields = _outcome(work, ticket, int(record.fields["max_bytes"]))
    if records.finish(job_id, status, retention, **fields):
        records.bump(job_id, "completions")
    return str(status)


def _outcome(
    work: Callable[[Ticket[Done]], Done], ticket: QueuedTicket, max_bytes: int
) -> tuple[Any, dict[str, str]]:
    """The job's final status and the record fields that say it."""
    try:
        done = work(ticket)
    except Cancelled:
        if ticket.timed_out():
            body = ErrorBody(error="timeout", detail="the job ran past job_timeout_s", limit="job_timeout_s")
            return "failed", {"error": error_json(body)}
        return "cancelled", {}
    except ApiError as exc:
        return "failed", {"error": error_json(exc.body)}
    except Exception:
        log.exception("job %s failed", ticket.job_id)
        body = ErrorBody(error="internal_error", detail="internal error; see the worker log")
        return "failed", {"error": error_json(body)}
    result = done.result.model_dump_json()
    size = len(result.encode()) + len(done.body.encode())
    if size > max_bytes:
        body = ErrorBody(
            error="result_too_large", detail=f"the result is {size} bytes, more than the service keeps",
            limit="max_result_bytes", value=max_bytes,
        )  # fmt: skip
        return "failed", {"error": error_json(body)}
    return "done", {"result": result, "body": done.body}


def on_failure(job: Any, connection: Any, *_: Any) -> None:
    """The queue gave up on a run (its worker died): the job waits for its retry, or fails for good."""
    context_records = Records(connection)
    context_records.bump(job.id, "abandoned")
    if job.retries_left:
        context_records.requeue(job.id)
        return
    body = ErrorBody(
        error="worker_lost", detail="the workers running this job stopped twice; submit it again"
    )
    record = context_records.get(job.id)
    retention = float(record.fields.get("retention", 3600)) if record else 3600.0
    context_records.finish(job.id, "failed", retention, error=error_json(body))
