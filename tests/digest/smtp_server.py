"""A real SMTP server (aiosmtpd) on 127.0.0.1 for the digest tests, with fault modes set per test.

    with LocalSMTPServer() as server:
        server.handler.reply_421_times = 2
        send_message(message, server.settings(retries=3), sleep=lambda _: None)
        assert len(server.received) == 1

Fault modes, on `server.handler`: `reply_421_times` (answer the first n MAIL FROM with 421),
`drop_mid_data_times` (after the first n messages' DATA, drop the connection without a reply),
`reject_550` (refuse every message at DATA), `refuse_recipients` (550 for these RCPT TO).
`LocalSMTPServer(tls="starttls" | "ssl", credentials=(user, password))` adds TLS with a test CA
(`server.ca_file`) and AUTH; `refused_port()` is a port with nothing listening.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import functools
import shutil
import socket
import ssl
import tempfile
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from briefing.digest.send import SmtpSettings

HOST = "127.0.0.1"


@dataclass(frozen=True)
class Received:
    """One message the server accepted, as it came over the wire."""

    mail_from: str
    rcpt_tos: list[str]
    raw: bytes
    message: EmailMessage
    tls: bool  # whether the session was encrypted (STARTTLS or implicit TLS)
    login: str | None  # the user that logged in, if any


class FaultyHandler:
    """aiosmtpd handler that records what it accepts and misbehaves as told."""

    def __init__(self) -> None:
        self.received: list[Received] = []
        self.reply_421_times = 0
        self.drop_mid_data_times = 0
        self.reject_550 = False
        self.refuse_recipients: set[str] = set()
        self.mail_commands = 0  # one per delivery attempt that got as far as MAIL FROM
        self.data_commands = 0

    async def handle_MAIL(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        self.mail_commands += 1
        if self.reply_421_times > 0:
            self.reply_421_times -= 1
            return "421 4.3.0 try again later"
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address in self.refuse_recipients:
            return "550 5.1.1 no such user here"
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(options)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.data_commands += 1
        if self.drop_mid_data_times > 0:
            self.drop_mid_data_times -= 1
            server.transport.abort()
            # aiosmtpd's connection_lost cancels this coroutine right away, so no reply is ever sent.
            await asyncio.sleep(3600)
        if self.reject_550:
            return "550 5.7.1 message rejected"
        raw = bytes(envelope.original_content)
        parsed = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        login = session.auth_data if isinstance(session.auth_data, str) else None
        tls = server.transport.get_extra_info("ssl_object") is not None
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), raw, parsed, tls, login))
        return "250 2.0.0 OK queued"


@functools.cache
def _test_ca() -> tuple[trustme.CA, trustme.LeafCert]:
    # One CA for the whole run: generating keys is the slow part of a TLS test.
    ca = trustme.CA()
    return ca, ca.issue_cert(HOST, "localhost")


def _server_tls() -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    _test_ca()[1].configure_cert(context)
    return context


def _authenticator(credentials: tuple[str, str]) -> Any:
    def check(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
        if isinstance(auth_data, LoginPassword):
            login = auth_data.login.decode("utf-8", "replace")
            if (login, auth_data.password.decode("utf-8", "replace")) == credentials:
                return AuthResult(success=True, auth_data=login)
        return AuthResult(success=False, handled=False)  # aiosmtpd answers 535

    return check


def free_port() -> int:
    """A port that was free a moment ago (aiosmtpd 1.4's Controller needs an explicit one)."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def refused_port() -> int:
    """A port with nothing listening on it: connecting there is refused."""
    return free_port()


class LocalSMTPServer:
    """A real SMTP server in a thread, for one `with` block."""

    def __init__(
        self,
        *,
        tls: Literal["none", "starttls", "ssl"] = "none",
        credentials: tuple[str, str] | None = None,
    ) -> None:
        self.tls = tls
        self.credentials = credentials
        self.handler = FaultyHandler()
        self.host = HOST
        self.port = 0
        self.ca_file: Path | None = None
        self._folder: str | None = None
        self._controller: Controller | None = None

    @property
    def received(self) -> list[Received]:
        """The messages accepted so far."""
        return self.handler.received

    def settings(self, **overrides: Any) -> SmtpSettings:
        """SmtpSettings pointing at this server, with tiny retry waits; `overrides` replace any field."""
        fields: dict[str, Any] = {"security": self.tls, "ca_file": self.ca_file, "timeout": 5.0}
        fields |= {"retry_wait": 0.001} | overrides
        return SmtpSettings(host=self.host, port=self.port, **fields)

    def __enter__(self) -> LocalSMTPServer:
        kwargs: dict[str, Any] = {"server_hostname": "smtp.test", "ready_timeout": 5.0}
        if self.tls != "none":
            self._folder = tempfile.mkdtemp(prefix="smtp-ca-")
            self.ca_file = Path(self._folder) / "ca.pem"
            _test_ca()[0].cert_pem.write_to_path(str(self.ca_file))
        if self.tls == "starttls":
            kwargs |= {"tls_context": _server_tls(), "require_starttls": True}
        elif self.tls == "ssl":
            kwargs["ssl_context"] = _server_tls()
        if self.credentials is not None:
            kwargs |= {
                "authenticator": _authenticator(self.credentials),
                "auth_require_tls": self.tls != "none",
            }
        self.port = free_port()
        self._controller = Controller(self.handler, hostname=HOST, port=self.port, **kwargs)
        self._controller.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
