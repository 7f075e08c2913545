"""Job records in Redis: one hash per job, written by the API (submit, cancel) and a worker (run).

Every change of state is a small Lua script, so a late result never overwrites a cancellation and a
job that has finished is never started again. Records expire: unfinished ones after the job's
deadline plus the retention time, finished ones `retention` seconds after they finish.
"""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass
from typing import Any, cast

from redis import Redis

from briefing.api.bodies import Format, JobProgress, JobStatus
from briefing.api.errors import ErrorBody

PREFIX = "briefing:job:"
UNFINISHED = ("queued", "running")

# Start (or restart, after a dead worker) a job that has not finished: claim its lease for this worker.
_CLAIM = """
local status = redis.call('HGET', KEYS[1], 'status')
if status ~= 'queued' and status ~= 'running' then return 0 end
if not redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return -1 end
redis.call('HSET', KEYS[1], 'status', 'running', 'started', ARGV[3], 'worker', ARGV[1])
redis.call('HINCRBY', KEYS[1], 'attempts', 1)
return 1
"""
# Keep a lease alive, only for the worker that holds it.
_RENEW = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
"""
# Set the final fields of a job still queued or running; a finished job stays as it is.
_FINISH = """
local status = redis.call('HGET', KEYS[1], 'status')
if status ~= 'queued' and status ~= 'running' then return 0 end
for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
redis.call('HDEL', KEYS[1], 'order')
redis.call('EXPIRE', KEYS[1], ARGV[1])
redis.call('DEL', KEYS[2])
return 1
"""


def _text(value: bytes | str | None) -> str | None:
    return value.decode() if isinstance(value, bytes) else value


@dataclass(frozen=True)
class Record:
    """What Redis holds about one job, decoded."""

    id: str
    fields: dict[str, str]

    @property
    def status(self) -> JobStatus:
        status: JobStatus = self.fields["status"]  # type: ignore[assignment]
        return status

    @property
    def format(self) -> Format:
        fmt: Format = self.fields["format"]  # type: ignore[assignment]
        return fmt

    @property
    def owner(self) -> str | None:
        return self.fields.get("owner") or None

    def stamp(self, name: str) -> float | None:
        value = self.fields.get(name)
        return float(value) if value else None

    def number(self, name: str) -> int:
        return int(self.fields.get(name) or 0)

    def progress(self) -> JobProgress:
        raw = self.fields.get("progress")
        return JobProgress.model_validate_json(raw) if raw else JobProgress()

    def error(self) -> ErrorBody | None:
        raw = self.fields.get("error")
        return ErrorBody.model_validate_json(raw) if raw else None


class Records:
    """Job records in one Redis database."""

    def __init__(self, redis: Redis) -> None:
        self.redis = redis
        self._claim = redis.register_script(_CLAIM)
        self._renew = redis.register_script(_RENEW)
        self._finish = redis.register_script(_FINISH)

    def create(
        self, fmt: Format, owner: str | None, order: str, deadline: float, retention: float, max_bytes: int
    ) -> str:
        """A new queued job; returns its id (random: ids are not guessable)."""
        job_id = secrets.token_urlsafe(12)
        key = PREFIX + job_id
        now = time.time()
        mapping = {
            "status": "queued", "format": fmt, "owner": owner or "", "created": now,
            "deadline": deadline, "retention": retention, "max_bytes": max_bytes, "order": order,
        }  # fmt: skip
        with self.redis.pipeline() as pipe:
            pipe.hset(key, mapping=cast(Any, mapping))
            pipe.expire(key, max(1, int(deadline - now + retention)))
            pipe.execute()
        return job_id

    def get(self, job_id: str) -> Record | None:
        """The job's record, or None once it has expired or never existed."""
        raw: dict[Any, Any] = self.redis.hgetall(PREFIX + job_id)
        if not raw:
            return None
        return Record(job_id, {str(_text(k)): str(_text(v)) for k, v in raw.items()})

    def claim(self, job_id: str, worker: str, lease_s: float) -> int:
        """1: this worker runs the job now; 0: it has finished (skip it); -1: another worker holds it."""
        keys = [PREFIX + job_id, PREFIX + job_id + ":lease"]
        return int(self._claim(keys=keys, args=[worker, int(lease_s * 1000), time.time()]))

    def renew(self, job_id: str, worker: str, lease_s: float) -> bool:
        """Extend this worker's lease on a job it runs; False if it lost the lease."""
        return bool(self._renew(keys=[PREFIX + job_id + ":lease"], args=[worker, int(lease_s * 1000)]))

    def requeue(self, job_id: str) -> None:
        """Back to queued (a worker died and the queue retries it); a finished job stays as it is."""
        self.redis.eval(
            "if redis.call('HGET', KEYS[1], 'status') == 'running' then "
            "redis.call('HSET', KEYS[1], 'status', 'queued') end return 0",
            1, PREFIX + job_id,
        )  # fmt: skip

    def progress(self, job_id: str, progress: JobProgress) -> None:
        """What the job is doing now, for pollers on any replica."""
        self.redis.hset(PREFIX + job_id, "progress", progress.model_dump_json())

    def cancel_requested(self, job_id: str) -> bool:
        """Whether a client withdrew the job (or it is gone): the worker stops at its next model call."""
        return self.redis.hget(PREFIX + job_id, "status") in (None, b"cancelled")

    def finish(self, job_id: str, status: JobStatus, retention: float, **fields: str) -> bool:
        """Final state and fields of a job still unfinished; False if it had finished already."""
        args: list[Any] = [max(1, int(retention)), "status", status, "finished", time.time()]
        for name, value in fields.items():
            args += [name, value]
        keys = [PREFIX + job_id, PREFIX + job_id + ":lease"]
        return bool(self._finish(keys=keys, args=args))

    def bump(self, job_id: str, field: str) -> None:
        """Count an event on the job (completed runs), to show a job ran to the end exactly once."""
        self.redis.hincrby(PREFIX + job_id, field, 1)

    def forget(self, job_id: str) -> None:
        """Drop a job and its result now."""
        self.redis.delete(PREFIX + job_id, PREFIX + job_id + ":lease")

    def counts(self, limit: int = 10_000) -> dict[str, int]:
        """Jobs by state, from at most `limit` records (a scrape must stay cheap)."""
        found: dict[str, int] = {}
        for n, key in enumerate(self.redis.scan_iter(match=PREFIX + "*", count=500)):
            if n >= limit:
                break
            if _text(key).endswith(":lease"):  # type: ignore[union-attr]
                continue
            status = _text(self.redis.hget(key, "status"))
            if status is not None:
                found[status] = found.get(status, 0) + 1
        return found


def error_json(body: ErrorBody) -> str:
    """An error as stored in a record."""
    return body.model_dump_json(exclude_defaults=True)


def dumps(value: Any) -> str:
    """Compact JSON for a record field."""
    return json.dumps(value, separators=(",", ":"))
