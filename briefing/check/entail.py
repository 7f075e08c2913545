"""Entailment from the local model: is a claim fully supported by the passages it cites?

The structure checks catch a claim that turns its source's meaning in a way the parse can see; what
they cannot place (an invented detail in other words, a reason the source never gives) goes to the
model already loaded for the briefs, as one yes/no question (`prompts/entail.toml`). The answer is
read from the probabilities of the first answer token ("Yes" against "No"), never from sampled text,
so a verdict is a number that a threshold can be calibrated on.

The threshold (the setting `entailment_threshold`) was calibrated with `bench/faithfulness.py
--calibrate` on the labelled set in `bench/faithfulness/` (the dev files only; the held-out file is
never used to choose it), with the
default model, on the claims that pass the structure and lexical checks: see
`bench/results/faithfulness.md`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from briefing.backends.base import Message
from briefing.prompts import load_prompt
from briefing.text.sentences import sentence_spans
from briefing.text.words import content_words

# Claims and passages longer than this many characters are cut for the judge only (the structure
# and lexical checks always read everything): a passage is at most a few hundred tokens anyway.
_MAX_EVIDENCE_CHARS = 4000
_SHOW_WHOLE_CHARS = 240
_MOST_SENTENCES = 3


@runtime_checkable
class YesNoScorer(Protocol):
    """A backend that can say how likely "Yes" is as the first token of its answer."""

    def yes_probability(self, messages: list[Message]) -> float:
        """P(first answer token is "Yes") / (P("Yes") + P("No")) for a chat prompt."""
        ...


@dataclass
class EntailmentJudge:
    """Scores (claim, passages) pairs with a model; remembers each pair's score for the run."""

    scorer: YesNoScorer
    threshold: float
    calls: int = 0
    _scores: dict[tuple[str, tuple[str, ...]], float] = field(default_factory=dict)

    def score(self, claim: str, passages: Sequence[str]) -> float:
        """The model's probability that `passages` support all of `claim`."""
        key = (claim, tuple(passages))
        if key not in self._scores:
            self.calls += 1
            self._scores[key] = self.scorer.yes_probability(entailment_messages(claim, passages))
        return self._scores[key]

    def entails(self, claim: str, passages: Sequence[str]) -> bool:
        """Whether the score clears the calibrated threshold."""
        return self.score(claim, passages) >= self.threshold


def entailment_messages(claim: str, passages: Sequence[str]) -> list[Message]:
    """The judge's prompt: the fixed instructions, the evidence, then the claim."""
    evidence = "\n".join(f"- {s}" for s in evidence_sentences(claim, passages))[:_MAX_EVIDENCE_CHARS]
    return load_prompt("entail").render(evidence=evidence, claim=" ".join(claim.split()))


def evidence_sentences(claim: str, passages: Sequence[str]) -> list[str]:
    """The sentences of the passages that share words with the claim, in reading order.

    The model reads every token it is shown at about 90 a second on two cores: a sentence that
    shares no content word with the claim cannot bear it out, and leaving it out keeps a question
    under a second. Short passages are shown whole.
    """
    sentences = [" ".join(t[s:e].split()) for t in passages for s, e in sentence_spans(t)]
    if sum(len(s) for s in sentences) <= _SHOW_WHOLE_CHARS:
        return sentences
    wanted = set(content_words(claim).values())
    shared = [len(wanted & set(content_words(s).values())) for s in sentences]
    best = sorted(range(len(sentences)), key=lambda i: -shared[i])[:_MOST_SENTENCES]
    return [sentences[i] for i in sorted(best) if shared[i]] or sentences[:_MOST_SENTENCES]


def judge_for(backend: object, *, enabled: bool, threshold: float) -> EntailmentJudge | None:
    """A judge over `backend` when entailment is on and the backend can score yes/no questions."""
    if not enabled or not isinstance(backend, YesNoScorer) or not getattr(backend, "can_judge", True):
        return None
    return EntailmentJudge(backend, threshold)
