"""What every real-model test must see: a brief with a checked sentence, and an input that makes one likely.

The small test model (SmolLM2-135M) writes nonsense, so its tests judge the plumbing, never the prose;
but plumbing that ends with no brief at all tested nothing. `assert_checked_brief` is the one rule
they share: at least one brief has a sentence that went through the checks, passed them, and cites
a passage. `EASY_ARTICLE` is an input such a model can pass with: a few short, plain sentences, each
a passage of its own with a name or a date, which it tends to copy.

Those tests also turn the model judge off (`entailment=False`, `BRIEFING_ENTAILMENT=false`): the judge
would be the 135M model itself, whose yes/no is noise. The judge has its own test.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from briefing.schema import Brief, Result
from briefing.schema.result_file import load_result

EASY_ARTICLE: dict[str, Any] = {
    "title": "Harlow Zoo opens new lion house",
    "text": "Harlow Zoo opened a new lion house on Monday.\n\n"
    "The lion house at Harlow Zoo took four months to build.\n\n"
    "Mayor Ana Ruiz cut the ribbon at Harlow Zoo.",
    "source": "Harlow Herald",
    "published": "2024-05-06",
}


def write_easy_article(folder: Path) -> Path:
    """`EASY_ARTICLE` as a JSON article file in `folder`; its path."""
    path = folder / "harlow-zoo.json"
    path.write_text(json.dumps(EASY_ARTICLE), encoding="utf-8")
    return path


def assert_checked_brief(result: Result | str | bytes) -> Brief:
    """Fail unless some brief has a sentence that passed the checks and cites a passage; that brief.

    `result` is a `Result` or its JSON (then parsed with every citation checked against its passage).
    Every sentence shipped in any brief must also carry a passed verification: none goes out unchecked.
    """
    if not isinstance(result, Result):
        result = load_result(result)
    briefs = [*result.article_briefs, *([result.cross_brief] if result.cross_brief else [])]
    for brief in briefs:
        for sentence in brief.sentences:
            assert sentence.citations, sentence
            assert sentence.verification is not None and sentence.verification.passed, sentence
    checked = [
        b
        for b in briefs
        if any(s.citations and s.verification is not None and s.verification.passed for s in b.sentences)
    ]
    dropped = [d.reason for b in briefs for d in b.dropped]
    assert checked, (
        "the model wrote no brief with a checked sentence; "
        f"skipped: {[s.reason for s in result.skipped]}; dropped: {dropped}"
    )
    return checked[0]
