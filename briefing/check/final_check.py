"""The last look at a brief before it is shown: the model judge on every sentence, then the headline.

The judge runs here, once all briefs of a stage are written, rather than inside each model call: its
instructions then stay evaluated in llama.cpp from one question to the next, and the brief prompts
keep theirs between articles (interleaving the two would evaluate both prefixes again every time).

A headline is a claim like any sentence and is never shown unchecked: one the checks refuse is
replaced by the article's own title when that passes against the same passages (it is the outlet's
words, but checked all the same), else by the brief's first checked sentence. The model's headline is
held to what the model's sentences are, too: it names nothing the passages never name (unsaid.py).
What is refused is listed with the brief's dropped sentences, with its reason.
"""

from __future__ import annotations

from collections.abc import Mapping

from briefing.check.entail import EntailmentJudge
from briefing.check.unsaid import quoted_list, unsaid_in_articles
from briefing.check.verify import verify_sentence
from briefing.errors import GenerationError
from briefing.schema import Brief, DroppedSentence, Passage, Sentence


def final_check(
    brief: Brief, passages: Mapping[str, Passage], title: str | None, judge: EntailmentJudge | None
) -> Brief:
    """The brief with only sentences the judge finds supported and a checked headline.

    Raises GenerationError when no sentence is left.
    """
    kept: list[Sentence] = []
    dropped = list(brief.dropped)
    for sentence in brief.sentences:
        texts = [passages[c.passage_id].text for c in sentence.citations]
        verdict = verify_sentence(sentence.text, texts, judge=judge)
        if verdict.passed:
            kept.append(sentence.model_copy(update={"verification": verdict}))
        else:
            dropped.append(DroppedSentence(text=sentence.text, reason=f"unsupported: {verdict.reason()}"))
    if not kept:
        what = f"article {brief.article_ids[0]}" if brief.kind == "article" else "the cross-article brief"
        reasons = "; ".join(d.reason for d in dropped[len(brief.dropped) :])
        raise GenerationError(f"{what}: no sentence passed the final check ({reasons})")
    headline, refused = _headline(brief.headline, kept, passages, title, judge, set(brief.article_ids))
    return brief.model_copy(update={"sentences": kept, "dropped": dropped + refused, "headline": headline})


def _headline(
    headline: str,
    sentences: list[Sentence],
    passages: Mapping[str, Passage],
    title: str | None,
    judge: EntailmentJudge | None,
    article_ids: set[str],
) -> tuple[str, list[DroppedSentence]]:
    cited = dict.fromkeys(c.passage_id for s in sentences for c in s.citations)
    texts = [passages[p].text for p in cited]
    headline = " ".join(headline.split())
    verdict = verify_sentence(headline, texts, judge=judge) if headline else None
    # The brief's articles and those its sentences cite (a near copy cites its original's passages).
    articles = article_ids | {passages[p].article_id for p in cited}
    unsaid = (
        unsaid_in_articles(headline, articles, passages) if verdict is not None and verdict.passed else []
    )
    if verdict is not None and verdict.passed and not unsaid:
        return headline, []
    if unsaid:
        reason = f"headline: says {quoted_list(unsaid)}, which its articles never mention"
    else:
        reason = f"headline: {verdict.reason()}" if verdict is not None else "headline: empty"
    refused = [DroppedSentence(text=headline or "(empty)", reason=reason)]
    if title and title.strip() and verify_sentence(title.strip(), texts, judge=judge).passed:
        return title.strip(), refused
    return sentences[0].text.rstrip(" ."), refused
