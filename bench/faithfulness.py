"""How well the sentence checks tell faithful claims from unfaithful ones, on our own labelled set.

The set (`bench/faithfulness/*.jsonl`, format in its README) is written for this project: invented
stories and the examples/ articles, faithful paraphrases and one-error edits of 16 kinds. `set-a`,
`set-b`, `set-d`, `set-e`, `set-h`, `set-i`, `set-j` and `set-k` are the development files; `set-c`,
`set-f` and `set-g` are held out: nothing is tuned on them, and the entailment threshold is
calibrated on the development files alone.

For each item the claim is checked against its passages in three ways, each reported per kind:
- lexical: the four word-level checks that were all there was before the structure checks;
- structure: lexical plus the parse-based checks (what runs without a model);
- full: structure plus the model judge at the configured threshold (with --judge).

    python bench/faithfulness.py                      # lexical and structure, no model
    python bench/faithfulness.py --judge              # and the default model as judge
    python bench/faithfulness.py --judge --calibrate  # also choose the threshold on the dev files

Results go to bench/results/faithfulness.{json,md}.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from briefing.check.entail import EntailmentJudge
from briefing.check.verify import verify_sentence
from briefing.config import Settings

HERE = Path(__file__).resolve().parent
SETS = HERE / "faithfulness"
RESULTS = HERE / "results"
DEV = ("set-a", "set-b", "set-d", "set-e", "set-h", "set-i", "set-j", "set-k")
HELD_OUT = ("set-c", "set-f", "set-g", "set-l")
LEXICAL = {"numbers", "names", "quotes", "support"}


def load(names: tuple[str, ...]) -> list[dict[str, Any]]:
    """The labelled items of the named files."""
    items = []
    for name in names:
        for line in (SETS / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                items.append({**json.loads(line), "set": name})
    return items


def run(items: list[dict[str, Any]], judge: EntailmentJudge | None) -> list[dict[str, Any]]:
    """Each item's verdicts: which checks failed, the judge's score, and seconds spent."""
    rows = []
    for number, item in enumerate(items, start=1):
        texts = [p["text"] for p in item["passages"]]
        started = time.perf_counter()
        verdict = verify_sentence(item["claim"], texts)
        structure_seconds = time.perf_counter() - started
        failed = [c.name for c in verdict.checks if not c.passed]
        score, judge_seconds = None, 0.0
        if judge is not None:
            started = time.perf_counter()
            # The real call: the judge is asked exactly when the pipeline would ask it.
            score = verify_sentence(item["claim"], texts, judge=judge).entailment
            judge_seconds = time.perf_counter() - started
        rows.append({
            "id": item["id"], "set": item["set"], "kind": item["kind"], "label": item["label"],
            "claim": item["claim"], "failed": failed, "support": verdict.support,
            "problems": {c.name: c.missing for c in verdict.checks if not c.passed},
            "entailment": score, "structure_seconds": structure_seconds, "judge_seconds": judge_seconds,
        })  # fmt: skip
        if number % 50 == 0:
            print(f"faithfulness: {number}/{len(items)} claims checked", file=sys.stderr)
    return rows


def verdicts(row: dict[str, Any], threshold: float | None) -> dict[str, bool]:
    """Whether each way of checking passes the claim."""
    failed = set(row["failed"])
    lexical = not (failed & LEXICAL)
    structure = not failed
    if threshold is None or row["entailment"] is None:
        full = structure
    else:  # as verify_sentence decides: every other check passed, and the judge says yes
        full = not (failed - {"support"}) and row["entailment"] >= threshold
    return {"lexical": lexical, "structure": structure, "full": full}


def summary(rows: list[dict[str, Any]], threshold: float | None) -> dict[str, Any]:
    """Per kind, per way: the share caught (unfaithful) or kept (faithful); balanced accuracy."""
    by_kind: dict[str, list[dict[str, bool]]] = defaultdict(list)
    labels: dict[str, bool] = {}
    for row in rows:
        by_kind[row["kind"]].append(verdicts(row, threshold))
        labels[row["kind"]] = row["label"]
    ways = ("lexical", "structure", "full")
    kinds = {}
    for kind, results in sorted(by_kind.items(), key=lambda kv: (labels[kv[0]], kv[0])):
        share = {w: sum(r[w] == labels[kind] for r in results) / len(results) for w in ways}
        kinds[kind] = {"label": labels[kind], "n": len(results), **share}
    totals = {}
    for way in ways:
        faithful = [verdicts(r, threshold)[way] for r in rows if r["label"]]
        unfaithful = [not verdicts(r, threshold)[way] for r in rows if not r["label"]]
        kept, caught = sum(faithful) / len(faithful), sum(unfaithful) / len(unfaithful)
        totals[way] = {
            "faithful_kept": kept,
            "unfaithful_caught": caught,
            "balanced_accuracy": (kept + caught) / 2,
        }
    judged = [r for r in rows if r["entailment"] is not None]
    seconds = {
        "structure_per_claim": sum(r["structure_seconds"] for r in rows) / len(rows),
        "judge_per_judged_claim": sum(r["judge_seconds"] for r in judged) / len(judged) if judged else None,
    }
    return {"n": len(rows), "kinds": kinds, "totals": totals, "seconds": seconds}


def calibrate(rows: list[dict[str, Any]]) -> float:
    """The threshold with the best balanced accuracy of the full check on `rows` (the dev files)."""
    candidates = sorted({round(r["entailment"], 3) for r in rows if r["entailment"] is not None})
    best = max(
        candidates or [0.5],
        key=lambda t: (summary(rows, t)["totals"]["full"]["balanced_accuracy"], -abs(t - 0.5)),
    )
    return float(best)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--judge", action="store_true", help="also score with the configured model")
    parser.add_argument(
        "--calibrate", action="store_true", help="choose the judge threshold on the dev files"
    )
    parser.add_argument("--out", type=Path, default=RESULTS / "faithfulness")
    parser.add_argument(
        "--remember", type=Path, help="keep the model's answers in this file and reuse them on a re-run"
    )
    args = parser.parse_args(argv)
    settings = Settings()
    judge = _open_judge(settings, args.remember) if args.judge else None
    dev, held_out = run(load(DEV), judge), run(load(HELD_OUT), judge)
    threshold = settings.entailment_threshold if judge else None
    if judge is not None and args.calibrate:
        threshold = calibrate(dev)
        print(f"faithfulness: calibrated threshold {threshold} on the dev files", file=sys.stderr)
    report = {
        "model": getattr(judge.scorer, "name", None) if judge is not None else None,
        "answers_remembered": judge is not None and args.remember is not None,
        "threshold": threshold,
        "dev": summary(dev, threshold),
        "held_out": summary(held_out, threshold),
        "all": summary(dev + held_out, threshold),
        "files": {
            name: summary([r for r in dev + held_out if r["set"] == name], threshold)["totals"]
            for name in DEV + HELD_OUT
        },
        "rows": dev + held_out,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.with_suffix(".json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    args.out.with_suffix(".md").write_text(render(report), encoding="utf-8")
    print(render(report))
    return 0


def _open_judge(settings: Settings, remembered: Path | None) -> EntailmentJudge:
    from briefing.backends.loader import open_backend
    from briefing.progress import Progress

    backend = open_backend(settings, Progress())
    scorer = backend if remembered is None else _Remembering(backend, remembered)
    return EntailmentJudge(scorer, settings.entailment_threshold)  # type: ignore[arg-type]


class _Remembering:
    """The model's answers kept in a file, keyed by the model file's hash and the exact question, so a
    re-run after a change to the structure checks asks the model only what it was not asked before."""

    def __init__(self, backend: Any, path: Path) -> None:
        self.backend, self.path, self.name = backend, path, backend.name
        self.answers: dict[str, float] = json.loads(path.read_text()) if path.is_file() else {}

    def yes_probability(self, messages: list[Any]) -> float:
        key = hashlib.sha256(json.dumps([self.backend.sha256, messages]).encode()).hexdigest()
        if key not in self.answers:
            self.answers[key] = self.backend.yes_probability(messages)
            self.path.write_text(json.dumps(self.answers))
        return self.answers[key]


def render(report: dict[str, Any]) -> str:
    """The report as Markdown: totals, then each kind, for the dev and held-out files."""
    lines = ["# Faithfulness of the sentence checks on our labelled set", ""]
    lines.append(f"Judge: {report['model'] or 'not used'}; threshold: {report['threshold']}.")
    for part in ("dev", "held_out", "all"):
        s = report[part]
        lines += [
            "",
            f"## {part} ({s['n']} claims)",
            "",
            "| way | faithful kept | unfaithful caught | balanced accuracy |",
            "|---|---|---|---|",
        ]
        for way, t in s["totals"].items():
            lines.append(
                f"| {way} | {t['faithful_kept']:.1%} | {t['unfaithful_caught']:.1%} "
                f"| {t['balanced_accuracy']:.3f} |"
            )
        lines += ["", "| kind | label | n | lexical | structure | full |", "|---|---|---|---|---|---|"]
        for kind, k in s["kinds"].items():
            what = "kept" if k["label"] else "caught"
            lines.append(
                f"| {kind} | {what} | {k['n']} | {k['lexical']:.0%} | {k['structure']:.0%} "
                f"| {k['full']:.0%} |"
            )
        sec = s["seconds"]
        judge = f"{sec['judge_per_judged_claim']:.2f} s" if sec["judge_per_judged_claim"] is not None else "-"
        if report.get("answers_remembered"):  # a remembered answer takes no model time
            judge += " (answers remembered from earlier runs: no speed measure; see checker_cost.md)"
        lines += ["", f"Seconds per claim: structure {sec['structure_per_claim']:.3f} s, judge {judge}."]
    lines += _file_table(report["files"])
    return "\n".join(lines) + "\n"


def _file_table(files: dict[str, dict[str, Any]]) -> list[str]:
    """Balanced accuracy per file, so a held-out file is seen on its own and not only in the blend."""
    lines = ["", "## each file", "", "| file | part | structure | full |", "|---|---|---|---|"]
    for name, totals in files.items():
        part = "held out" if name in HELD_OUT else "dev"
        lines.append(
            f"| {name} | {part} | {totals['structure']['balanced_accuracy']:.3f} "
            f"| {totals['full']['balanced_accuracy']:.3f} |"
        )
    return lines


if __name__ == "__main__":
    raise SystemExit(main())
