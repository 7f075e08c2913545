"""Which passages say what other outlets say too: the facts a story's sources share.

The article briefs are short (a third of the article's words at most) and a small model fills them
from the lead paragraphs, so a fact that every outlet reports in its fifth paragraph (the fishers'
worry, the buoys, the investigation) never reaches the cross brief. The program finds those passages
before the model writes, and the article prompt marks them ("also in 2 other outlets") so the brief
covers them: the program decides what the story is, the model writes it up.

A passage is shared with another article when one of its sentences and one of that article's share
at least `MIN_WORDS` content words and `MIN_SHARE` of the shorter one's. Articles that are copies of
another (`duplicate_of`) and the places a passage is reprinted (`also_in`) are not other outlets.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet

from briefing.schema import Extraction, Passage
from briefing.text.sentences import sentence_spans
from briefing.text.words import content_words

MIN_WORDS = 3
MIN_SHARE = 0.4


def sentence_words(text: str) -> list[set[str]]:
    """The content words of each sentence of a text."""
    return [set(content_words(text[s:e]).values()) for s, e in sentence_spans(text)]


def same_sentence(a: AbstractSet[str], b: AbstractSet[str]) -> bool:
    """Whether two sentences (as content words) say the same: enough words, and enough of the shorter's."""
    shared = len(a & b)
    return shared >= MIN_WORDS and shared >= MIN_SHARE * min(len(a), len(b))


def _says_same(ours: list[set[str]], theirs: list[set[str]]) -> bool:
    return any(same_sentence(a, b) for a in ours for b in theirs)


def shared_counts(passages: Mapping[str, Passage], extractions: Sequence[Extraction]) -> dict[str, int]:
    """For each passage of an article briefed on its own, how many other outlets say what it says."""
    own = [e for e in extractions if e.duplicate_of is None and e.passage_ids]
    read = {pid: sentence_words(passages[pid].text) for e in own for pid in e.passage_ids}
    counts: dict[str, int] = {}
    for extraction in own:
        for pid in extraction.passage_ids:
            reprinted = {s.article_id for s in passages[pid].also_in}
            others = {
                e.article.id
                for e in own
                if e.article.id != extraction.article.id
                and e.article.id not in reprinted
                and any(_says_same(read[pid], read[q]) for q in e.passage_ids)
            }
            if others:
                counts[pid] = len(others)
    return counts
