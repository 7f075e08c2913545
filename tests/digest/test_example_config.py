"""docs/digest.example.toml loads, and documents every setting of the digest's tables."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import BaseModel
from pydantic_settings import BaseSettings

from briefing.digest.digest_config import (
    DigestOptions,
    EmailOptions,
    FetchOptions,
    SmtpOptions,
    Source,
    load_config,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "digest.example.toml"


def test_the_example_loads_with_the_values_it_sets() -> None:
    config = load_config(EXAMPLE)
    assert config.digest.title == "Morning briefing" and config.digest.timezone == "Europe/London"
    assert config.digest.state == Path("/var/lib/briefing-digest/digest.sqlite")
    assert config.digest.max_stories == 12  # left at its default
    assert [s.kind for s in config.sources] == ["feed", "feed", "folder", "jsonl", "urls"]
    assert config.sources[1].concurrency == 1
    assert config.email.sender == "Morning briefing <briefing@example.org>"
    assert config.email.subject == "{title} for {date}"
    assert (config.smtp.host, config.smtp.port, config.smtp.security) == ("smtp.example.org", 587, "starttls")
    assert config.smtp.password is None  # the password is never in the file
    assert config.smtp.password_file == Path("/etc/briefing/smtp-password")
    assert config.briefing.n_threads == 4


def test_smtp_variables_win_over_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_SMTP_PASSWORD", "from-the-environment")
    monkeypatch.setenv("BRIEFING_SMTP_PORT", "465")
    config = load_config(EXAMPLE)
    assert config.smtp.password is not None
    assert config.smtp.password.get_secret_value() == "from-the-environment"
    assert config.smtp.port == 465


def _keys(model: type[BaseModel]) -> list[str]:
    """The names a TOML table uses for the model's fields (an alias where there is one)."""
    return [field.alias or name for name, field in model.model_fields.items()]


@pytest.mark.parametrize(
    "model", [DigestOptions, FetchOptions, Source, EmailOptions, SmtpOptions], ids=lambda m: m.__name__
)
def test_every_setting_is_documented_in_the_example(model: type[BaseModel | BaseSettings]) -> None:
    # A setting counts as documented when a line starts with its name, commented out or not:
    # `max_stories = 12`, `# max_stories = 12`, `# password: never in this file...`.
    text = EXAMPLE.read_text(encoding="utf-8")
    missing = [
        key
        for key in _keys(model)
        if not re.search(rf"^[ \t]*#?[ \t]*{re.escape(key)}\b", text, re.MULTILINE)
    ]
    assert not missing, f"docs/digest.example.toml does not mention {model.__name__} settings: {missing}"


def test_the_example_holds_no_secret_and_only_reserved_domains() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert not re.search(r"^[ \t]*(password|openai_api_key)[ \t]*=", text, re.MULTILINE)
    hosts = set(re.findall(r"https?://([^/\s\"':]+)", text)) | set(re.findall(r"@([a-z0-9.-]+)", text))
    assert hosts and all(h in ("example.org", "127.0.0.1") or h.endswith(".example.org") for h in hosts), (
        hosts
    )
