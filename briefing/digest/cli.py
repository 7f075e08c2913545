"""`briefing digest run`: the daily digest job's command line (for cron, systemd timers, CronJobs)."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import click
import dateutil.parser

from briefing.digest.digest_config import load_config
from briefing.digest.job import Outcome, RunOptions, run_digest
from briefing.errors import BriefingError
from briefing.progress import Progress

EXIT_CODES = """Exit status: 0 sent (or written, with --dry-run); 1 failed (nothing sent: the next run
the same day sends the same message; also when every source failed); 2 bad configuration;
3 skipped, already sent today to these recipients; 4 nothing new in the window; 5 a run stopped
while sending today's digest and delivery is at most once: not sent again (--force sends it)."""


@click.group(name="digest")
def digest_group() -> None:
    """The daily email digest: feeds in, one cited briefing per story out, sent once."""


@digest_group.command(name="run", epilog=EXIT_CODES)
@click.option(
    "--config", "config_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
    help="The digest's TOML file (see docs/digest.example.toml).",
)  # fmt: skip
@click.option("--dry-run", is_flag=True, help="Write the .eml file instead of sending it.")
@click.option("--force", is_flag=True, help="Send again even if today's digest was already sent.")
@click.option(
    "--since", help="Start of the window: an ISO date/time, or a duration like 36h or 2d (default: the "
    "end of the last digest sent; first run: the last 24 hours).",
)  # fmt: skip
@click.option("--quiet", "-q", is_flag=True, help="No progress lines on stderr.")
def run_command(config_path: Path, dry_run: bool, force: bool, since: str | None, quiet: bool) -> None:
    """Make today's digest and send it once."""
    progress = Progress(None if quiet else sys.stderr)
    try:
        config = load_config(config_path)
        options = RunOptions(dry_run=dry_run, force=force, since=_since(since) if since else None)
        outcome = run_digest(config, options, progress)
    except BriefingError as exc:
        click.echo(f"briefing: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    progress.summary()
    sys.exit(int(outcome))


def _since(value: str) -> datetime:
    """An absolute time, or a duration back from now ("36h", "2d", "90m")."""
    units = {"m": "minutes", "h": "hours", "d": "days"}
    if value[-1:] in units and value[:-1].replace(".", "", 1).isdigit():
        return datetime.now(UTC) - timedelta(**{units[value[-1]]: float(value[:-1])})
    try:
        parsed: datetime = dateutil.parser.isoparse(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is neither an ISO date/time nor a duration like 36h") from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


__all__ = ["Outcome", "digest_group"]
