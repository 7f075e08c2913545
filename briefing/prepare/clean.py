"""Taking boilerplate lines out of an article and finding its paragraphs, by exact character offsets.

Nothing here rewrites text: a kept paragraph is `article.text[start:end]`, and every removed line
is reported with its offsets and a reason, so a reader can see what the model was not shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.schema import Article, Cleaned, Removal
from briefing.text.boilerplate import boilerplate_reason

# Lines of a hard-wrapped paragraph are at most about this long; scraped text has one whole
# paragraph per (much longer) line.
WRAP_WIDTH = 100
# A teaser cut off with "..." is compared with this many following lines.
TEASER_LOOKAHEAD = 3
_BULLET = re.compile(r"^(?:[-*\u2022\u00b7]|\d{1,2}[.)])\s+")
# A table row as html_extract writes it: cells between " | ".
_TABLE_CELLS = re.compile(r"\S\s\|\s")
_ELLIPSIS = ("...", "\u2026")


@dataclass(frozen=True)
class _Line:
    start: int  # offsets of the line without its surrounding whitespace
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return self.start == self.end


def _lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    offset = 0
    for raw in text.split("\n"):
        lead = len(raw) - len(raw.lstrip())
        stripped = raw.strip()
        lines.append(_Line(offset + lead, offset + lead + len(stripped), stripped))
        offset += len(raw) + 1
    return lines


def _flat(text: str) -> str:
    return " ".join(text.split()).casefold()


def headline_key(text: str) -> str:
    """A line compared as a headline: case, spacing, a list bullet and a final full stop ignored."""
    return _flat(_BULLET.sub("", text.strip())).rstrip(".")


def list_item(text: str) -> bool:
    """Whether a line is an item of a list (it opens with a bullet or number) or a row of a table."""
    text = text.strip()
    return bool(_BULLET.match(text) or _TABLE_CELLS.search(text))


def _teaser(line: _Line, following: list[_Line]) -> bool:
    # A caption or summary cut off with "..." right before the full text it was cut from.
    if not line.text.endswith(_ELLIPSIS):
        return False
    stem = line.text.rstrip(".\u2026").rstrip()
    if len(stem) < 20:
        return False
    return any(other.text.startswith(stem) and len(other.text) > len(stem) for other in following)


def _reason(line: _Line, lines: list[_Line], index: int, title: str) -> str | None:
    if line.blank:
        return None
    # Also as the first "key points" bullet, which many sites fill with the headline.
    if title and headline_key(line.text) == headline_key(title):
        return "repeats the headline"
    following = [other for other in lines[index + 1 :] if not other.blank][:TEASER_LOOKAHEAD]
    if _teaser(line, following):
        return "truncated copy of a following line"
    return boilerplate_reason(line.text)


def _hard_wrapped(block: list[_Line]) -> bool:
    # Short lines that are not list items read as one paragraph wrapped at a fixed width.
    if len(block) < 2 or any(_BULLET.match(line.text) for line in block):
        return False
    return all(len(line.text) <= WRAP_WIDTH for line in block[:-1])


def _blocks(lines: list[_Line]) -> list[list[int]]:
    """Indexes of the lines of each run of non-blank lines."""
    blocks: list[list[int]] = [[]]
    for index, line in enumerate(lines):
        if line.blank:
            if blocks[-1]:
                blocks.append([])
        else:
            blocks[-1].append(index)
    return [block for block in blocks if block]


def _runs(block: list[int], removed: set[int]) -> list[list[int]]:
    """Consecutive kept lines of a block; a removed line in the middle splits it in two."""
    runs: list[list[int]] = [[]]
    for index in block:
        if index in removed:
            runs.append([])
        else:
            runs[-1].append(index)
    return [run for run in runs if run]


def _paragraphs(lines: list[_Line], removed: set[int]) -> list[tuple[int, int]]:
    blocks = _blocks(lines)
    paragraphs: list[tuple[int, int]] = []
    for block in blocks:
        # Without blank lines the text is scraped one-paragraph-per-line, whatever the line lengths.
        if len(blocks) > 1 and _hard_wrapped([lines[i] for i in block]):
            groups = _runs(block, removed)
        else:
            groups = [[index] for index in block if index not in removed]
        paragraphs.extend((lines[group[0]].start, lines[group[-1]].end) for group in groups)
    return paragraphs


def clean(article: Article) -> Cleaned:
    """Remove boilerplate lines (each with a reason) and return the kept paragraphs as offsets."""
    lines = _lines(article.text)
    title = _flat(article.title)
    removed: list[Removal] = []
    removed_lines: set[int] = set()
    for index, line in enumerate(lines):
        reason = _reason(line, lines, index, title)
        if reason is not None:
            removed_lines.add(index)
            removed.append(
                Removal(article_id=article.id, start=line.start, end=line.end, text=line.text, reason=reason)
            )
    return Cleaned(article=article, paragraphs=_paragraphs(lines, removed_lines), removed=removed)
