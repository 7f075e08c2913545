"""Feeds fetched with a conditional GET against a real HTTP server: ETag and Last-Modified sent back,
a 304 read as "not modified" from the kept copy, never an error; pages and feeds decoded in the
charset their Content-Type names."""

from __future__ import annotations

import asyncio
import io
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from http_server import LocalHTTPServer, Route, page
from newsroom import LIBRARY, NOW, config_toml, serve_newsroom
from smtp_server import LocalSMTPServer

from briefing.digest.digest_config import FetchOptions, Source, load_config
from briefing.digest.feeds import FeedCopy
from briefing.digest.fetch import Fetched, Fetcher, FetchError, FetchPolicy
from briefing.digest.job import Outcome, RunOptions, run_digest
from briefing.digest.sources import Collected, collect
from briefing.digest.state import State
from briefing.progress import Progress

ETAG = '"gazette-v1"'
MODIFIED = "Sun, 22 Nov 2026 18:00:00 GMT"
PARAGRAPH = (
    "The harbour committee met on Monday evening and agreed to repaint the old lighthouse before the "
    "summer season, at a cost the council said it would share with the port authority."
)


@pytest.fixture
def server() -> Iterator[LocalHTTPServer]:
    with LocalHTTPServer() as local:
        yield local


def _rss(server: LocalHTTPServer, title: str, encoding: str = "utf-8") -> bytes:
    declaration = f' encoding="{encoding}"' if encoding == "utf-8" else ""  # else only HTTP names it
    text = (
        f'<?xml version="1.0"{declaration}?><rss version="2.0"><channel><title>T</title>'
        f"<link>{server.url('/')}</link><description>T</description><item><title>{title}</title>"
        f"<link>{server.url('/story')}</link><description>{PARAGRAPH}</description>"
        f"<pubDate>Mon, 23 Nov 2026 04:00:00 GMT</pubDate></item></channel></rss>"
    )
    return text.encode(encoding)


def _article(title: str, body: str) -> str:
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>{body}</p><p>{PARAGRAPH}</p></article></body></html>"
    )


def _collect(server: LocalHTTPServer, copies: dict[str, FeedCopy] | None = None) -> tuple[Collected, str]:
    lines: list[str] = []
    source = Source(name="Harbour", feed=server.url("/feed.xml"))
    collected = collect([source], FetchOptions(allow_hosts=[server.host_port]), lines.append, copies=copies)
    return collected, "\n".join(lines)


def _feed_requests(server: LocalHTTPServer) -> list[dict[str, str]]:
    return [seen.headers for seen in server.requests if seen.path == "/feed.xml"]


def test_fetch_sends_the_conditions_and_a_304_is_a_result_not_an_error(server: LocalHTTPServer) -> None:
    server.add_route("/f", Route(body=b"<rss/>", etag=ETAG, last_modified=MODIFIED))
    policy = FetchPolicy(allow_hosts=frozenset({server.host_port}))

    async def go(conditions: dict[str, str] | None) -> Fetched:
        async with Fetcher(policy) as fetcher:
            return await fetcher.fetch(server.url("/f"), conditions)

    first = asyncio.run(go(None))
    assert (first.status, first.etag, first.last_modified) == (200, ETAG, MODIFIED)
    again = asyncio.run(go({"If-None-Match": ETAG}))
    assert (again.status, again.body, again.etag) == (304, b"", ETAG)
    assert server.requests[1].headers["If-None-Match"] == ETAG and server.not_modified == 1
    # A 304 nobody asked for is still an error.
    server.add_route("/odd", Route(status=304))
    with pytest.raises(FetchError, match="HTTP 304"):
        asyncio.run(Fetcher(policy).fetch(server.url("/odd")))


def test_the_second_read_sends_if_none_match_gets_304_and_reads_the_kept_copy(
    server: LocalHTTPServer,
) -> None:
    server.add_route(
        "/feed.xml", Route(content_type="application/rss+xml", body=_rss(server, "Lighthouse"), etag=ETAG)
    )
    server.add_route("/story", page(_article("Lighthouse to be repainted", "The committee agreed.")))
    first, said = _collect(server)
    (copy,) = first.copies
    assert (copy.url, copy.etag, copy.last_modified) == (server.url("/feed.xml"), ETAG, None)
    assert "If-None-Match" not in _feed_requests(server)[0] and "not modified" not in said

    second, said = _collect(server, {copy.url: copy})
    assert _feed_requests(server)[1]["If-None-Match"] == ETAG and server.not_modified == 1
    (report,) = second.reports
    assert report.not_modified and report.error is None
    assert "source 'Harbour' (feed): not modified since the last run (HTTP 304)" in said
    # The kept body stands in for the feed: the same article as a 200 gave.
    assert (
        [a.title for a in second.articles]
        == [a.title for a in first.articles]
        == ["Lighthouse to be repainted"]
    )
    assert second.copies == [copy]  # kept for the next run, refreshed


def test_last_modified_is_sent_back_as_if_modified_since(server: LocalHTTPServer) -> None:
    server.add_route(
        "/feed.xml",
        Route(content_type="application/rss+xml", body=_rss(server, "Lighthouse"), last_modified=MODIFIED),
    )
    first, _ = _collect(server)
    (copy,) = first.copies
    second, said = _collect(server, {copy.url: copy})
    headers = _feed_requests(server)[1]
    assert headers["If-Modified-Since"] == MODIFIED and "If-None-Match" not in headers
    assert second.reports[0].not_modified and "not modified" in said


def test_a_changed_feed_is_read_anew_and_its_new_validators_kept(server: LocalHTTPServer) -> None:
    server.add_route(
        "/feed.xml", Route(content_type="application/rss+xml", body=_rss(server, "Old"), etag=ETAG)
    )
    first, _ = _collect(server)
    server.add_route(
        "/feed.xml", Route(content_type="application/rss+xml", body=_rss(server, "New"), etag='"v2"')
    )
    second, said = _collect(server, {c.url: c for c in first.copies})
    assert _feed_requests(server)[1]["If-None-Match"] == ETAG and server.not_modified == 0
    assert not second.reports[0].not_modified and "not modified" not in said
    assert [c.etag for c in second.copies] == ['"v2"'] and b"New" in second.copies[0].body


def test_a_feed_without_validators_keeps_no_copy(server: LocalHTTPServer) -> None:
    server.add_route("/feed.xml", page(_rss(server, "Plain"), "application/rss+xml"))
    first, _ = _collect(server)
    assert first.copies == [] and first.reports[0].error is None


# --- the whole job: the copies live in the state database ------------------------------------------


@pytest.fixture
def smtp() -> Iterator[LocalSMTPServer]:
    with LocalSMTPServer() as local:
        yield local


def test_the_job_revalidates_feeds_and_a_304_loses_nothing(
    tmp_path: Path, server: LocalHTTPServer, smtp: LocalSMTPServer
) -> None:
    serve_newsroom(server, slow_seconds=3)
    gazette = server.route_for("/gazette/rss.xml")
    server.add_route("/gazette/rss.xml", replace(gazette, etag=ETAG))
    path = tmp_path / "digest.toml"
    path.write_text(config_toml(server, str(tmp_path), smtp.port), encoding="utf-8")
    config = load_config(path)

    def run(**options: object) -> tuple[Outcome, str]:
        out = io.StringIO()
        outcome = run_digest(config, RunOptions(**options), Progress(out))  # type: ignore[arg-type]
        return outcome, out.getvalue()

    assert run(now=NOW, dry_run=True)[0] == Outcome.SENT
    # The real run after a dry run: the feed is not modified, and its kept copy still gives its stories.
    outcome, said = run(now=NOW)
    assert outcome == Outcome.SENT and server.not_modified == 1
    asked = [s.headers for s in server.requests if s.path == "/gazette/rss.xml"]
    assert "If-None-Match" not in asked[0] and asked[1]["If-None-Match"] == ETAG
    assert "source 'Northport Gazette' (feed): not modified since the last run (HTTP 304)" in said
    assert "source 'Eastgate Courier' (feed): 2 articles" in said  # the rest of the run goes on
    [mail] = smtp.received
    assert LIBRARY.title in mail.message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    # The next day: still not modified, nothing new, no error.
    outcome, said = run(now=NOW + timedelta(days=1))
    assert outcome == Outcome.NOTHING_NEW and server.not_modified == 2
    assert (
        "Northport Gazette' (feed): not modified" in said and "Northport Gazette' (feed): failed" not in said
    )


def test_an_old_state_database_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE articles_seen (content_hash TEXT PRIMARY KEY, url TEXT, title TEXT NOT NULL, "
               "first_seen REAL NOT NULL)")  # fmt: skip
    db.execute("INSERT INTO articles_seen VALUES ('h', NULL, 'Old', 100.0)")
    db.commit()
    db.close()
    state = State(path)
    assert state.see("h", None, "Old", 500.0) == 100.0  # first seen stays; last seen moves on
    state.store_feed_copies(
        [FeedCopy("http://x.example/f", ETAG, None, "application/rss+xml", None, b"<rss/>")], 1.0
    )
    assert state.feed_copies()["http://x.example/f"].etag == ETAG
    state.close()
    row = sqlite3.connect(path).execute("SELECT first_seen, last_seen FROM articles_seen").fetchone()
    assert row == (100.0, 500.0)


# --- charsets --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("charset", "text"),
    [
        ("windows-1252", "Café owners “welcome” the plan — at 5 € a cup"),
        (
            "ISO-8859-1",
            "Café owners “welcome” the plan",
        ),  # labelled Latin-1, written in cp1252, as browsers read it
        ("iso-8859-7", "Η επιτροπή του λιμανιού συμφώνησε"),  # Greek: neither UTF-8 nor cp1252 reads it
        ("koi8-r", "Комитет порта согласился"),
    ],
)
def test_a_page_is_decoded_in_its_http_charset(server: LocalHTTPServer, charset: str, text: str) -> None:
    encoding = "cp1252" if charset == "ISO-8859-1" else charset
    html = _article("Lighthouse to be repainted", text).encode(encoding)
    server.add_route("/page", page(html, f"text/html; charset={charset}"))
    source = Source(name="Pages", urls=[server.url("/page")])
    collected = collect([source], FetchOptions(allow_hosts=[server.host_port]), lambda _: None)
    assert collected.reports[0].problems == []
    (article,) = collected.articles
    assert text in article.text


def test_a_byte_order_mark_wins_over_the_http_charset(server: LocalHTTPServer) -> None:
    html = b"\xef\xbb\xbf" + _article("Lighthouse", "Caf\u00e9 owners welcome it").encode("utf-8")
    server.add_route("/page", page(html, "text/html; charset=iso-8859-7"))
    collected = collect(
        [Source(name="P", urls=[server.url("/page")])],
        FetchOptions(allow_hosts=[server.host_port]),
        lambda _: None,
    )
    assert "Café owners welcome it" in collected.articles[0].text


def test_a_feed_is_decoded_in_its_http_charset(server: LocalHTTPServer) -> None:
    title = "Маяк перекрасят к лету"
    server.add_route(
        "/feed.xml", page(_rss(server, title, "windows-1251"), "application/rss+xml; charset=windows-1251")
    )
    server.add_route("/story", (404, "text/plain", b"gone"))  # the feed's summary is used
    collected, _ = _collect(server)
    assert collected.reports[0].error is None and [a.title for a in collected.articles] == [title]


def test_a_feed_body_naming_a_local_file_is_not_read_as_that_file(
    server: LocalHTTPServer, tmp_path: Path
) -> None:
    local = tmp_path / "local.xml"
    local.write_bytes(_rss(server, "LOCAL-FILE-ITEM"))
    server.add_route("/feed.xml", page(str(local).encode(), "application/rss+xml"))
    collected, _ = _collect(server)
    assert collected.articles == [] and collected.reports[0].error is not None
    assert "LOCAL-FILE-ITEM" not in repr(collected)
