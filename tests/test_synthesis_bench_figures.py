"""The synthesis bench's figures that need no model: the share of sentences with no article."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

from conftest import REPO


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("synthesis_bench", REPO / "bench" / "synthesis.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["synthesis_bench"] = module
    spec.loader.exec_module(module)
    return module


def test_the_no_article_share_counts_headline_register_and_can_fail() -> None:
    bench = _bench()
    plain = ["The regional court quashed the government's approval of the port's expansion on Monday."]
    clipped = ["Regional court quashes government approval for 380 million dollar port expansion."]
    assert bench.no_article_share(plain) == 0.0
    assert bench.no_article_share(clipped) == 1.0
    assert bench.no_article_share(plain + clipped) == 0.5


def test_short_lines_and_quotations_do_not_count() -> None:
    bench = _bench()
    assert bench.no_article_share(["Polls closed at 3am."]) is None  # under eight words
    # The words inside the quotation are the speaker's; outside it, the sentence has its article.
    quoted = ["'Every family deserves to know why it failed,' the mayor, Marta Fenwick, said on Tuesday."]
    assert bench.no_article_share(quoted) == 0.0
