"""Exact and near-duplicate text, within one article and across articles, keeping provenance.

The first place a text is seen becomes its canonical home; every later copy is removed from what
the model sees but remembered as a `Span`, so a citation can name every source that carries it.
Paragraphs are compared whole (exact, then word-shingle Jaccard for near copies); inside paragraphs
that survive, long sentences are compared exactly, which catches a reprint with a rewritten lede.

Inside one article only a paragraph of prose given twice is a repeat. Short lines, list items and
table rows recur in lists and tables ("25 and 26 December: closed" under every library), and near
copies and shared sentences are the template of a list ("closed 4 to 11 January for drainage
work; walkers are asked to...") whose changed words are the point: they stay, so a list page
keeps its items.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from briefing.prepare.clean import headline_key, list_item
from briefing.schema import Block, Cleaned, Deduped, Removal, Span
from briefing.text.sentences import sentence_spans, word_count

_SHINGLE = 3  # words per shingle: long enough to be specific, short enough to survive small edits
_MIN_WORDS_NEAR = 8  # shorter paragraphs only match exactly
_MIN_WORDS_SENTENCE = 8  # short sentences ("He declined to comment.") repeat innocently


@dataclass
class _State:
    blocks: list[Block] = field(default_factory=list)
    copies: list[list[Span]] = field(default_factory=list)
    reading: dict[str, list[int]] = field(default_factory=dict)
    removed: dict[str, list[Removal]] = field(default_factory=dict)
    exact_paragraph: dict[str, int] = field(default_factory=dict)
    exact_sentence: dict[str, int] = field(default_factory=dict)
    shingles: list[tuple[int, frozenset[str]]] = field(default_factory=list)
    shingle_index: dict[str, set[int]] = field(default_factory=dict)


def dedupe(articles: Sequence[Cleaned], near_threshold: float = 0.8) -> Deduped:
    """Remove repeated and reprinted text; the first occurrence of each text is kept."""
    state = _State()
    own_blocks: dict[str, int] = {}
    headlines: dict[str, str] = {}  # headline key -> the first article with that title
    for cleaned in articles:
        article_id = cleaned.article.id
        state.reading[article_id] = []
        state.removed[article_id] = []
        before = len(state.blocks)
        for start, end in cleaned.paragraphs:
            text = cleaned.article.text[start:end]
            key = headline_key(text)
            if key and (other := headlines.get(key)) is not None and other != article_id:
                # A reprint under a new title that keeps the original's headline as a body line.
                reason = f"repeats the headline of article {other}"
                state.removed[article_id].append(
                    Removal(article_id=article_id, start=start, end=end, text=text, reason=reason)
                )
                continue
            _add_paragraph(state, cleaned.article.text, article_id, start, end, near_threshold)
        headlines.setdefault(headline_key(cleaned.article.title), article_id)
        # Other short lines (a byline, the original's headline reworded) are not text of its own
        # either, so they do not stop an article counting as a reprint.
        own_blocks[article_id] = sum(word_count(b.text) >= _MIN_WORDS_NEAR for b in state.blocks[before:])
    blocks = [
        Block(b.article_id, b.start, b.end, b.text, tuple(c))
        for b, c in zip(state.blocks, state.copies, strict=True)
    ]
    duplicate_of = {
        article_id: home
        for article_id, count in own_blocks.items()
        if count == 0 and (home := _main_home(state, blocks, article_id)) is not None
    }
    return Deduped(blocks, state.reading, state.removed, duplicate_of)


def _add_paragraph(state: _State, text: str, article_id: str, start: int, end: int, threshold: float) -> None:
    paragraph = text[start:end]
    key = _normalise(paragraph)
    shingles = _shingles(key)
    match, kind = _paragraph_match(state, paragraph, key, shingles, article_id, threshold)
    if match is not None:
        _record_copy(state, match, Span(article_id=article_id, start=start, end=end), paragraph, kind)
        return
    run: list[tuple[int, int]] = []
    first_block = len(state.blocks)
    for s, e in sentence_spans(text, start, end):
        repeat = state.exact_sentence.get(_normalise(text[s:e]))
        if repeat is None or _own(state, repeat, article_id) or word_count(text[s:e]) < _MIN_WORDS_SENTENCE:
            run.append((s, e))
            continue
        _new_block(state, text, article_id, run)
        run = []
        _record_copy(state, repeat, Span(article_id=article_id, start=s, end=e), text[s:e], "sentence")
    _new_block(state, text, article_id, run)
    if len(state.blocks) == first_block + 1 and state.blocks[first_block].text == paragraph:
        # Only whole, untouched paragraphs are indexed for paragraph-level matching.
        state.exact_paragraph.setdefault(key, first_block)
        _index_shingles(state, first_block, shingles)


def _paragraph_match(
    state: _State, paragraph: str, key: str, shingles: frozenset[str], article_id: str, threshold: float
) -> tuple[int | None, str]:
    """The block this paragraph repeats, and how ("exact" or "near"); None if it is new text."""
    words = word_count(paragraph)
    match = state.exact_paragraph.get(key)
    if match is not None and not (_own(state, match, article_id) and _may_recur(paragraph, words)):
        return match, "exact"
    if words < _MIN_WORDS_NEAR:  # a short line is never a near copy
        return None, "exact"
    match = _near_match(state, shingles, threshold, article_id)
    if match is not None and _facts_differ(paragraph, state.blocks[match].text):
        return None, "near"  # same wording, different figure or name: a disagreement to keep, not a copy
    return match, "near"


def _may_recur(paragraph: str, words: int) -> bool:
    """Whether a line may appear twice in one article: a short line, a list item, a table row."""
    return words < _MIN_WORDS_NEAR or list_item(paragraph)


def _own(state: _State, index: int, article_id: str) -> bool:
    """Whether block `index` is text of this same article."""
    return state.blocks[index].article_id == article_id


def _new_block(state: _State, text: str, article_id: str, run: list[tuple[int, int]]) -> None:
    if not run:
        return
    start, end = run[0][0], run[-1][1]
    index = len(state.blocks)
    state.blocks.append(Block(article_id, start, end, text[start:end]))
    state.copies.append([])
    state.reading[article_id].append(index)
    for s, e in run:
        state.exact_sentence.setdefault(_normalise(text[s:e]), index)


def _record_copy(state: _State, index: int, where: Span, text: str, kind: str) -> None:
    home = state.blocks[index]
    state.copies[index].append(where)
    if index not in state.reading[where.article_id]:
        state.reading[where.article_id].append(index)
    if home.article_id == where.article_id:
        reason = "repeated text: already earlier in this article"
    else:
        what = {"exact": "exact copy", "near": "near-duplicate", "sentence": "repeated sentence"}[kind]
        reason = f"{what} of text in article {home.article_id}"
    state.removed[where.article_id].append(
        Removal(article_id=where.article_id, start=where.start, end=where.end, text=text, reason=reason)
    )


def _near_match(state: _State, shingles: frozenset[str], threshold: float, article_id: str) -> int | None:
    """The block of another article this paragraph nearly copies, if any."""
    candidates: Counter[int] = Counter()
    for shingle in shingles:
        positions = state.shingle_index.get(shingle, ())
        candidates.update(p for p in positions if not _own(state, state.shingles[p][0], article_id))
    best, best_score = None, threshold
    for position, _shared in candidates.most_common(20):
        index, other = state.shingles[position]
        score = len(shingles & other) / len(shingles | other)
        if score >= best_score:
            best, best_score = index, score
    return best


def _index_shingles(state: _State, index: int, shingles: frozenset[str]) -> None:
    position = len(state.shingles)
    state.shingles.append((index, shingles))
    for shingle in shingles:
        state.shingle_index.setdefault(shingle, set()).add(position)


def _main_home(state: _State, blocks: list[Block], article_id: str) -> str | None:
    homes = Counter(blocks[i].article_id for i in state.reading[article_id])
    homes.pop(article_id, None)
    return homes.most_common(1)[0][0] if homes else None


def _facts_differ(one: str, other: str) -> bool:
    """True when the words that differ include a figure or a capitalised name."""
    changed = set(re.findall(r"\w+", one)) ^ set(re.findall(r"\w+", other))
    return any(word[0].isdigit() or word[0].isupper() for word in changed)


def _normalise(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _shingles(normalised: str) -> frozenset[str]:
    words = normalised.split()
    if len(words) < _SHINGLE:
        return frozenset([normalised])
    return frozenset(" ".join(words[i : i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1))
