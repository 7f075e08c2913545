"""A model file on disk: its sha256, cached in a sidecar record keyed on size and mtime, and whether
llama.cpp could take its GGUF header (checked before loading, so a bad file is one line, not a crash)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import struct
from pathlib import Path

from briefing.errors import ModelError

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


def _record_path(path: Path) -> Path:
    return path.with_name(path.name + ".sha256.json")


def recorded_sha256(path: Path, st: os.stat_result) -> str | None:
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


def write_record(path: Path, st: os.stat_result, sha256: str) -> None:
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
    cached = recorded_sha256(path, st)
    if cached is not None:
        return cached
    with path.open("rb") as f:
        digest = hashlib.file_digest(f, "sha256").hexdigest()
    after = path.stat()
    if (after.st_size, after.st_mtime_ns) == (st.st_size, st.st_mtime_ns):  # not rewritten meanwhile
        write_record(path, st, digest)
    return digest


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
