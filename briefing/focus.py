"""Which sentences of each paragraph the model is shown: those a brief could be checked against.

The grounding checks (`verify.py`) hold every sentence of a brief to the figures, dates, names and
quotations of the passages it cites. Two kinds of source sentence give them nothing to hold on to:

- commentary with none of these ("The game continues, and the next move could change
  everything."): a brief sentence resting on it could only be checked for shared words;
- an item of the article's own summary list ("Highlights", "Key points") that its body already
  says in full, figures and names included: the body's passages are there to be cited instead.

Both are left out of the passages, so out of the prompts: on the shared corpus about a sixth of the
text the model would otherwise read. Each is recorded as a removal with its reason, like
boilerplate, so `briefing extract` and the JSON result say what the model did not see. An article
that would lose more than half its text this way (an essay, or a language whose names the name
finder cannot see) is shown whole: the rule is for trimming news prose, not for emptying it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefing.dedupe import Block
from briefing.names import names_in
from briefing.numbers import dates, figures
from briefing.schema import Removal
from briefing.sentences import sentence_spans
from briefing.verify import quotations, verify_sentence

COMMENTARY = "commentary: no name, figure, date or quotation a brief could be checked against"
SUMMARY_ITEM = "summary item: the article's body says it in full"
# An article keeps all its text when the rule would remove more than this share of it.
MAX_SHARE_LEFT_OUT = 0.5
# A summary item is left out only when the body backs it more fully than a brief sentence must be.
_SUMMARY_SUPPORT = 0.6
_LIST_ITEM = re.compile(r"\s*(?:[-–—•*]|\d{1,2}[.)])\s+")


@dataclass(frozen=True)
class Focus:
    """For every block, the stretches the model is shown; and, per article, what was left out."""

    shown: list[list[tuple[int, int]]]
    left_out: dict[str, list[Removal]]


def checkable(sentence: str) -> bool:
    """Whether a sentence carries a figure, a date, a quotation or a name."""
    return bool(figures(sentence) or dates(sentence) or quotations(sentence) or names_in(sentence))


def focus(blocks: Sequence[Block]) -> Focus:
    """Split each block around the sentences it is not worth showing the model."""
    plans = [_plan(block, blocks) for block in blocks]
    total: dict[str, int] = {}
    lost: dict[str, int] = {}
    for block, (_, removals) in zip(blocks, plans, strict=True):
        total[block.article_id] = total.get(block.article_id, 0) + len(block.text)
        lost[block.article_id] = lost.get(block.article_id, 0) + sum(r.end - r.start for r in removals)
    whole = {a for a in total if lost[a] > MAX_SHARE_LEFT_OUT * total[a]}
    shown: list[list[tuple[int, int]]] = []
    left_out: dict[str, list[Removal]] = {a: [] for a in total}
    for block, (spans, removals) in zip(blocks, plans, strict=True):
        if block.article_id in whole:
            shown.append([(block.start, block.end)])
            continue
        shown.append(spans)
        left_out[block.article_id] += removals
    return Focus(shown, left_out)


def _plan(block: Block, blocks: Sequence[Block]) -> tuple[list[tuple[int, int]], list[Removal]]:
    """The runs of sentences to show, and a removal for each sentence left out."""
    spans: list[tuple[int, int]] = []
    removals: list[Removal] = []
    run: tuple[int, int] | None = None
    for s, e in sentence_spans(block.text):
        sentence = block.text[s:e]
        reason = _reason(sentence, block, blocks)
        start, end = block.start + s, block.start + e
        if reason is None:
            run = (run[0], end) if run else (start, end)
            continue
        if run:
            spans.append(run)
            run = None
        removals.append(
            Removal(article_id=block.article_id, start=start, end=end, text=sentence, reason=reason)
        )
    if run:
        spans.append(run)
    return spans, removals


def _reason(sentence: str, block: Block, blocks: Sequence[Block]) -> str | None:
    item = _LIST_ITEM.match(sentence)
    if item is None:
        return None if checkable(sentence) else COMMENTARY
    body = [b.text for b in blocks if b.article_id == block.article_id and not _LIST_ITEM.match(b.text)]
    if body and verify_sentence(sentence[item.end() :], body, min_support=_SUMMARY_SUPPORT).passed:
        return SUMMARY_ITEM
    return None if checkable(sentence) else COMMENTARY
