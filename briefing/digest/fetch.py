"""Fetch feeds and pages over HTTP(S) without letting a URL reach this machine's own network (SSRF).

Each hop (the first request, each redirect) resolves the host here, refuses it if any address is not
public, then dials the vetted address, so a second DNS answer cannot swap in another (DNS rebinding).
The name still goes in the Host header and the TLS SNI, so certificates are checked against the name.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import socket
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType

import httpx

from briefing.errors import BriefingError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_SCHEMES = {"http": 80, "https": 443}
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_ACCEPT = "application/rss+xml, application/atom+xml, application/xml, text/xml, text/html;q=0.9, */*;q=0.5"
# NAT64 (RFC 6052) puts an IPv4 address in the last 32 bits; 64:ff9b::7f00:1 is 127.0.0.1 to a NAT64 router.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


@dataclass(frozen=True)
class FetchPolicy:
    """What a Fetcher may reach and how long and how much it may read."""

    timeout: float = 10.0
    max_bytes: int = 5_000_000
    user_agent: str = "briefing-digest/0.1 (local news digest)"
    allow_private: bool = False
    allow_hosts: frozenset[str] = frozenset()
    max_redirects: int = 5


@dataclass(frozen=True)
class Fetched:
    """A successful (2xx) response, or a 304 to a conditional request (no body); with its validators."""

    url: str
    final_url: str
    status: int
    content_type: str
    charset: str | None
    body: bytes
    etag: str | None = None
    last_modified: str | None = None


class FetchError(BriefingError):
    """A URL could not be fetched, or was refused; the reason is short and meant for people."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


class _HopError(Exception):
    """A failure of one hop, its reason before the URL asked for is attached."""


@dataclass(frozen=True)
class _Reply:
    status: int
    headers: httpx.Headers
    body: bytes


def is_public_address(ip: IPAddress) -> bool:
    """Whether `ip` is a global unicast address, and so is every IPv4 address it wraps."""
    # is_global alone misses some (multicast 224.0.0.0/4 is "global"), hence the explicit list.
    flags = ("is_loopback", "is_private", "is_link_local", "is_multicast", "is_reserved", "is_unspecified")
    return all(one.is_global and not any(getattr(one, f) for f in flags) for one in _unwrapped(ip))


def _unwrapped(ip: IPAddress) -> list[IPAddress]:
    # An IPv6 address can carry an IPv4 one that a stack or tunnel will actually route to.
    found: list[IPAddress] = [ip]
    if isinstance(ip, ipaddress.IPv6Address):
        found += [v4 for v4 in (ip.ipv4_mapped, ip.sixtofour) if v4 is not None]
        found += list(ip.teredo or ())
        if ip in _NAT64:
            found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return found


def _literal_address(host: str) -> IPAddress | None:
    """The address a numeric host names, legacy IPv4 forms included (0x7f000001, 2130706433, 127.1)."""
    with contextlib.suppress(ValueError):
        return ipaddress.ip_address(host)
    with contextlib.suppress(OSError, ValueError):
        # inet_aton reads the same forms the C resolver does, so what we vet is what would be dialled.
        return ipaddress.IPv4Address(socket.inet_aton(host))
    return None


async def _resolve(host: str, port: int) -> list[IPAddress]:
    """Every address `host` resolves to, in the resolver's order, without duplicates."""
    literal = _literal_address(host)
    if literal is not None:
        return [literal]
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise _HopError("could not resolve host") from exc
    # A dict keeps the resolver's order (its preference) while dropping repeats; an IPv6 %scope is cut.
    return list(dict.fromkeys(ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos))


def _tls_context() -> ssl.SSLContext:
    """The TLS settings for https (the tests swap in one that trusts their own CA)."""
    return httpx.create_ssl_context()


def _describe(exc: Exception) -> str:
    return str(exc) or type(exc).__name__


class Fetcher:
    """Fetches URLs under a FetchPolicy; use as `async with Fetcher(policy) as f: await f.fetch(url)`."""

    def __init__(self, policy: FetchPolicy) -> None:
        self._policy = policy
        # One client per TLS name: httpcore pools connections by (scheme, IP, port), so a shared pool
        # could send b.example's request down a TLS session verified for a.example on the same IP.
        self._clients: dict[str, httpx.AsyncClient] = {}
        self._tls = _tls_context()

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close every pooled connection."""
        clients, self._clients = list(self._clients.values()), {}
        for client in clients:
            await client.aclose()

    async def fetch(self, url: str, conditions: Mapping[str, str] | None = None) -> Fetched:
        """GET `url`, following redirects that pass the policy; raises FetchError on any failure.
        `conditions` (If-None-Match, If-Modified-Since) go with every hop, and a 304 is then a result."""
        try:
            current = httpx.URL(url)
        except (httpx.InvalidURL, ValueError) as exc:
            raise FetchError(url, f"invalid URL: {_describe(exc)}") from exc
        for hop in range(self._policy.max_redirects + 1):
            reply = await self._timed_hop(url, current, hop, dict(conditions or {}))
            location = reply.headers.get("location")
            if reply.status not in _REDIRECTS or not location:
                return self._finish(url, current, reply, bool(conditions))
            try:
                current = current.join(location)
            except (httpx.InvalidURL, ValueError) as exc:
                raise FetchError(url, f"bad redirect: {_describe(exc)}") from exc
        raise FetchError(url, "too many redirects")

    async def fetch_many(self, urls: Sequence[str], concurrency: int) -> list[Fetched | FetchError]:
        """Fetch `urls` with at most `concurrency` in flight; results (or errors) in the order asked."""
        if concurrency < 1:
            raise ValueError(f"concurrency must be at least 1, not {concurrency}")
        gate = asyncio.Semaphore(concurrency)

        async def one(url: str) -> Fetched | FetchError:
            async with gate:
                try:
                    return await self.fetch(url)
                except FetchError as exc:
                    return exc

        return list(await asyncio.gather(*(one(url) for url in urls)))

    def _finish(self, url: str, final: httpx.URL, reply: _Reply, conditional: bool) -> Fetched:
        if not (200 <= reply.status < 300 or (conditional and reply.status == 304)):
            raise FetchError(url, f"HTTP {reply.status}")
        media, _, params = reply.headers.get("content-type", "").partition(";")
        etag, modified = reply.headers.get("etag"), reply.headers.get("last-modified")
        return Fetched(
            url, str(final), reply.status, media.strip().lower(), _charset(params), reply.body, etag, modified
        )

    async def _timed_hop(self, url: str, current: httpx.URL, hop: int, headers: dict[str, str]) -> _Reply:
        """One hop under the policy's deadline, its failures turned into FetchError for `url`."""
        where = f" (at {current})" if hop else ""
        seconds = self._policy.timeout
        try:
            # httpx's timeouts are per read; this deadline also stops a server that drips a byte at a time.
            async with asyncio.timeout(seconds):
                return await self._hop(current, headers)
        except _HopError as exc:
            raise FetchError(url, f"{exc}{where}") from exc
        except (TimeoutError, httpx.TimeoutException) as exc:
            raise FetchError(url, f"timed out after {seconds:g} s{where}") from exc
        except httpx.ConnectError as exc:
            raise FetchError(url, f"connection failed: {_describe(exc)}{where}") from exc
        except (httpx.HTTPError, OSError) as exc:
            raise FetchError(url, f"request failed: {_describe(exc)}{where}") from exc

    async def _hop(self, url: httpx.URL, headers: dict[str, str]) -> _Reply:
        """Vet `url`'s scheme and addresses, then request it from the first address that accepts."""
        if url.scheme not in _SCHEMES:
            raise _HopError(f"refused: scheme '{url.scheme}' is not http or https")
        if not url.raw_host:
            raise _HopError("invalid URL: no host")
        host = url.raw_host.decode("ascii")
        port = url.port or _SCHEMES[url.scheme]
        addresses = await _resolve(host, port)
        refused = [ip for ip in addresses if not is_public_address(ip)]
        if refused and not self._allowed_private(url.host, port):
            raise _HopError(f"refused: resolves to a private address ({refused[0]})")
        failure: httpx.ConnectError | None = None
        for ip in addresses:
            try:
                return await self._request(url, host, ip, headers)
            except httpx.ConnectError as exc:  # nothing was sent yet, so the next address is safe to try
                failure = exc
        assert failure is not None
        raise failure

    def _allowed_private(self, host: str, port: int) -> bool:
        if self._policy.allow_private:
            return True
        written = f"[{host}]" if ":" in host else host
        return f"{written.lower()}:{port}" in {entry.lower() for entry in self._policy.allow_hosts}

    async def _request(self, url: httpx.URL, host: str, ip: IPAddress, headers: dict[str, str]) -> _Reply:
        """GET `url` over a connection to `ip`, naming `host` in the Host header and the TLS SNI."""
        https = url.scheme == "https"
        client = self._client(host if https else "")
        request = client.build_request(
            "GET",
            url.copy_with(host=str(ip)),
            headers={**headers, "Host": url.netloc.decode("ascii")},
            extensions={"sni_hostname": host} if https else {},
        )
        response = await client.send(request, stream=True)
        try:
            ok = 200 <= response.status_code < 300
            body = await self._read_body(response) if ok else b""
            return _Reply(response.status_code, response.headers, body)
        finally:
            await response.aclose()

    async def _read_body(self, response: httpx.Response) -> bytes:
        """The body, refused as soon as it is known to exceed max_bytes (declared or as it streams)."""
        limit = self._policy.max_bytes
        declared = response.headers.get("content-length", "").strip()
        if declared.isdigit() and int(declared) > limit:
            raise _HopError(f"larger than {limit} bytes")
        body = bytearray()
        # Decoded bytes are counted, so a small gzip body that inflates past the limit is refused too.
        async for chunk in response.aiter_bytes():
            body += chunk
            if len(body) > limit:
                raise _HopError(f"larger than {limit} bytes")
        return bytes(body)

    def _client(self, tls_name: str) -> httpx.AsyncClient:
        client = self._clients.get(tls_name)
        if client is None:
            client = httpx.AsyncClient(
                timeout=httpx.Timeout(self._policy.timeout),
                follow_redirects=False,
                # A proxy from the environment would resolve the name itself and undo the vetting.
                trust_env=False,
                verify=self._tls,
                headers={"User-Agent": self._policy.user_agent, "Accept": _ACCEPT},
            )
            self._clients[tls_name] = client
        return client


def _charset(params: str) -> str | None:
    """The charset parameter of a Content-Type's parameters, lower-cased, or None."""
    for name, _, value in (param.partition("=") for param in params.split(";")):
        if name.strip().lower() == "charset" and (value := value.strip().strip("\"'")):
            return value.lower()
    return None
