"""A near copy (a syndicated story with one figure changed) pays the model only for what it changed."""

from __future__ import annotations

import json
from pathlib import Path

from briefing.backends.fake import FakeBackend
from briefing.config import Settings
from briefing.pipeline import prepare, summarize
from briefing.progress import Progress
from briefing.schema import Result

PARAGRAPHS = [
    "The town of Elmsworth opened its new footbridge over the river Tarn on Monday morning, after two "
    "years of construction work that closed the old ferry route.",
    "Engineers from the county council said the bridge spans 84 metres and can carry up to 3,000 "
    "pedestrians an hour at peak times in the summer season.",
    "The project cost 12.5 million pounds, paid mostly by a regional transport grant, council treasurer "
    "Mara Oduya told reporters at the opening ceremony.",
    "Local shop owners on both banks said they expect more visitors, and the council plans a weekend "
    "market on the eastern bank from next spring onwards.",
    "Critics on the council had argued the money should have gone to repairing roads in the northern "
    "villages, which flood most winters.",
]
CHANGED = PARAGRAPHS[2].replace("12.5 million", "14 million")


def _write(tmp_path: Path, second: list[str]) -> Path:
    rows = [
        {"title": "Elmsworth opens footbridge", "text": "\n\n".join(PARAGRAPHS), "source": "Tarn Courier",
         "published": "2026-11-20T08:00:00Z"},
        {"title": "New Elmsworth footbridge opens", "text": "\n\n".join(second), "source": "Valley Post",
         "published": "2026-11-20T10:00:00Z"},
    ]  # fmt: skip
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _run(path: Path, backend: FakeBackend, *, cross: bool = False) -> Result:
    # The whole brief, not a third of the article: these tests follow sentences through near copies.
    settings, progress = Settings(backend="fake", brief_share=1.0), Progress(None)
    prepared = prepare([str(path)], settings, backend.count_tokens, progress)
    return summarize(prepared, backend, settings, progress, per_article_only=not cross)


def _draft(headline: str, *sentences: tuple[str, str]) -> str:
    return json.dumps({"headline": headline, "sentences": [f"{t} [{c}]" for t, c in sentences]})


def test_a_copy_with_one_changed_figure_sends_only_the_changed_passage(tmp_path: Path) -> None:
    backend = FakeBackend()
    result = _run(_write(tmp_path, [*PARAGRAPHS[:2], CHANGED, *PARAGRAPHS[3:]]), backend)
    original, copy = result.articles
    assert len(backend.calls) == 2
    shown_for_copy = backend.calls[1].messages[-1]["content"]
    assert "14 million" in shown_for_copy
    assert all(p not in shown_for_copy for p in (PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[3]))
    # Nor the title: beside one passage, a small model briefs the headline, which the passage lacks.
    assert "Title:" not in shown_for_copy and "New Elmsworth footbridge opens" not in shown_for_copy
    assert "of the article." not in shown_for_copy  # no "This is part ... of the article." for it to brief
    brief = next(b for b in result.article_briefs if b.article_ids == [copy.article.id])
    cited = {c.passage_id for s in brief.sentences for c in s.citations}
    assert cited <= set(copy.passage_ids)  # never the original's 12.5 million passage
    assert any(p in cited for p in original.passage_ids)  # sentences kept from the original's brief
    assert any(p in cited for p in copy.passage_ids if p not in original.passage_ids)  # and the new part
    for sentence in brief.sentences:
        for c in sentence.citations:
            assert c.quote == result.passages[c.passage_id].text
    positions = [min(copy.passage_ids.index(c.passage_id) for c in s.citations) for s in brief.sentences]
    assert positions == sorted(positions)  # in the copy's reading order


def test_a_headline_with_the_changed_figure_is_not_reused(tmp_path: Path) -> None:
    backend = FakeBackend(
        replies=[
            _draft(
                "Elmsworth footbridge cost 12.5 million pounds",
                ("Elmsworth opened a footbridge over the river Tarn on Monday morning.", "P1"),
                ("The project cost 12.5 million pounds, council treasurer Mara Oduya said.", "P3"),
            ),
            _draft(
                "Elmsworth footbridge cost 14 million pounds",
                ("The project cost 14 million pounds, council treasurer Mara Oduya said.", "P1"),
            ),
        ]
    )
    result = _run(_write(tmp_path, [*PARAGRAPHS[:2], CHANGED, *PARAGRAPHS[3:]]), backend)
    copy = result.article_briefs[1]
    assert copy.headline == "Elmsworth footbridge cost 14 million pounds"
    texts = [s.text for s in copy.sentences]
    assert texts == [
        "Elmsworth opened a footbridge over the river Tarn on Monday morning.",
        "The project cost 14 million pounds, council treasurer Mara Oduya said.",
    ]


def test_the_cross_brief_is_shown_a_kept_sentence_once_with_both_outlets(tmp_path: Path) -> None:
    backend = FakeBackend()
    result = _run(_write(tmp_path, [*PARAGRAPHS[:2], CHANGED, *PARAGRAPHS[3:]]), backend, cross=True)
    original, copy = result.article_briefs
    shared = [s.text for s in copy.sentences if s.text in {o.text for o in original.sentences}]
    assert shared  # the copy kept sentences of the original's brief
    facts = backend.calls[-1].messages[-1]["content"]  # the story prompt: one line per fact
    assert result.story is not None
    for text in shared:
        assert facts.count(text) <= 1
        fact = next(f for f in result.story.facts if f.text == text)
        # The copied text is the original's: the copy is named as a reprint of it, not counted again.
        assert [s.article_id for s in fact.sources] == original.article_ids
        assert copy.article_ids[0] in fact.sources[0].reprints


def test_an_article_sharing_little_text_is_briefed_in_full(tmp_path: Path) -> None:
    own = [
        "Rail passengers in the valley face weeks of delays while the signalling system at Carrow junction "
        "is replaced, the operator said on Tuesday.",
        "Replacement buses will run every twenty minutes between Carrow and Estby until the end of January, "
        "and season tickets will be refunded in part.",
        "A spokesperson for the operator, Ilse Varga, apologised for the disruption and blamed a shortage of "
        "qualified engineers for the long closure.",
    ]
    backend = FakeBackend()
    _run(_write(tmp_path, [PARAGRAPHS[0], *own]), backend)
    assert len(backend.calls) == 2
    shown_for_second = backend.calls[1].messages[-1]["content"]
    assert PARAGRAPHS[0] in shown_for_second and all(p in shown_for_second for p in own)
