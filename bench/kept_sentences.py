"""Which sentences an earlier revision kept does today's checker refuse, and why?

    .venv/bin/python bench/kept_sentences.py NAME=RESULT.json [NAME=RESULT.json ...] [--out PATH_STEM]
                     [--no-text NAME ...]

Each RESULT.json is a `briefing summarize --format json` result made by an earlier revision (for
instance the `-old.json` of `bench/compare_revisions.sh`). Every sentence it kept, in the article
briefs and the cross brief, is checked again against the passages it cites, with today's checks and
the default model as judge, exactly as `final_check` would. The report lists each sentence refused
now, with the checks that refuse it and what they found, so a change to the checker that drops
sentences a reader had is seen and can be judged: right (the checker shows it wrong) or a false alarm.

`--no-text NAME` leaves the sentence text out for that input (third-party articles: the shared
corpus); its article id and the checks' findings are still listed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from briefing.backends.loader import open_backend
from briefing.check.entail import judge_for
from briefing.check.verify import verify_sentence
from briefing.config import Settings
from briefing.progress import Progress

RESULTS = Path(__file__).resolve().parent / "results"


def recheck(result: dict[str, Any], judge: Any) -> tuple[int, list[dict[str, Any]]]:
    """How many kept sentences there were, and those today's checks refuse."""
    passages = result["passages"]
    briefs = [*result["article_briefs"], *([result["cross_brief"]] if result.get("cross_brief") else [])]
    kept, refused = 0, []
    for brief in briefs:
        for sentence in brief["sentences"]:
            kept += 1
            texts = [passages[c["passage_id"]]["text"] for c in sentence["citations"]]
            verdict = verify_sentence(sentence["text"], texts, judge=judge)
            if not verdict.passed:
                failed = {c.name: c.missing for c in verdict.checks if not c.passed}
                refused.append({
                    "brief": brief["kind"], "article_ids": brief["article_ids"], "text": sentence["text"],
                    "failed": failed, "entailment": verdict.entailment,
                })  # fmt: skip
    return kept, refused


def render(report: dict[str, Any], hidden: set[str]) -> str:
    lines = ["# Sentences an earlier revision kept, checked again today", ""]
    for name, part in report.items():
        lines.append(f"## {name}: {len(part['refused'])} of {part['kept']} kept sentences refused now")
        lines.append("")
        for r in part["refused"]:
            where = f"{r['brief']} brief of {', '.join(r['article_ids'])}"
            text = "(text not shown: third-party article)" if name in hidden else f"“{r['text']}”"
            found = "; ".join(f"{k}: {', '.join(v) if v else 'refused'}" for k, v in r["failed"].items())
            lines.append(f"- {where}: {text} — {found}")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("inputs", nargs="+", help="NAME=RESULT.json")
    parser.add_argument("--out", type=Path, default=RESULTS / "kept_sentences")
    parser.add_argument("--no-text", action="append", default=[], help="hide sentence text for NAME")
    args = parser.parse_args(argv)
    settings = Settings()
    backend = open_backend(settings, Progress())
    judge = judge_for(backend, enabled=True, threshold=settings.entailment_threshold)
    report: dict[str, dict[str, Any]] = {}
    for item in args.inputs:
        name, _, path = item.partition("=")
        kept, refused = recheck(json.loads(Path(path).read_text(encoding="utf-8")), judge)
        print(f"kept_sentences: {name}: {len(refused)} of {kept} refused now", file=sys.stderr)
        report[name] = {"kept": kept, "refused": refused}
    hidden = set(args.no_text)
    shown = {n: {**p, "refused": [{**r, "text": None} if n in hidden else r for r in p["refused"]]}
             for n, p in report.items()}  # fmt: skip
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.with_suffix(".json").write_text(json.dumps(shown, indent=1) + "\n", encoding="utf-8")
    args.out.with_suffix(".md").write_text(render(report, hidden), encoding="utf-8")
    print(render(report, hidden))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
