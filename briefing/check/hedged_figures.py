"""A figure the sources give only as a possibility or a plan, stated as fact: "will be out for six
weeks" where the club said the striker "is expected to miss around six weeks". The verbs differ
("be out", "miss"), so the clause check finds no telling to compare; the figure finds it.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from briefing.check.align import Problems
from briefing.check.cues import HEDGE_MODALS
from briefing.check.modality import is_hedged
from briefing.check.placed_figures import Figure, figure_tokens
from briefing.check.tree import lemma

_NOT_AMOUNTS = frozenset({"DATE", "TIME", "ORDINAL"})


def hedged_figures(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """Figures of plain clauses of the sentence that every source telling gives in a hedged clause."""
    if any(lemma(t) in HEDGE_MODALS for t in claim):
        return []  # the sentence keeps a "could" or "may" somewhere: read by the clause check
    told = [f for doc in evidence for f in figure_tokens(doc) if _amount(f)]
    problems = []
    for figure in (f for f in figure_tokens(claim) if _amount(f)):
        if figure.verb is None or is_hedged(figure.verb):
            continue
        same = [f for f in told if f.value == figure.value and f.unit == figure.unit]
        if same and all(f.verb is not None and is_hedged(f.verb) for f in same):
            problems.append(f"'{figure.token.text}' is a possibility or plan in the source")
    return problems


def _amount(figure: Figure) -> bool:
    """An amount, a count or a span of time ("six weeks"); not a year or a date ("2015", "May 3")."""
    if figure.token.ent_type_ == "ORDINAL":
        return False
    return figure.unit is not None or figure.token.ent_type_ not in _NOT_AMOUNTS
