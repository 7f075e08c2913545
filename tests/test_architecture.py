"""The house plan holds: imports inside `briefing/` point down the layers, with no cycles, and the
checker that says so catches an upward import and a cycle when one is planted."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKER = ROOT / "scripts" / "check_layers.py"


def _check(package: Path | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(CHECKER), *([str(package)] if package else [])]
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


def test_the_package_has_no_upward_import_and_no_cycle() -> None:
    checked = _check()
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.splitlines()[-1].startswith("0 upward imports, 0 cycles")


def _copy(tmp_path: Path) -> Path:
    package = tmp_path / "briefing"
    shutil.copytree(ROOT / "briefing", package, ignore=shutil.ignore_patterns("__pycache__", "templates"))
    return package


def test_the_checker_names_an_upward_import(tmp_path: Path) -> None:
    package = _copy(tmp_path)
    stage = package / "prepare" / "chunk.py"
    stage.write_text(stage.read_text() + "\nfrom briefing.write.generate import generate_brief  # planted\n")
    checked = _check(package)
    assert checked.returncode == 1
    assert (
        "upward: briefing.prepare.chunk (layer 3) imports briefing.write.generate (layer 7)" in checked.stdout
    )
    assert "1 upward imports, 0 cycles" in checked.stdout


def test_the_checker_names_a_cycle(tmp_path: Path) -> None:
    package = _copy(tmp_path)
    (package / "text" / "planted_a.py").write_text("from briefing.text import planted_b\n")
    (package / "text" / "planted_b.py").write_text("from briefing.text import planted_a\n")
    checked = _check(package)
    assert checked.returncode == 1
    assert "cycle: briefing.text.planted_a -> briefing.text.planted_b" in checked.stdout
