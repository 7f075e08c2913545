"""Build the digest email (text and HTML alternatives) with header-injection-proof headers, and save it.

Every header value is flattened to one line by `header_text`. Python 3.11's email package decodes RFC 2047
encoded-words when it parses a header, even ones that decode to CR LF, and writes that newline back out raw,
so `=?utf-8?q?a=0D=0ABcc:_x@y?=` in a subject would add a Bcc header: `header_text` decodes such words
itself, where the result can still be flattened, and `build_message` checks the finished headers again.
Header values are unstructured text: a token too long for one line (a long URL) is folded by the email
package as encoded-words, which mail readers decode but programs reading the raw header may not.
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import datetime
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import getaddresses
from pathlib import Path

from briefing.errors import BriefingError

# Unicode categories that must never reach a header: control characters (CR, LF, NEL, ...) and the line and
# paragraph separators, which some readers render as line breaks.
_BREAKS = frozenset({"Cc", "Zl", "Zp"})
# Encoded-words can be nested (an encoded-word that decodes to another one); a few rounds cover honest text.
_DECODE_ROUNDS = 4
# Extra headers carry URLs (List-Unsubscribe) that must not be cut short; 998 is RFC 5322's line limit.
_EXTRA_LIMIT = 998
_FIELD_NAME = re.compile(r"[!-9;-~]+")  # RFC 5322 ftext: printable ASCII except ':'
_MESSAGE_ID = re.compile(r"<[^<>@\s]+@[^<>@\s]+>")
_RESERVED = frozenset(
    {"from", "to", "cc", "bcc", "subject", "date", "message-id", "mime-version", "content-type"}
    | {"content-transfer-encoding", "sender"}
)


class MailError(BriefingError):
    """The digest email cannot be built from what it was given (a bad address, header or Message-ID)."""


class OutputError(BriefingError):
    """A file could not be written; any previous version of it is left as it was."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"cannot write {path}: {reason}")
        self.path = path
        self.reason = reason


def header_text(value: str, limit: int = 200) -> str:
    """`value` as one safe header line: no line breaks or controls, encoded-words decoded, cut to `limit`."""
    text = _cut(_flatten(value), limit)
    for _ in range(_DECODE_ROUNDS):
        decoded = _cut(_flatten(_decoded(text)), limit)
        if decoded == text:
            return text
        text = decoded
    # Still decoding after that many rounds is an attack, not a subject: break the encoded-word syntax.
    return _cut(_flatten(text.replace("=?", "= ?")), limit)


def _flatten(text: str) -> str:
    spaced = "".join(" " if unicodedata.category(char) in _BREAKS else char for char in text)
    return " ".join(spaced.split())


def _decoded(text: str) -> str:
    # What the email package will make of `text` once it is set as a header: decode exactly as it does.
    return str(SMTP.header_factory("subject", text))


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)].rstrip() + "…"


def build_message(
    *,
    subject: str,
    sender: str,
    recipients: Sequence[str],
    text: str,
    html: str,
    message_id: str,
    date: datetime,
    extra_headers: Mapping[str, str] | None = None,
) -> EmailMessage:
    """A multipart/alternative email (text/plain, then text/html, both UTF-8) with checked headers."""
    if not recipients:
        raise MailError("the digest email has no recipients")
    message = EmailMessage(policy=SMTP)
    message["From"] = _address(sender)
    message["To"] = [_address(recipient) for recipient in recipients]
    message["Subject"] = header_text(subject)
    message["Date"] = date
    message["Message-ID"] = _message_id(message_id)
    for name, value in (extra_headers or {}).items():
        message[_field_name(name)] = header_text(value, limit=_EXTRA_LIMIT)
    # Quoted-printable keeps the body 7-bit, so relays without 8BITMIME pass it unchanged.
    message.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    for part in message.iter_parts():
        del part["MIME-Version"]  # set_content adds one to each part; it belongs on the top level only
    _check_headers(message)
    return message


def _address(value: str) -> Address:
    if any(unicodedata.category(char) in _BREAKS for char in value):
        raise MailError(f"invalid email address {value!r}: it contains a line break or control character")
    pairs = getaddresses([value])
    if len(pairs) != 1 or "@" not in pairs[0][1]:
        raise MailError(f"invalid email address {value!r}: expected one address like name@example.org")
    name, addr = pairs[0]
    if header_text(addr, limit=len(addr) + 1) != addr:
        raise MailError(f"invalid email address {value!r}: it contains spaces or encoded-words")
    try:
        address = Address(display_name=header_text(name), addr_spec=addr)
    except (ValueError, IndexError, HeaderParseError) as exc:
        raise MailError(f"invalid email address {value!r}: {exc}") from exc
    if not address.username or not address.domain:
        raise MailError(f"invalid email address {value!r}: expected one address like name@example.org")
    return address


def _message_id(value: str) -> str:
    text = header_text(value)
    if not text.isascii() or not _MESSAGE_ID.fullmatch(text):
        raise MailError(f"invalid Message-ID {value!r}: expected <unique-part@domain>")
    return text


def _field_name(name: str) -> str:
    if not _FIELD_NAME.fullmatch(name):
        raise MailError(f"invalid header name {name!r}")
    if name.lower() in _RESERVED:
        raise MailError(f"header {name} is set by the digest itself and cannot be overridden")
    return name


def _check_headers(message: EmailMessage) -> None:
    # Defence in depth: whatever the email package decoded or rebuilt, no header may hold a line break.
    for name, value in message.items():
        if any(unicodedata.category(char) in _BREAKS for char in str(value)):
            raise MailError(f"header {name} would contain a line break: {str(value)!r}")


def write_eml(message: EmailMessage, path: Path) -> None:
    """Write `message` to `path` atomically: on any failure the previous file stays whole."""
    data = message.as_bytes()
    try:
        fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(path, _reason(exc)) from exc
    temp = Path(temp_name)
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)  # the bytes must be on disk before the rename makes them the file
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException as exc:
        temp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(path, _reason(exc)) from exc
        raise
    _fsync_dir(path.parent, path)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _fsync_dir(folder: Path, path: Path) -> None:
    # Makes the rename itself durable; some filesystems cannot fsync a directory, which is no failure.
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF, errno.EACCES):
            raise OutputError(path, _reason(exc)) from exc


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
