"""Canonical blocks -> citable passages of bounded size, with stable ids and exact offsets."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from langchain_text_splitters import RecursiveCharacterTextSplitter

from briefing.schema import Block, Chunked, Deduped, Passage, Span

# Sentence ends first, then weaker boundaries; a piece is only cut mid-sentence when one sentence
# alone is longer than the passage budget. Chinese and Japanese end sentences and clauses with
# full-width marks and no space after them.
_SEPARATORS = ["\n", ". ", "? ", "! ", "。", "？", "！", "; ", "；", ", ", "，", "、", " ", ""]


def chunk(
    deduped: Deduped,
    texts: Mapping[str, str],
    count_tokens: Callable[[str], int],
    max_tokens: int,
    shown: Sequence[Sequence[tuple[int, int]]] | None = None,
) -> Chunked:
    """Split every canonical block into passages of at most `max_tokens` model tokens.

    `shown`, one list per block (see focus.py), names the stretches of it to make passages of;
    by default all of every block.
    """
    splitter = RecursiveCharacterTextSplitter(
        separators=_SEPARATORS,
        keep_separator="end",
        chunk_size=max_tokens,
        chunk_overlap=0,
        length_function=count_tokens,
        add_start_index=True,
    )
    counters: dict[str, int] = {}
    block_passages: list[list[str]] = []
    passages: dict[str, Passage] = {}
    for index, block in enumerate(deduped.blocks):
        ids = []
        stretches = shown[index] if shown is not None else [(block.start, block.end)]
        pieces = [p for s, e in stretches for p in _pieces(block, s, e, splitter, count_tokens, max_tokens)]
        for start, end, tokens in pieces:
            counters[block.article_id] = counters.get(block.article_id, 0) + 1
            passage_id = f"{block.article_id}.{counters[block.article_id]}"
            passages[passage_id] = Passage(
                id=passage_id,
                article_id=block.article_id,
                start=start,
                end=end,
                text=texts[block.article_id][start:end],
                tokens=tokens,
                also_in=_copies_within(block, start, end, texts),
            )
            ids.append(passage_id)
        block_passages.append(ids)
    reading = {
        article_id: [pid for index in indices for pid in block_passages[index]]
        for article_id, indices in deduped.reading.items()
    }
    return Chunked(passages, reading)


def _pieces(
    block: Block,
    lo: int,
    hi: int,
    splitter: RecursiveCharacterTextSplitter,
    count_tokens: Callable[[str], int],
    max_tokens: int,
) -> list[tuple[int, int, int]]:
    """Passages (start, end, tokens) covering block text [lo, hi), in article offsets."""
    text = block.text[lo - block.start : hi - block.start]
    tokens = count_tokens(text)
    if tokens <= max_tokens:
        return [(lo, hi, tokens)]
    pieces = []
    for document in splitter.create_documents([text]):
        offset = int(document.metadata["start_index"])
        content = document.page_content
        start = lo + offset
        pieces.append((start, start + len(content), count_tokens(content)))
    return pieces


def _copies_within(block: Block, start: int, end: int, texts: Mapping[str, str]) -> list[Span]:
    """The places that carry this piece of the block: exact copies shifted, others whole."""
    found = []
    for copy in block.copies:
        copy_text = texts[copy.article_id][copy.start : copy.end]
        at = block.text.find(copy_text)
        if at < 0:  # a near-duplicate: offsets do not line up, so name the whole copy
            found.append(copy)
            continue
        lo, hi = max(start, block.start + at), min(end, block.start + at + len(copy_text))
        if lo < hi:
            shift = copy.start - (block.start + at)
            found.append(Span(article_id=copy.article_id, start=lo + shift, end=hi + shift))
    return found
