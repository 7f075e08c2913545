"""The digest's deployment files: the Kubernetes CronJob, the systemd units, the screenshot script."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from briefing.digest.digest_config import load_config

REPO = Path(__file__).resolve().parents[2]
CRONJOB = REPO / "deploy" / "k8s" / "digest-cronjob.yaml"
SYSTEMD = REPO / "deploy" / "systemd"
SCREENSHOT = REPO / "scripts" / "digest-screenshot.sh"


def _manifests() -> dict[str, dict[str, Any]]:
    docs = [d for d in yaml.safe_load_all(CRONJOB.read_text(encoding="utf-8")) if d]
    return {d["kind"]: d for d in docs}


def _job_pod() -> dict[str, Any]:
    pod: dict[str, Any] = _manifests()["CronJob"]["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    return pod


def test_the_cronjob_runs_the_digest_one_at_a_time() -> None:
    manifests = _manifests()
    assert set(manifests) == {"ConfigMap", "PersistentVolumeClaim", "CronJob"}
    cron = manifests["CronJob"]["spec"]
    assert cron["concurrencyPolicy"] == "Forbid"
    assert cron["jobTemplate"]["spec"]["backoffLimit"] <= 2
    pod = _job_pod()
    assert pod["restartPolicy"] == "Never"  # podFailurePolicy requires it
    [container] = pod["containers"]
    assert "briefing digest run --config /config/digest.toml" in " ".join(container["command"])
    mounts = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}
    volumes = {v["name"]: v for v in pod["volumes"]}
    assert mounts["config"] == "/config" and volumes["config"]["configMap"]["name"] == "briefing-digest"
    assert (
        volumes["state"]["persistentVolumeClaim"]["claimName"]
        == manifests["PersistentVolumeClaim"]["metadata"]["name"]
    )
    assert pod["securityContext"]["runAsNonRoot"] is True


@pytest.mark.parametrize(("status", "expected"), [(0, 0), (1, 1), (2, 2), (3, 0), (4, 0)])
def test_the_cronjob_treats_already_sent_and_nothing_new_as_success(
    tmp_path: Path, status: int, expected: int
) -> None:
    # The container's own command, with a stand-in `briefing` that exits with `status`.
    stub = tmp_path / "briefing"
    stub.write_text(f"#!/bin/sh\nexit {status}\n", encoding="utf-8")
    stub.chmod(0o755)
    [container] = _job_pod()["containers"]
    env = {**os.environ, "PATH": f"{tmp_path}{os.pathsep}{os.environ.get('PATH', '')}"}
    assert container["command"][:2] == ["sh", "-c"]
    done = subprocess.run(container["command"], env=env, check=False, timeout=10)
    assert done.returncode == expected


def test_the_configmap_holds_a_valid_digest_config(tmp_path: Path) -> None:
    path = tmp_path / "digest.toml"
    path.write_text(_manifests()["ConfigMap"]["data"]["digest.toml"], encoding="utf-8")
    config = load_config(path)
    # The state lives on the state volume, the password in the mounted Secret.
    assert config.digest.state == Path("/state/digest.sqlite")
    assert config.smtp.password is None and config.smtp.password_file == Path("/secrets/smtp/password")
    [container] = _job_pod()["containers"]
    mounts = {m["mountPath"] for m in container["volumeMounts"]}
    assert {"/state", "/secrets/smtp"} <= mounts


def _unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read_string((SYSTEMD / name).read_text(encoding="utf-8"))
    return parser


def test_the_systemd_service_is_a_hardened_oneshot() -> None:
    unit = _unit("briefing-digest.service")
    service = unit["Service"]
    assert service["Type"] == "oneshot"
    assert "briefing digest run --config" in service["ExecStart"]
    assert set(service["SuccessExitStatus"].split()) == {"3", "4"}
    assert service["User"] and service["User"] != "root"
    assert service["NoNewPrivileges"] == "yes" and service["PrivateTmp"] == "yes"
    assert service["ProtectSystem"] == "strict" and service["ReadWritePaths"]
    assert service["LoadCredential"].startswith("smtp-password:")
    # The password comes as a credential file, never as a variable (configparser keeps only the last
    # of repeated keys, so read the lines).
    lines = (SYSTEMD / "briefing-digest.service").read_text(encoding="utf-8").splitlines()
    assert "Environment=BRIEFING_SMTP_PASSWORD_FILE=%d/smtp-password" in lines
    assert not [line for line in lines if line.startswith("Environment=BRIEFING_SMTP_PASSWORD=")]
    assert unit["Unit"]["After"] == "network-online.target"


def test_the_systemd_timer_runs_every_morning_and_catches_up() -> None:
    timer = _unit("briefing-digest.timer")
    assert timer["Timer"]["OnCalendar"] == "*-*-* 06:30"
    assert timer["Timer"]["Persistent"] == "true"
    assert timer["Timer"]["RandomizedDelaySec"]
    assert timer["Install"]["WantedBy"] == "timers.target"


def test_the_screenshot_script_is_valid_bash() -> None:
    assert os.access(SCREENSHOT, os.X_OK)
    subprocess.run(["bash", "-n", str(SCREENSHOT)], check=True, timeout=10)
    shellcheck = shutil.which("shellcheck") or shutil.which("shellcheck", path=str(REPO / ".venv" / "bin"))
    if shellcheck is not None:
        subprocess.run([shellcheck, str(SCREENSHOT)], check=True, timeout=60)


def test_the_screenshot_script_refuses_bad_arguments(tmp_path: Path) -> None:
    done = subprocess.run(["bash", str(SCREENSHOT)], capture_output=True, text=True, check=False, timeout=10)
    assert done.returncode == 2 and "usage:" in done.stderr
    html = tmp_path / "digest.html"
    html.write_text("<p>x</p>", encoding="utf-8")
    done = subprocess.run(
        ["bash", str(SCREENSHOT), str(html), str(tmp_path / "out.png"), "wide"],
        capture_output=True, text=True, check=False, timeout=10,
    )  # fmt: skip
    assert done.returncode == 2 and "WIDTH must be a number" in done.stderr
