"""Measure the cross-article brief: planted facts covered, sources per lead sentence, copying, length.

    .venv/bin/python bench/synthesis.py [CLUSTER_DIR ...] [--input NAME=PATH ...] [--out PATH_STEM]

Each CLUSTER_DIR holds article files and a `cluster.json` naming the facts planted in them (see
bench/synthesis/README.md); without any, every folder under bench/synthesis/ is used. `--input`
adds an unannotated cluster (examples/, the shared corpus): it gets every figure that needs no
annotation. The model is loaded once; progress goes to stderr, the report to stdout and `<out>.md`,
every figure and the briefs of our own clusters to `<out>.json`. Third-party article text (the
shared corpus) never enters the JSON: only figures.

Every figure can fail: coverage counts planted facts found in the brief's text by their keys;
sources per lead sentence come from the corroboration of each sentence; copying and length are read
from the text against the passages; fragments and repeats are found by the program.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from briefing.backends.loader import open_backend
from briefing.config import Settings
from briefing.pipeline import prepare, summarize
from briefing.progress import Progress
from briefing.schema import Result
from briefing.text.clause_core import same_core
from briefing.text.copying import longest_copied_run
from briefing.text.words import content_words
from briefing.write.story_claims import same_figure

HERE = Path(__file__).resolve().parent
CLUSTERS = HERE / "synthesis"
ARTICLE_SUFFIXES = {".txt", ".md", ".html", ".htm"}


@dataclass(frozen=True)
class Cluster:
    name: str
    inputs: list[str]
    annotation: dict[str, Any] | None
    own: bool  # our own text: briefs may be written into the JSON


def load_cluster(folder: Path) -> Cluster:
    annotation = json.loads((folder / "cluster.json").read_text(encoding="utf-8"))
    files = sorted(str(p) for p in folder.iterdir() if p.suffix in ARTICLE_SUFFIXES)
    return Cluster(folder.name, files, annotation, own=True)


def brief_lines(result: Result) -> dict[str, list[str]]:
    """The cross brief's text by part: lead, sections, disagreements (as the reader sees them)."""
    articles = {e.article.id: e.article for e in result.articles}

    def outlet(article_id: str) -> str:
        a = articles.get(article_id)
        return (a.source or a.title) if a else article_id

    lead = [s.text for s in result.cross_brief.sentences] if result.cross_brief else []
    story = result.story
    facts = {f.id: f for f in story.facts} if story else {}
    return {
        "headline": [result.cross_brief.headline] if result.cross_brief else [],
        "lead": lead,
        "also_reported": [facts[i].text for i in story.also_reported] if story else [],
        "outlet_adds": [f"{outlet(n.article_id)} reports: {n.sentence.text}" for n in story.outlet_adds]
        if story
        else [],
        "quotes": [f"'{q.text}' ({q.speaker})" for q in story.quotes] if story else [],
        "disagreements": [d.sentence(outlet) for d in result.disagreements],
    }


def covered(fact: dict[str, Any], lines: list[str]) -> bool:
    """A planted fact is covered when one line holds, for each of its key groups, one of the terms."""
    return any(
        all(any(term.lower() in line.lower() for term in group) for group in fact["keys"]) for line in lines
    )


def _has_value(text: str, value: str) -> bool:
    return re.search(rf"(?<![\w.,]){re.escape(value)}(?![\w]|[.,]\d)", text, re.IGNORECASE) is not None


def update_told(fact: dict[str, Any], result: Result) -> bool:
    """An update is told when a disagreement marked as an update carries both its values, oldest first."""
    for d in result.disagreements:
        values = [side.value for side in d.sides]
        old = next((i for i, v in enumerate(values) if _has_value(v, fact["from"])), None)
        new = next((i for i, v in enumerate(values) if _has_value(v, fact["to"])), None)
        if d.update and old is not None and new is not None and old < new:
            return True
    return False


def contradiction_stated(fact: dict[str, Any], result: Result) -> bool:
    """A contradiction is stated when one disagreement has every planted value on its sides."""
    return any(
        all(any(_has_value(side.value, v) for side in d.sides) for v in fact["values"])
        for d in result.disagreements
    )


_FINITE = {"VERB", "AUX"}
_SAYING = {"say", "tell", "announce", "add", "report"}


def _headlinese(sent: Any) -> bool:
    """A clause whose head is no verb ("14 people hurt in road bridge collapse"), or a saying verb
    with nothing said ("YouTube said in a blog post Wednesday announcing ...", "Provincial governor
    told reporters outside a damaged school.")."""
    root = sent.root
    if root.pos_ not in _FINITE:
        return True
    said = {"ccomp", "xcomp", "parataxis"} | ({"dobj"} if root.lemma_ != "tell" else set())
    return root.lemma_ in _SAYING and not any(t.dep_ in said for t in root.children)


_ARTICLE = re.compile(r"\b(?:the|a|an)\b", re.IGNORECASE)
# Of the 1,244 claims people wrote for bench/faithfulness, 7.5% of those of eight words or more have
# no article: the share a brief in plain English shows, against which a model's headline register
# ("Regional court quashes government approval for expansion") stands out.
PEOPLES_NO_ARTICLE_SHARE = 0.075


def no_article_share(lines: list[str]) -> float | None:
    """The share of sentences of eight words or more with no "the", "a" or "an" outside quotations."""
    from briefing.text.copying import outside_quotes

    long = [" ".join(outside_quotes(t)) for t in lines if len(re.findall(r"[A-Za-z]+", t)) >= 8]
    return round(sum(not _ARTICLE.search(t) for t in long) / len(long), 3) if long else None


def fragments(lines: list[str]) -> list[str]:
    """Lines that are not whole sentences: no verb, a clause (sentence or part between semicolons) whose
    head is no verb, a saying verb with nothing said, a dangling end, no capital or figure at the start,
    or no full stop."""
    from briefing.text.parser import parse

    found = []
    for line in lines:
        text = line.strip()
        doc = parse(text)
        dangling = re.search(r"(?:\.\.\.|…|\b(?:and|or|but|the|a|of|to)\s*[.]?)$", text, re.IGNORECASE)
        parts = [parse(p) for p in re.split(r";\s*", _ATTRIBUTION.sub("", text)) if p.strip()]
        if (
            not any(t.pos_ in _FINITE for t in doc)
            or any(_headlinese(sent) for part in parts for sent in part.sents)
            or dangling
            or not (text[:1].isupper() or text[:1].isdigit())  # "14 people were hurt." is a sentence
            or text[-1:] not in ".!?'\"”’"
        ):
            found.append(text)
    return found


_ATTRIBUTION = re.compile(r"^.{1,80}? reports: ")


def repeats(lines: list[str]) -> list[tuple[str, str]]:
    """Pairs of lines that say the same: most content words shared, a figure and many words, one
    figure of one kind with a few more words (`same_figure`), or one event (`same_core`: who did what
    to what). The "X reports: " attribution of a
    section line is left out: two lines of one outlet share its name, not their fact."""
    found = []
    bare = [_ATTRIBUTION.sub("", line) for line in lines]
    words = [set(content_words(line).values()) for line in bare]
    figures = [set(re.findall(r"\d[\d,.]*", line)) for line in bare]
    for i in range(len(lines)):
        for j in range(i + 1, len(lines)):
            shared = len(words[i] & words[j]) / max(1, len(words[i] | words[j]))
            if (
                shared >= 0.6
                or (figures[i] & figures[j] and shared >= 0.4)
                or same_figure(bare[i], bare[j])
                or same_core(bare[i], bare[j])
            ):
                found.append((lines[i], lines[j]))
    return found


def lost_at(fact: dict[str, Any], result: Result, shown: list[str]) -> str:
    """Where a planted fact left the pipeline: not in the passages, in no article brief, in no fact of
    the story (the claims were grouped under another fact's words), or in a fact the brief does not show."""
    story = result.story
    stages = [
        ("passages", [p.text for p in result.passages.values()]),
        ("article briefs", [s.text for b in result.article_briefs for s in b.sentences]),
        ("story facts", [f.text for f in story.facts] if story else []),
        ("brief", shown),
    ]
    for stage, texts in stages:
        if not covered(fact, texts):
            return stage
    return "covered"


def _mean_no_article(reports: list[dict[str, Any]]) -> str:
    shares = [r["no_article_share"] for r in reports if r.get("no_article_share") is not None]
    return f"{sum(shares) / len(shares):.1%}" if shares else "n/a"


def rouge(reference: str, text: str) -> dict[str, float]:
    from rouge_score import rouge_scorer  # type: ignore[import-untyped]

    scores = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True).score(reference, text)
    return {name: round(float(score.fmeasure), 4) for name, score in scores.items()}


def measure(cluster: Cluster, result: Result, seconds: float) -> dict[str, Any]:
    lines = brief_lines(result)
    written = [*lines["lead"], *lines["also_reported"], *lines["outlet_adds"]]
    everything = [*written, *lines["quotes"], *lines["disagreements"], *lines["headline"]]
    sources = [
        s.corroboration.independent_sources
        for s in (result.cross_brief.sentences if result.cross_brief else [])
        if s.corroboration
    ]
    texts = [p.text for p in result.passages.values()]
    model_sentences = [*(s.text for b in result.article_briefs for s in b.sentences), *lines["lead"]]
    runs = [longest_copied_run(text, texts).words for text in model_sentences]
    ratios = []
    for brief in result.article_briefs:
        extraction = next(e for e in result.articles if e.article.id == brief.article_ids[0])
        body = sum(len(result.passages[p].text.split()) for p in extraction.passage_ids)
        ratios.append(sum(len(s.text.split()) for s in brief.sentences) / max(1, body))
    report: dict[str, Any] = {
        "cluster": cluster.name,
        "seconds": round(seconds, 1),
        "articles": len(result.articles),
        "independent_sources": result.story.independent_sources if result.story else None,
        "facts": len(result.story.facts) if result.story else 0,
        "facts_of_several": sum(f.independent_sources >= 2 for f in result.story.facts)
        if result.story
        else 0,
        "lead_sentences": len(lines["lead"]),
        "mean_sources_per_lead_sentence": round(sum(sources) / len(sources), 2) if sources else None,
        "longest_copied_run": max(runs, default=0),
        "article_brief_share": {
            "mean": round(sum(ratios) / len(ratios), 3) if ratios else None,
            "max": round(max(ratios), 3) if ratios else None,
        },
        "fragments": fragments(written),
        "no_article_share": no_article_share(
            written + [s.text for b in result.article_briefs for s in b.sentences]
        ),
        "repeated": [list(pair) for pair in repeats(written)],
        "skipped": [f"{s.what}: {s.reason}" for s in result.skipped],
    }
    if not cluster.own:  # the model's sentences on third-party articles stay out of the repository
        report["fragments"] = [f"(fragment {n})" for n, _ in enumerate(report["fragments"], start=1)]
        report["repeated"] = [["(repeat)", f"({n})"] for n, _ in enumerate(report["repeated"], start=1)]
        report["skipped"] = [s.split(":")[0] for s in report["skipped"]]
    annotation = cluster.annotation
    if annotation is not None:
        facts = annotation["facts"]
        half = max(2, -(-len(annotation["outlets"]) // 2))
        shared = [f for f in facts if f["kind"] == "shared" and len(f["outlets"]) >= half]
        report["shared_facts"] = len(shared)
        report["shared_covered"] = [f["id"] for f in shared if covered(f, everything)]
        report["shared_lost_at"] = {
            f["id"]: lost_at(f, result, everything) for f in shared if f["id"] not in report["shared_covered"]
        }
        report["unique_covered"] = [
            f["id"] for f in facts if f["kind"] == "unique" and covered(f, everything)
        ]
        report["updates"] = {f["id"]: update_told(f, result) for f in facts if f["kind"] == "update"}
        report["contradictions"] = {
            f["id"]: contradiction_stated(f, result) for f in facts if f["kind"] == "contradiction"
        }
        if "reference" in annotation:
            reference = " ".join([annotation["reference"]["headline"], *annotation["reference"]["sentences"]])
            report["rouge"] = rouge(
                reference, " ".join([*lines["headline"], *lines["lead"], *lines["also_reported"]])
            )
    if cluster.own:
        report["brief"] = lines
        report["article_briefs"] = {
            (e.article.source or e.article.id): [s.text for s in b.sentences]
            for b in result.article_briefs
            for e in result.articles
            if e.article.id == b.article_ids[0]
        }
        report["story_facts"] = [
            {"id": f.id, "sources": f.independent_sources, "background": f.background, "text": f.text}
            for f in (result.story.facts if result.story else [])
        ]
    return report


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "n/a"


def markdown(reports: list[dict[str, Any]], meta: dict[str, Any]) -> str:
    out = [
        "# Cross-article brief bench (bench/synthesis.py)",
        "",
        f"Model {meta['model']}, {meta['when']}, {meta['machine']}. Every figure is read from the output "
        "by the program; see the script's docstring.",
        "",
        "| cluster | s | sources | facts (of several) | lead sentences | sources per lead sentence | "
        "shared facts covered | updates told | contradictions stated | longest copy | article brief share "
        "(mean / max) | fragments | repeats | no article | ROUGE-1/2/L |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in reports:
        shared = f"{len(r['shared_covered'])}/{r['shared_facts']}" if "shared_facts" in r else "n/a"
        updates = f"{sum(r['updates'].values())}/{len(r['updates'])}" if "updates" in r else "n/a"
        contra = (
            f"{sum(r['contradictions'].values())}/{len(r['contradictions'])}"
            if "contradictions" in r
            else "n/a"
        )
        rg = (
            "/".join(f"{r['rouge'][k]:.2f}" for k in ("rouge1", "rouge2", "rougeL"))
            if r.get("rouge")
            else "n/a"
        )
        share = r["article_brief_share"]
        cells = [
            r["cluster"], r["seconds"], r["independent_sources"], f"{r['facts']} ({r['facts_of_several']})",
            r["lead_sentences"], r["mean_sources_per_lead_sentence"], shared, updates, contra,
            r["longest_copied_run"], f"{share['mean']} / {share['max']}", len(r["fragments"]),
            len(r["repeated"]), r["no_article_share"], rg,
        ]  # fmt: skip
        out.append("| " + " | ".join(str(c) for c in cells) + " |")
    own = [r for r in reports if "shared_facts" in r]
    shared_total = sum(r["shared_facts"] for r in own)
    shared_hit = sum(len(r["shared_covered"]) for r in own)
    updates = [v for r in own for v in r["updates"].values()]
    contra = [v for r in own for v in r["contradictions"].values()]
    longest = max((r["longest_copied_run"] for r in reports), default=0)
    widest = max((r["article_brief_share"]["max"] or 0 for r in reports), default=0)
    out += [
        "",
        "## Totals over the annotated clusters",
        "",
        f"- planted facts reported by at least half the sources, covered: {shared_hit}/{shared_total} "
        f"({_pct(shared_hit, shared_total)}; target 100%)",
        f"- updates told as updates: {sum(updates)}/{len(updates)}; contradictions stated with both sides: "
        f"{sum(contra)}/{len(contra)} (target: all)",
        f"- longest copied run outside quotation marks: {longest} words (target ≤ 12)",
        f"- article briefs: at most {widest:.0%} of their article's words (target ≤ 35%)",
        f"- fragments: {sum(len(r['fragments']) for r in reports)}; repeated facts: "
        f"{sum(len(r['repeated']) for r in reports)} (target 0)",
        "- sentences of eight words or more with no article, mean over clusters: "
        f"{_mean_no_article(reports)} (claims people wrote: {PEOPLES_NO_ARTICLE_SHARE:.1%})",
        "",
    ]
    for r in reports:
        if r["fragments"] or r["repeated"] or r["skipped"] or r.get("shared_lost_at"):
            out += [f"### {r['cluster']}", ""]
            if r.get("brief") is not None:
                out += [
                    f"- planted fact not covered: {k} (lost at: {v})"
                    for k, v in r.get("shared_lost_at", {}).items()
                ]
                out += [f"- fragment: {t}" for t in r["fragments"]]
                out += [f"- repeat: {a} / {b}" for a, b in r["repeated"]]
            else:  # third-party text stays out of the repository
                out += [f"- {len(r['fragments'])} fragments, {len(r['repeated'])} repeats (text not shown)"]
            out += [f"- skipped {s}" for s in r["skipped"]]
            out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("clusters", nargs="*", type=Path)
    parser.add_argument("--input", action="append", default=[], metavar="NAME=PATH")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "synthesis")
    parser.add_argument("--model", default=None)
    args = parser.parse_args(argv)
    folders = args.clusters or sorted(p.parent for p in CLUSTERS.glob("*/cluster.json"))
    clusters = [load_cluster(f) for f in folders]
    for item in args.input:
        name, equals, path = item.partition("=")
        if not equals or not name or not path:  # "--input some/folder" once read the whole working folder
            parser.error(f"--input {item!r}: give NAME=PATH, or pass a cluster folder without --input")
        annotation_file = CLUSTERS / f"{name}.json"
        annotation = json.loads(annotation_file.read_text()) if annotation_file.is_file() else None
        clusters.append(Cluster(name, [path], annotation, own=name == "examples"))
    settings = Settings(**({"model": args.model} if args.model else {}), cache=False)
    progress = Progress(sys.stderr)
    backend = open_backend(settings, progress)
    reports = []
    for cluster in clusters:
        progress.say(f"cluster {cluster.name}")
        started = time.perf_counter()
        prepared = prepare(cluster.inputs, settings, backend.count_tokens, progress)
        result = summarize(prepared, backend, settings, progress)
        reports.append(measure(cluster, result, time.perf_counter() - started))
    meta = {
        "model": backend.name,
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
    }
    report = markdown(reports, meta)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.with_suffix(".md").write_text(report + "\n", encoding="utf-8")
    args.out.with_suffix(".json").write_text(
        json.dumps({"meta": meta, "clusters": reports}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
