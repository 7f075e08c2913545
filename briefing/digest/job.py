"""The daily job: collect -> brief each story -> render -> write the .eml -> send once.

Safe to run twice, at once, or after a crash: one lock serialises runs; a digest (date + recipients)
already sent is skipped; one rendered but never handed to the server, or refused by it, is finished
by sending that same message. One found "sending" (a run stopped mid-send, so it may have gone out)
is not sent again by default (`delivery = "at-most-once"`; `--force` sends it), or is sent again
with the same Message-ID (`delivery = "at-least-once"`). Every run ends by pruning what is older
than `keep_days` (see briefing/digest/prune.py).
"""

from __future__ import annotations

import email
import email.policy
import enum
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path
from zoneinfo import ZoneInfo

import dateutil.parser

from briefing.digest.brief_stories import Briefed, brief_stories
from briefing.digest.compose import DigestView, render_html, render_text
from briefing.digest.digest_config import DigestConfig
from briefing.digest.mail import OutputError, build_message, header_text, write_eml
from briefing.digest.prune import prune
from briefing.digest.send import SendError, send_message
from briefing.digest.sources import Collected, collect
from briefing.digest.state import DigestRecord, State, StateError, digest_key, run_lock
from briefing.ingest import unique_ids
from briefing.progress import Progress
from briefing.runtime import build
from briefing.schema import Article


class Outcome(enum.IntEnum):
    """How a run ended; the value is the process exit status."""

    SENT = 0  # or, with --dry-run, written
    FAILED = 1
    ALREADY_SENT = 3
    NOTHING_NEW = 4
    UNCONFIRMED = 5  # a run stopped while sending; at most once: not sent again without --force


@dataclass(frozen=True)
class RunOptions:
    """What the command line asked for."""

    dry_run: bool = False
    force: bool = False
    since: datetime | None = None
    now: datetime | None = None  # the run's clock; tests set it


def run_digest(config: DigestConfig, options: RunOptions, progress: Progress) -> Outcome:
    """Make and send today's digest, at most once, then prune; see the module docstring."""
    now = options.now or datetime.now(UTC)
    date = now.astimezone(ZoneInfo(config.digest.timezone)).date().isoformat()
    key = digest_key(date, config.email.to)
    with run_lock(config.digest.state, config.digest.lock_timeout_s):
        state = State(config.digest.state)
        try:
            floor = _window_floor(state, config, options, now, key)
            outcome = _run(state, config, options, now, date, key, progress)
            _prune(state, config, now, floor, progress)
            return outcome
        finally:
            state.close()


def _run(
    state: State, config: DigestConfig, options: RunOptions, now: datetime, date: str, key: str,
    progress: Progress,
) -> Outcome:  # fmt: skip
    existing = state.digest(key)
    if options.force and existing is not None and options.since is None:
        # Re-make the same digest: the same window, not "since it was sent" (which is empty).
        options = replace(options, since=datetime.fromtimestamp(existing.window_start, UTC))
    if options.dry_run or options.force:
        existing = None
    if existing is not None and existing.status == "sent":
        progress.say(f"the digest for {date} was already sent ({existing.message_id}); skipping")
        return Outcome.ALREADY_SENT
    if existing is not None and existing.status == "sending" and config.digest.delivery == "at-most-once":
        progress.say(
            f"the digest for {date} ({existing.message_id}) was being sent when a run stopped, so it "
            "may have gone out; not sending it again (delivery is at most once): check with a "
            'recipient, then run with --force to send it, or set delivery = "at-least-once"'
        )
        return Outcome.UNCONFIRMED
    if existing is not None and existing.eml_path.is_file():
        progress.say(f"finishing the digest for {date} left {existing.status}: sending it again")
        return _send(state, existing, config, progress)
    return _make(state, config, options, now, date, key, progress)


def _make(
    state: State, config: DigestConfig, options: RunOptions, now: datetime, date: str, key: str,
    progress: Progress,
) -> Outcome:  # fmt: skip
    start = options.since or _window_start(state, config, now)
    progress.say(f"digest for {date}: articles since {start.isoformat(timespec='minutes')}")
    with progress.stage("collect"):
        # Pages are fetched only for feed items inside the window: the rest would be dropped below.
        collected = collect(
            config.sources, config.fetch, progress.say, window=(start, now), copies=state.feed_copies()
        )
    state.store_feed_copies(collected.copies, now.timestamp())
    articles, when = _in_window(collected, state, start, now)
    progress.say(f"{len(articles)} articles in the window")
    if not articles:
        if all(r.error for r in collected.reports):
            progress.say("every source failed; nothing is sent")
            return Outcome.FAILED
        progress.say("nothing new to send")
        return Outcome.NOTHING_NEW
    briefed = _brief(articles, when, config, progress)
    view = DigestView(
        title=config.digest.title, date=date, window_start=start, window_end=now, stories=briefed.stories,
        sources=collected.reports, stories_cut=briefed.cut, skipped=briefed.skipped,
        model=briefed.provenance.model if briefed.provenance else config.briefing.model,
        model_sha=(briefed.provenance.model_sha256 or "unknown")[:12] if briefed.provenance else "unknown",
        prompt_versions=briefed.provenance.prompt_versions if briefed.provenance else {},
        failed_stories=briefed.failed,
    )  # fmt: skip
    if not view.stories:
        progress.say("no story could be briefed; nothing is sent")
        return Outcome.FAILED
    record = DigestRecord(
        key=key, date=date, recipients=list(config.email.to), message_id=_message_id(config, key),
        status="rendered", eml_path=_eml_path(config, date, key, options), window_start=start.timestamp(),
        window_end=now.timestamp(), detail="",
    )  # fmt: skip
    try:
        record.eml_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(record.eml_path.parent, exc.strerror or str(exc)) from exc
    write_eml(_message(view, record, config, now), record.eml_path)
    if options.dry_run:
        progress.say(f"dry run: wrote {record.eml_path}; nothing sent")
        return Outcome.SENT
    state.record(record)
    return _send(state, record, config, progress)


def _send(state: State, record: DigestRecord, config: DigestConfig, progress: Progress) -> Outcome:
    """Send the stored message, recording the attempt before and the outcome after."""
    message = email.message_from_bytes(
        record.eml_path.read_bytes(), _class=EmailMessage, policy=email.policy.SMTP
    )
    state.mark(record.key, "sending")
    smtp = config.smtp
    progress.say(
        f"sending {record.eml_path.name} to {len(record.recipients)} recipients via {smtp.host}:{smtp.port}"
    )
    try:
        confirmation = send_message(message, config.smtp.settings(), log=progress.say)
    except SendError as exc:
        state.mark(record.key, "failed", str(exc))
        progress.say(f"not sent: {exc}; the next run sends {record.eml_path.name}")
        return Outcome.FAILED
    state.mark(record.key, "sent", confirmation)
    progress.say(f"sent {record.message_id}: {confirmation}")
    return Outcome.SENT


def _window_floor(
    state: State, config: DigestConfig, options: RunOptions, now: datetime, key: str
) -> datetime:
    """The earliest start of a window this run may read: articles seen since then are not pruned."""
    starts = [_window_start(state, config, now)]
    existing = state.digest(key)
    if existing is not None:  # --force reads the window of the digest it makes again
        starts.append(datetime.fromtimestamp(existing.window_start, UTC))
    return min(starts + ([options.since] if options.since else []))


def _prune(state: State, config: DigestConfig, now: datetime, floor: datetime, progress: Progress) -> None:
    """Prune after the run; a failure to is said, and does not change how the run ended."""
    try:
        pruned = prune(state, config.digest.output_dir, config.digest.keep_days, now, floor)
    except StateError as exc:
        progress.say(f"could not prune the digest state: {exc}")
        return
    progress.say(pruned.summary(config.digest.keep_days))


def _window_start(state: State, config: DigestConfig, now: datetime) -> datetime:
    last = state.last_sent_window_end()
    if last is not None:
        return datetime.fromtimestamp(last, UTC)
    return now - timedelta(hours=config.digest.first_window_hours)


def _in_window(
    collected: Collected, state: State, start: datetime, now: datetime
) -> tuple[list[Article], dict[str, datetime]]:
    """Articles published (else first seen) since `start`; records every article as seen."""
    articles = unique_ids(collected.articles)
    when: dict[str, datetime] = {}
    for a in articles:
        first_seen = state.see(a.content_hash, a.url, a.title, now.timestamp())
        when[a.id] = _published(a) or datetime.fromtimestamp(first_seen, UTC)
    # Not after `now`: an item dated in the future waits for the digest after its date, once.
    kept = [a for a in articles if start < when[a.id] <= now]
    return kept, {a.id: when[a.id] for a in kept}


def _published(article: Article) -> datetime | None:
    if not article.published:
        return None
    try:
        parsed: datetime = dateutil.parser.parse(article.published)
    except (ValueError, OverflowError):
        return None
    # A date without a zone is taken as UTC: feeds that omit it are usually in UTC.
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _brief(
    articles: list[Article], when: dict[str, datetime], config: DigestConfig, progress: Progress
) -> Briefed:
    settings = config.briefing
    # The brief cache lives in the digest's state database: tomorrow's digest reuses today's briefs.
    with build(settings, progress, cache_path=config.digest.state) as runtime:
        return brief_stories(
            articles, when, runtime.backend, settings, progress,
            similarity=config.digest.story_similarity, cap=config.digest.max_stories, cache=runtime.cache,
        )  # fmt: skip


def _message_id(config: DigestConfig, key: str) -> str:
    domain = config.email.sender.rsplit("@", 1)[-1].strip(" >") or "briefing.invalid"
    return make_msgid(idstring=key.replace("/", "."), domain=domain)


def _eml_path(config: DigestConfig, date: str, key: str, options: RunOptions) -> Path:
    suffix = key.split("/")[-1][:8]
    name = f"digest-{date}-{suffix}{'-dry-run' if options.dry_run else ''}.eml"
    return config.digest.output_dir / name


def _message(view: DigestView, record: DigestRecord, config: DigestConfig, now: datetime) -> EmailMessage:
    subject = config.email.subject.format(title=config.digest.title, date=record.date)
    return build_message(
        subject=header_text(subject), sender=config.email.sender, recipients=record.recipients,
        text=render_text(view), html=render_html(view), message_id=record.message_id, date=now,
        # RFC 3834: an automatic message; vacation responders must not answer it.
        extra_headers={"Auto-Submitted": "auto-generated", "X-Briefing-Digest": record.key},
    )  # fmt: skip
