"""send_message against a real SMTP server: retries for transient failures only, TLS, login, no leaks."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest
from pydantic import SecretStr
from smtp_server import LocalSMTPServer, refused_port

from briefing.digest.mail import build_message
from briefing.digest.send import SendError, SmtpSettings, send_message

USER = "digest-bot"
PASSWORD = "s3cret-Pa55-xyzzy"


def _message(recipients: tuple[str, ...] = ("reader@example.org",)) -> EmailMessage:
    return build_message(
        subject="Morning briefing", sender="Briefing <briefing@example.org>", recipients=recipients,
        text="Plain text body https://example.org/story?id=1\n", html="<p>HTML body</p>\n",
        message_id="<digest-1@example.org>", date=datetime(2026, 3, 1, 7, 0, tzinfo=UTC),
    )  # fmt: skip


class Recorder:
    """Stands in for `log` and `sleep`: what would have been printed, and the waits asked for."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.waits: list[float] = []

    def log(self, line: str) -> None:
        self.lines.append(line)

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)

    def send(self, message: EmailMessage, smtp: SmtpSettings) -> str:
        return send_message(message, smtp, log=self.log, sleep=self.sleep)


@pytest.fixture
def server() -> Iterator[LocalSMTPServer]:
    with LocalSMTPServer() as running:
        yield running


@pytest.fixture
def tls_server() -> Iterator[LocalSMTPServer]:
    with LocalSMTPServer(tls="starttls", credentials=(USER, PASSWORD)) as running:
        yield running


def test_normal_send_is_received_once_with_both_parts(server: LocalSMTPServer) -> None:
    recorder = Recorder()
    confirmation = recorder.send(_message(("a@example.org", "b@example.org")), server.settings())
    assert confirmation == f"accepted by 127.0.0.1:{server.port} for 2 recipients"
    [received] = server.received
    assert received.mail_from == "briefing@example.org"
    assert received.rcpt_tos == ["a@example.org", "b@example.org"]
    assert received.tls is False
    assert [part.get_content_type() for part in received.message.iter_parts()] == ["text/plain", "text/html"]
    assert recorder.lines == [] and recorder.waits == []


def test_421_twice_then_accepted_after_two_logged_retries(server: LocalSMTPServer) -> None:
    server.handler.reply_421_times = 2
    recorder = Recorder()
    recorder.send(_message(), server.settings(retries=3, retry_wait=0.5))
    assert len(server.received) == 1
    assert server.handler.mail_commands == 3
    assert recorder.waits == [0.5, 1.0]  # backoff doubles
    assert len(recorder.lines) == 2
    assert all("421 4.3.0 try again later" in line for line in recorder.lines)
    assert "attempt 1 of 4" in recorder.lines[0] and "attempt 2 of 4" in recorder.lines[1]
    assert all(f"127.0.0.1:{server.port}" in line and "\n" not in line for line in recorder.lines)


def test_connection_dropped_mid_data_once_then_exactly_one_received(server: LocalSMTPServer) -> None:
    server.handler.drop_mid_data_times = 1
    recorder = Recorder()
    recorder.send(_message(), server.settings(retries=3))
    assert server.handler.data_commands == 2
    assert len(server.received) == 1
    [line] = recorder.lines
    assert "connection unexpectedly closed" in line.lower()


def test_refused_port_is_transient_after_all_retries() -> None:
    port = refused_port()
    recorder = Recorder()
    settings = SmtpSettings(host="127.0.0.1", port=port, security="none", retries=3, retry_wait=0.01)
    with pytest.raises(SendError) as caught:
        recorder.send(_message(), settings)
    assert caught.value.transient is True
    assert f"127.0.0.1:{port}" in str(caught.value) and "Connection refused" in str(caught.value)
    assert "after 4 attempts" in str(caught.value)
    assert recorder.waits == [0.01, 0.02, 0.04]  # retries + 1 attempts, a wait between each
    assert len(recorder.lines) == 3


def test_550_fails_at_once_without_retry(server: LocalSMTPServer) -> None:
    server.handler.reject_550 = True
    recorder = Recorder()
    with pytest.raises(SendError) as caught:
        recorder.send(_message(), server.settings(retries=3))
    assert caught.value.transient is False
    assert "550 5.7.1 message rejected" in str(caught.value)
    assert server.handler.mail_commands == 1
    assert recorder.waits == [] and server.received == []


def test_all_recipients_refused_is_permanent(server: LocalSMTPServer) -> None:
    server.handler.refuse_recipients = {"reader@example.org"}
    with pytest.raises(SendError) as caught:
        Recorder().send(_message(), server.settings())
    assert caught.value.transient is False
    assert "reader@example.org (550 5.1.1 no such user here)" in str(caught.value)
    assert server.handler.mail_commands == 1


def test_partial_send_names_the_refused_recipients_and_is_not_retried(server: LocalSMTPServer) -> None:
    server.handler.refuse_recipients = {"gone@example.org"}
    recorder = Recorder()
    with pytest.raises(SendError) as caught:
        recorder.send(_message(("reader@example.org", "gone@example.org")), server.settings(retries=3))
    assert caught.value.transient is False
    assert caught.value.refused == ("gone@example.org",)
    assert "accepted the message for 1 of 2 recipients" in str(caught.value)
    [received] = server.received
    assert received.rcpt_tos == ["reader@example.org"]
    assert server.handler.mail_commands == 1


def test_starttls_and_login_with_the_test_ca(tls_server: LocalSMTPServer) -> None:
    settings = tls_server.settings(username=USER, password=SecretStr(PASSWORD))
    Recorder().send(_message(), settings)
    [received] = tls_server.received
    assert received.tls is True
    assert received.login == USER


def test_implicit_tls_is_received() -> None:
    with LocalSMTPServer(tls="ssl") as server:
        Recorder().send(_message(), server.settings())
        [received] = server.received
        assert received.tls is True


def test_untrusted_certificate_is_permanent(tls_server: LocalSMTPServer) -> None:
    recorder = Recorder()
    with pytest.raises(SendError) as caught:
        recorder.send(_message(), tls_server.settings(ca_file=None, retries=3))
    assert caught.value.transient is False
    assert "certificate" in str(caught.value)
    assert recorder.waits == [] and tls_server.received == []


def test_unreadable_ca_file_is_permanent(tls_server: LocalSMTPServer, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-ca.pem"
    with pytest.raises(SendError, match="cannot read CA file") as caught:
        Recorder().send(_message(), tls_server.settings(ca_file=missing))
    assert caught.value.transient is False and str(missing) in str(caught.value)


def test_server_without_starttls_is_refused_when_starttls_was_asked(server: LocalSMTPServer) -> None:
    settings = server.settings(security="starttls", username=USER, password=SecretStr(PASSWORD))
    with pytest.raises(SendError) as caught:
        Recorder().send(_message(), settings)
    assert caught.value.transient is False
    assert "does not offer STARTTLS" in str(caught.value)
    assert server.received == [] and server.handler.mail_commands == 0


def test_password_never_appears_in_logs_errors_or_repr(tls_server: LocalSMTPServer) -> None:
    leaks: list[str] = []
    good = tls_server.settings(username=USER, password=SecretStr(PASSWORD), retries=2)
    leaks.append(repr(good))
    leaks.append(str(good))
    # A retried success, a refused login, and an unreachable server, all with the password set.
    tls_server.handler.reply_421_times = 1
    recorder = Recorder()
    leaks.append(recorder.send(_message(), good))
    bad = tls_server.settings(username=USER, password=SecretStr(PASSWORD + "-wrong"))
    unreachable = SmtpSettings(
        host="127.0.0.1", port=refused_port(), username=USER, password=SecretStr(PASSWORD), retries=1
    )
    for settings in (bad, unreachable):
        with pytest.raises(SendError) as caught:
            recorder.send(_message(), settings)
        leaks += [str(caught.value), repr(caught.value), str(caught.value.__cause__)]
    assert "535" in leaks[-6]  # the refused login is reported, and not retried
    assert len(recorder.lines) == 2  # one 421 retry, one retry of the refused connection
    text = "\n".join(leaks + recorder.lines)
    plain = base64.b64encode(f"\0{USER}\0{PASSWORD}".encode()).decode()
    for secret in (PASSWORD, plain, base64.b64encode(PASSWORD.encode()).decode()):
        assert secret not in text
