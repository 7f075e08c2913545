"""bench/quality.py end to end with the fake extractive backend: the report's figures and keys."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from conftest import REPO

SCRIPT = REPO / "bench" / "quality.py"
CLUSTER_KEYS = {
    "id", "articles", "reprints", "article_briefs", "cross_brief", "briefs", "flagged", "disagreements",
    "corroboration", "disputed", "rouge", "tokens_in", "tokens_out", "calls", "repair_calls", "seconds",
    "input_tokens", "passage_tokens", "passage_ratio", "skipped", "failed_briefs", "problems",
}  # fmt: skip
BRIEF_KEYS = {
    "briefs", "sentences_per_brief", "sentences", "cited_share", "check_pass_share", "mean_support",
    "reattributed", "regenerated", "dropped", "dropped_reasons",
}  # fmt: skip


def _article(title: str, source: str, *paragraphs: str) -> dict[str, str]:
    return {"title": title, "source": source, "text": "\n\n".join(paragraphs)}


FERRY = [
    _article(
        "Island ferry returns after repairs",
        "Island Gazette",
        "The ferry between Oster and Lind resumed service on Tuesday after three weeks of engine repairs.",
        "The operator, Coastline Ferries, said the crossing would run six times a day until October.",
        "Harbourmaster Ingrid Sole said the repairs cost 2.4 million crowns.",
    ),
    _article(
        "Ferry back on the Oster route",
        "Lind Courier",
        "Coastline Ferries restarted the Oster to Lind crossing on Tuesday following engine repairs.",
        "Passengers had used a smaller replacement boat carrying 80 people since early May.",
        "The company said timetables for the winter would be published in September.",
    ),
]
LIBRARY = [
    _article(
        "Town library extends opening hours",
        "Valley Post",
        "The Brennmoor town library will open until 9 p.m. on weekdays from next month, the council said.",
        "Librarian Tomas Vey said evening visits had doubled since the reading room was rebuilt in 2022.",
    ),
    _article(
        "Later evenings at Brennmoor library",
        "Brennmoor Weekly",
        "Brennmoor's library is to stay open later on weekdays, the town council announced on Friday.",
        "The extra hours will be paid for from a cultural fund of 40,000 euros, councillors said.",
    ),
    {"title": "A record without a body"},
]
REFERENCE = (
    "Ferry service between Oster and Lind resumed on Tuesday after engine repairs by Coastline Ferries."
)


def _faithfulness_json(path: Path) -> Path:
    """A bench/faithfulness.py result in its format (totals per part and way; the rest is not read)."""

    def way(kept: float, caught: float) -> dict[str, float]:
        return {"faithful_kept": kept, "unfaithful_caught": caught, "balanced_accuracy": (kept + caught) / 2}

    part = {
        "n": 12, "kinds": {}, "seconds": {},
        "totals": {"lexical": way(0.9, 0.125), "structure": way(0.75, 0.5), "full": way(0.7, 0.625)},
    }  # fmt: skip
    report = {"model": "judge-model", "threshold": 0.4, "dev": part, "held_out": part, "all": part}
    path.write_text(json.dumps(report), encoding="utf-8")
    return path


def _run(
    tmp_path: Path, *inputs: str, faithfulness: Path | None = None
) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    out = tmp_path / "report"
    env = {**os.environ, "BRIEFING_BACKEND": "fake"}
    # Never the repository's own bench/results/faithfulness.json: whether it exists is not up to the test.
    figures = faithfulness or tmp_path / "no-faithfulness.json"
    done = subprocess.run(
        [sys.executable, str(SCRIPT), *inputs, "--out", str(out), "--faithfulness", str(figures)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == (tmp_path / "report.md").read_text()
    return done, json.loads((tmp_path / "report.json").read_text())


def _briefs(cluster: dict[str, Any]) -> list[dict[str, Any]]:
    return [cluster["article_briefs"], cluster["cross_brief"]]


def _check_texts(cluster: dict[str, Any], markdown: str) -> None:
    """The sentences behind the figures: each brief's kept sentences (cited) and dropped ones (with why)."""
    briefs = cluster["briefs"]
    kinds = [b["kind"] for b in briefs]
    assert kinds.count("article") == cluster["article_briefs"]["briefs"]
    assert kinds.count("cross") == cluster["cross_brief"]["briefs"]
    assert [len(b["sentences"]) for b in briefs if b["kind"] == "article"] == (
        cluster["article_briefs"]["sentences_per_brief"]
    )
    for brief in briefs:
        assert set(brief) == {"kind", "article_ids", "headline", "sentences", "dropped"}
        assert brief["headline"] and f"{brief['headline']}\n" in markdown
        for sentence in brief["sentences"]:
            assert sentence["text"] and sentence["citations"] and sentence["support"] is not None
            assert f"- kept: {sentence['text']} [{', '.join(sentence['citations'])}]" in markdown
        for dropped in brief["dropped"]:
            assert dropped["text"] and dropped["reason"]
            assert f"- dropped: {dropped['text']} ({dropped['reason']})" in markdown
    reasons = [d["reason"] for b in briefs for d in b["dropped"]]
    assert reasons == [r for b in _briefs(cluster) for r in b["dropped_reasons"]]


def test_examples_report_citations_disagreements_and_token_savings(tmp_path: Path) -> None:
    figures = _faithfulness_json(tmp_path / "faithfulness.json")
    done, report = _run(tmp_path, "examples", faithfulness=figures)
    assert {"model", "prompt_versions", "date", "machine", "cores", "clusters"} <= set(report)
    assert report["model"]["name"] == "fake-extractive" and len(report["model"]["sha256"]) == 64
    assert set(report["prompt_versions"]) == {
        "article",
        "combine",
        "story",
        "shorten",
        "mend",
        "entail",
        "left_out",
    }
    (cluster,) = report["clusters"]
    assert set(cluster) == CLUSTER_KEYS
    for brief in _briefs(cluster):
        assert set(brief) == BRIEF_KEYS and brief["sentences"] > 0
        assert brief["cited_share"] == 1.0
        assert all(share == 1.0 for share in brief["check_pass_share"].values())
    assert cluster["article_briefs"]["briefs"] == 4 and cluster["reprints"] == 1
    assert len(cluster["disagreements"]) == 2
    assert (
        cluster["disagreements"][0].startswith("capacity")
        and cluster["disagreements"][1] == "who led the project"
    )
    assert sum(cluster["corroboration"].values()) == cluster["cross_brief"]["sentences"]
    assert cluster["rouge"] is None and cluster["problems"] == []
    assert 0 < cluster["passage_ratio"] < 1 and cluster["passage_tokens"] < cluster["input_tokens"]
    # Four article briefs, the facts they left out (the fake's briefs are the first sentences), those
    # facts asked once more (one is borne out by too few outlets), the lead.
    assert cluster["calls"] == 7 and cluster["tokens_in"] > 0 and "article briefs" in cluster["seconds"]
    assert "fake-extractive" in done.stdout and "one run" in done.stdout
    _check_texts(cluster, done.stdout)
    # The check-pass shares above are 100% by construction; the report says so and shows the
    # independent figures of bench/faithfulness.py beside them.
    assert "kept sentences only" in report["check_pass_shares"]
    assert "100% by construction" in report["check_pass_shares"]
    assert report["check_pass_shares"] in done.stdout
    shown = report["faithfulness"]
    assert shown["run"] is True and shown["source"] == str(figures)
    assert (shown["judge"], shown["threshold"]) == ("judge-model", 0.4)
    assert set(shown["parts"]) == {"dev", "held_out", "all"}
    for part in shown["parts"].values():
        assert part["n"] == 12 and set(part["totals"]) == {"lexical", "structure", "full"}
        assert part["totals"]["full"] == {
            "faithful_kept": 0.7, "unfaithful_caught": 0.625, "balanced_accuracy": 0.6625,
        }  # fmt: skip
    table = done.stdout.split("## examples")[0]  # beside the shares, before the cluster details
    assert "judge-model at threshold 0.4" in table
    assert "| held_out | 12 | full | 70.0% | 62.5% | 0.662 |" in table
    assert "| dev | 12 | lexical | 90.0% | 12.5% | 0.512 |" in table
    assert "checks passed (kept sentences only, 100% by construction)" in done.stdout


def test_jsonl_clusters_rouge_only_with_a_reference_and_bad_records_reported(tmp_path: Path) -> None:
    clusters = tmp_path / "clusters.jsonl"
    lines = [
        {"id": "ferry", "articles": FERRY, "reference": REFERENCE},
        {"id": "library", "articles": LIBRARY},
        "{not json",
    ]
    clusters.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n")
    done, report = _run(tmp_path, str(clusters))
    ferry, library = report["clusters"]
    assert (ferry["id"], library["id"]) == ("ferry", "library")
    assert set(ferry["rouge"]) == {"rouge1", "rouge2", "rougeL"}
    assert all(0.0 <= v <= 1.0 for v in ferry["rouge"].values()) and ferry["rouge"]["rouge1"] > 0
    assert library["rouge"] is None
    for cluster in (ferry, library):
        assert cluster["article_briefs"]["briefs"] == 2 and cluster["cross_brief"]["briefs"] == 1
        assert all(b["cited_share"] == 1.0 for b in _briefs(cluster))
    (bad,) = library["skipped"]
    assert bad["what"] == f"{clusters}:2[2]" and "text" in bad["reason"]
    (error,) = report["input_errors"]
    assert error["what"] == f"{clusters}:3" and error["reason"].startswith("malformed JSON")
    for cluster in (ferry, library):
        _check_texts(cluster, done.stdout)
    # No bench/faithfulness.py results: the report says so rather than showing no figures silently.
    shown = report["faithfulness"]
    assert shown["run"] is False and "has not been run" in shown["note"] and "parts" not in shown
    assert "100% by construction" in done.stdout
    assert f"Independent figures: none; {shown['note']}." in done.stdout


def test_unreadable_faithfulness_results_are_named_not_fatal(tmp_path: Path) -> None:
    broken = tmp_path / "faithfulness.json"
    broken.write_text('{"dev": {"n": 3}}', encoding="utf-8")
    done, report = _run(tmp_path, "examples/wire-copy.txt", faithfulness=broken)
    shown = report["faithfulness"]
    assert shown["run"] is False and "cannot be read" in shown["note"] and str(broken) in shown["note"]
    assert f"Independent figures: none; {shown['note']}." in done.stdout


# Each paragraph opens with a sentence that leaves words out ("…"), which the checks refuse: the fake
# backend's extractive brief is refused, the repair call brings the same, each of its two sentences is
# sent alone to be mended (the fake backend has no answer), and each article brief fails.
ELIDED = [
    _article(
        "Harbour wall repairs begin",
        "Quay Times",
        "The harbour board … approved repairs to the north wall on Monday.",
        "Work crews … will close the slipway for two weeks from June.",
    ),
    _article(
        "North wall to be mended",
        "Bay Echo",
        "Engineers … found cracks in the north wall of the harbour last winter.",
        "The board … said the repairs would cost about 90,000 pounds.",
    ),
]


def test_briefs_that_needed_the_repair_call_count_as_regenerated_even_if_they_failed(tmp_path: Path) -> None:
    clusters = tmp_path / "clusters.jsonl"
    clusters.write_text(json.dumps({"id": "elided", "articles": ELIDED}) + "\n", encoding="utf-8")
    _, report = _run(tmp_path, str(clusters))
    (cluster,) = report["clusters"]
    assert cluster["repair_calls"] == 2 and cluster["calls"] == 8  # two articles: twice, then 2 mends
    assert cluster["article_briefs"]["regenerated"] == 2 and cluster["cross_brief"]["regenerated"] == 0
    failed = [f["what"] for f in cluster["failed_briefs"]]
    assert len(failed) == 2 and all(what.startswith("brief of article") for what in failed)
    assert cluster["article_briefs"]["briefs"] == 0 and cluster["problems"] == []
