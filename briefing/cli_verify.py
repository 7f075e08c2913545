"""The work behind `briefing verify`: read claims, check each, write verdicts as they come."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from briefing.check.entail import EntailmentJudge, judge_for
from briefing.config import Settings
from briefing.errors import InputError
from briefing.progress import Progress
from briefing.runtime import open_model
from briefing.schema import REASONS
from briefing.verification import ClaimVerdict, read_requests, verify_claim


def run_verify(
    lines: Iterable[str],
    origin: str,
    settings: Settings,
    progress: Progress,
    fmt: str,
    write: Callable[[str], None],
) -> list[InputError]:
    """Check every claim in `lines`; write each verdict; return the lines that could not be read."""
    requests = list(read_requests(iter(lines), origin))
    bad = [r for r in requests if isinstance(r, InputError)]
    good = [r for r in requests if not isinstance(r, InputError)]
    count_tokens, judge = _tools(settings, progress, bool(good))
    for number, request in enumerate(good, start=1):
        progress.say(f"verifying claim {number}/{len(good)}: {request.id}")
        verdict = verify_claim(request, settings, count_tokens, judge)
        write(
            json.dumps(verdict.model_dump(mode="json"), ensure_ascii=False)
            if fmt == "jsonl"
            else markdown(verdict)
        )
    return bad


def _tools(
    settings: Settings, progress: Progress, needed: bool
) -> tuple[Callable[[str], int], EntailmentJudge | None]:
    """The token counter for chunking, and the judge when entailment is on (the model loaded once)."""
    from briefing.backends.loader import token_counter

    if not needed:
        return len, None
    if not settings.entailment:
        return token_counter(settings, progress), None
    backend = open_model(settings, progress)
    judge = judge_for(backend, enabled=True, threshold=settings.entailment_threshold)
    if judge is None:
        progress.say(f"the {settings.backend} backend cannot answer yes/no questions: no entailment check")
    return backend.count_tokens, judge


def markdown(verdict: ClaimVerdict) -> str:
    """One claim's verdict for people: each sentence, its quoted evidence and what failed."""
    mark = "supported" if verdict.supported else "NOT supported"
    lines = [f"## {verdict.id}: {mark}", ""]
    for sentence in verdict.sentences:
        score = f" (score {sentence.score:.2f})" if sentence.score is not None else ""
        lines.append(f"- {'✓' if sentence.supported else '✗'} {sentence.text}{score}")
        for citation in sentence.citations:
            lines.append(f"  > {' '.join(citation.quote.split())}")
        for check in sentence.checks:
            if not check.passed:
                detail = "; ".join(check.missing) if check.missing else ""
                lines.append(
                    f"  - {check.name}: {REASONS.get(check.name, 'too little support')}"
                    + (f": {detail}" if detail else "")
                )
    return "\n".join(lines) + "\n"
