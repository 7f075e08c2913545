from __future__ import annotations

from pathlib import Path

from briefing.backends.fake import FakeBackend
from briefing.config import Settings
from briefing.pipeline import prepare, summarize
from briefing.prepare.suspect import flag_suspects, suspect_reason
from briefing.progress import Progress
from briefing.render import render

FILLER = "As of my last update, no agreement on the harbour has been announced by either side."


def test_assistant_boilerplate_is_suspect_and_reporting_is_not() -> None:
    assert suspect_reason(FILLER) is not None
    assert "AI assistant" in (suspect_reason("As an AI language model, I cannot say.") or "")
    assert suspect_reason("The minister said the agreement, as of Monday, covered 40 ships.") is None
    assert suspect_reason("Officials said they would check the latest figures next week.") is None


def test_numbered_list_continuing_filler_is_suspect_but_not_a_list_elsewhere() -> None:
    reasons = flag_suspects(
        ["Port news.", FILLER, "1. Talks may continue.", "2. Costs may rise.", "Back to news."]
    )
    assert [r is not None for r in reasons] == [False, True, True, True, False]
    assert flag_suspects(["1. The council voted.", "2. The mayor spoke."]) == [None, None]


def test_filler_is_flagged_in_the_brief_and_never_shown_to_the_model(tmp_path: Path) -> None:
    body = "The harbour reopened on Monday after repairs costing 3 million crowns.\n" + FILLER + "\n"
    (tmp_path / "a.txt").write_text("Harbour reopens\n\n" + body)
    settings, backend, progress = Settings(backend="fake"), FakeBackend(), Progress(None)
    prepared = prepare([str(tmp_path)], settings, backend.count_tokens, progress)
    result = summarize(prepared, backend, settings, progress)
    assert all(FILLER not in m["content"] for call in backend.calls for m in call.messages)
    (brief,) = result.article_briefs
    (flag,) = brief.flagged
    assert flag.quote == FILLER and "AI assistant" in flag.reason
    assert "Flagged in this article, not used as facts" in render(result, "md")
    assert "not used as facts" in render(result, "html")
