"""Second tries: a sentence its passages bear out but that cannot stand as written (a copy of its
source, a headline, a thing its passages never name), written again on its own by the model."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from briefing.backends.base import Backend, Completion
from briefing.check.unsaid import quoted_list, unsaid_in_articles
from briefing.schema import DroppedSentence, Passage, Sentence
from briefing.text.copying import outside_quotes
from briefing.text.sentences import sentence_spans
from briefing.write.compress import cut_out
from briefing.write.grounded import grounded, in_own_words
from briefing.write.reply_format import text_problems
from briefing.write.reword import mend, reword


@dataclass(frozen=True)
class Held:
    """A sentence its passages support, held back for one more try on its own: one that copies its
    source is reworded; one refused for its form (a headline, a pronoun naming no one) is mended."""

    place: int  # how many kept sentences come before it
    text: str
    cited: list[str]
    why: str
    mend: bool
    in_repair: bool = True  # listed in the whole-brief repair request, and worth one


def second_tries(
    held_back: list[Held],
    kept: list[Sentence],
    dropped: list[DroppedSentence],
    backend: Backend,
    shown: list[str],
    passages: Mapping[str, Passage],
    limit: int | None,
    spend: Callable[[Completion], None],
) -> None:
    """Ask the model to write each held sentence again on its own; keep what then passes, in place.

    A copy is first said in fewer words (`reword`); when that answer fails (a small model shortens
    into a headline: "Teachers strike outside 42 public schools"), it is written again whole from its
    passage, with the reason, as a sentence refused for its form is. `kept` and `dropped` grow in
    place; `shown` are the passages the brief's prompt showed, `spend` counts each model call."""
    for held in reversed(held_back):  # from the last, so that each place still counts right
        tries = [False, True] if not held.mend else [True]
        for mending in tries:
            if mending:
                texts = [passages[p].text for p in held.cited]
                text, completion = mend(backend, held.text, held.why, texts)
            else:
                text, completion = reword(backend, held.text)
            spend(completion)
            again = _checked_again(text, held, shown, passages, limit)
            if again is not None:
                kept.insert(held.place, again)
                break
        else:
            dropped.append(DroppedSentence(text=held.text, reason=held.why))
    # Two sentences may be written again alike: say each thing once.
    seen: set[str] = set()
    for sentence in list(kept):
        key = sentence.text.lower()
        if key in seen:
            kept.remove(sentence)
            dropped.append(DroppedSentence(text=sentence.text, reason="repeats an earlier sentence"))
        seen.add(key)


def _checked_again(
    text: str | None, held: Held, shown: list[str], passages: Mapping[str, Passage], limit: int | None
) -> Sentence | None:
    """The new sentence if it passes what a drafted one must: whole, naming who, borne out by its
    passages, and (with a `limit`) in its own words; and still saying who said it, if the held one did
    ("…, police said" is not the writer's to drop)."""
    if not text or text_problems(text) or (_says_who(held.text) and not _says_who(text)):
        return None
    if len(sentence_spans(text)) > 1:  # "A pensioner lost his life. Police said …": one sentence asked for
        return None
    checked = grounded(text, held.cited, shown, passages)
    if isinstance(checked, str):
        return None
    if limit is not None:
        own = in_own_words(checked, checked.text, held.cited, shown, passages, limit)
        if not isinstance(own, Sentence):
            return None
        checked = own
    return None if unsaid_in(checked.text, shown, passages) else checked


_SAYS_WHO = re.compile(r"\b(?:said|says|told|tells|added|according to)\b", re.IGNORECASE)


def _says_who(text: str) -> bool:
    return any(_SAYS_WHO.search(part) for part in outside_quotes(text))


def without_unsaid(
    text: str, nouns: list[str], cited: list[str], shown: list[str], passages: Mapping[str, Passage]
) -> Sentence | None:
    """The sentence with the phrase that names each unsaid noun cut out, if the rest still passes
    every check: "The lion house took four months to build, and Mayor Ruiz said it was a huge
    undertaking" keeps its first clause, with no model call."""
    cut = cut_out(text, nouns)
    if cut is None or text_problems(cut):
        return None
    checked = grounded(cut, cited, shown, passages)
    if isinstance(checked, str) or unsaid_in(checked.text, shown, passages):
        return None
    return checked


def unsaid_in(text: str, shown: list[str], passages: Mapping[str, Passage]) -> list[str]:
    """The nouns of the sentence that no passage of the articles shown with it has. Not only the
    cited: "Mayor Berg praised the plant" rests on a passage where she "called it a turning point",
    and the plant is named in the passage before; the lead, shown a fact or two of each article, may
    name the flood the rest of the article tells."""
    return unsaid_in_articles(text, {passages[p].article_id for p in shown}, passages)


def unsaid_reason(nouns: list[str]) -> str:
    """Why a sentence naming these nouns may not stand as written, for the second try."""
    named = quoted_list(nouns)
    return f"says {named}, which no passage mentions: tell only what the passages say, in their terms"


def _cited(sentence: Sentence) -> list[str]:
    return [c.passage_id for c in sentence.citations]
