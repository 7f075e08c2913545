"""How a sentence fared against the passages it cites: one `Check` per kind, and the verdict."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from briefing.schema.frozen import Frozen

REASONS = {
    "numbers": "figures not in the cited passages",
    "names": "names not in the cited passages",
    "quotes": "quotations not verbatim in the cited passages",
    "polarity": "denies or asserts what the cited passages do not",
    "direction": "says the opposite direction",
    "roles": "swaps who did what to whom",
    "figures": "ties a figure to something else than the cited passages do",
    "speaker": "gives words to the wrong person",
    "attribution": "states someone's words or view as fact",
    "hedges": "states a possibility, plan or condition as fact",
    "time": "says another time than the cited passages",
    "ordinals": "gives a rank the cited passages do not",
    "qualifiers": "drops or adds a qualifier",
    "causes": "gives a cause the cited passages do not",
    "entailment": "the model judge does not find it in the cited passages",
}
CHECK_NAMES = Literal[
    "numbers", "names", "quotes", "support", "polarity", "direction", "roles", "figures", "speaker",
    "attribution", "hedges", "time", "ordinals", "qualifiers", "causes", "entailment",
]  # fmt: skip


class Check(Frozen):
    """The outcome of one kind of check on a sentence."""

    name: CHECK_NAMES
    passed: bool
    missing: list[str] = Field(
        default_factory=list, description="What the sentence says that the cited text does not."
    )


class Verification(Frozen):
    """Whether a sentence is borne out by the passages it cites, check by check."""

    passed: bool
    support: float
    entailment: float | None = Field(
        default=None, description="The model judge's P(supported), when it was asked (see check/entail.py)."
    )
    checks: list[Check]

    def reason(self) -> str:
        """One line saying why the sentence failed; empty when it passed."""
        parts = []
        for check in self.checks:
            if check.passed:
                continue
            if check.name == "support":
                absent = ", ".join(check.missing[:6])
                parts.append(
                    f"too little of it is in the cited passages ({self.support:.2f}; not there: {absent})"
                )
            elif check.name == "quotes":
                parts.append(f"{REASONS['quotes']}: " + ", ".join(f'"{q}"' for q in check.missing))
            elif check.name == "entailment":
                parts.append(f"{REASONS['entailment']} (P(supported) {self.entailment or 0:.2f})")
            else:
                parts.append(f"{REASONS[check.name]}: {', '.join(check.missing)}")
        return "; ".join(parts)
