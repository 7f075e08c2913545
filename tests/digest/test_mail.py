"""The digest email: its parts and headers as a real SMTP server receives them, and atomic .eml files."""

from __future__ import annotations

import base64
import errno
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from smtp_server import LocalSMTPServer, Received

from briefing.digest.mail import MailError, OutputError, build_message, header_text, write_eml
from briefing.digest.send import send_message

LINK = "https://example.org/news/story?id=42&lang=en#para-3"
TEXT = f"Port reopens — Grüße from the desk.\n\nRead more: {LINK}\n" + "A long line. " * 20 + "\n"
HTML = f'<p>Port reopens — Grüße.</p>\n<p><a href="{LINK.replace("&", "&amp;")}">Read more</a></p>\n'
EXPECTED_HEADERS = ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type"]


def _build(**overrides: Any) -> EmailMessage:
    fields: dict[str, Any] = {
        "subject": "Morning briefing", "sender": "Briefing <briefing@example.org>",
        "recipients": ["reader@example.org"], "text": TEXT, "html": HTML,
        "message_id": "<digest-2026-03-01@example.org>", "date": datetime(2026, 3, 1, 7, 0, tzinfo=UTC),
    }  # fmt: skip
    return build_message(**(fields | overrides))


@pytest.fixture
def server() -> Iterator[LocalSMTPServer]:
    with LocalSMTPServer() as running:
        yield running


def _deliver(server: LocalSMTPServer, message: EmailMessage) -> Received:
    send_message(message, server.settings(retries=0))
    [received] = server.received
    return received


def _raw_headers(raw: bytes) -> list[str]:
    """The header lines as sent, continuation lines joined to their header."""
    block = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
    headers: list[str] = []
    for line in block.split("\r\n"):
        if line[:1] in (" ", "\t"):
            headers[-1] += line
        else:
            headers.append(line)
    return headers


def test_text_then_html_both_utf8_and_links_survive(server: LocalSMTPServer) -> None:
    received = _deliver(server, _build())
    message = received.message
    assert message.get_content_type() == "multipart/alternative"
    text, html = message.iter_parts()
    assert (text.get_content_type(), html.get_content_type()) == ("text/plain", "text/html")
    assert text.get_content_charset() == html.get_content_charset() == "utf-8"
    # The wire form has CRLF line ends, which the parsed parts keep.
    assert text.get_content().replace("\r\n", "\n") == TEXT
    assert html.get_content().replace("\r\n", "\n") == HTML
    assert LINK in text.get_content() and LINK.replace("&", "&amp;") in html.get_content()
    assert all(len(line) <= 998 for line in received.raw.split(b"\r\n"))
    assert received.raw.isascii()  # 7-bit clean: quoted-printable bodies, encoded-word headers


def test_unicode_subject_and_names_round_trip(server: LocalSMTPServer) -> None:
    message = _build(subject="Grüße — “quotes” ✓", recipients=["Zoë Ö <zoe@example.org>"])
    received = _deliver(server, message)
    assert received.message["Subject"] == "Grüße — “quotes” ✓"
    assert received.message["To"].addresses[0].display_name == "Zoë Ö"
    assert received.rcpt_tos == ["zoe@example.org"]


NESTED = "=?utf-8?q?=3D=3Futf-8=3Fq=3Fa=3D0D=3D0ABcc:=5Fx@y=3F=3D?="
INJECTIONS = [
    ("Port reopens\r\nBcc: victim@example.org", "Port reopens Bcc: victim@example.org"),
    ("Port reopens\nBcc: victim@example.org\n\nbody", "Port reopens Bcc: victim@example.org body"),
    ("Port reopens\u2028Bcc: victim@example.org", "Port reopens Bcc: victim@example.org"),
    ("Port reopens\u2029Bcc:\x85victim@example.org", "Port reopens Bcc: victim@example.org"),
    ("=?utf-8?q?a=0D=0ABcc:_x@y?=", "a Bcc: x@y"),
    ("=?bogus?q?a=0ABcc:_x@y?=", "a Bcc: x@y"),
    ("=?utf-8?b?" + base64.b64encode(b"a\r\nBcc: x@y").decode() + "?=", "a Bcc: x@y"),
    (NESTED, "a Bcc: x@y"),
]


@pytest.mark.parametrize(("subject", "expected"), INJECTIONS)
def test_subject_injection_yields_exactly_the_expected_headers(
    server: LocalSMTPServer, subject: str, expected: str
) -> None:
    received = _deliver(server, _build(subject=subject))
    assert [line.split(":", 1)[0] for line in _raw_headers(received.raw)] == EXPECTED_HEADERS
    assert received.message.keys() == EXPECTED_HEADERS
    assert received.message.get_all("Subject") == [expected]
    assert received.message["Bcc"] is None
    assert received.rcpt_tos == ["reader@example.org"]


def test_injection_through_display_names_and_extra_headers(server: LocalSMTPServer) -> None:
    message = _build(
        recipients=[
            '"Reader =?utf-8?q?=0D=0ABcc:_x@y?=" <reader@example.org>',
            "Ed =?utf-8?q?=0D=0AX-Evil=3A_v?= <ed@x.org>",
        ],
        extra_headers={
            "X-Briefing-Digest": "daily\r\nBcc: victim@example.org",
            "Auto-Submitted": "auto-generated",
        },
    )
    received = _deliver(server, message)
    names = [line.split(":", 1)[0] for line in _raw_headers(received.raw)]
    assert names == [*EXPECTED_HEADERS[:5], "X-Briefing-Digest", "Auto-Submitted", *EXPECTED_HEADERS[5:]]
    assert received.message["X-Briefing-Digest"] == "daily Bcc: victim@example.org"
    names_in_to = [address.display_name for address in received.message["To"].addresses]
    assert names_in_to == ["Reader Bcc: x@y", "Ed X-Evil: v"]
    assert received.rcpt_tos == ["reader@example.org", "ed@x.org"]


@pytest.mark.parametrize(
    "address",
    [
        "reader@example.org\r\nBcc: victim@example.org",
        "reader@example.org\n",
        '"Re\nader" <reader@example.org>',
    ],
)
def test_address_with_a_newline_raises_naming_it(address: str) -> None:
    with pytest.raises(MailError) as caught:
        _build(recipients=["ok@example.org", address])
    assert repr(address) in str(caught.value)
    with pytest.raises(MailError):
        _build(sender=address)


@pytest.mark.parametrize(
    "address", ["reader", "a@example.org, b@example.org", "@example.org", "", "=?utf-8?q?x?=@x.org"]
)
def test_malformed_addresses_raise(address: str) -> None:
    with pytest.raises(MailError, match="invalid email address"):
        _build(recipients=[address])


BAD_FIELDS: list[dict[str, Any]] = [
    {"recipients": []},
    {"message_id": "no-brackets"},
    {"message_id": "<a b@c>"},
    {"extra_headers": {"Bcc": "x@y"}},
    {"extra_headers": {"X-Run\r\nBcc": "x"}},
    {"extra_headers": {"Subject": "again"}},
]


@pytest.mark.parametrize("overrides", BAD_FIELDS)
def test_bad_message_id_headers_or_recipients_raise(overrides: dict[str, Any]) -> None:
    with pytest.raises(MailError):
        _build(**overrides)


def test_header_text_flattens_collapses_and_cuts() -> None:
    assert header_text("  a\t\tb \x00 c\x1b\u2028d\u2029e\x85f\r\n ") == "a b c d e f"
    assert header_text("x" * 300) == "x" * 199 + "…"
    assert header_text("word " * 10, limit=12) == "word word w…"
    assert header_text("Price = ?5 and =?x") == "Price = ?5 and =?x"  # not encoded-words: left alone


# --- write_eml ---------------------------------------------------------------------------------------------


def _enospc(*_: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_write_eml_writes_the_message(tmp_path: Path) -> None:
    path = tmp_path / "digest.eml"
    message = _build()
    write_eml(message, path)
    assert path.read_bytes() == message.as_bytes()
    assert b"\r\nSubject: Morning briefing\r\n" in path.read_bytes()
    assert os.listdir(tmp_path) == ["digest.eml"]


@pytest.mark.parametrize("failing", ["fsync", "write", "replace"])
def test_write_eml_failure_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    path = tmp_path / "digest.eml"
    path.write_bytes(b"previous digest")
    if failing == "write":
        real_write = os.write
        calls: list[int] = []

        def short_then_full(fd: int, data: Any) -> int:
            calls.append(fd)  # the first write gets part of the way, the next finds the disk full
            if len(calls) > 1:
                _enospc()
            return real_write(fd, bytes(data[:100]))

        monkeypatch.setattr(os, "write", short_then_full)
    else:
        monkeypatch.setattr(os, failing, _enospc)
    with pytest.raises(OutputError) as caught:
        write_eml(_build(), path)
    assert str(path) in str(caught.value) and "No space left" in str(caught.value)
    assert caught.value.path == path and caught.value.reason == os.strerror(errno.ENOSPC)
    assert path.read_bytes() == b"previous digest"
    assert os.listdir(tmp_path) == ["digest.eml"]  # no temp file left behind


def test_write_eml_into_a_missing_folder_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "digest.eml"
    with pytest.raises(OutputError, match=r"missing/digest\.eml"):
        write_eml(_build(), path)
