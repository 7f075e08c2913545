"""Scoped API keys (`KEY` = every scope, `KEY:briefs+verify` = those) and jobs owned by their key."""

from __future__ import annotations

import time
from typing import Any

import pytest
from api_helpers import body, make_app
from fastapi.testclient import TestClient

from briefing.api.keys import SCOPES, key_owner, parse_key, parse_keys
from briefing.config_file import ConfigError

FULL, BRIEFS, READER, OTHER_KEY, VERIFY, ADMIN = "k-full", "k-briefs", "k-read", "k-other", "k-ver", "k-adm"
KEYS = [
    FULL,
    f"{BRIEFS}:briefs+jobs:read",
    f"{READER}:jobs:read",
    OTHER_KEY,
    f"{VERIFY}:verify",
    f"{ADMIN}:admin",
]


def _auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def _done(client: TestClient, location: str, key: str) -> dict[str, Any]:
    deadline = time.monotonic() + 10
    while (job := client.get(location, headers=_auth(key)).json())["status"] not in ("done", "failed"):
        assert time.monotonic() < deadline, job
        time.sleep(0.02)
    return job


@pytest.mark.parametrize(("entry", "secret", "scopes"), [
    ("abc", "abc", set(SCOPES)),
    ("abc:briefs+verify", "abc", {"briefs", "verify"}),
    ("abc:briefs,verify", "abc", {"briefs", "verify"}),  # a keys-file line may use commas
    ("abc:jobs:read", "abc", {"jobs:read"}),
    ("abc:admin", "abc", {"admin"}),
    ("Zq:9X/1", "Zq:9X/1", set(SCOPES)),  # an old key with a colon that is no scope list stays whole
])  # fmt: skip
def test_key_entries_parse_into_a_secret_and_its_scopes(entry: str, secret: str, scopes: set[str]) -> None:
    key = parse_key(entry)
    assert key.secret == secret and key.scopes == scopes


@pytest.mark.parametrize("entry", ["abc:brief", "abc:briefs+metrics", ":briefs"])
def test_a_misspelt_scope_or_a_missing_key_is_a_config_error(entry: str) -> None:
    with pytest.raises(ConfigError):
        parse_keys([entry])


def test_the_job_owner_is_a_hash_never_the_key() -> None:
    assert key_owner(FULL) != FULL and len(key_owner(FULL)) == 64


def test_each_route_needs_its_scope_and_a_missing_one_is_a_403_naming_it() -> None:
    with TestClient(make_app(api_keys=",".join(KEYS))) as client:
        verify = client.post("/v1/verify", json={"claims": []}, headers=_auth(BRIEFS))
        brief = client.post("/v1/briefs", json=body(), headers=_auth(VERIFY))
        metrics = client.get("/metrics", headers=_auth(BRIEFS))
        allowed_metrics = client.get("/metrics", headers=_auth(ADMIN))
        allowed_brief = client.post("/v1/briefs", json=body(), headers=_auth(BRIEFS))
        allowed_verify = client.post("/v1/verify", json={"claims": []}, headers=_auth(VERIFY))
        unknown = client.post("/v1/briefs", json=body(), headers=_auth("nope"))
        job_read = client.get("/v1/jobs/whatever", headers=_auth(VERIFY))
    for refused, scope in (
        (verify, "verify"),
        (brief, "briefs"),
        (metrics, "admin"),
        (job_read, "jobs:read"),
    ):
        assert refused.status_code == 403, refused.text
        assert refused.json()["error"] == "insufficient_scope" and refused.json()["scope"] == scope
        assert scope in refused.json()["detail"]
    assert allowed_metrics.status_code == 200 and allowed_brief.status_code == 200
    assert allowed_verify.status_code not in (401, 403)  # past the keys: an empty claim list is a 422
    assert unknown.status_code == 401


def test_a_job_is_seen_and_cancelled_by_its_own_key_only_and_others_get_404() -> None:
    with TestClient(make_app(api_keys=",".join(KEYS))) as client:
        accepted = client.post("/v1/briefs?async=true", json=body(), headers=_auth(BRIEFS))
        location = accepted.headers["location"]
        assert _done(client, location, BRIEFS)["status"] == "done"
        # Another key, even one with every scope, learns nothing: 404, as for an unknown id.
        for key in (FULL, READER, OTHER_KEY):
            for answer in (
                client.get(location, headers=_auth(key)),
                client.get(f"{location}/result", headers=_auth(key)),
            ):
                assert answer.status_code == 404 and answer.json()["error"] == "job_not_found"
        assert client.delete(location, headers=_auth(FULL)).status_code == 404
        assert client.get(f"{location}/result", headers=_auth(BRIEFS)).status_code == 200
        assert client.delete(location, headers=_auth(BRIEFS)).status_code == 204


def test_without_keys_every_route_and_every_job_stays_open() -> None:
    with TestClient(make_app()) as client:
        location = client.post("/v1/briefs?async=true", json=body()).headers["location"]
        job = _done(client, location, "anything")
        metrics = client.get("/metrics")
    assert job["status"] == "done" and metrics.status_code == 200
