"""The digest job end to end, in-process: a real HTTP server with feeds, a real SMTP server (aiosmtpd).

The fake extractive backend writes the briefs (milliseconds); the real small model has its own test
in test_digest_model.py.
"""

from __future__ import annotations

import errno
import io
import re
from collections.abc import Iterator
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path

import lxml.html
import pytest
from http_server import LocalHTTPServer, page
from newsroom import (
    BRIDGE_COURIER,
    BRIDGE_GAZETTE,
    BRIDGE_REPRINT,
    NOW,
    STORIES,
    config_toml,
    rss,
    serve_newsroom,
)
from smtp_server import LocalSMTPServer

from briefing.digest.digest_config import DigestConfig, load_config
from briefing.digest.job import Outcome, RunOptions, run_digest
from briefing.digest.mail import OutputError
from briefing.digest.state import State, digest_key
from briefing.progress import Progress


@pytest.fixture
def newsroom() -> Iterator[LocalHTTPServer]:
    with LocalHTTPServer() as server:
        serve_newsroom(server, slow_seconds=3)
        yield server


@pytest.fixture
def smtp() -> Iterator[LocalSMTPServer]:
    with LocalSMTPServer() as server:
        yield server


def _config(tmp_path: Path, newsroom: LocalHTTPServer, smtp_port: int, **kwargs: str) -> DigestConfig:
    path = tmp_path / "digest.toml"
    path.write_text(config_toml(newsroom, str(tmp_path), smtp_port, **kwargs), encoding="utf-8")
    return load_config(path)


def _run(config: DigestConfig, **options: object) -> Outcome:
    return run_digest(config, RunOptions(now=NOW, **options), Progress(None))  # type: ignore[arg-type]


def _parts(message: EmailMessage) -> tuple[str, str]:
    text, html = message.get_body(("plain",)), message.get_body(("html",))
    assert text is not None and html is not None
    return text.get_content(), html.get_content()


def test_one_mail_with_both_parts_citations_outlets_and_footer(
    tmp_path: Path, newsroom: LocalHTTPServer, smtp: LocalSMTPServer
) -> None:
    assert _run(_config(tmp_path, newsroom, smtp.port)) == Outcome.SENT
    [mail] = smtp.received
    assert sorted(mail.rcpt_tos) == ["desk@example.org", "editor@example.org"]
    message = mail.message
    assert message.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    assert message["Subject"] == "Northport morning briefing for 2026-11-23"
    assert message["Auto-Submitted"] == "auto-generated" and message["Message-ID"]
    text, html = _parts(message)
    # The bridge story: briefed across its outlets, the disagreement shown, the reprint named, not counted.
    assert "Sources differ on the figure (weeks): Northport Gazette reports 10 weeks" in text
    assert (
        "2 independent sources: Northport Gazette, Eastgate Courier, "
        "Coastal Wire (reprint of Northport Gazette)" in text
    )
    # Numbered citations quote the source and link to it.
    assert re.search(rf'\[\d+\] "{re.escape(BRIDGE_GAZETTE.paragraphs[0])}"', text)
    assert f'href="{newsroom.url(BRIDGE_GAZETTE.path)}"' in html
    # The footer: sources read, failures, fallbacks, model and prompt versions.
    assert "Broken feed (feed): FAILED:" in text and "not a readable RSS or Atom feed" in text
    assert "missing.html: HTTP 404; used the feed's summary" in text
    assert "slow.html: timed out" in text
    assert "report.pdf: not an HTML page (application/pdf); used the feed's summary" in text
    assert re.search(r"prompts article [0-9a-f]{12}, combine [0-9a-f]{12}", text)
    assert "fake-extractive" in text


def test_every_link_goes_to_a_source_and_nothing_is_unescaped(
    tmp_path: Path, newsroom: LocalHTTPServer, smtp: LocalSMTPServer
) -> None:
    hostile = [
        ('Mayor <script>alert("x")</script> resigns <img src=x onerror=alert(1)>',
         "The mayor of Northport resigned on Sunday <script>alert(1)</script> after a vote of the council.",
         "javascript:alert(document.cookie)", NOW - timedelta(hours=1)),
    ]  # fmt: skip
    newsroom.add_route("/hostile/rss.xml", page(rss(newsroom, "Hostile", hostile), "application/rss+xml"))
    extra = f'\n[[sources]]\nname = "Hostile <b>outlet</b>"\nfeed = "{newsroom.url("/hostile/rss.xml")}"\n'
    assert _run(_config(tmp_path, newsroom, smtp.port, extra_sources=extra)) == Outcome.SENT
    _, html = _parts(smtp.received[0].message)
    tree = lxml.html.document_fromstring(html)
    # 0 raw tags: no script or img element, no event-handler attribute; the hostile text shows as text.
    assert tree.xpath("//script | //img | //iframe") == []
    assert [a for el in tree.iter() for a in el.attrib if a.lower().startswith("on")] == []
    assert 'Mayor <script>alert("x")</script> resigns' in tree.text_content()
    assert "Hostile <b>outlet</b>" in tree.text_content()
    hrefs = {a.get("href") for a in tree.xpath("//a")}
    sources = {newsroom.url(s.path) for s in STORIES} | {newsroom.url(p) for p in ("/gazette/missing.html",
               "/gazette/slow.html", "/gazette/report.pdf")}  # fmt: skip
    assert hrefs and hrefs <= sources  # links only to source pages: never the javascript: item link


def test_a_second_run_the_same_day_sends_nothing_and_force_sends_again(
    tmp_path: Path, newsroom: LocalHTTPServer, smtp: LocalSMTPServer
) -> None:
    config = _config(tmp_path, newsroom, smtp.port)
    assert _run(config) == Outcome.SENT
    assert _run(config) == Outcome.ALREADY_SENT
    assert len(smtp.received) == 1
    assert _run(config, force=True) == Outcome.SENT
    assert len(smtp.received) == 2
    assert smtp.received[0].message["Message-ID"] != smtp.received[1].message["Message-ID"]


def test_smtp_outage_fails_loudly_and_a_later_run_sends_the_same_message_once(
    tmp_path: Path, newsroom: LocalHTTPServer, smtp: LocalSMTPServer
) -> None:
    config = _config(tmp_path, newsroom, smtp.port)
    smtp.handler.reply_421_times = 10  # more than the configured retries
    assert _run(config) == Outcome.FAILED
    assert smtp.received == [] and smtp.handler.mail_commands == 2  # first try + 1 retry
    state = State(config.digest.state)
    record = state.digest(digest_key("2026-11-23", config.email.to))
    state.close()
    assert record is not None and record.status == "failed" and "421" in record.detail
    smtp.handler.reply_421_times = 0
    assert _run(config) == Outcome.SENT
    assert _run(config) == Outcome.ALREADY_SENT
    [mail] = smtp.received
    assert mail.message["Message-ID"] == record.message_id


def test_a_run_that_stopped_mid_send_is_not_sent_again_unless_asked(
    tmp_path: Path, newsroom: LocalHTTPServer, smtp: LocalSMTPServer
) -> None:
    config = _config(tmp_path, newsroom, smtp.port)
    smtp.handler.reply_421_times = 10
    assert _run(config) == Outcome.FAILED
    smtp.handler.reply_421_times = 0
    key = digest_key("2026-11-23", config.email.to)
    state = State(config.digest.state)
    state.mark(key, "sending")  # as a run killed after handing the message over leaves it
    state.close()
    # At most once (the default): it may have gone out, so it is not sent again...
    assert _run(config) == Outcome.UNCONFIRMED
    assert smtp.received == []
    # ...unless the digest is set to at least once: then the same message goes, same Message-ID.
    again = config.model_copy(
        update={"digest": config.digest.model_copy(update={"delivery": "at-least-once"})}
    )
    assert _run(again) == Outcome.SENT
    state = State(config.digest.state)
    record = state.digest(key)
    state.close()
    assert record is not None and [m.message["Message-ID"] for m in smtp.received] == [record.message_id]


def test_a_dropped_connection_mid_data_is_retried_and_delivered_once(
    tmp_path: Path, newsroom: LocalHTTPServer, smtp: LocalSMTPServer
) -> None:
    smtp.handler.drop_mid_data_times = 1
    assert _run(_config(tmp_path, newsroom, smtp.port)) == Outcome.SENT
    assert len(smtp.received) == 1 and smtp.handler.data_commands == 2


def test_the_next_day_reads_only_what_is_new(
    tmp_path: Path, newsroom: LocalHTTPServer, smtp: LocalSMTPServer
) -> None:
    config = _config(tmp_path, newsroom, smtp.port)
    assert _run(config) == Outcome.SENT
    tomorrow = NOW + timedelta(days=1)
    # Nothing was published since: nothing to send, and no mail.
    assert run_digest(config, RunOptions(now=tomorrow), Progress(None)) == Outcome.NOTHING_NEW
    assert len(smtp.received) == 1


def test_dry_run_writes_the_eml_and_records_nothing(
    tmp_path: Path, newsroom: LocalHTTPServer, smtp: LocalSMTPServer
) -> None:
    config = _config(tmp_path, newsroom, smtp.port)
    assert _run(config, dry_run=True) == Outcome.SENT
    [eml] = config.digest.output_dir.glob("*.eml")
    assert eml.name.endswith("-dry-run.eml") and b"multipart/alternative" in eml.read_bytes()
    assert smtp.received == []
    assert _run(config) == Outcome.SENT and len(smtp.received) == 1  # the dry run did not count as sent


def test_disk_full_while_writing_the_message_keeps_the_previous_file_and_sends_nothing(
    tmp_path: Path, newsroom: LocalHTTPServer, smtp: LocalSMTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _config(tmp_path, newsroom, smtp.port)
    assert _run(config) == Outcome.SENT
    [eml] = config.digest.output_dir.glob("*.eml")
    before = eml.read_bytes()

    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("briefing.digest.mail.os.write", full)
    with pytest.raises(OutputError, match="No space left on device"):
        _run(config, force=True)
    assert eml.read_bytes() == before
    assert list(config.digest.output_dir.iterdir()) == [eml]  # no temporary file left behind
    assert len(smtp.received) == 1


def test_reprints_are_not_counted_as_independent_confirmation(
    tmp_path: Path, newsroom: LocalHTTPServer, smtp: LocalSMTPServer
) -> None:
    assert _run(_config(tmp_path, newsroom, smtp.port)) == Outcome.SENT
    text, _ = _parts(smtp.received[0].message)
    bridge = text.split("\n1. ", 1)[1].split("\n2. ", 1)[0]
    assert BRIDGE_REPRINT.outlet in bridge and BRIDGE_COURIER.outlet in bridge
    # A sentence resting on the Gazette's text names the reprint, but counts it with the Gazette:
    # the bus diversion, which the Courier reports too, has two independent sources, not three.
    assert "(2 independent sources: Northport Gazette, reprinted by Coastal Wire; Eastgate Courier)" in bridge
    # Quotations are shown verbatim with speaker and outlet, in a section of their own.
    assert "Quotes:\r\n  - “We cannot keep the bridge open safely" in bridge
    assert "— Mara Ellison, Northport Gazette" in bridge


def test_a_rerun_reuses_article_briefs_from_the_state_database(
    tmp_path: Path, newsroom: LocalHTTPServer, smtp: LocalSMTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFING_CACHE", "true")
    config = _config(tmp_path, newsroom, smtp.port)
    first, second = io.StringIO(), io.StringIO()
    assert run_digest(config, RunOptions(now=NOW), Progress(first)) == Outcome.SENT
    assert run_digest(config, RunOptions(now=NOW, force=True), Progress(second)) == Outcome.SENT
    assert "reused from the cache" not in first.getvalue()
    briefed = first.getvalue().count("briefing article ")
    assert briefed >= 5 and second.getvalue().count("brief reused from the cache") == briefed
    assert (
        _parts(smtp.received[0].message)[0].split("Sources read")[0]
        == _parts(smtp.received[1].message)[0].split("Sources read")[0]
    )
