"""The larger input of bench/speed.py: real articles, repeated with variations the way news repeats.

Built at run time from article folders (the shared corpus and the repo's `examples/`), so no corpus
text is ever copied into the repository. The first articles are the originals, unchanged; every other
one is a copy of an original made in one of five ways, chosen in turn, with a seeded random source:

- `reprint`: the same text under a new headline, outlet and URL (a syndicated copy);
- `figure`: a later dateline (when the original has a date) and one figure in the body changed;
- `reordered`: the same paragraphs in another order;
- `dropped`: one paragraph left out;
- `boilerplate`: extra site lines (advertisement, share and newsletter prompts, a copyright line).

Only a `figure` copy says something its original does not; the others carry no new fact, so a
pipeline that recognises copies should spend next to nothing on them.

Run on its own, it writes such an input to a folder, to look at or to brief, and prints its counts
and what each file is (its kind, and the file of the original it copies) as JSON:

    .venv/bin/python bench/speed_input.py FOLDER [FOLDER ...] --out DIR [--articles 50] [--seed 6]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import dateutil.parser

from briefing.ingest.files import ingest
from briefing.schema import Article

KINDS = ("reprint", "figure", "reordered", "dropped", "boilerplate")
# Copies that carry no fact of their own: what "duplicates add almost nothing" is about.
PURE_COPIES = frozenset({"reprint", "reordered", "dropped", "boilerplate"})
OUTLETS = (
    "Northern Wire", "Valley Courier", "Bay Herald", "Lakeside Times", "Midland Gazette",
    "Coastline Daily", "River City Post", "Summit Observer", "Plains Register", "Harbour Review",
)  # fmt: skip
HEADLINES = ("Explained: {title}", "{title}, report says", "Update: {title}", "What we know: {title}")
# Lines that briefing.text.boilerplate recognises as site furniture (checked by the tests).
BOILERPLATE = (
    "Advertisement",
    "Share this article",
    "Sign up for our newsletter",
    "Read more: {title}",
    "Follow us on Twitter",
)
# A figure: 1,200,000, 5.4(bn) or 70(%), not part of a word (H20), a time (12:30) or a longer number.
_NUMBER = re.compile(r"(?<![\w.,:])(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\d:]|[.,]\d)")


@dataclass(frozen=True)
class Item:
    """One article of the input: the file name it is written under, how it was made, and its fields."""

    name: str
    kind: str  # "original" or one of KINDS
    source: int  # index of the original it copies (its own index for an original)
    record: dict[str, str | None]


def load_sources(folders: Sequence[Path]) -> list[Article]:
    """Articles of each folder, interleaved (first of each, then second of each...) so a short
    input still mixes topics; raises if a folder yields nothing."""
    per_folder = []
    for folder in folders:
        read = ingest([str(folder)])
        if not read.articles:
            raise ValueError(f"{folder}: no readable articles")
        per_folder.append(read.articles)
    longest = max(len(a) for a in per_folder)
    return [arts[i] for i in range(longest) for arts in per_folder if i < len(arts)]


def originals_for(count: int, available: int) -> int:
    """How many originals an input of `count` articles starts with: all sources for the full input
    (about one original in five), at least two so a small input still has copies and a cross brief."""
    return max(1, min(count, available, max(2, count // 5)))


def build(sources: Sequence[Article], count: int, seed: int = 6) -> list[Item]:
    """`count` articles: the first originals unchanged, then copies made in turn by each kind."""
    rng = random.Random(seed)
    n_orig = originals_for(count, len(sources))
    items = [
        Item(f"{i:03d}-original.json", "original", i, _record(a)) for i, a in enumerate(sources[:n_orig])
    ]
    for number in range(n_orig, count):
        kind = KINDS[(number - n_orig) % len(KINDS)]
        source = rng.randrange(n_orig)
        record, kind = _copy(sources[source], kind, rng)
        items.append(Item(f"{number:03d}-{kind}.json", kind, source, record))
    return items


def write(items: Sequence[Item], folder: Path) -> dict[str, str]:
    """Write each item as a JSON article file (the files sort in input order); file name -> kind."""
    folder.mkdir(parents=True, exist_ok=True)
    for item in items:
        (folder / item.name).write_text(json.dumps(item.record, ensure_ascii=False, indent=1), "utf-8")
    return {item.name: item.kind for item in items}


def summary(items: Sequence[Item]) -> dict[str, Any]:
    """Counts to report: articles, originals, copies by kind, distinct bodies and distinct articles."""
    kinds = Counter(item.kind for item in items)
    return {
        "articles": len(items),
        "originals": kinds["original"],
        "copies": len(items) - kinds["original"],
        "by_kind": {k: kinds[k] for k in ("original", *KINDS)},
        "distinct_bodies": len({item.record["text"] for item in items}),
        "distinct_articles": len({(item.record["title"], item.record["text"]) for item in items}),
    }


def _record(article: Article) -> dict[str, str | None]:
    """The JSON fields of an article as ingested."""
    return {
        "title": article.title,
        "text": article.text,
        "source": article.source,
        "published": article.published,
        "url": article.url,
    }


def _copy(article: Article, kind: str, rng: random.Random) -> tuple[dict[str, str | None], str]:
    """A copy of `article` made the `kind` way; a kind that cannot apply falls back to a reprint."""
    paragraphs, joint = _paragraphs(article.text)
    outlet = rng.choice(OUTLETS)
    slug = re.sub(r"[^a-z0-9]+", "-", article.title.lower())[:50].strip("-")
    record = _record(article) | {
        "source": outlet,
        "url": f"https://{outlet.lower().replace(' ', '')}.example/{slug}-{rng.randrange(10**6)}",
        "published": _later(article.published, rng.randrange(1, 30)),
    }
    if kind == "reprint":
        record |= {"title": rng.choice(HEADLINES).format(title=article.title), "published": article.published}
    elif kind == "figure" and (changed := _change_figure(article.text, rng)) is not None:
        record["text"] = changed
    elif kind == "reordered" and len(paragraphs) >= 2:
        order = list(paragraphs)
        while order == paragraphs:
            rng.shuffle(order)
        record["text"] = joint.join(order)
    elif kind == "dropped" and len(paragraphs) >= 2:
        gone = rng.randrange(len(paragraphs))
        record["text"] = joint.join(p for i, p in enumerate(paragraphs) if i != gone)
    elif kind == "boilerplate":
        record["text"] = joint.join(_with_boilerplate(paragraphs, article.title, outlet, rng))
    else:
        return _copy(article, "reprint", rng)
    return record, kind


def _paragraphs(text: str) -> tuple[list[str], str]:
    """Non-blank lines of a body, and the separator it uses between them."""
    joint = "\n\n" if "\n\n" in text else "\n"
    return [p for p in text.split("\n") if p.strip()], joint


def _later(published: str | None, hours: int) -> str | None:
    """A date `hours` later, so the copy sorts after its original; None stays None (undated copies
    keep input order, which also puts them after their original)."""
    if not published:
        return published
    try:
        when = dateutil.parser.parse(published, fuzzy=True)
    except (ValueError, OverflowError):
        return published
    return (when + timedelta(hours=hours)).isoformat(timespec="minutes")


def _change_figure(text: str, rng: random.Random) -> str | None:
    """The text with one figure (10 or more, not a year) raised by about a tenth, or None if none."""
    found = [
        m
        for m in _NUMBER.finditer(text)
        if float(m.group().replace(",", "")) >= 10 and not re.fullmatch(r"(19|20)\d\d", m.group())
    ]
    if not found:
        return None
    match = rng.choice(found)
    digits = match.group().replace(",", "")
    value = float(digits)
    new = value + max(1.0, round(value * 0.1, 1 if "." in digits else 0))
    shown = f"{new:,.0f}" if "," in match.group() else (f"{new:.1f}" if "." in digits else f"{new:.0f}")
    return text[: match.start()] + shown + text[match.end() :]


def _with_boilerplate(paragraphs: list[str], title: str, outlet: str, rng: random.Random) -> list[str]:
    """The paragraphs with two site lines inserted between them and a copyright line at the end."""
    out = list(paragraphs)
    for line in rng.sample(BOILERPLATE, 2):
        out.insert(rng.randrange(1, len(out) + 1), line.format(title=title))
    return [*out, f"© 2025 {outlet}. All rights reserved."]


def main(argv: list[str] | None = None) -> int:
    """Build the input from the folders given, write it to `--out` and print what it holds."""
    parser = argparse.ArgumentParser(description="Build the larger input of bench/speed.py in a folder.")
    parser.add_argument("folders", nargs="+", type=Path, help="folders of articles to build it from")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the articles to")
    parser.add_argument("--articles", type=int, default=50, help="how many articles (default: 50)")
    parser.add_argument("--seed", type=int, default=6, help="seed of the variations (default: 6)")
    args = parser.parse_args(argv)
    items = build(load_sources(args.folders), args.articles, args.seed)
    write(items, args.out)
    listing = [{"file": i.name, "kind": i.kind, "copies": items[i.source].name} for i in items]
    print(json.dumps({"summary": summary(items), "items": listing}, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
