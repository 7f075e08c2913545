"""A real HTTP server on 127.0.0.1 for the digest tests: routes from a dict, and a record of what came in.

Routes map a path (with or without its query string) to a `Route`, or to a plain tuple
``(status, content_type, body)`` / ``(status, content_type, body, extra_headers)``. The helpers
`page`, `slow`, `redirect` and `huge` build the usual ones. A route with an `etag` or `last_modified`
sends them and answers a conditional request that matches with 304 (counted in `not_modified`):

    with LocalHTTPServer({"/feed.xml": page(b"<rss/>", "application/rss+xml")}) as server:
        server.add_route("/gone", (404, "text/plain", b"gone"))
        ... server.url("/feed.xml") ...
        assert wait_until(lambda: server.connections == 1)  # counted on the server's thread
"""

from __future__ import annotations

import ssl
import threading
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

_CHUNK = 16 * 1024


@dataclass(frozen=True)
class Route:
    """What one path answers, and how."""

    status: int = 200
    content_type: str = "text/plain; charset=utf-8"
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before the status line (a server that hangs)
    drip: float = 0.0  # seconds to wait between body chunks (a server that trickles)
    chunk_size: int = _CHUNK
    chunked: bool = False  # Transfer-Encoding: chunked, no Content-Length
    content_length: int | None = None  # the length to claim, when it should differ from the body's
    stream_size: int | None = None  # send this many b"x" bytes instead of `body`, generated on the fly
    etag: str | None = None  # sent as ETag; a request whose If-None-Match names it gets 304
    last_modified: str | None = None  # sent as Last-Modified; If-Modified-Since not before it gets 304


RouteSpec = Route | tuple[int, str, bytes] | tuple[int, str, bytes, dict[str, str]]


def page(
    body: bytes | str,
    content_type: str = "text/html; charset=utf-8",
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> Route:
    """A plain response."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    return Route(status=status, content_type=content_type, body=data, headers=dict(headers or {}))


def slow(seconds: float, body: bytes = b"slow", *, drip: bool = False) -> Route:
    """A response that waits `seconds` before answering, or (drip=True) between each byte of the body."""
    if drip:
        return Route(body=body, drip=seconds, chunk_size=1)
    return Route(body=body, delay=seconds)


def redirect(location: str, status: int = 302) -> Route:
    """A redirect to `location` (absolute or relative)."""
    return Route(status=status, body=b"", headers={"Location": location})


def huge(size: int, *, chunked: bool = False) -> Route:
    """A body of `size` bytes, announced by Content-Length, or (chunked=True) streamed without one."""
    return Route(stream_size=size, chunked=chunked)


@dataclass(frozen=True)
class Seen:
    """One request the server received."""

    method: str
    path: str
    headers: dict[str, str]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # server_close() must not wait for a handler still sleeping in a slow route.
    block_on_close = False
    owner: LocalHTTPServer

    def process_request(self, request: Any, client_address: Any) -> None:
        self.owner._count_connection()
        super().process_request(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # chunked bodies need it
    server: _Server

    def do_GET(self) -> None:
        owner = self.server.owner
        owner._enter(Seen(self.command, self.path, dict(self.headers.items())))
        try:
            route = owner.route_for(self.path)
            if _not_modified(route, self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")):
                owner._count_not_modified()
                route = Route(status=304, etag=route.etag, last_modified=route.last_modified)
            self._answer(route, owner._stopping)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a size limit, a timeout): that is what the test wanted
        finally:
            owner._leave()

    do_HEAD = do_GET

    def _answer(self, route: Route, stopping: threading.Event) -> None:
        if route.delay and stopping.wait(route.delay):
            return
        self.send_response(route.status)
        validators = {"ETag": route.etag, "Last-Modified": route.last_modified}
        for name, value in {**route.headers, **validators}.items():
            if value is not None:
                self.send_header(name, value)
        if route.status == 304:  # no body, so neither Content-Type nor Content-Length
            self.end_headers()
            return
        self.send_header("Content-Type", route.content_type)
        size = len(route.body) if route.stream_size is None else route.stream_size
        claimed = size if route.content_length is None else route.content_length
        if route.chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(claimed))
        self.end_headers()
        if self.command != "HEAD":
            self._send_body(route, size, stopping)

    def _send_body(self, route: Route, size: int, stopping: threading.Event) -> None:
        sent = 0
        while sent < size and not stopping.is_set():
            n = min(route.chunk_size, size - sent)
            chunk = b"x" * n if route.stream_size is not None else route.body[sent : sent + n]
            self.wfile.write(b"%x\r\n%s\r\n" % (n, chunk) if route.chunked else chunk)
            self.wfile.flush()
            sent += n
            if route.drip and stopping.wait(route.drip):
                return
        if route.chunked:
            self.wfile.write(b"0\r\n\r\n")

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output clean


class LocalHTTPServer:
    """An HTTP server on 127.0.0.1 with an ephemeral port, serving `routes` from a background thread."""

    def __init__(self, routes: dict[str, RouteSpec] | None = None, tls: ssl.SSLContext | None = None) -> None:
        self.tls = tls  # a server-side context makes this an https server
        self.routes: dict[str, RouteSpec] = dict(routes or {})
        self.requests: list[Seen] = []
        self.connections = 0
        self.not_modified = 0  # 304s answered to conditional requests
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> LocalHTTPServer:
        """Bind and start serving; returns self."""
        server = _Server(("127.0.0.1", 0), _Handler)
        server.owner = self
        if self.tls is not None:
            server.socket = self.tls.wrap_socket(server.socket, server_side=True)
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            daemon=True,
            name=f"http-server-{self.port}",
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, wake any slow handler, close the socket."""
        if self._server is None:
            return
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=2)
        self._server = None

    def __enter__(self) -> LocalHTTPServer:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The port the server listens on."""
        assert self._server is not None, "server not started"
        return int(self._server.server_address[1])

    @property
    def host_port(self) -> str:
        """'127.0.0.1:PORT', as FetchPolicy.allow_hosts wants it."""
        return f"127.0.0.1:{self.port}"

    def url(self, path: str = "/", host: str = "127.0.0.1") -> str:
        """The full URL of `path` on this server, naming it `host` (which must resolve to 127.0.0.1)."""
        scheme = "http" if self.tls is None else "https"
        return f"{scheme}://{host}:{self.port}/{path.lstrip('/')}"

    def add_route(self, path: str, route: RouteSpec) -> None:
        """Serve `route` at `path` from now on."""
        with self._lock:
            self.routes[path] = route

    def route_for(self, path: str) -> Route:
        """The route for a request path: the exact path with its query first, then without; else a 404."""
        with self._lock:
            spec = self.routes.get(path) or self.routes.get(path.split("?", 1)[0])
        if spec is None:
            return Route(status=404, body=b"not found")
        if isinstance(spec, Route):
            return spec
        return Route(spec[0], spec[1], spec[2], dict(spec[3]) if len(spec) == 4 else {})

    @property
    def paths(self) -> list[str]:
        """The paths requested so far, in order."""
        with self._lock:
            return [seen.path for seen in self.requests]

    def reset(self) -> None:
        """Forget the connections and requests seen so far."""
        with self._lock:
            self.requests.clear()
            self.connections = self.max_in_flight = self.not_modified = 0

    def _count_connection(self) -> None:
        with self._lock:
            self.connections += 1

    def _count_not_modified(self) -> None:
        with self._lock:
            self.not_modified += 1

    def _enter(self, seen: Seen) -> None:
        with self._lock:
            self.requests.append(seen)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def _leave(self) -> None:
        with self._lock:
            self.in_flight -= 1


def _not_modified(route: Route, if_none_match: str | None, if_modified_since: str | None) -> bool:
    """RFC 9110 13.1: If-None-Match, when sent, decides alone; else If-Modified-Since, for a GET."""
    if route.status != 200:
        return False
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return route.etag is not None and ("*" in tags or route.etag.removeprefix("W/") in tags)
    if if_modified_since is None or route.last_modified is None:
        return False
    try:
        return parsedate_to_datetime(if_modified_since) >= parsedate_to_datetime(route.last_modified)
    except (TypeError, ValueError):
        return False


def wait_until(condition: Any, timeout: float = 2.0) -> bool:
    """Poll `condition()` until true or `timeout` seconds pass (the server counts from its own threads)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return bool(condition())
