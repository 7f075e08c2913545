"""Bearer API keys: checked in constant time, never logged, never echoed back."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from briefing.api.errors import ApiError
from briefing.api.runtime import Runtime, get_runtime

# auto_error=False: a missing or malformed header gets our 401 (JSON, with WWW-Authenticate), not 403.
_bearer = HTTPBearer(auto_error=False, description="An API key from BRIEFING_SERVICE_API_KEYS(_FILE).")


def _unauthorized() -> ApiError:
    return ApiError(
        401, "unauthorized", "a valid API key is required: Authorization: Bearer <key>",
        headers={"WWW-Authenticate": 'Bearer realm="briefing"'},
    )  # fmt: skip


def _valid(given: str, keys: list[str]) -> bool:
    # compare_digest against every key, without stopping early, so timing says nothing about which.
    matched = False
    for key in keys:
        matched |= hmac.compare_digest(given.encode(), key.encode())
    return matched


Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def require_key(runtime: Annotated[Runtime, Depends(get_runtime)], credentials: Credentials) -> None:
    """Let the request through when no keys are configured or it carries one of them; else 401."""
    if runtime.keys and (credentials is None or not _valid(credentials.credentials, runtime.keys)):
        raise _unauthorized()


def require_key_for_metrics(
    runtime: Annotated[Runtime, Depends(get_runtime)], credentials: Credentials
) -> None:
    """/metrics is behind the keys unless `metrics_public` says otherwise."""
    if not runtime.service.metrics_public:
        require_key(runtime, credentials)
