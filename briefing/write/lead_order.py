"""The lead opens with the fact most outlets report.

The model is asked to put the facts most outlets report first, and a small model does not always:
on examples/ it once wrote the buoys, the bills and the fishers and left out the opening of the plant
that all four outlets report. The program decides what the story is, so it orders the lead by the
facts each sentence states, and when no sentence states the top fact (its passages cited, its
figures and ranks carried), the fact's own telling opens the lead: a checked sentence of an article
brief, citing every passage behind the fact. The lead keeps its length.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from briefing.schema import Brief, Fact, Sentence


def open_with_top_fact(lead: Brief, facts: Sequence[Fact], carries: Callable[[str, str], bool]) -> Brief:
    """`lead` with its sentences in the order of the facts they state, the first fact first.

    `carries(sentence, fact)`: whether a sentence says what makes a fact news (its figures, ranks).
    """
    if not facts or not lead.sentences:
        return lead
    ordered = sorted(lead.sentences, key=lambda s: _first_fact(s, facts))
    top = facts[0]
    if not any(_states(s, top) and carries(s.text, top.text) for s in ordered):
        opening = Sentence(text=top.text, citations=list(top.citations))
        ordered = [opening, *ordered][: len(lead.sentences)]
    return lead.model_copy(update={"sentences": ordered})


def _states(sentence: Sentence, fact: Fact) -> bool:
    return bool({c.passage_id for c in sentence.citations} & {c.passage_id for c in fact.citations})


def _first_fact(sentence: Sentence, facts: Sequence[Fact]) -> int:
    return next((i for i, f in enumerate(facts) if _states(sentence, f)), len(facts))
