"""The model writes one sentence for each widely told fact no brief says (found by `left_out.py`).

Each sentence is checked like any other and cites every outlet's telling that bears it out alone
(`tellings.cited_by_each`). A small model writes up mostly the telling it is shown first, with that
outlet's details ("Evacuated residents are being housed at the Corn Exchange" where the other outlet
says the council turned it into a rest centre), and then only one outlet bears the sentence out: the
fact the outlets share becomes one outlet's claim. So a fact whose sentence too few outlets bear out
to make it widely told (half the sources, at least two), or whose sentence was refused, is asked
for once more, in one call for all of them, shown by another outlet's telling first; the sentence
more outlets bear out is kept.
"""

from __future__ import annotations

from collections.abc import Sequence

from briefing.check.crosscheck import source_of
from briefing.check.entail import EntailmentJudge
from briefing.check.verify import verify_sentence
from briefing.errors import GenerationError
from briefing.prompts import load_prompt
from briefing.schema import Brief, Extraction, Sentence, Skipped
from briefing.text.background import without_dated_asides
from briefing.text.common_runs import common_runs, keeps
from briefing.text.words import content_words
from briefing.write.briefer import Briefer
from briefing.write.generate import Generated, Source
from briefing.write.left_out import LeftOut, left_out, widely_told
from briefing.write.tellings import cited_by_each

_WHAT = "facts the article briefs left out"


def fill_left_out(
    briefer: Briefer,
    extractions: Sequence[Extraction],
    briefs: Sequence[Brief],
    judge: EntailmentJudge | None,
) -> tuple[list[Brief], list[Skipped]]:
    """The widely told facts no brief says, written and checked (`left_out`, `write_left_out`); a
    reply with no usable sentence is reported as skipped, and the story goes on without them."""
    found = left_out(briefer.passages, extractions, briefs, source_of(extractions), judge)
    if not found:
        return [], []
    briefer.say(f"{len(found)} facts that at least half the sources report are in no article brief")
    enough = widely_told(len({source_of(extractions)(e.article.id) for e in extractions if e.passage_ids}))
    try:
        written, refused = write_left_out(briefer, found, judge, enough)
    except GenerationError as exc:
        return [], [Skipped(what=_WHAT, reason=str(exc))]
    for text in refused:
        briefer.say(f"  refused: {text}")
    return written, []


def write_left_out(
    briefer: Briefer, found: Sequence[LeftOut], judge: EntailmentJudge | None, enough: int = 2
) -> tuple[list[Brief], list[str]]:
    """One checked sentence per left-out fact, as briefs of the articles whose passages they cite
    (read as more claims of those articles by the story), and the sentences refused, with why. A
    fact whose sentence fewer than `enough` outlets bear out (those that make a fact widely told),
    of those that tell it, is asked for again."""
    if not found:
        return [], []
    failed: GenerationError | None = None
    try:
        headline, written, refused = _written(briefer, found, judge, _WHAT)
    except GenerationError as exc:
        if not any(f.others for f in found):
            raise
        # No sentence passed (the model copied a long telling word for word): each fact is asked
        # again below, shown by another outlet's telling first.
        failed, headline, written, refused = exc, "", {}, []
    runs = [_runs(f) for f in found]
    # Asked again: a fact too few outlets bear out, or told without the words its tellings share.
    short = [
        i for i, f in enumerate(found)
        if _borne(written.get(i)) < min(enough, 1 + len(f.others))
        or _kept(written.get(i), runs[i]) < len(runs[i])
    ]  # fmt: skip
    turned = [_turned(found[i]) for i in short]
    if any(t is not None for t in turned):
        again = [t or found[i] for i, t in zip(short, turned, strict=True)]
        try:
            second, rewritten, _ = _written(briefer, again, judge, f"{_WHAT}, told by another outlet first")
            headline = headline or second
        except GenerationError:
            rewritten = {}  # the first reply stands
        for k, i in enumerate(short):
            again_said, said = rewritten.get(k), written.get(i)
            if (_borne(again_said), _kept(again_said, runs[i])) > (_borne(said), _kept(said, runs[i])):
                written[i] = rewritten[k]
    if failed is not None and not written:
        raise failed
    by_article: dict[str, list[Sentence]] = {}
    for _, sentence in sorted(written.items()):
        article_id = briefer.passages[sentence.citations[0].passage_id].article_id
        by_article.setdefault(article_id, []).append(sentence)
    briefs = [
        Brief(kind="article", article_ids=[a], headline=headline, sentences=s) for a, s in by_article.items()
    ]
    return briefs, refused


def _borne(sentence: Sentence | None) -> int:
    """How many tellings bear the sentence out (each is cited): none when there is no sentence."""
    return 0 if sentence is None else len(sentence.citations)


def _runs(fact: LeftOut) -> list[str]:
    """The word runs the fact's telling shares with the other outlets' (`common_runs`)."""
    return common_runs(fact.text, [text for _, text in fact.others])


def _kept(sentence: Sentence | None, runs: Sequence[str]) -> int:
    """How many of the shared runs the sentence says (none when there is no sentence)."""
    return 0 if sentence is None else sum(keeps(sentence.text, run) for run in runs)


def _turned(fact: LeftOut) -> LeftOut | None:
    """The fact shown by another outlet's telling first, the one that says most of the words the
    tellings share ("was outflanked at its eastern end", not a loose echo that "engineers were due
    to inspect the wall"); None when one outlet tells it."""
    if not fact.others:
        return None
    runs = _runs(fact)
    ranked = sorted(fact.others, key=lambda other: -sum(keeps(other[1], run) for run in runs))
    (first_id, first_text), *rest = ranked
    return LeftOut(first_id, first_text, fact.sources, (*rest, (fact.passage_id, fact.text)))


def _written(
    briefer: Briefer, found: Sequence[LeftOut], judge: EntailmentJudge | None, what: str
) -> tuple[str, dict[int, Sentence], list[str]]:
    """The model's headline, its checked sentence for each fact it wrote one for (by the fact's
    index), citing every telling that bears it out, and the sentences refused, with why."""
    done = _ask(briefer, found, what)
    refused = [f"{d.text} ({d.reason})" for d in done.dropped]
    tellings = [(f.passage_id, *(pid for pid, _ in f.others)) for f in found]
    written: dict[int, Sentence] = {}
    for sentence in done.sentences:
        fact = _fact_of(sentence, found, tellings)
        sentence = cited_by_each(sentence, list(tellings[fact]), briefer.passages, judge)
        texts = [briefer.passages[c.passage_id].text for c in sentence.citations]
        verdict = verify_sentence(sentence.text, texts, judge=judge)
        if not verdict.passed:
            refused.append(f"{sentence.text} (unsupported: {verdict.reason()})")
        elif fact not in written:
            written[fact] = sentence.model_copy(update={"verification": verdict})
    return done.headline, written, refused


def _fact_of(sentence: Sentence, found: Sequence[LeftOut], tellings: Sequence[tuple[str, ...]]) -> int:
    """Which fact the sentence was written for: of those whose tellings it cites (one passage may
    hold tellings of two facts), the one whose tellings share most words with it."""
    cited = {c.passage_id for c in sentence.citations}
    candidates = [i for i, told in enumerate(tellings) if cited & set(told)] or list(range(len(found)))
    words = set(content_words(sentence.text).values())

    def shared(i: int) -> int:
        texts = [found[i].text, *(t for _, t in found[i].others)]
        return max(len(words & set(content_words(t).values())) for t in texts)

    return max(candidates, key=shared)


def _ask(briefer: Briefer, found: Sequence[LeftOut], what: str) -> Generated:
    shown = [
        {
            "label": f"P{i}",
            "text": without_dated_asides(f.text),
            "others": [without_dated_asides(t) for _, t in f.others],
            "keep": _runs(f),
        }
        for i, f in enumerate(found, start=1)
    ]
    messages = load_prompt("left_out").render(passages=shown, count=len(found))
    sources = [
        Source(f"P{i}", (f.passage_id, *(pid for pid, _ in f.others))) for i, f in enumerate(found, start=1)
    ]
    count = len(found)
    return briefer.generate(messages, sources, what, min_sentences=count, max_sentences=count)
