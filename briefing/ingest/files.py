"""Reading articles from files, folders and stdin; each bad input becomes an InputError, not a crash."""

from __future__ import annotations

import os
import posixpath
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from briefing.errors import InputError
from briefing.ingest.article import article_from_fields, normalize_newlines
from briefing.ingest.html_page import read_html_article
from briefing.ingest.json_records import read_json_articles, read_jsonl_articles
from briefing.ingest.plain_text import read_text_article
from briefing.schema import Article

__all__ = ["SUPPORTED_SUFFIXES", "IngestResult", "article_from_fields", "ingest"]

STDIN = "-"
STDIN_ORIGIN = "<stdin>"
# Bigger files are not news articles, and trafilatura would take minutes over them.
MAX_BYTES = 32 * 1024 * 1024
BINARY_SNIFF_BYTES = 8192

Reader = Callable[[str, str], list[Article | InputError]]


def _one(read: Callable[[str, str], Article]) -> Reader:
    return lambda origin, text: [read(origin, text)]


READERS: dict[str, Reader] = {
    ".txt": _one(read_text_article),
    ".text": _one(read_text_article),
    ".md": _one(read_text_article),
    ".markdown": _one(read_text_article),
    ".html": _one(read_html_article),
    ".htm": _one(read_html_article),
    ".xhtml": _one(read_html_article),
    ".json": read_json_articles,
    ".jsonl": read_jsonl_articles,
    ".ndjson": read_jsonl_articles,
}
SUPPORTED_SUFFIXES = tuple(READERS)
# Read when named explicitly, but not when found in a folder.
PROJECT_FILES = frozenset({"readme", "license", "licence", "changelog", "contributing", "notice"})


@dataclass(frozen=True)
class IngestResult:
    """The articles that could be read, and one error per input (or record) that could not."""

    articles: list[Article]
    errors: list[InputError]


def _plausible_latin1(text: str) -> bool:
    # Real Latin-1/cp1252 prose is mostly ASCII with a few accented letters; random bytes decode to
    # many control characters and symbols.
    if not text:
        return False
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f")
    non_ascii = sum(1 for c in text if ord(c) > 127)
    return controls <= len(text) * 0.01 and non_ascii <= len(text) * 0.3


def _decode_legacy(data: bytes, origin: str, error: UnicodeDecodeError) -> str:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; Latin-1 maps every byte.
        text = data.decode("latin-1")
    if not _plausible_latin1(text):
        bad = error.object[error.start]
        raise InputError(
            origin,
            f"not UTF-8 text (invalid byte 0x{bad:02x} at offset {error.start}) "
            "and does not read as Latin-1 either",
        )
    return text


def decode(data: bytes, origin: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else Latin-1/cp1252 if plausible."""
    if not data:
        raise InputError(origin, "empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(origin, f"invalid UTF-16 text at offset {exc.start}") from exc
    elif b"\x00" in data[:BINARY_SNIFF_BYTES]:
        raise InputError(origin, "binary file (contains NUL bytes), not text")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            text = _decode_legacy(data, origin, exc)
    if not text.strip():
        raise InputError(origin, "file contains only whitespace")
    return normalize_newlines(text)


def _sniff_reader(text: str) -> Reader:
    # stdin has no file name: look at its first character instead.
    start = text.lstrip()[:1]
    if start in ("{", "["):
        return READERS[".json"]
    if start == "<":
        return READERS[".html"]
    return READERS[".txt"]


def _read_bytes(path: Path, origin: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(origin, f"file too large ({size} bytes; at most {MAX_BYTES})")
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(origin, "no such file or folder") from exc
    except PermissionError as exc:
        raise InputError(origin, "permission denied") from exc
    except OSError as exc:
        raise InputError(origin, f"cannot read: {exc.strerror or exc}") from exc


def _read_file(path: Path, origin: str) -> list[Article | InputError]:
    # A file named explicitly with an unknown suffix is read as text: the user asked for it.
    reader = READERS.get(path.suffix.lower(), READERS[".txt"])
    return reader(origin, decode(_read_bytes(path, origin), origin))


def _read_stdin(stdin: BinaryIO | None) -> list[Article | InputError]:
    stream = stdin if stdin is not None else sys.stdin.buffer
    try:
        data = stream.read()
    except OSError as exc:
        raise InputError(STDIN_ORIGIN, f"cannot read: {exc.strerror or exc}") from exc
    if len(data) > MAX_BYTES:
        raise InputError(STDIN_ORIGIN, f"input too large ({len(data)} bytes; at most {MAX_BYTES})")
    text = decode(data, STDIN_ORIGIN)
    return _sniff_reader(text)(STDIN_ORIGIN, text)


def _folder_files(folder: Path, errors: list[Article | InputError]) -> list[Path]:
    """Files under `folder`, sorted by path; sub-folders that cannot be listed are added to `errors`."""

    def unreadable(exc: OSError) -> None:
        errors.append(InputError(str(exc.filename or folder), f"cannot list folder: {exc.strerror or exc}"))

    # Hidden files and folders (.git, .DS_Store) are not inputs anyone meant to give.
    files: list[Path] = []
    for root, dirs, names in os.walk(folder, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        files.extend(Path(root) / n for n in names if not n.startswith("."))
    return sorted(files)


def _read_folder(folder: Path, origin: str) -> list[Article | InputError]:
    results: list[Article | InputError] = []
    supported = 0
    for path in _folder_files(folder, results):
        suffix = path.suffix.lower()
        if suffix not in READERS:
            kind = suffix or "(no extension)"
            results.append(InputError(str(path), f"unsupported file type {kind}"))
            continue
        if path.stem.casefold() in PROJECT_FILES:
            # A folder of articles often carries a README describing them; it is not news.
            results.append(InputError(str(path), f"{path.name} describes the folder, not an article"))
            continue
        supported += 1
        results.extend(_read_input(path, str(path)))
    if supported == 0:
        names = ", ".join(sorted(set(SUPPORTED_SUFFIXES)))
        results.append(InputError(origin, f"folder has no supported files ({names})"))
    return results


def _read_input(path: Path, origin: str) -> list[Article | InputError]:
    try:
        if path.is_dir():
            return _read_folder(path, origin)
        return _read_file(path, origin)
    except InputError as error:
        return [error]


def read_upload(name: str, data: bytes) -> list[Article | InputError] | None:
    """The articles in an uploaded file's bytes, read by its name's extension (the name is only a
    label: nothing is opened by it); None when no reader takes that extension."""
    read = READERS.get(posixpath.splitext(name)[1].lower())
    if read is None:
        return None
    try:
        return read(name, decode(data, name))
    except InputError as exc:
        return [exc]


def unique_ids(articles: list[Article]) -> list[Article]:
    """The articles with ids made unique within one batch ("-2", "-3" for repeats)."""
    # The same file given twice yields the same id; suffixes keep ids unique within one batch.
    seen: dict[str, int] = {}
    unique: list[Article] = []
    for article in articles:
        count = seen.get(article.id, 0) + 1
        seen[article.id] = count
        unique.append(article if count == 1 else article.model_copy(update={"id": f"{article.id}-{count}"}))
    return unique


def ingest(inputs: Sequence[str], *, stdin: BinaryIO | None = None) -> IngestResult:
    """Read every input (file, folder or "-" for stdin); bad ones are reported, the rest go on."""
    results: list[Article | InputError] = []
    for given in inputs:
        if given == STDIN:
            try:
                results.extend(_read_stdin(stdin))
            except InputError as error:
                results.append(error)
        else:
            results.extend(_read_input(Path(given), given))
    articles = [r for r in results if isinstance(r, Article)]
    errors = [r for r in results if isinstance(r, InputError)]
    return IngestResult(articles=unique_ids(articles), errors=errors)
