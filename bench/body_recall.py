"""How much of an article's body survives extraction and preparation, on hand-annotated pages.

    .venv/bin/python bench/body_recall.py --label after [--pages bench/body] [--out bench/results/body_recall]

Every `<name>.html` under --pages has a `<name>.body.txt` beside it: the true article body, written
by hand (the headline, byline, menus, links to other stories and comments are not body). Each page
is read by the real `ingest` and prepared by the real `prepare_articles` (clean, dedupe, focus,
chunk) with default settings and no model; token counts for chunking are words, or characters in
scripts written without spaces. Two texts are scored against the annotation, as bags of tokens
(lower-cased words; each character of Chinese, Japanese, Korean or Thai):

- extracted: the article text that `ingest` produced;
- passages: the text of the article's passages, what the model is shown;
- all sentences: the passages with `leave_out_commentary` off, which shows what the commentary
  rule (focus.py) takes, a deliberate trade, apart from what is lost by accident.

Recall is the share of the body's tokens found, precision the share of the scored text's tokens
that are body. Results are kept per --label in `<out>.json`, so a "before" run of older code and an
"after" run can be reported side by side in `<out>.md`. To measure older code, copy `briefing/` and
this script to a scratch folder, put the old modules in place there and run that copy with
--pages and --out pointing here; --note says in the report what the run measured.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.config import Settings  # noqa: E402
from briefing.ingest.files import ingest  # noqa: E402
from briefing.pipeline import prepare_articles  # noqa: E402
from briefing.progress import Progress  # noqa: E402
from briefing.schema import Article  # noqa: E402

TEXTS = ("extracted", "passages", "all_sentences")

# Scripts written without spaces between words: each character is a token.
_UNSPACED = re.compile(r"([\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af])")
_WORD = re.compile(r"[^\W_]+")


def tokens(text: str) -> list[str]:
    """Lower-cased words, and single characters of unspaced scripts."""
    return _WORD.findall(_UNSPACED.sub(r" \1 ", text).casefold())


def count_tokens(text: str) -> int:
    """A stand-in for the model's tokenizer: about as many tokens as words (or CJK characters)."""
    return len(tokens(text))


def score(found: str, body: str) -> dict[str, float]:
    """Token-level recall, precision and F1 of `found` against the annotated `body`."""
    want, got = Counter(tokens(body)), Counter(tokens(found))
    shared = sum((want & got).values())
    recall = shared / max(1, sum(want.values()))
    precision = shared / max(1, sum(got.values()))
    f1 = 2 * recall * precision / (recall + precision) if recall + precision else 0.0
    return {"recall": round(recall, 3), "precision": round(precision, 3), "f1": round(f1, 3)}


def run_page(page: Path) -> dict[str, Any]:
    """Extract and prepare one page; score both texts against its annotation."""
    body = page.with_name(page.name.removesuffix(".html") + ".body.txt").read_text(encoding="utf-8")
    ingested = ingest([str(page)])
    if not ingested.articles:
        reason = "; ".join(e.reason for e in ingested.errors)
        empty = score("", body)
        return {"page": page.stem, "error": reason, **dict.fromkeys(TEXTS, empty), "removed": {}}
    shown, removed = _passages(ingested.articles, Settings())
    every, _ = _passages(ingested.articles, Settings(leave_out_commentary=False))
    return {
        "page": page.stem,
        "error": None,
        "extracted": score(ingested.articles[0].text, body),
        "passages": score(shown, body),
        "all_sentences": score(every, body),
        "removed": removed,
    }


def _passages(articles: list[Article], settings: Settings) -> tuple[str, dict[str, int]]:
    """The text of the article's passages, and how many stretches were removed for each reason."""
    prepared = prepare_articles(articles, settings, count_tokens, Progress(stream=None))
    (extraction,) = prepared.articles
    shown = "\n".join(prepared.passages[pid].text for pid in extraction.passage_ids)
    removed = Counter(r.reason.split(":")[0] for r in extraction.removed)
    return shown, dict(removed.most_common())


def _mean(rows: list[dict[str, Any]], text: str, metric: str) -> float:
    values = [float(r[text][metric]) for r in rows]
    return round(sum(values) / max(1, len(values)), 3)


def summary(rows: list[dict[str, Any]]) -> dict[str, float]:
    """Macro averages over the pages."""
    return {f"{t}_{m}": _mean(rows, t, m) for t in TEXTS for m in ("recall", "precision", "f1")}


def markdown(runs: dict[str, Any]) -> str:
    """The report: macro averages per label, then every page per label."""
    lines = [
        "# Body recall of the extracted text and of the passages",
        "",
        "Hand-written, hand-annotated pages in `bench/body/` (invented content), scored by",
        "`bench/body_recall.py` as bags of tokens (words; characters for Chinese and Japanese).",
        "`extracted` is the article text from `ingest`; `passages` is what the model is shown after",
        "clean, dedupe, focus and chunk (default settings, no model); `all sentences` is the same with",
        "`leave_out_commentary` off. Macro averages over the pages; a page refused by `ingest` scores 0.",
        "",
        "| run | pages | extracted R / P / F1 | passages R / P / F1 | all sentences R / P / F1 |",
        "|---|---|---|---|---|",
    ]
    for label, run in runs.items():
        s = run["summary"]
        cells = " | ".join(
            " / ".join(str(s[f"{t}_{m}"]) for m in ("recall", "precision", "f1")) for t in TEXTS
        )
        lines.append(f"| {label} | {len(run['pages'])} | {cells} |")
    lines.append("")
    lines += [f"- {label}: {run['note']}" for label, run in runs.items() if run.get("note")]
    for label, run in runs.items():
        lines += [
            "",
            f"## {label}",
            "",
            "| page | extracted R / P | passages R / P | all sentences R | removed |",
        ]
        lines.append("|---|---|---|---|---|")
        lines += [_page_row(r) for r in run["pages"]]
    return "\n".join(lines) + "\n"


def _page_row(r: dict[str, Any]) -> str:
    ex, ps, every = r["extracted"], r["passages"], r.get("all_sentences", {"recall": "-"})
    why = r["error"] or ", ".join(f"{k} x{v}" for k, v in r["removed"].items()) or "-"
    return (
        f"| {r['page']} | {ex['recall']} / {ex['precision']} | {ps['recall']} / {ps['precision']} "
        f"| {every['recall']} | {why} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--label", default="after", help="Name of this run in the report (before, after).")
    parser.add_argument("--pages", type=Path, default=ROOT / "bench" / "body")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "body_recall")
    parser.add_argument("--note", default="", help="What this run measured, for the report.")
    args = parser.parse_args()
    rows = [run_page(page) for page in sorted(args.pages.glob("*.html"))]
    out_json = args.out.with_suffix(".json")
    runs: dict[str, Any] = json.loads(out_json.read_text()) if out_json.exists() else {}
    runs[args.label] = {"note": args.note, "summary": summary(rows), "pages": rows}
    out_json.write_text(json.dumps(runs, indent=2, ensure_ascii=False) + "\n")
    args.out.with_suffix(".md").write_text(markdown(runs))
    print(json.dumps(runs[args.label]["summary"]))
    for r in rows:
        print(r["page"], r["extracted"]["recall"], r["passages"]["recall"], r["error"] or r["removed"])


if __name__ == "__main__":
    main()
