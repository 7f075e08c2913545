"""Bearer API keys: checked in constant time, never logged, never echoed back; each grants scopes."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from briefing.api.errors import ApiError
from briefing.api.keys import ApiKey
from briefing.api.service_state import ServiceState, State

# auto_error=False: a missing or malformed header gets our 401 (JSON, with WWW-Authenticate), not 403.
_bearer = HTTPBearer(auto_error=False, description="An API key from BRIEFING_SERVICE_API_KEYS(_FILE).")


def _unauthorized() -> ApiError:
    return ApiError(
        401, "unauthorized", "a valid API key is required: Authorization: Bearer <key>",
        headers={"WWW-Authenticate": 'Bearer realm="briefing"'},
    )  # fmt: skip


def _forbidden(scope: str) -> ApiError:
    return ApiError(
        403, "insufficient_scope", f"this API key lacks the {scope!r} scope this request needs",
        headers={"WWW-Authenticate": f'Bearer realm="briefing", error="insufficient_scope", scope="{scope}"'},
        scope=scope,
    )  # fmt: skip


def _match(given: str, keys: list[ApiKey]) -> ApiKey | None:
    # compare_digest against every key, without stopping early, so timing says nothing about which.
    found = None
    for key in keys:
        if hmac.compare_digest(given.encode(), key.secret.encode()):
            found = key
    return found


Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def caller_of(request: Request) -> str | None:
    """Who is calling, as jobs record their owner: the key's hash, or None when no keys are set."""
    owner: str | None = getattr(request.state, "owner", None)
    return owner


def require_key(request: Request, runtime: State, credentials: Credentials) -> None:
    """Let the request through when no keys are configured or it carries one of them; else 401."""
    if not runtime.keys:
        return
    key = None if credentials is None else _match(credentials.credentials, runtime.keys)
    if key is None:
        raise _unauthorized()
    request.state.owner = key.owner()
    request.state.scopes = key.scopes


def require_scope(scope: str) -> Callable[[Request, ServiceState, HTTPAuthorizationCredentials | None], None]:
    """A dependency: a valid key (401 otherwise) that grants `scope` (403 naming it otherwise)."""

    def check(request: Request, runtime: State, credentials: Credentials) -> None:
        require_key(request, runtime, credentials)
        if runtime.keys and scope not in request.state.scopes:
            raise _forbidden(scope)

    return check


def require_key_for_metrics(request: Request, runtime: State, credentials: Credentials) -> None:
    """/metrics needs a key with the `admin` scope unless `metrics_public` says otherwise."""
    if not runtime.service.metrics_public:
        require_scope("admin")(request, runtime, credentials)
