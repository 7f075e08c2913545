"""Service settings: BRIEFING_SERVICE_* environment variables, an optional TOML file, CLI flags."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated, Any, Literal

import click
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from briefing.config import Settings
from briefing.config_file import ConfigError, layered, read_toml, table

# The config file's table for pipeline settings (the same names as the BRIEFING_* variables).
PIPELINE_TABLE = "briefing"


def _split(value: Any) -> Any:
    # Environment variables carry lists as "a,b,c"; a TOML file gives a real list.
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


class ServiceSettings(BaseSettings):
    """How the HTTP service listens, queues, limits and authenticates; BRIEFING_SERVICE_<NAME>."""

    # populate_by_name: `redis_url` is read from BRIEFING_REDIS_URL (shared with `briefing worker`),
    # and still set by its own name from a config file or a flag.
    model_config = SettingsConfigDict(env_prefix="BRIEFING_SERVICE_", extra="forbid", populate_by_name=True)

    host: str = Field(default="127.0.0.1", description="Address to listen on.")
    port: int = Field(default=8000, ge=0, le=65535, description="TCP port to listen on.")
    queue_size: int = Field(
        default=4, ge=0, description="Requests that may wait behind the one the model is working on."
    )
    request_timeout_s: float = Field(
        default=120.0, gt=0, description="Deadline of a synchronous request, queueing included (504)."
    )
    job_timeout_s: float = Field(
        default=1800.0, gt=0, description="Deadline of an asynchronous job, queueing included."
    )
    job_retention_s: float = Field(
        default=3600.0, gt=0, description="How long a finished job and its result are kept (then 404)."
    )
    max_jobs: int = Field(
        default=1000, ge=1, description="Finished jobs kept at most; the oldest are forgotten first."
    )
    max_jobs_bytes: int = Field(
        default=256 * 1024 * 1024,
        ge=1024,
        description="Bytes of finished jobs' results kept at most; the oldest are forgotten first.",
    )
    max_body_bytes: int = Field(
        default=10 * 1024 * 1024, ge=1024, description="Largest request body in bytes, chunked or not (413)."
    )
    max_articles: int = Field(default=50, ge=1, description="Most articles (or files) in one request (413).")
    max_article_chars: int = Field(
        default=200_000, ge=100, description="Longest article body in characters (413)."
    )
    api_keys: Annotated[list[SecretStr], NoDecode] = Field(
        default_factory=list, description="Accepted bearer keys, comma-separated; none means no auth."
    )
    api_keys_file: Path | None = Field(
        default=None, description="File of accepted bearer keys, one per line (# starts a comment)."
    )
    allow_open: bool = Field(
        default=False,
        description="Listen on a non-loopback address without API keys (anyone who can reach it may use it).",
    )
    metrics_public: bool = Field(
        default=False, description="Serve /metrics without a key even when keys are configured."
    )
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Origins allowed to call from a browser, comma-separated."
    )
    drain_s: float = Field(
        default=30.0, ge=0, description="On shutdown, how long requests in flight may take to finish."
    )
    redis_url: SecretStr | None = Field(
        default=None,
        validation_alias="BRIEFING_REDIS_URL",
        description="Redis for a shared job queue (redis://host:6379/0): jobs live there, workers run them.",
    )
    max_result_bytes: int = Field(
        default=8 * 1024 * 1024, ge=1024, description="Largest job result kept in Redis, in bytes."
    )
    log_level: Literal["critical", "error", "warning", "info", "debug", "trace"] = Field(
        default="info", description="Log level of the service and of uvicorn."
    )

    _split_lists = field_validator("api_keys", "cors_origins", mode="before")(_split)

    def keys(self) -> list[str]:
        """Every accepted key, from the setting and the keys file."""
        keys = [k.get_secret_value() for k in self.api_keys]
        if self.api_keys_file is not None:
            try:
                lines = self.api_keys_file.read_text(encoding="utf-8").splitlines()
            except OSError as exc:
                raise ConfigError(f"{self.api_keys_file}: cannot read the API keys file") from exc
            keys += [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
        return [k for k in keys if k]

    def open_to_the_network(self) -> bool:
        """Whether the service would answer anyone who can reach `host`: not loopback, and no keys."""
        return not is_loopback(self.host) and not self.keys()


def is_loopback(host: str) -> bool:
    """Whether `host` reaches this machine only: `localhost` or a loopback address (127.0.0.0/8, ::1)."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        # Any other name may resolve to a public address; treat it as open, as 0.0.0.0 is.
        return False


def load_settings(config: Path | None = None, **flags: Any) -> tuple[ServiceSettings, Settings]:
    """Service and pipeline settings from flags, environment and the optional TOML file."""
    data = read_toml(config) if config is not None else {}
    pipeline = table(data, PIPELINE_TABLE, config)
    try:
        service = layered(ServiceSettings, data, flags)
        settings = layered(Settings, pipeline)
    except ValueError as exc:  # pydantic's ValidationError
        raise ConfigError(f"{config or 'environment'}: invalid settings: {exc}") from exc
    return service, settings


# `--config` of `briefing serve` and `briefing worker`: both read the same file.
config_option = click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="TOML file of service settings, with an optional [briefing] table of pipeline settings.",
)
