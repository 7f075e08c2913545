"""Per-article briefs and the lead of the cross-article brief, within the model's context window.

An article brief says what the article adds in a share of its words (`brief_share`). The lead of the
cross-article brief is written from facts the program chose across outlets (`story.py`), and each of
its sentences cites every source of its facts.

An article too long for one prompt is briefed in parts whose checked sentences are then combined:
nothing is truncated. Combined briefs cite notes, and each note stands for the passages it cited,
so every citation of a final brief points at original source passages, never at an earlier brief.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from briefing.backends.base import CHAT_OVERHEAD_TOKENS, Backend, Message
from briefing.config import Settings
from briefing.errors import GenerationError
from briefing.prompts import load_prompt
from briefing.schema import Article, Brief, DroppedSentence, Fact, Passage, Sentence
from briefing.write.generate import Cost, Generated, Source, generate
from briefing.write.lead_sentences import lead_sentences, passages_of

_LABEL_TOKENS = 6  # "[P12] " and the newline around each shown item
_WORDS_PER_SENTENCE = 16  # what a brief sentence runs to, for turning a word budget into sentences


def words_allowed(texts: Sequence[str], share: float) -> int:
    """The most words an article brief may have: a share of the article's words, never under 25."""
    return max(25, int(share * sum(len(t.split()) for t in texts)))


def within_budget(brief: Brief, allowed: int) -> Brief:
    """The brief cut to its word budget: sentences kept in order while they fit, the first always.

    The model is asked for few enough sentences, but it may write long ones; what is cut is listed
    with the dropped sentences, with the reason.
    """
    kept: list[Sentence] = []
    used = 0
    for sentence in brief.sentences:
        words = len(sentence.text.split())
        if kept and used + words > allowed:
            break
        kept.append(sentence)
        used += words
    if len(kept) == len(brief.sentences):
        return brief
    reason = f"left out to keep the brief within {allowed} words (a share of the article's length)"
    cut = [DroppedSentence(text=s.text, reason=reason) for s in brief.sentences[len(kept) :]]
    return brief.model_copy(update={"sentences": kept, "dropped": [*brief.dropped, *cut]})


@dataclass
class Briefer:
    """Writes briefs with one backend over one set of passages."""

    backend: Backend
    passages: Mapping[str, Passage]
    settings: Settings
    cost: Cost = field(default_factory=Cost)
    say: Callable[[str], None] = field(default=lambda _: None)
    # How many other outlets say what each passage says (`prepare.shared`): marked in the article prompt.
    shared: Mapping[str, int] = field(default_factory=dict)

    def article(self, article: Article, passage_ids: Sequence[str]) -> Brief:
        """Brief one article from its passages, in parts if they do not fit one prompt.

        The brief asks for no more sentences than a share of the article's words allows
        (`brief_share`, a third by default): a short article gets a short brief.
        """
        if not passage_ids:
            raise GenerationError(f"article {article.id} ({article.origin}): no text left to brief")
        prompt = load_prompt("article")
        lengths = self.article_lengths([self.passages[p].text for p in passage_ids])
        fixed = self._fixed_tokens(prompt.render(**self._article_values(article, [], "part 1 of 2", lengths)))
        parts = _pack([self.passages[p].tokens + _LABEL_TOKENS for p in passage_ids], self._room(fixed))
        drafts = []
        for number, (lo, hi) in enumerate(parts, start=1):
            part = f"part {number} of {len(parts)}" if len(parts) > 1 else ""
            shown = list(passage_ids[lo:hi])
            messages = prompt.render(**self._article_values(article, shown, part, lengths))
            sources = [Source(f"P{i}", (pid,)) for i, pid in enumerate(shown, start=1)]
            drafts.append(
                self.generate(messages, sources, f"article {article.id} ({article.origin})", **lengths)
            )
        if len(drafts) == 1:
            final = drafts[0]
        else:
            notes = [
                _Note(article.source or article.title, s.text, _cited(s)) for d in drafts for s in d.sentences
            ]
            final = self._combine(
                notes, "this one article", f"article {article.id} (merge of {len(parts)} parts)", lengths
            )
        return Brief(
            kind="article",
            article_ids=[article.id],
            headline=final.headline,
            sentences=final.sentences,
            dropped=[d for g in drafts for d in g.dropped] + (final.dropped if len(drafts) > 1 else []),
            parts=len(parts),
        )

    def article_lengths(self, texts: Sequence[str]) -> dict[str, int]:
        """How many sentences to ask for, for an article of these passages (see `words_allowed`)."""
        allowed = words_allowed(texts, self.settings.brief_share)
        most = max(1, min(self.settings.max_sentences, round(allowed / _WORDS_PER_SENTENCE)))
        return {"min_sentences": min(self.settings.min_sentences, most), "max_sentences": most}

    def changed_part(self, article: Article, changed: Sequence[str]) -> Brief | None:
        """Brief only the passages a near copy does not share with its base (see near_copy.py).

        None when they do not fit one prompt: the copy is then briefed in full, in parts.
        """
        prompt = load_prompt("article")
        most = max(1, min(self.settings.max_sentences, len(changed)))
        lengths = {"min_sentences": 1, "max_sentences": most}
        # The passages alone. With the title beside them the model briefs the headline, which they do
        # not support; told that they are "the part that differs", it writes about that instead.
        values = {**self._article_values(article, list(changed), "", lengths), "title": ""}
        messages = prompt.render(**values)
        if self._spare(self._fixed_tokens(messages)) < 0:
            return None
        sources = [Source(f"P{i}", (pid,)) for i, pid in enumerate(changed, start=1)]
        what = f"article {article.id} ({article.origin}), its own passages (a near copy)"
        done = self.generate(messages, sources, what, **lengths)
        return Brief(
            kind="article", article_ids=[article.id], headline=done.headline, sentences=done.sentences,
            dropped=done.dropped,
        )  # fmt: skip

    def lead(self, facts: Sequence[Fact], sources: int) -> Brief:
        """The headline and lead of the cross-article brief, written from facts the program chose.

        Each sentence cites every passage of every fact it states: every source that reports them.
        """
        prompt = load_prompt("story")
        most = max(1, min(4, len(facts)))  # a sentence per fact at most: no fact said twice
        lengths = {"min_sentences": min(2, most), "max_sentences": most}
        shown = [
            {"label": f"F{i}", "count": f.independent_sources, "text": f.text}
            for i, f in enumerate(facts, start=1)
        ]
        messages = prompt.render(facts=shown, sources=sources, **lengths)
        labelled = [Source(f"F{i}", passages_of(f)) for i, f in enumerate(facts, start=1)]
        done = self.generate(messages, labelled, "cross-article brief (lead)", **lengths)
        sentences, extra = lead_sentences(done.sentences, facts, self.passages, most)
        return Brief(
            kind="cross",
            article_ids=list(
                dict.fromkeys(a for f in facts for s in f.sources for a in [s.article_id, *s.reprints])
            ),
            headline=done.headline,
            sentences=sentences,
            dropped=[*done.dropped, *extra],
        )

    def _combine(
        self, notes: list[_Note], scope: str, what: str, lengths: dict[str, int] | None = None
    ) -> Generated:
        lengths = lengths or self._lengths()
        prompt = load_prompt("combine")
        fixed = self._fixed_tokens(prompt.render(notes=[], scope=scope, **lengths))
        sizes = [self.backend.count_tokens(n.text) + _LABEL_TOKENS + 8 for n in notes]
        parts = _pack(sizes, self._room(fixed))
        if len(parts) > 1:  # too many notes for one prompt: combine each group, then the results
            merged: list[_Note] = []
            for number, (lo, hi) in enumerate(parts, start=1):
                group = notes[lo:hi]
                done = self._combine(group, scope, f"{what}, group {number}", lengths)
                label = ", ".join(dict.fromkeys(n.source for n in group))
                merged += [_Note(label, s.text, _cited(s)) for s in done.sentences]
            return self._combine(merged, scope, what, lengths)
        shown = [{"label": f"S{i}", "source": n.source, "text": n.text} for i, n in enumerate(notes, start=1)]
        messages = prompt.render(notes=shown, scope=scope, **lengths)
        sources = [Source(f"S{i}", n.passage_ids) for i, n in enumerate(notes, start=1)]
        return self.generate(messages, sources, what, **lengths)

    def generate(
        self,
        messages: list[Message],
        sources: list[Source],
        what: str,
        *,
        min_sentences: int | None = None,
        max_sentences: int | None = None,
    ) -> Generated:
        """A checked reply to `messages` citing `sources`, its cost added up and said on stderr."""
        before = self.cost.snapshot()
        started = time.perf_counter()
        try:
            return generate(
                self.backend,
                messages,
                sources,
                self.passages,
                max_tokens=self.settings.max_tokens_brief,
                min_sentences=min_sentences or self.settings.min_sentences,
                max_sentences=max_sentences or self.settings.max_sentences,
                what=what,
                cost=self.cost,
                max_copied_words=self.settings.max_copied_words or None,
            )
        finally:
            calls, tokens_in, tokens_out = self.cost.since(before)
            self.say(
                f"  {what}: {calls} model call{'s' if calls != 1 else ''}, {tokens_in} tokens in, "
                f"{tokens_out} out, {time.perf_counter() - started:.1f} s"
            )

    def _article_values(
        self, article: Article, shown: list[str], part: str, lengths: dict[str, int]
    ) -> dict[str, object]:
        labelled = [
            {"label": f"P{i}", "text": self.passages[p].text, "shared": self.shared.get(p, 0)}
            for i, p in enumerate(shown, start=1)
        ]
        return {
            "title": article.title,
            "source": article.source or "",
            "published": article.published or "",
            "passages": labelled,
            "part": part,
            **lengths,
        }

    def _lengths(self) -> dict[str, int]:
        return {"min_sentences": self.settings.min_sentences, "max_sentences": self.settings.max_sentences}

    def _fixed_tokens(self, messages: list[Message]) -> int:
        return sum(self.backend.count_tokens(m["content"]) for m in messages) + CHAT_OVERHEAD_TOKENS

    def _spare(self, fixed: int) -> int:
        # What is left of the context once a prompt of `fixed` tokens, a repair turn and the reply fit.
        return self.backend.n_ctx - fixed - 2 * self.settings.max_tokens_brief - 128

    def _room(self, fixed: int) -> int:
        # What is left for shown items once the instructions, a repair turn and the reply fit.
        room = self._spare(fixed)
        if room < 64:
            raise GenerationError(
                f"context window of {self.backend.n_ctx} tokens is too small for the prompt and a "
                f"{self.settings.max_tokens_brief}-token reply: raise n_ctx or lower max_tokens_brief"
            )
        return room


@dataclass(frozen=True)
class _Note:
    source: str
    text: str
    passage_ids: tuple[str, ...]


def _cited(sentence: Sentence) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c.passage_id for c in sentence.citations))


def _pack(sizes: Sequence[int], room: int) -> list[tuple[int, int]]:
    """Consecutive groups of items whose sizes add up to at most `room` (one item may exceed it)."""
    groups, start, used = [], 0, 0
    for index, size in enumerate(sizes):
        if index > start and used + size > room:
            groups.append((start, index))
            start, used = index, 0
        used += size
    groups.append((start, len(sizes)))
    return groups
