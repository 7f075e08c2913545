"""The HTTP side of an OpenAI-compatible inference server: one client, requests retried once when the
connection is refused, and every failure turned into one line.

Errors while connecting (ModelError) name the server and what it said: the operator is setting it up.
Errors of one reply (GenerationError) become a skipped brief's reason, which the service shows its
clients, so they name the kind of failure only; the address and the reply go to the log. Any key, in
the headers or in the URL, is blanked out of every message.
"""

from __future__ import annotations

import logging
import time
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

from briefing.errors import BriefingError, GenerationError, ModelError

log = logging.getLogger("briefing.backends.openai")

_CONNECT_TIMEOUT = 10.0
# Listing models, reading /props and counting tokens are quick; only a completion may take minutes.
_QUICK_TIMEOUT = 30.0


class ServerConnection:
    """The connection to a server at `base_url` (ending in /v1), and the one-line errors of its replies."""

    retry_delay = 1.0  # seconds before the one retry of a refused connection

    def __init__(
        self,
        base_url: str,
        *,
        api_key: str | None = None,
        timeout: float = 600.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.url = _without_userinfo(self.base_url)  # the only form of the address any message shows
        self.timeout = timeout
        self._key = api_key
        self._client = httpx.Client(
            headers={"Authorization": f"Bearer {api_key}"} if api_key else {},
            timeout=httpx.Timeout(timeout, connect=_CONNECT_TIMEOUT),
            transport=transport,
        )

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def _call(
        self, method: str, url: str, payload: Any, what: str, *, fatal: bool = False, quick: bool = False
    ) -> dict[str, Any]:
        """One request, retried once if the connection is refused; every failure is one line."""
        timeout = min(self.timeout, _QUICK_TIMEOUT) if quick else self.timeout
        for attempt in (1, 2):
            try:
                return self._read(
                    self._client.request(method, url, json=payload, timeout=timeout), what, fatal, quick
                )
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                # Nothing reached the server, so asking again cannot do the work twice.
                if attempt == 2:
                    raise ModelError(
                        f"inference server {self.url}: cannot connect ({self._clean(str(exc))})"
                    ) from exc
                time.sleep(self.retry_delay)
            except httpx.TimeoutException as exc:
                raise self._failed(
                    fatal, f"{what} timed out (no reply within {timeout:.0f} s)", quiet=quick
                ) from exc
            except httpx.HTTPError as exc:
                detail = f"{type(exc).__name__}: {self._clean(str(exc))}"
                raise self._failed(fatal, f"{what} failed ({_kind(exc)})", detail, quiet=quick) from exc
        raise AssertionError("unreachable: the second attempt returns or raises")

    def _read(self, response: httpx.Response, what: str, fatal: bool, quiet: bool = False) -> dict[str, Any]:
        code = response.status_code
        if code in (401, 403):
            raise ModelError(
                f"inference server {self.url}: access refused (HTTP {code}); check BRIEFING_OPENAI_API_KEY"
            )
        if code == 404 and fatal:
            raise ModelError(
                f"inference server {self.url}: {what} found nothing (HTTP 404); "
                "check BRIEFING_OPENAI_BASE_URL (it ends in /v1)"
            )
        if code >= 400:
            raise self._failed(fatal, f"{what} failed (HTTP {code})", self._detail(response), quiet=quiet)
        try:
            data = response.json()
        except ValueError as exc:
            raise self._failed(
                fatal, f"{what} gave a bad reply (not JSON)", repr(self._clean(response.text)), quiet=quiet
            ) from exc
        if not isinstance(data, dict):
            raise self._failed(fatal, f"{what} gave a bad reply (not a JSON object)", quiet=quiet)
        return data

    def _failed(self, fatal: bool, failure: str, detail: str = "", *, quiet: bool = False) -> BriefingError:
        """The error for `failure`: while connecting, with the address and the server's words; after,
        the kind of failure only (clients see it as a skipped reason), the rest logged.
        `quiet`: a probe (tokenizer, /props) whose failure is expected and handled, logged at debug."""
        said = f": {detail}" if detail else ""
        if fatal:
            return ModelError(f"inference server {self.url}: {failure}{said}")
        log.log(
            logging.DEBUG if quiet else logging.WARNING, "inference server %s: %s%s", self.url, failure, said
        )
        return GenerationError(f"inference server: {failure}")

    def _detail(self, response: httpx.Response) -> str:
        try:
            body = response.json()
            error = body.get("error", body.get("detail", body)) if isinstance(body, dict) else body
            message = error.get("message", error) if isinstance(error, dict) else error
            return self._clean(str(message))
        except ValueError:
            return self._clean(response.text) or "no message"

    def _clean(self, text: str, limit: int = 200) -> str:
        """One line, cut short, with the key and any credentials in the URL blanked out."""
        if self._key:
            text = text.replace(self._key, "***")
        text = text.replace(self.base_url, self.url)
        text = " ".join(text.split())
        return text if len(text) <= limit else text[: limit - 1] + "…"


def _kind(exc: httpx.HTTPError) -> str:
    """What went wrong, in words that carry no address: httpx's messages often do."""
    if isinstance(exc, httpx.RemoteProtocolError):
        return "the server broke the connection"
    if isinstance(exc, httpx.NetworkError):
        return "network error"
    if isinstance(exc, httpx.DecodingError):
        return "the reply could not be decoded"
    return type(exc).__name__


def _without_userinfo(url: str) -> str:
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc="***@" + parts.netloc.rsplit("@", 1)[1]))
