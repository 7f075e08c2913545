"""briefing.digest.fetch against a real HTTP server on 127.0.0.1: limits, redirects and SSRF refusals;
feeds read from it: XXE and entity expansion refused, items capped, pages fetched only in the window."""

from __future__ import annotations

import asyncio
import ipaddress
import resource
import ssl
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from http_server import LocalHTTPServer, huge, page, redirect, slow, wait_until

from briefing.digest import fetch as fetch_module
from briefing.digest.digest_config import FetchOptions, Source
from briefing.digest.fetch import Fetched, Fetcher, FetchError, FetchPolicy, is_public_address
from briefing.digest.sources import SourceReport, collect
from briefing.errors import BriefingError
from briefing.schema import Article


@pytest.fixture
def local_server() -> Iterator[LocalHTTPServer]:
    """A started LocalHTTPServer with no routes yet (add them with `add_route`)."""
    with LocalHTTPServer() as server:
        yield server


def fetch(policy: FetchPolicy, url: str) -> Fetched:
    async def go() -> Fetched:
        async with Fetcher(policy) as fetcher:
            return await fetcher.fetch(url)

    return asyncio.run(go())


def failure(policy: FetchPolicy, url: str) -> FetchError:
    with pytest.raises(FetchError) as info:
        fetch(policy, url)
    return info.value


def allowing(*servers: LocalHTTPServer, **settings: Any) -> FetchPolicy:
    """The default policy, plus the test servers' own 127.0.0.1:PORT."""
    return FetchPolicy(allow_hosts=frozenset(server.host_port for server in servers), **settings)


def pin_resolver(monkeypatch: pytest.MonkeyPatch, *addresses: str) -> list[str]:
    """Make every name resolve to `addresses`; returns the list of names looked up."""
    looked_up: list[str] = []

    async def resolve(host: str, port: int) -> list[Any]:
        looked_up.append(host)
        return [ipaddress.ip_address(a) for a in addresses]

    monkeypatch.setattr(fetch_module, "_resolve", resolve)
    return looked_up


def test_fetch_returns_body_type_charset_and_sends_polite_headers(local_server: LocalHTTPServer) -> None:
    local_server.add_route("/feed.xml", page(b"<rss/>", 'Application/RSS+XML; Charset="ISO-8859-1"'))
    url = local_server.url("/feed.xml")
    policy = allowing(local_server)
    got = fetch(policy, url)
    assert got == Fetched(url, url, 200, "application/rss+xml", "iso-8859-1", b"<rss/>")
    (seen,) = local_server.requests
    assert seen.headers["User-Agent"] == policy.user_agent
    assert "application/rss+xml" in seen.headers["Accept"]
    assert seen.headers["Host"] == local_server.host_port
    assert wait_until(lambda: local_server.connections == 1)  # the counter the SSRF tests rely on works


def test_no_content_type_gives_empty_type_and_no_charset(local_server: LocalHTTPServer) -> None:
    local_server.add_route("/x", page(b"hi", content_type=""))
    got = fetch(allowing(local_server), local_server.url("/x"))
    assert (got.content_type, got.charset, got.body) == ("", None, b"hi")


def test_http_404_is_an_error_naming_the_url(local_server: LocalHTTPServer) -> None:
    url = local_server.url("/missing")
    error = failure(allowing(local_server), url)
    assert error.reason == "HTTP 404"
    assert str(error) == f"{url}: HTTP 404"
    assert error.url == url
    assert isinstance(error, BriefingError)


@pytest.mark.parametrize(
    "route",
    [slow(5), slow(0.2, b"x" * 100, drip=True)],
    ids=["hangs-before-answering", "drips-the-body-slower-than-the-deadline"],
)
def test_a_slow_server_times_out_within_the_deadline(local_server: LocalHTTPServer, route: Any) -> None:
    local_server.add_route("/slow", route)
    started = time.monotonic()
    error = failure(allowing(local_server, timeout=0.6), local_server.url("/slow"))
    assert error.reason == "timed out after 0.6 s"
    assert time.monotonic() - started < 1.6


@pytest.mark.parametrize(
    "route",
    [huge(10_000), huge(10_000, chunked=True), huge(50_000_000, chunked=True)],
    ids=["content-length", "chunked", "chunked-50MB-stops-reading-early"],
)
def test_a_body_over_max_bytes_is_refused(local_server: LocalHTTPServer, route: Any) -> None:
    local_server.add_route("/big", route)
    started = time.monotonic()
    error = failure(allowing(local_server, max_bytes=1000), local_server.url("/big"))
    assert error.reason == "larger than 1000 bytes"
    assert time.monotonic() - started < 2


def test_a_body_of_exactly_max_bytes_is_accepted(local_server: LocalHTTPServer) -> None:
    local_server.add_route("/fits", huge(1000, chunked=True))
    assert fetch(allowing(local_server, max_bytes=1000), local_server.url("/fits")).body == b"x" * 1000


@pytest.mark.parametrize(
    "template",
    [
        "http://127.0.0.1:{port}/",
        "http://localhost:{port}/",
        "http://0x7f000001:{port}/",
        "http://2130706433:{port}/",
        "http://127.1:{port}/",
        "http://[::ffff:127.0.0.1]:{port}/",
        "http://[::1]:{port}/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://0.0.0.0:{port}/",
        "http://[64:ff9b::7f00:1]:{port}/",
    ],
)
def test_private_addresses_are_refused_unconnected(local_server: LocalHTTPServer, template: str) -> None:
    local_server.add_route("/", page(b"secret"))
    url = template.format(port=local_server.port)
    started = time.monotonic()
    error = failure(FetchPolicy(timeout=1), url)
    assert error.reason.startswith("refused: resolves to a private address")
    assert time.monotonic() - started < 0.5  # refused up front, not after a connect attempt timed out
    if "0x7f" in url or "2130706433" in url or "127.1:" in url:
        assert "(127.0.0.1)" in error.reason  # the legacy numeric forms are read as the resolver reads them
    time.sleep(0.05)  # let the server thread count a connection, had one been made
    assert local_server.connections == 0


def test_a_name_with_any_private_address_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    pin_resolver(monkeypatch, "93.184.216.34", "10.1.2.3")
    error = failure(FetchPolicy(timeout=1), "http://news.example/")
    assert error.reason == "refused: resolves to a private address (10.1.2.3)"


def test_allow_private_skips_the_address_check(local_server: LocalHTTPServer) -> None:
    local_server.add_route("/", page(b"ok"))
    assert fetch(FetchPolicy(allow_private=True), local_server.url("/")).body == b"ok"


def test_allow_hosts_matches_host_as_written_and_port(local_server: LocalHTTPServer) -> None:
    local_server.add_route("/", page(b"ok"))
    other_port = FetchPolicy(allow_hosts=frozenset({f"127.0.0.1:{local_server.port + 1}"}))
    assert "refused" in failure(other_port, local_server.url("/")).reason
    by_name = FetchPolicy(allow_hosts=frozenset({f"localhost:{local_server.port}"}))
    assert "refused" in failure(by_name, local_server.url("/")).reason
    assert local_server.connections == 0


def test_plain_http_connects_to_the_vetted_address_not_the_name(
    local_server: LocalHTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # news.example resolves nowhere in real DNS: the request can only arrive if the vetted address is dialled.
    looked_up = pin_resolver(monkeypatch, "127.0.0.1")
    local_server.add_route("/a", page(b"pinned"))
    policy = FetchPolicy(allow_hosts=frozenset({f"news.example:{local_server.port}"}))
    got = fetch(policy, local_server.url("/a", host="news.example"))
    assert got.body == b"pinned"
    assert got.final_url == f"http://news.example:{local_server.port}/a"
    assert local_server.requests[0].headers["Host"] == f"news.example:{local_server.port}"
    assert looked_up == ["news.example"]


@pytest.mark.parametrize(("cert_name", "ok"), [("news.example", True), ("other.example", False)])
def test_https_dials_the_vetted_address_and_verifies_the_name(
    monkeypatch: pytest.MonkeyPatch, cert_name: str, ok: bool
) -> None:
    trustme = pytest.importorskip("trustme")
    ca = trustme.CA()
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(cert_name).configure_cert(server_tls)
    client_tls = ssl.create_default_context()
    ca.configure_trust(client_tls)
    monkeypatch.setattr(fetch_module, "_tls_context", lambda: client_tls)
    pin_resolver(monkeypatch, "127.0.0.1")
    with LocalHTTPServer({"/": page(b"secure")}, tls=server_tls) as server:
        policy = FetchPolicy(timeout=2, allow_hosts=frozenset({f"news.example:{server.port}"}))
        url = server.url("/", host="news.example")
        if ok:  # the certificate names news.example only, so SNI and verification used the name
            assert fetch(policy, url).body == b"secure"
            assert server.requests[0].headers["Host"] == f"news.example:{server.port}"
        else:
            assert "certificate" in failure(policy, url).reason.lower()
            assert server.requests == []


def test_a_redirect_to_loopback_is_refused_before_connecting() -> None:
    with LocalHTTPServer() as a, LocalHTTPServer({"/": page(b"internal")}) as b:
        a.add_route("/go", redirect(b.url("/", host="localhost")))
        error = failure(allowing(a, timeout=1), a.url("/go"))
        assert error.reason.startswith("refused: resolves to a private address")
        assert f"(at http://localhost:{b.port}/)" in error.reason
        assert a.paths == ["/go"]
        time.sleep(0.05)
        assert b.connections == 0


def test_an_allowed_redirect_chain_is_followed(local_server: LocalHTTPServer) -> None:
    with LocalHTTPServer({"/end": page(b"the end", "text/plain")}) as other:
        local_server.add_route("/one", redirect("two?x=1", status=301))  # relative
        local_server.add_route("/two", redirect(other.url("/end"), status=307))  # absolute, another host
        got = fetch(allowing(local_server, other), local_server.url("/one"))
        assert (got.url, got.final_url, got.body) == (local_server.url("/one"), other.url("/end"), b"the end")
        assert local_server.paths == ["/one", "/two?x=1"]


def test_too_many_redirects_is_an_error(local_server: LocalHTTPServer) -> None:
    local_server.add_route("/loop", redirect("/loop"))
    error = failure(allowing(local_server, max_redirects=3), local_server.url("/loop"))
    assert error.reason == "too many redirects"
    assert len(local_server.requests) == 4  # the first request and three redirects


def test_a_redirect_without_location_is_an_http_error(local_server: LocalHTTPServer) -> None:
    local_server.add_route("/r", (302, "text/plain", b""))
    assert failure(allowing(local_server), local_server.url("/r")).reason == "HTTP 302"


@pytest.mark.parametrize(
    ("url", "scheme"),
    [("file:///etc/passwd", "file"), ("ftp://127.0.0.1/pub/x", "ftp"), ("gopher://example.com/", "gopher")],
)
def test_other_schemes_are_refused(url: str, scheme: str) -> None:
    assert failure(FetchPolicy(), url).reason == f"refused: scheme '{scheme}' is not http or https"


def test_a_redirect_to_another_scheme_is_refused(local_server: LocalHTTPServer) -> None:
    local_server.add_route("/r", redirect("file:///etc/passwd"))
    error = failure(allowing(local_server), local_server.url("/r"))
    assert error.reason.startswith("refused: scheme 'file' is not http or https")


def test_connection_refused_and_unresolvable_hosts_are_fetch_errors() -> None:
    with LocalHTTPServer() as gone:
        port = gone.port
    refused = failure(FetchPolicy(allow_private=True, timeout=2), f"http://127.0.0.1:{port}/")
    assert refused.reason.startswith("connection failed")
    unknown = failure(FetchPolicy(timeout=2), "http://does-not-exist.invalid/")
    assert unknown.reason == "could not resolve host"


def test_fetch_many_keeps_order_and_isolates_failures(local_server: LocalHTTPServer) -> None:
    for n in range(4):
        local_server.add_route(f"/{n}", page(str(n)))
    urls = [local_server.url("/0"), local_server.url("/missing"), local_server.url("/1"), "file:///x"]
    urls += [local_server.url("/2"), local_server.url("/3")]

    async def go() -> list[Fetched | FetchError]:
        async with Fetcher(allowing(local_server)) as fetcher:
            return await fetcher.fetch_many(urls, concurrency=2)

    results = asyncio.run(go())
    bodies = [r.body if isinstance(r, Fetched) else r.reason for r in results]
    assert bodies == [b"0", "HTTP 404", b"1", "refused: scheme 'file' is not http or https", b"2", b"3"]
    assert [r.url for r in results] == urls


def test_fetch_many_keeps_at_most_concurrency_requests_in_flight(local_server: LocalHTTPServer) -> None:
    local_server.add_route("/slow", slow(0.15))
    urls = [local_server.url(f"/slow?n={n}") for n in range(9)]

    async def go() -> list[Fetched | FetchError]:
        async with Fetcher(allowing(local_server)) as fetcher:
            return await fetcher.fetch_many(urls, concurrency=3)

    results = asyncio.run(go())
    assert all(isinstance(r, Fetched) for r in results)
    assert 2 <= local_server.max_in_flight <= 3  # it did run in parallel, and no wider than asked


@pytest.mark.parametrize(
    "address",
    ["10.0.0.1", "172.16.5.4", "192.168.1.1", "100.64.0.1", "127.0.0.1", "169.254.169.254", "0.0.0.0",
     "224.0.0.1", "240.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "ff02::1",
     "::ffff:10.0.0.1", "64:ff9b::a00:1", "2002:7f00:1::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2"],
)  # fmt: skip
def test_non_public_addresses(address: str) -> None:
    assert not is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111"])
def test_public_addresses(address: str) -> None:
    assert is_public_address(ipaddress.ip_address(address))


# --- feeds: parsed safely, capped, only pages inside the window fetched ----------------------------

SECRET = "TOPSECRET-feed-xxe-4c1d"
NOW = datetime(2026, 11, 23, 6, 30, tzinfo=UTC)


def _item(server: LocalHTTPServer, n: int, published: datetime | None, title: str = "") -> str:
    date = f"<pubDate>{format_datetime(published)}</pubDate>" if published else ""
    return (
        f"<item><title>{title or f'Story {n}'}</title><link>{server.url(f'/story/{n}')}</link>"
        f"<description>Summary of story {n}, long enough to stand in for its page.</description>{date}</item>"
    )


def _feed(items: str, doctype: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>{doctype}<rss version="2.0"><channel><title>T</title>'
        f"<link>https://news.example.org/</link><description>T</description>{items}</channel></rss>"
    ).encode()


def _collect(server: LocalHTTPServer, window: Any = None, **fetch: Any) -> tuple[list[Article], SourceReport]:
    options = FetchOptions(allow_hosts=[server.host_port], **fetch)
    source = Source(name="Feed", feed=server.url("/feed.xml"))
    collected = collect([source], options, lambda _: None, window=window)
    return collected.articles, collected.reports[0]


def _pages_asked(server: LocalHTTPServer) -> list[str]:
    return sorted(seen.path for seen in server.requests if seen.path.startswith("/story/"))


def _everything(articles: list[Article], report: SourceReport) -> str:
    return repr([a.model_dump() for a in articles]) + repr(report)


def test_a_feed_with_an_external_entity_to_a_local_file_is_refused_unread(
    local_server: LocalHTTPServer, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    doctype = f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    local_server.add_route(
        "/feed.xml", page(_feed(_item(local_server, 1, NOW, "&xxe;"), doctype), "application/rss+xml")
    )
    articles, report = _collect(local_server)
    assert articles == [] and report.error is not None
    assert "refused: the feed declares XML entities" in report.error
    assert SECRET not in _everything(articles, report) and str(secret) not in str(report.error)
    assert _pages_asked(local_server) == []


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE rss SYSTEM "{dtd}">',
        '<!DOCTYPE rss [<!ENTITY % remote SYSTEM "{dtd}"> %remote;]>',
        '<!DOCTYPE rss [<!ENTITY remote SYSTEM "{dtd}">]>',
    ],
    ids=["external-dtd", "parameter-entity", "external-entity"],
)
def test_a_feed_that_points_outside_itself_is_refused_and_nothing_is_fetched(
    local_server: LocalHTTPServer, doctype: str
) -> None:
    local_server.add_route("/evil.dtd", page(f'<!ENTITY leak "{SECRET}">', "application/xml-dtd"))
    body = _feed(_item(local_server, 1, NOW), doctype.format(dtd=local_server.url("/evil.dtd")))
    local_server.add_route("/feed.xml", page(body, "application/rss+xml"))
    articles, report = _collect(local_server)
    assert articles == [] and report.error is not None and "refused" in report.error
    assert [seen.path for seen in local_server.requests] == ["/feed.xml"]  # the DTD was never asked for
    assert SECRET not in _everything(articles, report)


def test_billion_laughs_is_refused_quickly_in_bounded_memory(local_server: LocalHTTPServer) -> None:
    entities = '<!ENTITY lol0 "lollollollollollollollollollol">' + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    )
    body = _feed(_item(local_server, 1, NOW, "&lol9;"), f"<!DOCTYPE rss [{entities}]>")
    local_server.add_route("/feed.xml", page(body, "application/rss+xml"))
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    started = time.monotonic()
    articles, report = _collect(local_server)
    assert time.monotonic() - started < 1.0
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before < 50 * 1024
    assert articles == [] and report.error is not None
    assert "refused: the feed declares XML entities" in report.error


def test_a_feed_without_entities_is_still_read(local_server: LocalHTTPServer) -> None:
    items = _item(local_server, 1, NOW - timedelta(hours=1), "Fares &amp; budgets &#8212; a story")
    local_server.add_route("/feed.xml", page(_feed(items), "application/rss+xml"))
    articles, report = _collect(local_server)
    assert report.error is None and [a.title for a in articles] == ["Fares & budgets \u2014 a story"]


def test_feed_items_are_capped_newest_first_and_only_their_pages_fetched(
    local_server: LocalHTTPServer,
) -> None:
    hours = [5, 1, 4, 2, 3]  # the feed's order is not the newest first
    items = "".join(_item(local_server, n, NOW - timedelta(hours=h)) for n, h in enumerate(hours))
    local_server.add_route("/feed.xml", page(_feed(items), "application/rss+xml"))
    articles, report = _collect(local_server, max_items=2)
    assert len(articles) == 2
    assert _pages_asked(local_server) == ["/story/1", "/story/3"]  # 1 and 2 hours old
    assert report.problems == ["3 older items (over max_items = 2)"]


def test_a_sources_own_max_items_wins(local_server: LocalHTTPServer) -> None:
    items = "".join(_item(local_server, n, NOW - timedelta(hours=n + 1)) for n in range(4))
    local_server.add_route("/feed.xml", page(_feed(items), "application/rss+xml"))
    source = Source(name="Feed", feed=local_server.url("/feed.xml"), max_items=3)
    options = FetchOptions(allow_hosts=[local_server.host_port], max_items=1)
    collected = collect([source], options, lambda _: None)
    assert len(collected.articles) == 3


def test_pages_are_fetched_only_for_items_inside_the_window(local_server: LocalHTTPServer) -> None:
    items = (
        _item(local_server, 0, NOW - timedelta(hours=2))  # inside
        + _item(local_server, 1, NOW - timedelta(days=3))  # before the window
        + _item(local_server, 2, NOW + timedelta(hours=5))  # after it (dated in the future)
        + _item(local_server, 3, None)  # undated: its first sighting will date it
    )
    local_server.add_route("/feed.xml", page(_feed(items), "application/rss+xml"))
    articles, report = _collect(local_server, window=(NOW - timedelta(hours=24), NOW))
    assert _pages_asked(local_server) == ["/story/0", "/story/3"]
    assert len(articles) == 2 and report.error is None


def test_a_folder_names_each_article_after_its_own_outlet_not_the_folder(tmp_path: Path) -> None:
    (tmp_path / "harbour-tribune.txt").write_text(
        "Ferry terminal opens\nSource: The Harbour Tribune\n\nThe new ferry terminal opened on Friday.\n",
        encoding="utf-8",
    )
    (tmp_path / "isle-post.txt").write_text(
        "Ferries run again\nBy Ruth Bell\n\nFerries to Holm Island ran again on Saturday morning.\n",
        encoding="utf-8",
    )
    (tmp_path / "desk-note.txt").write_text(
        "Pier closes\n\nThe old pier closed to passengers at the end of the month.\n", encoding="utf-8"
    )
    collected = collect([Source(name="Desk folder", folder=tmp_path)], FetchOptions(), lambda _: None)
    outlets = sorted(a.source or "" for a in collected.articles)
    assert outlets == ["Ruth Bell", "The Harbour Tribune", "desk-note"]
