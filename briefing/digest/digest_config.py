"""The digest's configuration file: what to read, how to fetch it, where state lives, whom to mail.

TOML, documented by `docs/digest.example.toml`. SMTP settings may also come from BRIEFING_SMTP_* variables
(which win over the file), so the password can stay out of the file; pipeline settings go in a
[briefing] table with the names of the BRIEFING_* variables.
"""

from __future__ import annotations

import os
from email.utils import parseaddr
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from briefing.config import Settings
from briefing.config_file import ConfigError, layered, read_toml, table
from briefing.digest.fetch import FetchPolicy
from briefing.digest.send import SmtpSettings


def _state_home() -> Path:
    return Path(os.environ.get("XDG_STATE_HOME", Path.home() / ".local" / "state")) / "briefing"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DigestOptions(_Strict):
    """The [digest] table."""

    title: str = "Daily briefing"
    timezone: str = Field(default="UTC", description="The digest's date is today's date here.")
    state: Path = Field(default_factory=lambda: _state_home() / "digest.sqlite")
    output_dir: Path = Field(
        default_factory=lambda: _state_home() / "digests",
        description="Each digest is written here as a .eml file before it is sent (--dry-run: only).",
    )
    max_stories: int = Field(default=12, ge=1)
    first_window_hours: float = Field(default=24.0, gt=0, description="The window of the very first run.")
    story_similarity: float = Field(
        default=0.15,
        gt=0,
        le=1,
        description="TF-IDF cosine similarity from which two articles share a story.",
    )
    lock_timeout_s: float = Field(
        default=3 * 3600.0, ge=0, description="How long a second run waits for the first (a CPU run is long)."
    )
    delivery: Literal["at-most-once", "at-least-once"] = Field(
        default="at-most-once",
        description="A digest found 'sending' (a run stopped mid-send: it may have gone out) is not sent "
        "again unless --force (at-most-once), or is sent again with the same Message-ID (at-least-once).",
    )
    keep_days: int = Field(
        default=30,
        ge=1,
        description="Days kept: older articles seen, sent or failed digests, their .eml files and stored "
        "feed copies are pruned at the end of each run. Longer than the first window.",
    )

    @model_validator(mode="after")
    def _known_zone(self) -> DigestOptions:
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown timezone {self.timezone!r}") from exc
        return self

    @model_validator(mode="after")
    def _keep_longer_than_the_window(self) -> DigestOptions:
        # Articles seen inside a window must still be known at its end, or they would look new again.
        if self.keep_days * 24 <= self.first_window_hours:
            raise ValueError(
                f"keep_days = {self.keep_days} must be longer than the first window (first_window_hours = "
                f"{self.first_window_hours:g}, that is {self.first_window_hours / 24:g} days)"
            )
        return self


class FetchOptions(_Strict):
    """The [fetch] table."""

    timeout: float = Field(default=10.0, gt=0)
    max_bytes: int = Field(default=5_000_000, ge=1024)
    user_agent: str = FetchPolicy.user_agent
    concurrency: int = Field(default=4, ge=1, description="Requests in flight per source, unless it says.")
    max_items: int = Field(
        default=50,
        ge=1,
        description="Newest feed items read per source (their pages fetched), unless it says.",
    )
    allow_private: bool = Field(default=False, description="Fetch private and loopback addresses too.")
    allow_hosts: list[str] = Field(default_factory=list, description="'host:port' allowed even if private.")

    def policy(self) -> FetchPolicy:
        """The fetcher's policy."""
        return FetchPolicy(
            timeout=self.timeout,
            max_bytes=self.max_bytes,
            user_agent=self.user_agent,
            allow_private=self.allow_private,
            allow_hosts=frozenset(self.allow_hosts),
        )


class Source(_Strict):
    """One [[sources]] entry: exactly one of feed, folder, jsonl or urls."""

    name: str = Field(min_length=1)
    feed: str | None = None
    folder: Path | None = None
    jsonl: Path | None = None
    urls: list[str] | None = None
    concurrency: int | None = Field(default=None, ge=1)
    max_items: int | None = Field(default=None, ge=1, description="This feed's own max_items.")

    @property
    def kind(self) -> Literal["feed", "folder", "jsonl", "urls"]:
        """Which kind of source this is."""
        for kind in ("feed", "folder", "jsonl", "urls"):
            if getattr(self, kind) is not None:
                return kind
        raise AssertionError("validated sources have a kind")

    @model_validator(mode="after")
    def _one_kind(self) -> Source:
        given = [k for k in ("feed", "folder", "jsonl", "urls") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(f"source {self.name!r} needs exactly one of feed, folder, jsonl, urls")
        return self


class EmailOptions(_Strict):
    """The [email] table."""

    sender: str = Field(alias="from")
    to: list[str] = Field(min_length=1)
    subject: str = Field(default="{title} for {date}", description="{title} and {date} are filled in.")

    @model_validator(mode="after")
    def _addresses(self) -> EmailOptions:
        # Checked when the file is read, not an hour later when the message is built.
        for value in [self.sender, *self.to]:
            _, address = parseaddr(value)
            if any(c in value for c in "\r\n") or "@" not in address or " " in address:
                raise ValueError(f"not an email address: {value!r}")
        try:
            self.subject.format(title="", date="")
        except (KeyError, IndexError, ValueError) as exc:
            raise ValueError(f"subject may use only {{title}} and {{date}}: {exc}") from exc
        return self


class SmtpOptions(BaseSettings):
    """The [smtp] table, under BRIEFING_SMTP_* variables."""

    model_config = SettingsConfigDict(env_prefix="BRIEFING_SMTP_", extra="forbid")

    host: str = "localhost"
    port: int = Field(default=587, ge=1, le=65535)
    security: Literal["starttls", "ssl", "none"] = "starttls"
    username: str | None = None
    password: SecretStr | None = None
    password_file: Path | None = Field(default=None, description="A file holding only the password.")
    timeout: float = Field(default=30.0, gt=0)
    retries: int = Field(default=3, ge=0)
    retry_wait: float = Field(default=2.0, ge=0, description="Seconds before the first retry, doubled after.")
    ca_file: Path | None = None

    def settings(self) -> SmtpSettings:
        """What the sender needs, with the password read from its file if there is one."""
        password = self.password
        if self.password_file is not None:
            try:
                password = SecretStr(self.password_file.read_text(encoding="utf-8").strip())
            except OSError as exc:
                raise ConfigError(f"{self.password_file}: cannot read the SMTP password file") from exc
        return SmtpSettings(
            host=self.host, port=self.port, security=self.security, username=self.username,
            password=password, timeout=self.timeout, retries=self.retries, retry_wait=self.retry_wait,
            ca_file=self.ca_file,
        )  # fmt: skip


class DigestConfig(_Strict):
    """The whole file."""

    digest: DigestOptions
    fetch: FetchOptions
    sources: list[Source] = Field(min_length=1)
    email: EmailOptions
    smtp: SmtpOptions
    briefing: Settings


def load_config(path: Path) -> DigestConfig:
    """Read and check the file; every problem is a ConfigError naming the file and the setting."""
    data = read_toml(path)
    base = path.parent
    pipeline = _relative_to(table(data, "briefing", path), base)
    smtp = _relative_to(table(data, "smtp", path), base)
    unknown = sorted(set(pipeline) - set(Settings.model_fields))
    if unknown:  # Settings ignores unknown environment variables; a typo in this file must not pass
        raise ConfigError(f"{path}: [briefing] has unknown settings: {', '.join(unknown)}")
    try:
        data["sources"] = [_relative_to(s, base) for s in data.get("sources", [])]
        digest = _relative_to(table(data, "digest", path), base)
        return DigestConfig(
            digest=DigestOptions(**digest),
            fetch=FetchOptions(**table(data, "fetch", path)),
            sources=data.pop("sources"),
            email=EmailOptions(**table(data, "email", path)),
            smtp=layered(SmtpOptions, smtp),
            briefing=layered(Settings, pipeline),
            **data,
        )
    except (ValidationError, TypeError) as exc:
        raise ConfigError(f"{path}: invalid digest config: {exc}") from exc


def _relative_to(values: Any, base: Path) -> Any:
    """Paths in the file are relative to the file's folder, and may start with ~."""
    if not isinstance(values, dict):
        return values
    out = dict(values)
    for key in ("folder", "jsonl", "state", "output_dir", "password_file", "ca_file", "models_dir"):
        if isinstance(out.get(key), str):
            out[key] = base / Path(out[key]).expanduser()
    return out
