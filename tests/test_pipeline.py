"""The whole pipeline on the example articles, with the fake extractive backend (milliseconds)."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import REPO

from briefing.backends.fake import FakeBackend
from briefing.check.version import checker_version
from briefing.config import Settings
from briefing.errors import GenerationError
from briefing.pipeline import prepare, summarize
from briefing.progress import Progress
from briefing.schema import Result

EXAMPLES = REPO / "examples"


def _run(paths: list[str], backend: FakeBackend | None = None, settings: Settings | None = None) -> Result:
    backend = backend or FakeBackend()
    settings = settings or Settings(backend="fake")
    progress = Progress(None)
    prepared = prepare(paths, settings, backend.count_tokens, progress)
    return summarize(prepared, backend, settings, progress)


def _by_origin(result: Result, name: str) -> str:
    return next(e.article.id for e in result.articles if e.article.origin.endswith(name))


def test_every_sentence_cites_passages_whose_quote_is_the_source_text() -> None:
    result = _run([str(EXAMPLES)])
    texts = {e.article.id: e.article.text for e in result.articles}
    briefs = [*result.article_briefs, result.cross_brief]
    assert result.cross_brief is not None and len(result.article_briefs) == 4
    for brief in briefs:
        assert brief is not None and brief.sentences
        for sentence in brief.sentences:
            assert sentence.citations
            for c in sentence.citations:
                assert texts[c.article_id][c.start : c.end] == c.quote == result.passages[c.passage_id].text


def test_reprint_is_not_briefed_again_and_its_provenance_is_kept() -> None:
    result = _run([str(EXAMPLES)])
    wire, ledger = _by_origin(result, "wire-copy.txt"), _by_origin(result, "daily-ledger.txt")
    ledger_extraction = next(e for e in result.articles if e.article.id == ledger)
    assert ledger_extraction.duplicate_of == wire  # the earlier-published wire story is the original
    assert ledger not in {b.article_ids[0] for b in result.article_briefs}
    carried = {s.article_id for p in ledger_extraction.passage_ids for s in result.passages[p].also_in}
    assert carried == {ledger}


def test_repeated_body_and_boilerplate_never_reach_the_model() -> None:
    backend = FakeBackend()
    _run([str(EXAMPLES)], backend)
    prompts = "\n".join(m["content"] for call in backend.calls for m in call.messages)
    for boilerplate in ("Share this article", "Advertisement", "Read also:", "Tags:", "Reporting by"):
        assert boilerplate not in prompts
    metro = "Deputy Mayor Paul Brandt, who led the project through the council"
    assert sum(call.messages[-1]["content"].count(metro) for call in backend.calls[:-1]) == 1


def test_cross_brief_cites_original_passages_of_several_articles() -> None:
    result = _run([str(EXAMPLES)])
    assert result.cross_brief is not None
    cited = {c.article_id for s in result.cross_brief.sentences for c in s.citations}
    assert len(cited) >= 2
    assert all(c.passage_id in result.passages for s in result.cross_brief.sentences for c in s.citations)


def test_bad_input_is_reported_and_the_rest_still_briefed(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "wire-copy.txt", tmp_path / "good.txt")
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "broken.json").write_text('{"title": "x", ')
    result = _run([str(tmp_path), str(tmp_path / "missing.txt")])
    assert len(result.article_briefs) == 1
    reasons = {Path(s.what).name: s.reason for s in result.skipped}
    assert set(reasons) == {"empty.txt", "broken.json", "missing.txt"}


def test_a_failed_article_brief_is_reported_and_the_others_go_through() -> None:
    backend = FakeBackend([GenerationError("model exploded")])
    result = _run([str(EXAMPLES)], backend)
    assert len(result.article_briefs) == 3
    assert any("model exploded" in s.reason and s.what.startswith("brief of article") for s in result.skipped)


def test_article_longer_than_the_context_is_briefed_in_parts_nothing_truncated(tmp_path: Path) -> None:
    paragraphs = [
        f"Paragraph {i} reports that berth {i} handled {i * 10} ships in the year to March."
        for i in range(60)
    ]
    (tmp_path / "long.txt").write_text("Port traffic report\n\n" + "\n".join(paragraphs) + "\n")
    backend = FakeBackend(n_ctx=1536)
    settings = Settings(backend="fake", n_ctx=1536, max_tokens_brief=256)
    result = _run([str(tmp_path / "long.txt")], backend, settings)
    (brief,) = result.article_briefs
    assert brief.parts > 1
    shown = "\n".join(call.messages[-1]["content"] for call in backend.calls[: brief.parts])
    assert all(p in shown for p in paragraphs)  # every paragraph reached the model in some part
    assert all(c.passage_id in result.passages for s in brief.sentences for c in s.citations)


def test_provenance_records_model_prompts_settings_and_sources() -> None:
    result = _run([str(EXAMPLES)])
    provenance = result.provenance
    assert provenance.model == "fake" and provenance.model_sha256 == "0" * 64
    assert set(provenance.prompt_versions) == {
        "article",
        "combine",
        "story",
        "shorten",
        "mend",
        "entail",
        "left_out",
    }
    assert provenance.checker == checker_version() and len(provenance.checker) == 16
    assert provenance.settings["n_ctx"] == 4096
    assert set(provenance.source_hashes) == {e.article.id for e in result.articles}
    assert [u.stage for u in result.usage][:5] == ["ingest", "clean", "dedupe", "focus", "chunk"]


def test_cancelled_work_stops_before_the_next_model_call() -> None:
    import pytest

    from briefing.errors import Cancelled

    backend, settings, progress = FakeBackend(), Settings(backend="fake"), Progress(None)
    prepared = prepare([str(EXAMPLES)], settings, backend.count_tokens, progress)
    with pytest.raises(Cancelled):
        summarize(prepared, backend, settings, progress, cancelled=lambda: len(backend.calls) >= 2)
    assert len(backend.calls) == 2
