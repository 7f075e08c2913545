"""The digest through the real small model (SmolLM2-135M via llama-cpp-python): the whole plumbing.

The 135M model writes poor prose, so this judges the job, not the writing: every story it shows
went through the real grammar-constrained generation and the source checks, and the mail arrives.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from http_server import LocalHTTPServer
from newsroom import NOW, config_toml, serve_newsroom
from smtp_server import LocalSMTPServer

from briefing.digest.config import load_config
from briefing.digest.job import Outcome, RunOptions, run_digest
from briefing.progress import Progress

pytestmark = pytest.mark.model


def test_the_small_model_briefs_the_stories_and_the_mail_arrives_once(
    tmp_path: Path, small_model_path: Path
) -> None:
    with LocalHTTPServer() as newsroom, LocalSMTPServer() as smtp:
        serve_newsroom(newsroom, slow_seconds=2)
        toml = config_toml(newsroom, str(tmp_path), smtp.port)
        toml = toml.replace("max_stories = 10", "max_stories = 1").replace(
            'backend = "fake"', f'backend = "llama_cpp"\nmodel = "{small_model_path}"\nn_ctx = 2048'
        )
        path = tmp_path / "digest.toml"
        path.write_text(toml, encoding="utf-8")
        config = load_config(path)
        outcome = run_digest(config, RunOptions(now=NOW), Progress(None))
        again = run_digest(config, RunOptions(now=NOW), Progress(None))
    # Either the model's sentences passed the checks and the digest went out once, or none did and
    # the job failed loudly without sending anything: never a mail with unchecked text.
    if outcome == Outcome.SENT:
        assert again == Outcome.ALREADY_SENT and len(smtp.received) == 1
        text = smtp.received[0].message.get_body(("plain",)).get_content()
        assert "smollm2-135m-instruct-q4_1" in text and "[1]" in text
        assert "5 more stories were cut" in text
    else:
        assert outcome == again == Outcome.FAILED and smtp.received == []
