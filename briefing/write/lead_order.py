"""The lead opens with the fact most outlets report.

The model is asked to put the facts most outlets report first, and a small model does not always;
nor does its telling of the top fact always pass the final check. On examples/ the model wrote the
opening of the plant (all four outlets) together with the ribbon in one sentence, the judge refused
the pair against the seven passages behind them, and the lead was left with the buoys, the bills and
the fishers. The program decides what the story is, so the checked lead is put in the order of the
facts its sentences state, and when none states the top fact (its passages cited, its figures and
ranks carried), the fact's own telling opens it: a checked sentence of an article brief, citing the
passage that bears it out, and checked again like every lead sentence. A headline that shares no
word with the top fact was written about something else, and the fact's telling heads the lead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from briefing.check.verify import verify_sentence
from briefing.errors import GenerationError
from briefing.schema import Brief, Citation, Fact, Sentence
from briefing.text.words import content_words

MOST_SENTENCES = 4  # the longest lead the model is asked for


def open_with_top_fact(
    lead: Brief,
    facts: Sequence[Fact],
    carries: Callable[[str, str], bool],
    check: Callable[[Brief], Brief],
) -> Brief:
    """The checked `lead` in the order of the facts its sentences state, the first fact first.

    `carries(sentence, fact)`: whether a sentence says what makes a fact news (its figures, ranks);
    `check`: the final check of a brief, which raises GenerationError when no sentence passes.
    """
    if not facts or not lead.sentences:
        return lead
    ordered = sorted(lead.sentences, key=lambda s: _first_fact(s, facts))
    top, headline = facts[0], lead.headline
    if any(_states(s, top) and carries(s.text, top.text) for s in ordered):
        return lead.model_copy(update={"sentences": ordered})
    opening = _checked_telling(top, lead, check)
    if opening is None:
        return lead.model_copy(update={"sentences": ordered})
    if not set(content_words(headline).values()) & set(content_words(top.text).values()):
        headline = top.text.rstrip(" .")
    sentences = [opening, *ordered][:MOST_SENTENCES]
    return lead.model_copy(update={"sentences": sentences, "headline": headline})


def _checked_telling(top: Fact, lead: Brief, check: Callable[[Brief], Brief]) -> Sentence | None:
    """The top fact's telling, citing the first of its passages that bears it out, once checked."""
    own: list[Citation] = [c for c in top.citations if verify_sentence(top.text, [c.quote]).passed]
    sentence = Sentence(text=top.text, citations=(own or list(top.citations))[:1])
    alone = Brief(kind="cross", article_ids=lead.article_ids, headline=top.text, sentences=[sentence])
    try:
        return check(alone).sentences[0]
    except GenerationError:
        return None


def _states(sentence: Sentence, fact: Fact) -> bool:
    return bool({c.passage_id for c in sentence.citations} & {c.passage_id for c in fact.citations})


def _first_fact(sentence: Sentence, facts: Sequence[Fact]) -> int:
    return next((i for i, f in enumerate(facts) if _states(sentence, f)), len(facts))
