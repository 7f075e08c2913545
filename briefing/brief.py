"""Per-article and cross-article briefs, within the model's context window.

An article too long for one prompt is briefed in parts whose checked sentences are then combined:
nothing is truncated. Combined briefs cite notes, and each note stands for the passages it cited,
so every citation of a final brief points at original source passages, never at an earlier brief.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from briefing.backends.base import Backend, Message
from briefing.backends.llama_cpp import CHAT_OVERHEAD_TOKENS
from briefing.config import Settings
from briefing.errors import GenerationError
from briefing.generate import Cost, Generated, Source, generate
from briefing.prompts import load_prompt
from briefing.schema import Article, Brief, Passage, Sentence

_LABEL_TOKENS = 6  # "[P12] " and the newline around each shown item


@dataclass
class Briefer:
    """Writes briefs with one backend over one set of passages."""

    backend: Backend
    passages: Mapping[str, Passage]
    settings: Settings
    cost: Cost = field(default_factory=Cost)
    say: Callable[[str], None] = field(default=lambda _: None)

    def article(self, article: Article, passage_ids: Sequence[str]) -> Brief:
        """Brief one article from its passages, in parts if they do not fit one prompt."""
        if not passage_ids:
            raise GenerationError(f"article {article.id} ({article.origin}): no text left to brief")
        prompt = load_prompt("article")
        fixed = self._fixed_tokens(prompt.render(**self._article_values(article, [], "part 1 of 2")))
        parts = _pack([self.passages[p].tokens + _LABEL_TOKENS for p in passage_ids], self._room(fixed))
        drafts = []
        for number, (lo, hi) in enumerate(parts, start=1):
            part = f"part {number} of {len(parts)}" if len(parts) > 1 else ""
            shown = list(passage_ids[lo:hi])
            messages = prompt.render(**self._article_values(article, shown, part))
            sources = [Source(f"P{i}", (pid,)) for i, pid in enumerate(shown, start=1)]
            drafts.append(self._generate(messages, sources, f"article {article.id} ({article.origin})"))
        if len(drafts) == 1:
            final = drafts[0]
        else:
            notes = [
                _Note(article.source or article.title, s.text, _cited(s)) for d in drafts for s in d.sentences
            ]
            final = self._combine(
                notes, "this one article", f"article {article.id} (merge of {len(parts)} parts)"
            )
        return Brief(
            kind="article",
            article_ids=[article.id],
            headline=final.headline,
            sentences=final.sentences,
            dropped=[d for g in drafts for d in g.dropped] + (final.dropped if len(drafts) > 1 else []),
            parts=len(parts),
        )

    def changed_part(self, article: Article, changed: Sequence[str]) -> Brief | None:
        """Brief only the passages a near copy does not share with its base (see near_copy.py).

        None when they do not fit one prompt: the copy is then briefed in full, in parts.
        """
        prompt = load_prompt("article")
        most = max(1, min(self.settings.max_sentences, len(changed)))
        lengths = {"min_sentences": 1, "max_sentences": most}
        # The passages alone. With the title beside them the model briefs the headline, which they do
        # not support; told that they are "the part that differs", it writes about that instead.
        values = {**self._article_values(article, list(changed), ""), **lengths, "title": ""}
        messages = prompt.render(**values)
        if self._spare(self._fixed_tokens(messages)) < 0:
            return None
        sources = [Source(f"P{i}", (pid,)) for i, pid in enumerate(changed, start=1)]
        what = f"article {article.id} ({article.origin}), its own passages (a near copy)"
        done = self._generate(messages, sources, what, **lengths)
        return Brief(
            kind="article", article_ids=[article.id], headline=done.headline, sentences=done.sentences,
            dropped=done.dropped,
        )  # fmt: skip

    def across(self, briefs: Sequence[Brief], articles: Mapping[str, Article]) -> Brief:
        """One brief of what the sources report together, citing the original passages."""
        notes = [
            _Note(_outlet(articles[b.article_ids[0]]), s.text, _cited(s)) for b in briefs for s in b.sentences
        ]
        sources = len({n.source for n in notes})
        final = self._combine(_merged(notes), f"what these {sources} sources report", "cross-article brief")
        return Brief(
            kind="cross",
            article_ids=[a for b in briefs for a in b.article_ids],
            headline=final.headline,
            sentences=final.sentences,
            dropped=final.dropped,
        )

    def _combine(self, notes: list[_Note], scope: str, what: str) -> Generated:
        prompt = load_prompt("combine")
        fixed = self._fixed_tokens(prompt.render(notes=[], scope=scope, **self._lengths()))
        sizes = [self.backend.count_tokens(n.text) + _LABEL_TOKENS + 8 for n in notes]
        parts = _pack(sizes, self._room(fixed))
        if len(parts) > 1:  # too many notes for one prompt: combine each group, then the results
            merged: list[_Note] = []
            for number, (lo, hi) in enumerate(parts, start=1):
                group = notes[lo:hi]
                done = self._combine(group, scope, f"{what}, group {number}")
                label = ", ".join(dict.fromkeys(n.source for n in group))
                merged += [_Note(label, s.text, _cited(s)) for s in done.sentences]
            return self._combine(merged, scope, what)
        shown = [{"label": f"S{i}", "source": n.source, "text": n.text} for i, n in enumerate(notes, start=1)]
        messages = prompt.render(notes=shown, scope=scope, **self._lengths())
        sources = [Source(f"S{i}", n.passage_ids) for i, n in enumerate(notes, start=1)]
        return self._generate(messages, sources, what)

    def _generate(
        self,
        messages: list[Message],
        sources: list[Source],
        what: str,
        *,
        min_sentences: int | None = None,
        max_sentences: int | None = None,
    ) -> Generated:
        before = (self.cost.calls, self.cost.prompt_tokens, self.cost.completion_tokens)
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
            )
        finally:
            calls, tokens_in, tokens_out = (
                self.cost.calls - before[0],
                self.cost.prompt_tokens - before[1],
                self.cost.completion_tokens - before[2],
            )
            self.say(
                f"  {what}: {calls} model call{'s' if calls != 1 else ''}, {tokens_in} tokens in, "
                f"{tokens_out} out, {time.perf_counter() - started:.1f} s"
            )

    def _article_values(self, article: Article, shown: list[str], part: str) -> dict[str, object]:
        labelled = [{"label": f"P{i}", "text": self.passages[p].text} for i, p in enumerate(shown, start=1)]
        return {
            "title": article.title,
            "source": article.source or "",
            "published": article.published or "",
            "passages": labelled,
            "part": part,
            **self._lengths(),
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


def _merged(notes: list[_Note]) -> list[_Note]:
    """One note per distinct sentence: a near copy repeats sentences of its base's brief word for word."""
    outlets: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for note in notes:
        outlets.setdefault((note.text, note.passage_ids), []).append(note.source)
    return [_Note(", ".join(dict.fromkeys(names)), text, ids) for (text, ids), names in outlets.items()]


def _cited(sentence: Sentence) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c.passage_id for c in sentence.citations))


def _outlet(article: Article) -> str:
    return article.source or article.title[:60]


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
