"""API key entries: `KEY` (every scope) or `KEY:scope+scope` (only those), parsed once at start-up.

The format stays backwards compatible: an entry without a scope list is a key with every scope, as
every key was before scopes existed, and an old key that happens to hold a `:` keeps working unless
what follows the colon reads as a list of scope names.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from briefing.config_file import ConfigError

# What each scope opens: POST /v1/briefs (and cancelling one's own jobs), POST /v1/verify,
# GET /v1/jobs/..., and /metrics.
SCOPES: tuple[str, ...] = ("briefs", "verify", "jobs:read", "admin")
# A scope list: names of letters and colons joined by `+` (or `,` where a line holds one key).
_SCOPE_LIST = re.compile(r"^[a-z][a-z:]*(?:[+,\s]+[a-z][a-z:]*)*$")
_SEPARATORS = re.compile(r"[+,\s]+")


@dataclass(frozen=True)
class ApiKey:
    """One accepted key and the scopes it grants."""

    secret: str
    scopes: frozenset[str]

    def owner(self) -> str:
        """Who owns the jobs this key makes: a hash, so the key itself is never stored with a job."""
        return key_owner(self.secret)


def key_owner(secret: str) -> str:
    """The SHA-256 of a key, hex: enough to tell keys apart, useless to authenticate with."""
    return hashlib.sha256(secret.encode()).hexdigest()


def parse_key(entry: str) -> ApiKey:
    """`KEY` -> every scope; `KEY:briefs+verify` -> those; an unknown scope name is a ConfigError."""
    at = entry.find(":")
    while at != -1:
        rest = entry[at + 1 :]
        if _SCOPE_LIST.match(rest):
            # The first colon followed by a scope list decides: all known, or a typo to refuse
            # (a misspelt scope must not quietly become a key with every scope).
            names = [n for n in _SEPARATORS.split(rest) if n]
            unknown = [n for n in names if n not in SCOPES]
            if unknown:
                raise ConfigError(
                    f"an API key entry names unknown scope {unknown[0]!r} (scopes: {', '.join(SCOPES)})"
                )
            return ApiKey(entry[:at], frozenset(names))
        at = entry.find(":", at + 1)
    return ApiKey(entry, frozenset(SCOPES))


def parse_keys(entries: list[str]) -> list[ApiKey]:
    """Every entry parsed; an empty secret is refused (it would match an empty bearer token)."""
    keys = [parse_key(entry) for entry in entries]
    if any(not key.secret for key in keys):
        raise ConfigError("an API key entry has scopes but no key before the ':'")
    return keys
