"""POST /v1/briefs on the fake backend: JSON and uploads in; the CLI's Result, Markdown or HTML out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from api_helpers import ARTICLE, OTHER, PIPELINE, body, check_result, make_app
from fastapi.testclient import TestClient

from briefing.api import create_app
from briefing.api.service_config import ServiceSettings
from briefing.backends.fake import FakeBackend
from briefing.schema.result_file import result_json_schema


def test_json_articles_give_the_cli_result_with_cited_sentences() -> None:
    with TestClient(make_app()) as client:
        response = client.post("/v1/briefs", json=body(ARTICLE, OTHER))
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    result = check_result(response.content)
    assert len(result.article_briefs) == 2
    assert result.cross_brief is not None
    assert {e.article.source for e in result.articles} == {"Daily Ledger", "Evening Post"}
    # The very shape the CLI writes: every key its published schema requires.
    assert set(result_json_schema()["required"]) <= set(json.loads(response.content))


def test_per_article_only_skips_the_cross_brief() -> None:
    with TestClient(make_app()) as client:
        response = client.post("/v1/briefs", json=body(ARTICLE, OTHER, per_article_only=True))
    assert response.status_code == 200
    assert check_result(response.content).cross_brief is None


def test_max_sentences_caps_each_article_brief() -> None:
    paragraphs = [
        "The harbour authority opened a ferry terminal at Kestrel Quay on Friday.",
        "The terminal cost 48 million pounds and took two years to build.",
        "Ferries to Holm Island will leave every 40 minutes from the new quay.",
        "The old pier will close to passengers at the end of the month.",
        "Harbour master Ruth Bell said the terminal would handle 900,000 passengers a year.",
        "Fishing boats will keep their moorings on the west side of the harbour.",
    ]
    article = {"title": "Kestrel Quay terminal opens", "text": "\n\n".join(paragraphs), "source": "Isle Post"}
    pipeline = PIPELINE.model_copy(update={"brief_share": 1.0})
    with TestClient(create_app(ServiceSettings(), FakeBackend(), pipeline=pipeline)) as client:
        full = client.post("/v1/briefs", json=body(article, per_article_only=True))
        capped = client.post("/v1/briefs", json=body(article, per_article_only=True, max_sentences=1))
        refused = client.post("/v1/briefs", json=body(article, max_sentences=0))
    assert len(check_result(full.content).article_briefs[0].sentences) >= 2
    assert len(check_result(capped.content).article_briefs[0].sentences) == 1
    assert refused.status_code == 422 and "max_sentences" in refused.text


def test_markdown_and_html_come_with_their_media_types() -> None:
    hostile = {**ARTICLE, "title": "<script>alert(1)</script> budget"}
    with TestClient(make_app()) as client:
        md = client.post("/v1/briefs", json=body(ARTICLE, format="md"))
        html = client.post("/v1/briefs", json=body(hostile, format="html"))
    assert md.status_code == 200 and md.headers["content-type"].startswith("text/markdown")
    assert "$4m transit budget" in md.text
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert "<script>alert" not in html.text and "&lt;script&gt;" in html.text


def test_uploaded_files_are_read_by_extension() -> None:
    text = b"Council approves transit budget\n\nThe city council approved a $4m budget on Monday. It passed."
    page = (
        b"<html><head><title>Mayor hails budget</title></head><body><article><h1>Mayor hails budget</h1>"
        b"<p>The mayor called the budget a fair compromise on Tuesday, speaking to reporters.</p>"
        b"<p>Critics said the council had ignored cyclists and walkers in the plan.</p>"
        b"</article></body></html>"
    )
    records = json.dumps([OTHER]).encode()
    files = [
        ("files", ("ledger.txt", text, "text/plain")),
        ("files", ("../../etc/post.html", page, "text/html")),
        ("files", ("more.json", records, "application/json")),
        ("files", ("photo.png", b"\x89PNG\r\n", "image/png")),
    ]
    with TestClient(make_app()) as client:
        response = client.post("/v1/briefs", files=files, data={"per_article_only": "true"})
    assert response.status_code == 200, response.text
    result = check_result(response.content)
    origins = {e.article.origin for e in result.articles}
    assert origins == {"ledger.txt", "post.html", "more.json[0]"}  # a name is a label, never a path
    assert result.cross_brief is None
    assert [s.what for s in result.skipped] == ["photo.png"]


def test_no_readable_upload_is_a_422_with_the_reasons() -> None:
    files = [
        ("files", ("empty.txt", b"", "text/plain")),
        ("files", ("x.exe", b"MZ", "application/x-msdownload")),
    ]
    with TestClient(make_app()) as client:
        response = client.post("/v1/briefs", files=files)
    assert response.status_code == 422
    error = response.json()
    assert error["error"] == "no_articles"
    assert any("empty file" in r for r in error["reasons"])


def test_an_unknown_form_field_and_a_missing_file_are_named() -> None:
    with TestClient(make_app()) as client:
        unknown = client.post(
            "/v1/briefs",
            files=[("files", ("a.txt", b"T\n\nBody text here.", "text/plain"))],
            data={"colour": "red"},
        )
        missing = client.post("/v1/briefs", files=[("other", ("a.txt", b"x", "text/plain"))])
    assert unknown.status_code == 422 and unknown.json()["field"] == "colour"
    assert missing.status_code == 422


def test_other_media_types_are_refused() -> None:
    with TestClient(make_app()) as client:
        response = client.post("/v1/briefs", content=b"title=x", headers={"content-type": "text/plain"})
    assert response.status_code == 415
    assert response.json()["error"] == "unsupported_media_type"


def test_a_text_with_nothing_to_brief_is_422_not_a_model_error() -> None:
    backend = FakeBackend()
    only_boilerplate = {"title": "Subscribe", "text": "Subscribe to our newsletter.\n\nAll rights reserved."}
    with TestClient(make_app(backend)) as client:
        response = client.post("/v1/briefs", json=body(only_boilerplate))
    assert response.status_code == 422
    assert response.json()["error"] == "nothing_to_brief"
    assert "no text left after cleaning" in response.json()["reasons"][0]
    assert not backend.calls


def test_blank_title_is_named() -> None:
    with TestClient(make_app()) as client:
        response = client.post("/v1/briefs", json=body({**ARTICLE, "title": "\x1c"}))
    assert response.status_code == 422
    assert response.json()["field"] == "articles[0].title"


def test_metrics_count_requests_tokens_queue_and_jobs() -> None:
    with TestClient(make_app()) as client:
        client.post("/v1/briefs", json=body())
        client.post("/v1/briefs", json={"nope": 1})
        client.get("/v1/jobs/unknown")
        text = client.get("/metrics").text
    for line in (
        'briefing_http_requests_total{method="POST",route="/v1/briefs",status="200"} 1.0',
        'briefing_http_requests_total{method="POST",route="/v1/briefs",status="422"} 1.0',
        'briefing_http_requests_total{method="GET",route="/v1/jobs/{job_id}",status="404"} 1.0',
        'briefing_http_request_duration_seconds_count{route="/v1/briefs"} 2.0',
        "briefing_queue_depth 0.0",
        "briefing_model_busy 0.0",
        'briefing_jobs{state="queued"} 0.0',
        'briefing_work_total{outcome="done"} 1.0',
        "briefing_model_load_seconds 0.0",
    ):
        assert line in text, line
    prefix = 'briefing_model_tokens_total{direction="in"}'
    tokens_in = [line for line in text.splitlines() if line.startswith(prefix)]
    assert tokens_in and float(tokens_in[0].split()[-1]) > 0


def test_articles_briefed_before_come_from_the_brief_cache(tmp_path: Path) -> None:
    cached = PIPELINE.model_copy(update={"cache": True, "cache_path": tmp_path / "briefs.sqlite"})
    backend = FakeBackend()
    app = create_app(ServiceSettings(), backend, pipeline=cached)
    with TestClient(app) as client:
        first = client.post("/v1/briefs", json=body(ARTICLE, OTHER))
        calls_first = len(backend.calls)
        again = client.post("/v1/briefs", json=body(ARTICLE, OTHER))
        metrics = client.get("/metrics").text
    assert first.status_code == again.status_code == 200
    assert 'briefing_brief_cache_lookups_total{result="hit"} 2.0' in metrics
    assert 'briefing_brief_cache_lookups_total{result="miss"} 2.0' in metrics
    # Two article briefs and the cross brief the first time; only the cross brief again.
    assert calls_first == 3 and len(backend.calls) == calls_first + 1
    before, after = check_result(first.content), check_result(again.content)
    assert [b.sentences for b in after.article_briefs] == [b.sentences for b in before.article_briefs]
    assert app.state.runtime.cache is None  # closed when the app stopped


def test_the_service_runs_without_a_cache_it_cannot_open(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    cached = PIPELINE.model_copy(update={"cache": True, "cache_path": blocked / "briefs.sqlite"})
    backend = FakeBackend()
    with TestClient(create_app(ServiceSettings(), backend, pipeline=cached)) as client:
        first = client.post("/v1/briefs", json=body(ARTICLE))
        again = client.post("/v1/briefs", json=body(ARTICLE))
    assert first.status_code == again.status_code == 200
    assert len(backend.calls) == 2  # briefed twice: no cache, no failure
    assert f"brief cache {blocked / 'briefs.sqlite'} not used" in caplog.text
