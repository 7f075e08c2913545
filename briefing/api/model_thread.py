"""The one thread that runs model work, one piece at a time, behind a bounded waiting line.

A llama.cpp context runs one completion at a time, so every piece of work passes through here: the
model never sees two callers, the event loop never waits on the model, and a full line is said at
once (the caller answers 429) instead of growing without bound.
"""

from __future__ import annotations

import math
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, Generic, Literal, TypeVar

T = TypeVar("T")
TicketState = Literal["queued", "running", "finished"]


class Ticket(Generic[T]):
    """One piece of admitted work: its future, its deadline, and a flag the work polls to stop."""

    def __init__(self, work: Callable[[Ticket[T]], T], deadline: float | None) -> None:
        self.work = work
        self.deadline = deadline
        self.state: TicketState = "queued"
        self.created = time.time()  # wall clock, for job status
        self.started: float | None = None
        self.future: Future[T] = Future()
        self._stop = threading.Event()

    def cancelled(self) -> bool:
        """Whether the work should stop: withdrawn by its caller, or past its deadline."""
        return self._stop.is_set() or (self.deadline is not None and time.monotonic() > self.deadline)

    def timed_out(self) -> bool:
        """Whether the deadline, not the caller, is what stopped (or will stop) the work."""
        return not self._stop.is_set() and self.deadline is not None and time.monotonic() > self.deadline

    def cancel(self) -> None:
        """Withdraw the work: a queued ticket never runs; a running one stops at its next model call."""
        self._stop.set()
        self.future.cancel()  # succeeds only while queued, and then frees the place at once


class Worker:
    """One model thread with at most `queue_size` tickets waiting; `submit` says no when full."""

    def __init__(self, queue_size: int) -> None:
        self.capacity = queue_size + 1  # the waiting line plus the one being worked on
        self._line: queue.SimpleQueue[Ticket[Any] | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._live: set[Ticket[Any]] = set()
        self._running: Ticket[Any] | None = None
        self._seconds = 0.0  # running mean of how long one piece takes, for Retry-After
        self._closed = False
        # A daemon thread: at exit, a completion that outlived the drain time must not hold the process.
        self._thread = threading.Thread(target=self._loop, name="briefing-model", daemon=True)
        self._thread.start()

    @property
    def running(self) -> int:
        """Pieces of work the model thread is on now (0 or 1)."""
        return 0 if self._running is None else 1

    @property
    def alive(self) -> bool:
        """Whether the model thread is there to take work."""
        return self._thread.is_alive() and not self._closed

    @property
    def closed(self) -> bool:
        """Whether `close` was called: a closed worker admits nothing."""
        return self._closed

    @property
    def waiting(self) -> int:
        """Tickets admitted and not started yet."""
        with self._lock:
            return sum(1 for t in self._live if t.state == "queued")

    def full(self) -> bool:
        """Whether `submit` would refuse now (it checks again: another request may come first)."""
        with self._lock:
            return self._closed or len(self._live) >= self.capacity

    def submit(self, work: Callable[[Ticket[T]], T], deadline: float | None) -> Ticket[T] | None:
        """Admit `work` (it gets its ticket, to poll `cancelled`), or None when the line is full."""
        ticket: Ticket[T] = Ticket(work, deadline)
        with self._lock:
            if self._closed or len(self._live) >= self.capacity:
                return None
            self._live.add(ticket)
        ticket.future.add_done_callback(lambda _: self._release(ticket))
        self._line.put(ticket)
        return ticket

    def _loop(self) -> None:
        while (ticket := self._line.get()) is not None:
            if not ticket.future.set_running_or_notify_cancel():
                continue  # withdrawn while it waited: its work never starts
            ticket.state, ticket.started = "running", time.time()
            self._running = ticket
            started = time.monotonic()
            try:
                ticket.future.set_result(ticket.work(ticket))
            except BaseException as exc:  # handed to whoever waits on the future
                ticket.future.set_exception(exc)
            finally:
                ticket.state = "finished"
                self._running = None
                self._seconds = 0.7 * self._seconds + 0.3 * (time.monotonic() - started)

    def _release(self, ticket: Ticket[Any]) -> None:
        with self._lock:
            self._live.discard(ticket)

    def retry_after(self) -> int:
        """Seconds a refused client should wait: about the time to work through the line now."""
        estimate = max(self._seconds, 1.0) * self.capacity
        return min(300, max(1, math.ceil(estimate)))

    def close(self, wait: float) -> None:
        """Refuse new work, drop what waits, give the running piece `wait` seconds, then stop it."""
        with self._lock:
            self._closed = True
            live = list(self._live)
        for ticket in live:
            if ticket.state == "queued":
                ticket.cancel()
        self._line.put(None)
        self._thread.join(timeout=wait)
        for ticket in live:
            ticket.cancel()
