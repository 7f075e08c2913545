"""Measure brief quality and cost over clusters of articles, with the model loaded once.

    .venv/bin/python bench/quality.py INPUT [INPUT ...] [--out bench/results/quality-NAME] [--model MODEL]

Each folder INPUT is one cluster, loose article files together make one more, and each line of a
`.jsonl` INPUT is a cluster: `{"id", "articles": [{"title", "text", ...}], "reference"?}`. Writes
`<out>.json` (every figure, and the text of every sentence kept or dropped) and `<out>.md` (the report,
also printed); progress goes to stderr. Exits 1 if a kept sentence lacks a citation or failed its
checks: that is a bug, not a quality figure. `BRIEFING_BACKEND=fake` runs it with the extractive fake
backend, without a model.

The check-pass shares count kept sentences only: a sentence that fails a check is dropped, so they
are 100% by construction and say that nothing unchecked was shipped, not how well the checks tell
faithful sentences from unfaithful ones. That is measured on a labelled set by bench/faithfulness.py;
its totals (from `--faithfulness`, default bench/results/faithfulness.json) are shown beside them, or
the report says that it has not been run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from briefing.backends.base import Backend, Completion, Message
from briefing.backends.loader import open_backend
from briefing.config import Settings
from briefing.pipeline import PROMPT_NAMES, prepare, summarize
from briefing.progress import Event, Progress
from briefing.prompts import load_prompt
from briefing.schema import Brief, Result

CHECKS = ("numbers", "names", "quotes", "support")
FAITHFULNESS = Path(__file__).resolve().parent / "results" / "faithfulness.json"
FAITHFULNESS_PARTS = ("dev", "held_out", "all")
FAITHFULNESS_WAYS = ("lexical", "structure", "full")
BY_CONSTRUCTION = (
    "The check-pass shares (numbers, names, quotes, support) count kept sentences only: a sentence that"
    " fails a check is dropped, so they are 100% by construction. They say that no unchecked sentence"
    " was shipped, not how well the checks tell faithful sentences from unfaithful ones."
)


@dataclass(frozen=True)
class Cluster:
    """Articles briefed together; `rename` maps temporary file paths back to `file.jsonl:LINE`."""

    id: str
    inputs: list[str]
    reference: str | None = None
    rename: dict[str, str] = field(default_factory=dict)


@dataclass
class Counting:
    """A backend wrapper recording, per brief being written, its calls and which were repairs."""

    inner: Backend
    name: str
    sha256: str | None
    n_ctx: int
    label: str = "?"
    calls: list[tuple[str, bool]] = field(default_factory=list)
    _last: list[Message] = field(default_factory=list)

    def complete(
        self, messages: list[Message], *, max_tokens: int, json_schema: dict[str, Any] | None = None
    ) -> Completion:
        """Forward the call; a call continuing the previous call's conversation is a repair."""
        n = len(self._last)
        repair = n > 0 and len(messages) == n + 2 and messages[:n] == self._last
        self.calls.append((self.label, repair))
        self._last = list(messages)
        return self.inner.complete(messages, max_tokens=max_tokens, json_schema=json_schema)

    def count_tokens(self, text: str) -> int:
        """The wrapped model's token count."""
        return self.inner.count_tokens(text)


def tracking(backend: Counting) -> Progress:
    """Progress whose events tell the counting backend which brief the pipeline is writing."""

    def follow(event: Event) -> None:
        if event.kind == "article_started" and event.article_id:
            backend.label = event.article_id
        elif event.kind == "cross_started":
            backend.label = "cross"

    return Progress(sys.stderr, listeners=[follow])


def load_clusters(inputs: list[str], tmp: Path) -> tuple[list[Cluster], list[dict[str, str]]]:
    """Clusters from folders, loose files and JSONL lines; bad JSONL lines become errors."""
    clusters: list[Cluster] = []
    errors: list[dict[str, str]] = []
    loose = [i for i in inputs if not Path(i).is_dir() and Path(i).suffix not in (".jsonl", ".ndjson")]
    for given in inputs:
        if Path(given).is_dir():
            clusters.append(Cluster(Path(given).resolve().name, [given]))
            continue
        try:
            lines = [] if given in loose else Path(given).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            errors.append({"what": given, "reason": f"cannot read: {exc}"})
            continue
        for number, line in enumerate(lines, start=1):
            if line.strip():
                made = _jsonl_cluster(f"{given}:{number}", line, tmp / f"{len(clusters)}-{number}.json")
                if isinstance(made, Cluster):
                    clusters.append(made)
                else:
                    errors.append(made)
    return clusters + ([Cluster("files", loose)] if loose else []), errors


def _jsonl_cluster(where: str, line: str, path: Path) -> Cluster | dict[str, str]:
    """Write one JSONL cluster's articles to `path` for the pipeline to read, or say why not."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"what": where, "reason": f"malformed JSON at column {exc.colno}: {exc.msg}"}
    if not isinstance(record, dict) or not isinstance(record.get("articles"), list):
        return {"what": where, "reason": "expected an object with an 'articles' list"}
    reference = record.get("reference")
    if reference is not None and not isinstance(reference, str):
        return {"what": where, "reason": "'reference' must be a string"}
    path.write_text(json.dumps({"articles": record["articles"]}), encoding="utf-8")
    return Cluster(str(record.get("id") or where), [str(path)], reference, {str(path): where})


def _share(count: int, total: int) -> float | None:
    """count/total rounded, or None when there is nothing to count."""
    return round(count / total, 4) if total else None


def brief_stats(briefs: list[Brief], regenerated: int) -> dict[str, Any]:
    """Sentences, citations, checks passed, re-attributions and drops over some briefs."""
    kept = [s for b in briefs for s in b.sentences]
    checks = [c for s in kept if s.verification for c in s.verification.checks]
    dropped = Counter(_category(d.reason) for b in briefs for d in b.dropped)
    supports = [s.verification.support for s in kept if s.verification]
    return {
        "briefs": len(briefs),
        "sentences_per_brief": [len(b.sentences) for b in briefs],
        "sentences": len(kept),
        "cited_share": _share(sum(1 for s in kept if s.citations), len(kept)),
        "check_pass_share": {
            name: _share(sum(c.passed for c in checks if c.name == name), sum(c.name == name for c in checks))
            for name in CHECKS
        },
        "mean_support": round(sum(supports) / len(supports), 4) if supports else None,
        "reattributed": sum(s.reattributed for s in kept),
        "regenerated": regenerated,
        "dropped": {k: dropped.get(k, 0) for k in ("unsupported", "incomplete", "other")},
        "dropped_reasons": [d.reason for b in briefs for d in b.dropped],
    }


def brief_texts(brief: Brief) -> dict[str, Any]:
    """What one brief said: its headline, the kept sentences with the passages they cite, the dropped ones."""
    return {
        "kind": brief.kind,
        "article_ids": brief.article_ids,
        "headline": brief.headline,
        "sentences": [
            {
                "text": s.text,
                "citations": [c.passage_id for c in s.citations],
                "support": s.verification.support if s.verification else None,
                "reattributed": s.reattributed,
            }
            for s in brief.sentences
        ],
        "dropped": [{"text": d.text, "reason": d.reason} for d in brief.dropped],
    }


def _category(reason: str) -> str:
    """A drop reason's category: unsupported, incomplete or other."""
    for category in ("unsupported", "incomplete"):
        if reason.startswith(category):
            return category
    return "other"


def problems(result: Result) -> list[str]:
    """Kept sentences without a citation, unchecked or failing their checks: each one is a bug."""
    found = []
    briefs = [*result.article_briefs, *([result.cross_brief] if result.cross_brief else [])]
    for brief in briefs:
        for s in brief.sentences:
            if not s.citations or any(c.passage_id not in result.passages for c in s.citations):
                found.append(f"{brief.kind} brief {brief.article_ids[0]}: uncited sentence {s.text!r}")
            if s.verification is None or not s.verification.passed:
                found.append(f"{brief.kind} brief {brief.article_ids[0]}: unverified sentence {s.text!r}")
    return found


def rouge(result: Result, reference: str) -> dict[str, float]:
    """ROUGE-1/2/L F1 of the cross brief (or the joined article briefs) against the reference."""
    from rouge_score import rouge_scorer  # type: ignore[import-untyped]

    briefs = [result.cross_brief] if result.cross_brief else result.article_briefs
    text = " ".join(s.text for b in briefs for s in b.sentences)
    scores = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True).score(reference, text)
    return {name: round(float(score.fmeasure), 4) for name, score in scores.items()}


def measure(cluster: Cluster, backend: Counting, settings: Settings) -> dict[str, Any]:
    """Run the pipeline on one cluster and collect its quality and cost figures."""
    progress = tracking(backend)
    progress.say(f"cluster {cluster.id}")
    backend.label, backend.calls, backend._last = "?", [], []
    prepared = prepare(cluster.inputs, settings, backend.count_tokens, progress)
    result = summarize(prepared, backend, settings, progress)
    repaired = {label for label, repair in backend.calls if repair}
    cross = [result.cross_brief] if result.cross_brief else []
    corroboration = Counter(
        s.corroboration.independent_sources for b in cross for s in b.sentences if s.corroboration
    )
    skipped = [_renamed(s.model_dump(), cluster.rename) for s in result.skipped]
    failed = [s for s in skipped if s["what"].startswith(("brief of", "cross-article"))]
    return {
        "id": cluster.id,
        "articles": len(result.articles),
        "reprints": sum(e.duplicate_of is not None for e in result.articles),
        "article_briefs": brief_stats(result.article_briefs, len(repaired - {"cross"})),
        "cross_brief": brief_stats(cross, int("cross" in repaired)),
        "briefs": [brief_texts(b) for b in [*result.article_briefs, *cross]],
        "flagged": [f.reason for e in result.articles for f in e.flagged],
        "disagreements": [d.topic for d in result.disagreements],
        "corroboration": {str(k): corroboration[k] for k in sorted(corroboration)},
        "disputed": sum(bool(s.disputed) for b in cross for s in b.sentences),
        "rouge": rouge(result, cluster.reference) if cluster.reference else None,
        **cost(result, backend),
        "skipped": [s for s in skipped if s not in failed],
        "failed_briefs": failed,
        "problems": problems(result),
    }


def cost(result: Result, backend: Counting) -> dict[str, Any]:
    """Model calls, tokens and seconds; input tokens against the tokens of the passages sent."""
    briefed = [e for e in result.articles if e.passage_ids and e.duplicate_of is None]
    raw = sum(backend.count_tokens(e.article.text) for e in result.articles)
    sent = sum(result.passages[p].tokens for p in {p for e in briefed for p in e.passage_ids})
    return {
        "tokens_in": sum(u.prompt_tokens for u in result.usage),
        "tokens_out": sum(u.completion_tokens for u in result.usage),
        "calls": sum(u.calls for u in result.usage),
        "repair_calls": sum(repair for _, repair in backend.calls),
        "seconds": {u.stage: u.seconds for u in result.usage},
        "input_tokens": raw,
        "passage_tokens": sent,
        "passage_ratio": round(sent / raw, 4) if raw else None,
    }


def independent_figures(path: Path) -> dict[str, Any]:
    """bench/faithfulness.py's totals per part and way, read from its JSON, or why there are none."""
    found: dict[str, Any] = {"source": _shown(path), "run": False}
    if not path.is_file():
        return {**found, "note": f"bench/faithfulness.py has not been run (there is no {_shown(path)})"}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        parts = {
            part: {
                "n": raw[part]["n"],
                "totals": {
                    way: {
                        key: float(raw[part]["totals"][way][key])
                        for key in ("faithful_kept", "unfaithful_caught", "balanced_accuracy")
                    }
                    for way in FAITHFULNESS_WAYS
                },
            }
            for part in FAITHFULNESS_PARTS
        }
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        return {**found, "note": f"{_shown(path)} cannot be read ({type(exc).__name__}: {exc})"}
    judge, threshold = raw.get("model"), raw.get("threshold")
    return {**found, "run": True, "judge": judge, "threshold": threshold, "parts": parts}


def _shown(path: Path) -> str:
    """`path` relative to the repository when it lies inside it (so reports name no home folder)."""
    try:
        return str(path.resolve().relative_to(FAITHFULNESS.parents[2]))
    except ValueError:
        return str(path)


def _renamed(skip: dict[str, str], rename: dict[str, str]) -> dict[str, str]:
    """A skipped entry naming `file.jsonl:LINE` instead of the temporary file written for it."""
    for tmp, where in rename.items():
        skip = {k: v.replace(tmp, where) for k, v in skip.items()}
    return skip


def _pct(value: float | None) -> str:
    """A share as a percentage."""
    return "–" if value is None else f"{100 * value:.0f}%"


def _num(value: float | None) -> str:
    """A figure with two decimals."""
    return "–" if value is None else f"{value:.2f}"


def markdown(report: dict[str, Any]) -> str:
    """The readable report: a table across clusters, then each cluster's details."""
    model = report["model"]
    lines = [
        f"# Brief quality: {model['name']}",
        "",
        f"Model `{model['name']}` (sha256 {model['sha256']}), prompts "
        + ", ".join(f"{k} {v}" for k, v in report["prompt_versions"].items())
        + f"; {report['machine']}; {report['date']}. Figures are from one run.",
        "",
        "| cluster | articles | sentences (article / cross) | cited | numbers | names | quotes | support |"
        " mean support | re-attributed | regenerated | dropped | disagreements | ROUGE-1/2/L |"
        " tokens in / out | calls | seconds | passages / input tokens |",
        "|---" * 18 + "|",
    ]
    lines += [_row(c) for c in report["clusters"]]
    lines += [
        "",
        "Regenerated: briefs that needed the repair call (a model call continuing the previous call's"
        " conversation, counted by a wrapper around the backend). Last column: tokens of the passages"
        " sent to the model against tokens of the articles as read (boilerplate and repeats removed)."
        f" Model load: {report['model_load_seconds']:.1f} s.",
        "",
        *_faithfulness_lines(report["check_pass_shares"], report["faithfulness"]),
    ]
    for error in report["input_errors"]:
        lines.append(f"\nNot run: {error['what']}: {error['reason']}")
    for c in report["clusters"]:
        lines += ["", f"## {c['id']}", "", *_details(c)]
    return "\n".join(lines) + "\n"


def _faithfulness_lines(note: str, figures: dict[str, Any]) -> list[str]:
    """The by-construction note, then bench/faithfulness.py's independent figures or why there are none."""
    lines = [f"**Note.** {note}", ""]
    if not figures["run"]:
        return [*lines, f"Independent figures: none; {figures['note']}."]
    judge = (
        f"model judge {figures['judge']} at threshold {figures['threshold']}"
        if figures["judge"]
        else "no model judge, so full is structure alone"
    )
    lines += [
        "Independent figures, from bench/faithfulness.py on its labelled set of faithful and unfaithful"
        f" claims (`{figures['source']}`; {judge}):",
        "",
        "| part | claims | way | faithful kept | unfaithful caught | balanced accuracy |",
        "|---" * 6 + "|",
    ]
    for part, p in figures["parts"].items():
        for way, t in p["totals"].items():
            lines.append(
                f"| {part} | {p['n']} | {way} | {100 * t['faithful_kept']:.1f}%"
                f" | {100 * t['unfaithful_caught']:.1f}% | {t['balanced_accuracy']:.3f} |"
            )
    return lines


def _row(c: dict[str, Any]) -> str:
    """One cluster's row of the summary table; shares are over all kept sentences."""
    a, x = c["article_briefs"], c["cross_brief"]
    kept = a["sentences"] + x["sentences"]

    def mean(get: Any) -> float | None:
        return sum((get(b) or 0) * b["sentences"] for b in (a, x)) / kept if kept else None

    checks = [_pct(mean(lambda b, n=name: b["check_pass_share"][n])) for name in CHECKS]
    rouge = " / ".join(_num(v) for v in c["rouge"].values()) if c["rouge"] else "–"
    cells = [
        c["id"], c["articles"], f"{a['sentences']} / {x['sentences']}",
        _pct(mean(lambda b: b["cited_share"])), *checks, _num(mean(lambda b: b["mean_support"])),
        a["reattributed"] + x["reattributed"], a["regenerated"] + x["regenerated"],
        sum(a["dropped"].values()) + sum(x["dropped"].values()), len(c["disagreements"]), rouge,
        f"{c['tokens_in']} / {c['tokens_out']}", c["calls"], f"{sum(c['seconds'].values()):.1f}",
        f"{c['passage_tokens']} / {c['input_tokens']} ({_num(c['passage_ratio'])})",
    ]  # fmt: skip
    return "| " + " | ".join(str(cell) for cell in cells) + " |"


def _brief_lines(title: str, b: dict[str, Any]) -> list[str]:
    """Detail lines for the article briefs or the cross brief of a cluster."""
    checks = ", ".join(f"{name} {_pct(b['check_pass_share'][name])}" for name in CHECKS)
    dropped = ", ".join(f"{k} {v}" for k, v in b["dropped"].items())
    return [
        f"- {title}: {b['briefs']} briefs, sentences per brief {b['sentences_per_brief']}; "
        f"cited {_pct(b['cited_share'])}; checks passed (kept sentences only, 100% by construction): "
        f"{checks}; mean support {_num(b['mean_support'])}",
        f"  - re-attributed {b['reattributed']}, regenerated {b['regenerated']}, dropped: {dropped}",
        *(f"  - dropped: {reason}" for reason in b["dropped_reasons"]),
    ]


def _details(c: dict[str, Any]) -> list[str]:
    """Detail lines for one cluster."""
    sources = ", ".join(f"{n} with {k} source(s)" for k, n in c["corroboration"].items()) or "none"
    stages = ", ".join(f"{k} {v:.2f} s" for k, v in c["seconds"].items())
    lines = [
        f"- {c['articles']} articles, {c['reprints']} of them reprints",
        *_brief_lines("article briefs", c["article_briefs"]),
        *_brief_lines("cross brief", c["cross_brief"]),
        f"- cross-brief corroboration: {sources}; disputed sentences {c['disputed']}",
        f"- flagged suspect passages {len(c['flagged'])}" + "".join(f"; {r}" for r in c["flagged"]),
        f"- disagreements {len(c['disagreements'])}" + "".join(f"; {t}" for t in c["disagreements"]),
        "- ROUGE F1: "
        + (
            ", ".join(f"{k.upper()} {v:.3f}" for k, v in c["rouge"].items()) if c["rouge"] else "no reference"
        ),
        f"- {c['calls']} model calls ({c['repair_calls']} repairs), {c['tokens_in']} tokens in, "
        f"{c['tokens_out']} out; {stages}",
        f"- input {c['input_tokens']} tokens; passages sent {c['passage_tokens']} tokens"
        f" (ratio {_num(c['passage_ratio'])})",
    ]
    lines += [f"- skipped {s['what']}: {s['reason']}" for s in c["skipped"]]
    lines += [f"- failed {s['what']}: {s['reason']}" for s in c["failed_briefs"]]
    lines += [f"- **bug**: {p}" for p in c["problems"]]
    for brief in c["briefs"]:
        lines += ["", *_sentence_lines(brief)]
    return lines


def _sentence_lines(brief: dict[str, Any]) -> list[str]:
    """One brief's headline, kept sentences with the passages they cite, and dropped sentences."""
    scope = "cross brief" if brief["kind"] == "cross" else f"article {brief['article_ids'][0]}"
    lines = [f"### {scope}: {brief['headline']}", ""]
    for s in brief["sentences"]:
        again = " (re-attributed)" if s["reattributed"] else ""
        lines.append(f"- kept: {s['text']} [{', '.join(s['citations'])}]{again}")
    return lines + [f"- dropped: {d['text']} ({d['reason']})" for d in brief["dropped"]]


def main(argv: list[str] | None = None) -> int:
    """Measure every cluster, write `<out>.json` and `<out>.md`; 1 if a kept sentence is a bug."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("inputs", nargs="+", help="folders or files (one cluster), or JSONL of clusters")
    parser.add_argument("--out", type=Path, help="report path without suffix (default: quality-MODEL)")
    parser.add_argument("--model", help="catalogue model name or GGUF path (default: BRIEFING_MODEL)")
    parser.add_argument(
        "--faithfulness",
        type=Path,
        default=FAITHFULNESS,
        help="bench/faithfulness.py's JSON, whose figures are shown beside the check-pass shares",
    )
    args = parser.parse_args(argv)
    settings = Settings(model=args.model) if args.model else Settings()
    loading = Progress(sys.stderr)
    inner = open_backend(settings, loading)
    backend = Counting(inner, inner.name, inner.sha256, inner.n_ctx)
    with tempfile.TemporaryDirectory() as tmp:
        clusters, errors = load_clusters(args.inputs, Path(tmp))
        measured = [measure(c, backend, settings) for c in clusters]
    report = {
        "model": {"name": inner.name, "sha256": inner.sha256, "backend": settings.backend},
        "model_load_seconds": sum(u.seconds for u in loading.usage),
        "prompt_versions": {name: load_prompt(name).version for name in PROMPT_NAMES},
        "settings": settings.model_dump(mode="json", exclude={"models_dir"}),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "cores": os.cpu_count(),
        "regenerated_means": "briefs with a repair call: a call continuing the previous call's messages",
        "check_pass_shares": BY_CONSTRUCTION,
        "faithfulness": independent_figures(args.faithfulness),
        "input_errors": errors,
        "clusters": measured,
    }
    out: Path = args.out or Path("bench/results") / f"quality-{inner.name}"
    out.parent.mkdir(parents=True, exist_ok=True)
    text = markdown(report)
    Path(f"{out}.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    Path(f"{out}.md").write_text(text, encoding="utf-8")
    print(text, end="")
    bugs = [p for c in measured for p in c["problems"]]
    for bug in bugs:
        print(f"quality: bug: {bug}", file=sys.stderr)
    return 1 if bugs else 0


if __name__ == "__main__":
    sys.exit(main())
