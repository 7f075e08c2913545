"""Claims and how they join into facts: the checked sentences of the article briefs, each put to
the other sources, and grouped when two sources state one fact (see `story.py`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from briefing.check.entail import EntailmentJudge
from briefing.check.verify import verify_sentence
from briefing.schema import Brief, Extraction, Passage, Sentence, SourceSupport
from briefing.text.events import same_happening
from briefing.text.figure_match import missing_figures
from briefing.text.parser import parse
from briefing.text.quantities import quantities
from briefing.text.quantity_compare import same_value
from briefing.text.words import content_words
from briefing.write.one_fact import facts_of

_SAME_WORDS = 0.34  # share of content words two claims share to be one fact without a shared passage
_RELATED = 0.3  # share of the shorter claim's content words the other has, to compare them at all
_SHARED_PASSAGE_WORDS = 0.3  # share of the shorter claim's words, for one resting on the other's passage


@dataclass
class Claim:
    """A checked sentence of one article brief, and the independent sources found to bear it out."""

    sentence: Sentence
    article_id: str
    source: str  # the independent source: the original the article reprints, or itself
    order: int  # place of the sentence in its brief
    position: float  # where its first cited passage sits in the article: 0 top, 1 bottom
    support: dict[str, SourceSupport] = field(default_factory=dict)

    @property
    def cited(self) -> set[str]:
        return {c.passage_id for c in self.sentence.citations}


@dataclass
class Group:
    """Claims that state one fact; the first is the one the others joined."""

    claims: list[Claim]

    @property
    def head(self) -> Claim:
        return self.claims[0]

    def support(self) -> dict[str, SourceSupport]:
        merged: dict[str, SourceSupport] = {}
        for claim in self.claims:
            for source, found in claim.support.items():
                known = merged.get(source)
                if known is None:
                    merged[source] = found
                    continue
                ids = list(dict.fromkeys([*known.passage_ids, *found.passage_ids]))
                reprints = sorted({*known.reprints, *found.reprints})
                merged[source] = SourceSupport(article_id=source, passage_ids=ids, reprints=reprints)
        return merged


def cross_support(
    claims: Sequence[Claim],
    passages: Mapping[str, Passage],
    root: Callable[[str], str],
    judge: EntailmentJudge | None,
) -> None:
    """Claims of two sources about the same thing, each read against the other's own passages.

    `corroborate` reads a claim against the passage of each source closest in words; two outlets
    telling one event in different words and details ("A 71-year-old man died…" and "A pensioner
    lost his life") are found here: when the claims share their words, the passages of its own
    source that one rests on are put to the checks (and the judge) for the other.
    """
    for a in claims:
        for b in claims:
            if a.source == b.source or b.source in a.support:
                continue
            if contained(a.sentence.text, b.sentence.text) < _RELATED:
                continue
            own = sorted(p for p in b.cited if root(passages[p].article_id) == b.source)
            if own and verify_sentence(a.sentence.text, [passages[p].text for p in own], judge=judge).passed:
                a.support[b.source] = SourceSupport(article_id=b.source, passage_ids=own)


def claims_of(
    briefs: Sequence[Brief],
    articles: Mapping[str, Extraction],
    root: Callable[[str], str],
    passages: Mapping[str, Passage],
) -> list[Claim]:
    """The checked sentences of the article briefs as claims, one fact each (`one_fact.facts_of`):
    outlets are counted for each fact apart."""
    claims = []
    for brief in briefs:
        article_id = brief.article_ids[0]
        order_of = {p: i for i, p in enumerate(articles[article_id].passage_ids)}
        count = max(1, len(order_of))
        for order, whole in enumerate(brief.sentences):
            first = min((order_of.get(c.passage_id, count) for c in whole.citations), default=count)
            for sentence in facts_of(whole, passages):
                claims.append(Claim(sentence, article_id, root(article_id), order, min(1.0, first / count)))
    return claims


def group_claims(claims: Sequence[Claim]) -> list[Group]:
    """Claims joined into facts: each joins the first fact whose leading claim it matches both ways,
    or one of whose claims tells the same happening (a fact led by "began supplying homes on
    Tuesday" takes "opened the plant" by its words, and "went into service" through that)."""
    ranked = sorted(claims, key=lambda c: (-len(c.support), c.position, c.order))
    groups: list[Group] = []
    for claim in ranked:
        home = next((g for g in groups if _joins(g, claim)), None)
        if home is None:
            groups.append(Group([claim]))
        else:
            home.claims.append(claim)
    return groups


def _joins(group: Group, claim: Claim) -> bool:
    return _same_fact(group.head, claim) or any(_one_happening(c, claim) for c in group.claims)


def _same_fact(a: Claim, b: Claim) -> bool:
    """Whether two claims state one fact: the same words, or each borne out by the other's source."""
    shared = shared_words(a.sentence.text, b.sentence.text)
    if a.sentence.text == b.sentence.text or (a.cited & b.cited and shared >= _SAME_WORDS):
        return True
    if same_figure(a.sentence.text, b.sentence.text):
        return True
    if a.source == b.source:
        return False
    # b rests on the very passage that bears a out: one fact, if they also share some words, and b
    # gives no figure a lacks or tells the same deed ("walked out …, closing 42 schools"). A passage
    # holds several facts: "the plant went into service" and "the plant will produce 120,000 cubic
    # metres a day" rest on one, and are two.
    one_way = b.source in a.support and set(a.support[b.source].passage_ids) & b.cited
    same_deed = not missing_figures(b.sentence.text, [a.sentence.text]) or _same_verb(a, b)
    if one_way and same_deed and contained(a.sentence.text, b.sentence.text) >= _SHARED_PASSAGE_WORDS:
        return True
    if b.source not in a.support or a.source not in b.support:
        return False
    # Each is borne out by the very passage the other cites. One way is not enough: a passage holds
    # several facts, and a claim that cites two outlets ("anyone with symptoms should seek advice")
    # is borne out in the other outlet by a passage that also says "the tower was turned off".
    through_cited = (
        set(a.support[b.source].passage_ids) & b.cited and set(b.support[a.source].passage_ids) & a.cited
    )
    return bool(through_cited) or shared >= _SAME_WORDS


def _one_happening(a: Claim, b: Claim) -> bool:
    """One happening in other words ("went into service", "performed the official opening"), that
    some source reports both ways round, b giving no figure a lacks: "cut the ribbon in front of
    200 guests" is the opening too, but its figure is a fact of its own."""
    ours, theirs = {a.source, *a.support}, {b.source, *b.support}
    return (
        bool(ours & theirs)
        and not missing_figures(b.sentence.text, [a.sentence.text])
        and same_happening(a.sentence.text, b.sentence.text)
    )


def _same_verb(a: Claim, b: Claim) -> bool:
    return parse(a.sentence.text)[:].root.lemma_ == parse(b.sentence.text)[:].root.lemma_


_FIGURE_WORDS = 2  # content words two claims share besides one figure, to be one fact through it


def same_figure(a: str, b: str) -> bool:
    """Whether two claims give one figure of one kind ("130mm", "a 71-year-old") and share a few more
    words: one fact told twice, whoever tells it and in whatever words ("A 71-year-old man died in a
    ford accident" and "A 71-year-old man died at Pennock Lane after his car was swept off the ford").
    The checks and the judge need the other source to bear out every detail of a claim; a reader
    needs the fact said once, with everyone who reports it."""
    ours, theirs = quantities(a), quantities(b)
    pairs = [(x, y) for x in ours for y in theirs if x.kind == y.kind and same_value(x, y)]
    if not pairs or any(x.previous or y.previous for x, y in pairs):
        return False
    units = {w for x, _ in pairs for w in content_words(x.unit_text).values()}
    shared = set(content_words(a).values()) & set(content_words(b).values())
    return len(shared - units) >= _FIGURE_WORDS


def contained(a: str, b: str) -> float:
    """Share of the shorter text's content words that the other has."""
    ours, theirs = set(content_words(a).values()), set(content_words(b).values())
    return len(ours & theirs) / max(1, min(len(ours), len(theirs)))


def shared_words(a: str, b: str) -> float:
    ours, theirs = set(content_words(a).values()), set(content_words(b).values())
    return len(ours & theirs) / max(1, len(ours | theirs))
