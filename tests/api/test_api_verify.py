"""`POST /v1/verify`: claims checked against their sources through the model thread."""

from __future__ import annotations

from api_helpers import make_app
from fastapi.testclient import TestClient

from briefing.backends.fake import FakeBackend

SOURCE = {
    "title": "Port stays shut",
    "text": "The port of Dunmore did not reopen on Monday, officials said.\n\n"
    "A storm damaged two cranes on Friday, and repairs will take a week.",
    "url": "https://example.com/port",
}


def test_each_claim_gets_a_verdict_per_sentence_and_bad_items_name_their_problem() -> None:
    claims = [
        {
            "id": "right",
            "claim": "Officials said the port of Dunmore did not reopen on Monday.",
            "sources": [SOURCE],
        },
        {"id": "flipped", "claim": "The port of Dunmore reopened on Monday.", "sources": [SOURCE]},
        {"id": "no-sources", "claim": "The port reopened."},
    ]
    backend = FakeBackend(judgements=[0.9])
    with TestClient(make_app(backend)) as client:
        response = client.post("/v1/verify", json={"claims": claims})
    assert response.status_code == 200, response.text
    right, flipped, broken = response.json()["results"]
    assert right["supported"] is True and right["sentences"][0]["score"] == 0.9
    assert right["sentences"][0]["citations"][0]["quote"].startswith("The port of Dunmore did not reopen")
    assert flipped["supported"] is False
    failed = {c["name"] for c in flipped["sentences"][0]["checks"] if not c["passed"]}
    assert "polarity" in failed
    assert broken == {
        "id": "no-sources", "supported": False, "sentences": [],
        "error": "claims[2]: sources: Field required",
    }  # fmt: skip
    assert len(backend.questions) == 1  # the flipped claim never reached the judge


def test_an_empty_list_is_a_422_naming_the_field() -> None:
    with TestClient(make_app()) as client:
        response = client.post("/v1/verify", json={"claims": []})
    assert response.status_code == 422
