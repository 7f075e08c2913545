"""Which sentences of each paragraph the model is shown: those a brief could be checked against.

The grounding checks (`verify.py`) hold every sentence of a brief to the figures, dates, names and
quotations of the passages it cites. Three kinds of source text give them nothing to hold on to:

- commentary: a sentence with no figure, date, quotation or name, nor any sign that it reports
  something someone did or said (a personal pronoun, a title such as "minister", a reporting verb,
  a time word such as "yesterday"), and that no other article says too. "The game continues, and
  the next move could change everything." goes; "She resigned hours later." and "Police said the
  road was closed." stay, and so does "Local fishers fear for the bay" when another outlet says it.
- an item of the article's own summary list ("Highlights", "Key points") that its body says too,
  with all the item's figures and names in one body sentence: that sentence is there to be cited.
- a section heading ("Investors Cross Their Fingers") with no figure, date or quotation; an item
  of a list ("- Kellow Central Library") is not a heading, whatever its case.

Text in a script written without spaces (Chinese, Japanese, Thai) is always shown: the name finder
and the reporting words are English, so such a sentence would otherwise read as commentary.

They are left out of the passages, so out of the prompts: on the shared corpus about a fifth of the
text the model would otherwise read. Each is recorded as a removal with its reason, like
boilerplate, so `briefing extract` and the JSON result say what the model did not see. An article
that would lose more than half its text this way (an essay, or a language whose names the name
finder cannot see) is shown whole: the rule is for trimming news prose, not for emptying it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from briefing.schema import Block, Focus, Removal
from briefing.text.calendar_words import dates
from briefing.text.lexicon import TITLES
from briefing.text.name_runs import names_in
from briefing.text.numbers import figures
from briefing.text.sentences import sentence_spans, written_without_spaces
from briefing.text.words import content_words, quotations

COMMENTARY = "commentary: no name, figure, date, quotation or reported event a brief could be checked against"
SUMMARY_ITEM = "summary item: the article's body says it, its figures and names in one sentence"
HEADING = "section heading: a title-case line between paragraphs, with no figure, date or quotation"
# An article keeps all its text when the rule would remove more than this share of it.
MAX_SHARE_LEFT_OUT = 0.5
_LIST_ITEM = re.compile(r"\s*(?:[-–—•*]|\d{1,2}[.)])\s+")
# Words that make a sentence a report of something someone did or said, even with no name in it:
# "She resigned hours later.", "Police said the road was closed.", "Prices rose yesterday."
_REPORTING = re.compile(
    r"\b(?:he|she|him|his|her"
    r"|says?|said|told|tells|announced?|announces|confirm(?:s|ed)?|denie[sd]|deny|reported|according"
    r"|added|stated|claim(?:s|ed)?|warn(?:s|ed)?|declared?|admit(?:s|ted)?|insist(?:s|ed)?"
    r"|stress(?:es|ed)?|urge[sd]?|fear(?:s|ed)?|worr(?:y|ies|ied)|concerns?|since"
    r"|today|yesterday|tomorrow|tonight|ago|earlier|later"
    r"|(?:last|this|next)\s+(?:week|month|year|night|morning|afternoon|evening|weekend))\b",
    re.IGNORECASE,
)
# A double quotation mark, an opening single one, or a single one opening the sentence ("'We will
# rebuild."): part of a quotation, perhaps one running over several sentences.
_QUOTE_MARK = re.compile(r"[\"“”‘]|^\s*'")


def checkable(sentence: str) -> bool:
    """Whether a sentence carries a figure, a date, a quotation, a name or a reported event."""
    return bool(
        figures(sentence)
        or dates(sentence)
        or quotations(sentence)
        or _QUOTE_MARK.search(sentence)
        or names_in(sentence)
        or _REPORTING.search(sentence)
        or any(word in TITLES for word in re.findall(r"[a-z]+", sentence.casefold()))
    )


# Whether the article body says a summary item: given by the caller (the pipeline passes the checks'
# `said_in_body`), so this stage, which runs before the model, does not reach up to the checks.
SaidInBody = Callable[[str, Sequence[str]], bool]


def focus(blocks: Sequence[Block], said_in_body: SaidInBody) -> Focus:
    """Split each block around the sentences it is not worth showing the model."""
    units = [_units(block) for block in blocks]
    body = _body_sentences(blocks, units)
    recurs = _recurring(blocks, units)
    plans = [
        _plan(block, spans, body.get(block.article_id, []), said_in_body, recurs)
        for block, spans in zip(blocks, units, strict=True)
    ]
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


def _body_sentences(
    blocks: Sequence[Block], units: Sequence[Sequence[tuple[int, int]]]
) -> dict[str, list[str]]:
    """Each article's sentences outside list items: what a summary item must be found in."""
    body: dict[str, list[str]] = {}
    for block, spans in zip(blocks, units, strict=True):
        if not _LIST_ITEM.match(block.text):
            body.setdefault(block.article_id, []).extend(block.text[s:e] for s, e in spans)
    return body


def _units(block: Block) -> list[tuple[int, int]]:
    """A list item is one unit ("1." is not a sentence of its own); prose is split into sentences."""
    if _LIST_ITEM.match(block.text):
        return [(0, len(block.text.rstrip()))]
    return sentence_spans(block.text)


# Another article says it too when one of its sentences shares this many content words, and this share
# of the sentence's own: "Local fishers have raised concerns about the brine" is news if two outlets
# report it, whatever its wording lacks.
_RECUR_WORDS = 3
_RECUR_SHARE = 0.5


def _recurring(
    blocks: Sequence[Block], units: Sequence[Sequence[tuple[int, int]]]
) -> Callable[[str, str], bool]:
    """Whether a sentence of one article is said by a sentence of another."""
    said: list[tuple[str, set[str]]] = [
        (block.article_id, set(content_words(block.text[s:e]).values()))
        for block, spans in zip(blocks, units, strict=True)
        for s, e in spans
    ]

    def recurs(sentence: str, article_id: str) -> bool:
        words = set(content_words(sentence).values())
        need = max(_RECUR_WORDS, _RECUR_SHARE * len(words))
        return any(other != article_id and len(words & theirs) >= need for other, theirs in said)

    return recurs


def _plan(
    block: Block,
    units: Sequence[tuple[int, int]],
    body: Sequence[str],
    said_in_body: SaidInBody,
    recurs: Callable[[str, str], bool],
) -> tuple[list[tuple[int, int]], list[Removal]]:
    """The runs of units (sentences, list items) to show, and a removal for each unit left out."""
    spans: list[tuple[int, int]] = []
    removals: list[Removal] = []
    run: tuple[int, int] | None = None
    for s, e in units:
        sentence = block.text[s:e]
        reason = _reason(sentence, body, said_in_body)
        if reason == COMMENTARY and recurs(sentence, block.article_id):
            reason = None
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


def _reason(sentence: str, body: Sequence[str], said_in_body: SaidInBody) -> str | None:
    item = _LIST_ITEM.match(sentence)
    text = sentence[item.end() :] if item else sentence  # an item's number is not a figure
    if written_without_spaces(text):
        return None
    if item is not None and body and said_in_body(text, body):
        return SUMMARY_ITEM
    if item is None and _heading(sentence):
        return HEADING
    return None if checkable(text) else COMMENTARY


def _heading(line: str) -> bool:
    """A subhead such as "Investors Cross Their Fingers": short, title case, no end punctuation."""
    words = line.split()
    if not 2 <= len(words) <= 8 or "\n" in line or line.rstrip()[-1] in ".!?:;,\"”’'":
        return False
    long_words = [w for w in words if len(w) > 3]
    title_case = bool(long_words) and all(w[0].isupper() for w in long_words)
    return title_case and not (figures(line) or dates(line) or _QUOTE_MARK.search(line))
