"""The digest through the real small model (SmolLM2-135M via llama-cpp-python): the whole plumbing.

The 135M model writes poor prose, so this judges the job, not the writing: the story it shows went
through the real grammar-constrained generation and the source checks, and the mail arrives once.
So that the model has something it can brief, the newsroom gets one more story, the newest and
covered by two outlets (so it is the one briefed), told in short plain sentences the model tends to
copy (as model_asserts.py's easy article is); the rest of the newsroom is there as always.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from http_server import LocalHTTPServer, page
from model_asserts import EASY_ARTICLE, assert_checked_brief
from newsroom import NOW, Story, article_html, config_toml, rss, serve_newsroom, when
from smtp_server import LocalSMTPServer

from briefing.digest import brief_stories as briefs
from briefing.digest.digest_config import load_config
from briefing.digest.job import Outcome, RunOptions, run_digest
from briefing.progress import Progress
from briefing.schema import Result

pytestmark = pytest.mark.model

HERALD = Story(
    "/herald/zoo.html",
    EASY_ARTICLE["source"],
    EASY_ARTICLE["title"],
    tuple(EASY_ARTICLE["text"].split("\n\n")),
    0.5,
)
COURIER = Story(
    "/kelby/zoo.html",
    "Kelby Courier",
    "Lions move into new house at Harlow Zoo",
    (
        "Harlow Zoo welcomed visitors to its new lion house on Monday.",
        "Three lions live in the lion house at Harlow Zoo.",
        "Mayor Ana Ruiz visited Harlow Zoo on Monday.",
    ),
    0.25,
)


def _serve_easy_story(server: LocalHTTPServer) -> str:
    """Each outlet's page and feed on `server`; the [[sources]] tables that read them."""
    tables = []
    for story, feed in ((HERALD, "/herald/rss.xml"), (COURIER, "/kelby/rss.xml")):
        server.add_route(story.path, page(article_html(story)))
        item = (story.title, story.paragraphs[0], server.url(story.path), when(story))
        server.add_route(feed, page(rss(server, story.outlet, [item]), "application/rss+xml"))
        tables.append(f'[[sources]]\nname = "{story.outlet}"\nfeed = "{server.url(feed)}"\n')
    return "\n".join(tables)


def test_the_small_model_briefs_the_stories_and_the_mail_arrives_once(
    tmp_path: Path, small_model_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    results: list[Result] = []
    summarize = briefs.summarize

    def recording(*args: object, **kwargs: object) -> Result:
        result = summarize(*args, **kwargs)  # type: ignore[arg-type]
        results.append(result)
        return result

    monkeypatch.setattr(briefs, "summarize", recording)
    with LocalHTTPServer() as newsroom, LocalSMTPServer() as smtp:
        serve_newsroom(newsroom, slow_seconds=2)
        toml = config_toml(newsroom, str(tmp_path), smtp.port, extra_sources=_serve_easy_story(newsroom))
        # No judge: it would be the 135M model itself (the judge has its own test).
        toml = toml.replace("max_stories = 10", "max_stories = 1").replace(
            'backend = "fake"',
            f'backend = "llama_cpp"\nmodel = "{small_model_path}"\nn_ctx = 2048\nentailment = false',
        )
        path = tmp_path / "digest.toml"
        path.write_text(toml, encoding="utf-8")
        config = load_config(path)
        outcome = run_digest(config, RunOptions(now=NOW), Progress(None))
        again = run_digest(config, RunOptions(now=NOW), Progress(None))
    # The story went through the model and the checks, and a checked brief of it went out, once.
    assert outcome == Outcome.SENT, results[0].skipped if results else "no story was briefed"
    assert again == Outcome.ALREADY_SENT and len(smtp.received) == 1
    [result] = results  # one story (max_stories = 1), briefed once: the second run sends nothing new
    assert {e.article.source for e in result.articles} == {HERALD.outlet, COURIER.outlet}
    assert_checked_brief(result)
    shown = result.cross_brief or result.article_briefs[0]  # what the digest shows of the story
    text = smtp.received[0].message.get_body(("plain",)).get_content()
    assert "smollm2-135m-instruct-q4_1" in text and "[1]" in text
    assert any(s.text in text for s in shown.sentences)
    assert "6 more stories were cut" in text  # the newsroom's six, cut by max_stories
