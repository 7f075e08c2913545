"""Send the digest email over SMTP: TLS unless told otherwise, bounded retries for transient failures only.

A failure is transient when trying again later can help: the server cannot be reached, drops the connection,
or answers 4xx (421 "try again later"). Anything else (5xx, a refused login, an untrusted certificate, a
server without STARTTLS when STARTTLS was asked for) fails at once. The password is never logged or put in
an error message; `SmtpSettings` holds it as a `SecretStr` so its repr masks it too.
"""

from __future__ import annotations

import contextlib
import smtplib
import ssl
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import getaddresses
from pathlib import Path
from typing import Literal

from pydantic import SecretStr

from briefing.errors import BriefingError


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send: the server, its security, the login and the retry budget."""

    host: str
    port: int
    security: Literal["starttls", "ssl", "none"] = "starttls"
    username: str | None = None
    password: SecretStr | None = None
    timeout: float = 30.0
    retries: int = 3  # attempts after the first, for transient failures only
    retry_wait: float = 2.0  # seconds before the first retry, doubled for each later one
    ca_file: Path | None = None  # a CA trusted besides the system store (tests, private CAs)


class SendError(BriefingError):
    """The email was not (or not fully) sent; `transient` says whether trying later may help."""

    def __init__(self, message: str, *, transient: bool, refused: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.transient = transient
        self.refused = tuple(refused)  # recipients the server refused after it accepted others


def send_message(
    message: EmailMessage,
    smtp: SmtpSettings,
    *,
    log: Callable[[str], None] = lambda _: None,
    sleep: Callable[[float], None] = time.sleep,
) -> str:
    """Send `message` to its From/To/Cc/Bcc envelope, retrying transient failures; returns a confirmation.

    A partial send is not retried, as that would deliver twice: when the server accepts some recipients and
    refuses others, the message has gone to the accepted ones and SendError(transient=False) names the
    refused ones (also in `.refused`). A retry after the connection dropped mid-DATA may deliver a second
    copy if the server had in fact queued the first; both carry the same Message-ID.
    """
    where = f"{smtp.host}:{smtp.port}"
    sender, recipients = _envelope(message, where)
    context = _tls_context(smtp, where)
    attempts = max(smtp.retries, 0) + 1
    wait = smtp.retry_wait
    for attempt in range(1, attempts + 1):
        try:
            refused = _attempt(message, smtp, context, sender, recipients)
        except (smtplib.SMTPException, OSError) as exc:
            transient, reason = _classify(exc)
            reason = _scrub(reason, smtp.password)
            if not transient:
                raise SendError(f"sending to {where} failed: {reason}", transient=False) from exc
            if attempt == attempts:
                raise SendError(
                    f"sending to {where} failed after {attempts} attempts: {reason}", transient=True
                ) from exc
            log(f"smtp {where}: attempt {attempt} of {attempts} failed ({reason}); retrying in {wait:g}s")
            sleep(wait)
            wait *= 2
            continue
        return _outcome(where, recipients, refused)
    raise AssertionError("unreachable: the last attempt returns or raises")


def _envelope(message: EmailMessage, where: str) -> tuple[str, list[str]]:
    senders = [addr for _, addr in getaddresses([str(value) for value in message.get_all("From", [])])]
    headers = [str(value) for name in ("To", "Cc", "Bcc") for value in message.get_all(name, [])]
    recipients = [addr for _, addr in getaddresses(headers) if addr]
    if len(senders) != 1 or not senders[0] or not recipients:
        raise SendError(
            f"not sending to {where}: the message needs one From and at least one To", transient=False
        )
    return senders[0], recipients


def _tls_context(smtp: SmtpSettings, where: str) -> ssl.SSLContext | None:
    if smtp.security == "none":
        return None
    context = ssl.create_default_context()  # verifies the certificate and the host name
    if smtp.ca_file is not None:
        try:
            context.load_verify_locations(cafile=smtp.ca_file)
        except (OSError, ssl.SSLError) as exc:
            raise SendError(
                f"not sending to {where}: cannot read CA file {smtp.ca_file}: {exc}", transient=False
            ) from exc
    return context


def _attempt(
    message: EmailMessage,
    smtp: SmtpSettings,
    context: ssl.SSLContext | None,
    sender: str,
    recipients: list[str],
) -> dict[str, tuple[int, bytes]]:
    """One connection: connect, secure, log in, send; returns the recipients refused by the server."""
    if smtp.security == "ssl":
        client: smtplib.SMTP = smtplib.SMTP_SSL(timeout=smtp.timeout, context=context)
    else:
        client = smtplib.SMTP(timeout=smtp.timeout)
    # The TLS server name; smtplib sets it only when the constructor connects, and connecting there would
    # leave nothing to close if the TLS handshake failed.
    client._host = smtp.host  # type: ignore[attr-defined]
    answered = False  # whether the server is still talking to us, so that a QUIT is worth sending
    try:
        code, greeting = client.connect(smtp.host, smtp.port)
        if code != 220:
            raise smtplib.SMTPConnectError(code, greeting)
        _secure_and_login(client, smtp, context)
        refused = client.send_message(message, sender, recipients)
        answered = True
        return refused
    except (smtplib.SMTPResponseException, SendError):
        answered = True
        raise
    finally:
        if answered:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                client.quit()
        client.close()


def _secure_and_login(client: smtplib.SMTP, smtp: SmtpSettings, context: ssl.SSLContext | None) -> None:
    where = f"{smtp.host}:{smtp.port}"
    client.ehlo_or_helo_if_needed()
    if smtp.security == "starttls":
        if not client.has_extn("starttls"):
            # Sending (or logging in) in clear text here would defeat the point of asking for STARTTLS.
            raise SendError(
                f"{where} does not offer STARTTLS; refusing to send in clear text "
                "(use security 'none' only for a trusted local relay)",
                transient=False,
            )
        client.starttls(context=context)
        client.ehlo()
    if smtp.username is not None:
        if smtp.password is None:
            raise SendError(f"not logging in to {where} as {smtp.username}: no password set", transient=False)
        client.login(smtp.username, smtp.password.get_secret_value())


def _classify(exc: smtplib.SMTPException | OSError) -> tuple[bool, str]:
    """Whether `exc` is worth a retry, and a one-line reason for it."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        return all(
            400 <= code < 500 for code in codes
        ), f"all recipients refused: {_refusals(exc.recipients)}"
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500 or exc.smtp_code < 0, f"{exc.smtp_code} {_text(exc.smtp_error)}"
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return True, str(exc) or "connection closed unexpectedly"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return False, f"TLS certificate not trusted: {exc.verify_message}"
    if isinstance(exc, ssl.SSLError):
        # An EOF in the handshake is a dropped connection; other TLS errors are configuration mismatches.
        return isinstance(exc, ssl.SSLEOFError | ssl.SSLZeroReturnError), f"TLS failed: {exc.reason or exc}"
    if isinstance(exc, OSError):
        return True, exc.strerror or str(exc) or type(exc).__name__
    return False, str(exc) or type(exc).__name__


def _outcome(where: str, recipients: list[str], refused: dict[str, tuple[int, bytes]]) -> str:
    accepted = len(recipients) - len(refused)
    if refused:
        raise SendError(
            f"{where} accepted the message for {accepted} of {len(recipients)} recipients "
            f"but refused {_refusals(refused)}",
            transient=False,
            refused=list(refused),
        )
    return f"accepted by {where} for {accepted} recipient{'' if accepted == 1 else 's'}"


def _refusals(refused: dict[str, tuple[int, bytes]]) -> str:
    return ", ".join(f"{addr} ({code} {_text(reply)})" for addr, (code, reply) in refused.items())


def _text(reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
    return " ".join(text.split())


def _scrub(text: str, password: SecretStr | None) -> str:
    # smtplib does not echo what the client sent, but a server reply might: never let the password through.
    secret = password.get_secret_value() if password is not None else ""
    return text.replace(secret, "***") if secret else text
