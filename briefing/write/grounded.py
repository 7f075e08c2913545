"""A drafted sentence against the passages it may cite: the citations that bear it out, and whether
it says the thing in its own words."""

from __future__ import annotations

from collections.abc import Mapping

from briefing.check.verify import find_support, verify_sentence
from briefing.schema import Citation, Passage, Sentence
from briefing.text.copying import longest_copied_run
from briefing.write.compress import compress
from briefing.write.reply_format import text_problems


def grounded(
    text: str, cited: list[str], shown: list[str], passages: Mapping[str, Passage]
) -> Sentence | str:
    """The sentence with citations that bear it out, or why none do.

    A sentence that its own citations do not support is re-attributed to the passages shown in the
    same prompt that do, if any: small models often cite the passage next to the right one.
    """
    verification = verify_sentence(text, [passages[p].text for p in cited])
    reattributed = False
    if verification.passed:
        # Cite only what the sentence rests on: a model often cites every passage it was shown.
        cited = find_support(text, {p: passages[p].text for p in cited}) or cited
    else:
        better = find_support(text, {p: passages[p].text for p in shown})
        if better is None:
            return f"unsupported: {verification.reason()}"
        cited, reattributed = better, True
    verification = verify_sentence(text, [passages[p].text for p in cited])
    return Sentence(
        text=text,
        citations=[Citation.of(passages[p], passages) for p in cited],
        verification=verification,
        reattributed=reattributed,
    )


def in_own_words(
    sentence: Sentence,
    text: str,
    cited: list[str],
    shown: list[str],
    passages: Mapping[str, Passage],
    limit: int,
) -> Sentence | str:
    """The sentence if it copies no more than `limit` source words in a row, else its cut-down form
    (`compress.py`) when that still passes the checks, else why it is refused."""
    sources = [passages[p].text for p in shown]
    copied = longest_copied_run(text, sources)
    if copied.words <= limit:
        return sentence
    shorter = compress(text, sources, limit)
    # A cut is held to what a drafted sentence is: "The pensioner lost his life when floodwater
    # carried his car off a ford" cut to its first clause says nothing that stands alone.
    if shorter is not None and not text_problems(shorter):
        checked = grounded(shorter, [c.passage_id for c in sentence.citations] or cited, shown, passages)
        if isinstance(checked, Sentence):
            return checked
    return (
        f'copies {copied.words} words in a row from the source ("{copied.text}"): say it in your '
        "own words, or quote the speaker's exact words in single quotation marks"
    )
