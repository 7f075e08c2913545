"""TOML configuration files layered under environment variables and flags (service and digest)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pydantic_settings import BaseSettings

from briefing.errors import BriefingError


class ConfigError(BriefingError):
    """A configuration file is missing, malformed or names unknown settings."""

    exit_code = 2


def read_toml(path: Path) -> dict[str, Any]:
    """The parsed file, or a ConfigError naming it and what is wrong."""
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the config file ({exc.strerror or exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc


def layered(cls: type[BaseSettings], from_file: dict[str, Any], flags: dict[str, Any] | None = None) -> Any:
    """Settings with precedence: command-line flags, then the environment, then the file, then defaults."""
    from_env = cls()
    given = {name: getattr(from_env, name) for name in from_env.model_fields_set}
    chosen = {k: v for k, v in (flags or {}).items() if v is not None}
    return cls(**{**from_file, **given, **chosen})


def table(data: dict[str, Any], name: str, path: Path | None) -> dict[str, Any]:
    """One [table] of the file (empty when absent); a ConfigError if it is not a table."""
    value = data.pop(name, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{path}: [{name}] must be a table")
    return value
