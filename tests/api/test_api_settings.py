"""Service settings: flags over environment over the TOML file over defaults; every field described."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.api.serve import serve_command
from briefing.api.service_config import ConfigError, ServiceSettings, load_settings


def test_every_setting_is_described() -> None:
    for name, field in ServiceSettings.model_fields.items():
        assert field.description, name


def test_flags_beat_the_environment_which_beats_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "service.toml"
    config.write_text(
        'host = "0.0.0.0"\nport = 9000\nqueue_size = 2\ncors_origins = ["https://desk.example"]\n'
        '[briefing]\nbackend = "fake"\nn_ctx = 2048\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("BRIEFING_SERVICE_QUEUE_SIZE", "7")
    monkeypatch.setenv("BRIEFING_N_CTX", "3072")
    service, pipeline = load_settings(config, port=9100, host=None)
    assert (service.host, service.port, service.queue_size) == ("0.0.0.0", 9100, 7)
    assert service.cors_origins == ["https://desk.example"]
    assert (pipeline.backend, pipeline.n_ctx) == ("fake", 3072)


def test_a_bad_config_file_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("queue_size = [", encoding="utf-8")
    unknown = tmp_path / "unknown.toml"
    unknown.write_text("queue_sise = 3\n", encoding="utf-8")
    wrong = tmp_path / "wrong.toml"
    wrong.write_text('queue_size = "many"\n', encoding="utf-8")
    for path, words in ((broken, "not valid TOML"), (unknown, "queue_sise"), (wrong, "queue_size")):
        with pytest.raises(ConfigError, match=words):
            load_settings(path)


def test_serve_command_reports_a_bad_config_in_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("port = 'x'\n", encoding="utf-8")
    result = CliRunner().invoke(serve_command, ["--config", str(broken)])
    assert result.exit_code == 2
    assert result.output.startswith("briefing: error:") and "Traceback" not in result.output
    assert "--host" in CliRunner().invoke(serve_command, ["--help"]).output
