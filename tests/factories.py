"""Hand-built pipeline objects for tests that need a realistic `Result` without running a model.

`make_result()` gives two distinct articles about one story plus a verbatim reprint of the first:

- `a1` (Daily Ledger) and `b2` (Evening Post), each split into two passages `<id>.1`, `<id>.2`;
- `c3`, a reprint of `a1` (`duplicate_of="a1"`), so passage `a1.1` carries `also_in` pointing at it;
- one article brief (of `a1`) with a dropped sentence, a cross brief over `a1` and `b2` citing `a1.1`;
- one skipped input.

Keyword arguments replace the strings most tests want to vary (e.g. to inject hostile text).
"""

from __future__ import annotations

import hashlib

from briefing.schema import (
    Article,
    Brief,
    Citation,
    DroppedSentence,
    Extraction,
    Passage,
    Provenance,
    Result,
    Sentence,
    Skipped,
    Span,
    Usage,
)

A_SENTENCES = ["The city council approved a $4m transit budget on Monday.", "The vote was 7 to 2."]
B_SENTENCES = ["Bus fares will stay flat next year.", "The mayor called the budget a fair compromise."]


def make_article(article_id: str, title: str, sentences: list[str], **fields: str | None) -> Article:
    """Build an article whose body is `sentences` joined by single spaces."""
    text = " ".join(sentences)
    digest = hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()
    return Article(
        id=article_id, title=title, text=text, origin=f"{article_id}.html", content_hash=digest, **fields
    )


def make_passages(article: Article, sentences: list[str], also_in: str | None = None) -> list[Passage]:
    """One passage per sentence, with true offsets; `also_in` names an article reprinting the same text."""
    passages, start = [], 0
    for n, sentence in enumerate(sentences, 1):
        end = start + len(sentence)
        assert article.text[start:end] == sentence
        copies = [Span(article_id=also_in, start=start, end=end)] if also_in else []
        passages.append(
            Passage(
                id=f"{article.id}.{n}", article_id=article.id, start=start, end=end,
                text=sentence, tokens=len(sentence.split()), also_in=copies,
            )
        )  # fmt: skip
        start = end + 1
    return passages


def make_cluster(
    *bodies: list[str], duplicate: int | None = None, published: str | None = None
) -> tuple[dict[str, Passage], list[Extraction]]:
    """Articles a1, a2, … with one passage per sentence; article number `duplicate` copies a1."""
    passages: dict[str, Passage] = {}
    extractions = []
    for n, body in enumerate(bodies, start=1):
        article = make_article(f"a{n}", f"Story {n}", body, published=published)
        made = make_passages(article, body)
        passages.update({p.id: p for p in made})
        copy_of = "a1" if duplicate == n else None
        extractions.append(
            Extraction(article=article, passage_ids=[p.id for p in made], duplicate_of=copy_of)
        )
    return passages, extractions


def make_result(
    *,
    title: str = "Council passes transit budget",
    url: str | None = "https://ledger.example/council-budget",
    headline: str = "Council backs $4m transit budget",
    sentence: str = "The council approved a $4m transit budget.",
    dropped: str = "The budget doubles bus service.",
) -> Result:
    """Build a small, fully valid `Result` (see the module docstring for its shape)."""
    a = make_article("a1", title, A_SENTENCES, source="Daily Ledger", url=url, published="2024-05-06")
    b = make_article("b2", "Fares frozen as budget passes", B_SENTENCES, source="Evening Post")
    c = make_article("c3", "Council passes transit budget (wire copy)", A_SENTENCES, source="Wire")
    plist = make_passages(a, A_SENTENCES, also_in="c3") + make_passages(b, B_SENTENCES)
    passages = {p.id: p for p in plist}

    def said(text: str, *ids: str) -> Sentence:
        # Not `Sentence(...)`: pydantic re-runs Citation's validator there, and it needs the passages.
        citations = [Citation.of(passages[i], passages) for i in ids]
        return Sentence.model_validate({"text": text, "citations": citations}, context={"passages": passages})

    article_brief = Brief(
        kind="article",
        article_ids=["a1"],
        headline=headline,
        sentences=[said(sentence, "a1.1"), said("It passed 7-2.", "a1.2", "a1.1")],
        dropped=[DroppedSentence(text=dropped, reason="no cited passage supports it")],
    )
    cross = Brief(
        kind="cross",
        article_ids=["a1", "b2"],
        headline="Transit budget passes; fares frozen",
        sentences=[
            said("The council passed a $4m transit budget.", "a1.1"),
            said("Fares stay flat, which the mayor called fair.", "b2.1", "b2.2"),
        ],
    )
    return Result(
        articles=[
            Extraction(article=a, passage_ids=["a1.1", "a1.2"]),
            Extraction(article=b, passage_ids=["b2.1", "b2.2"]),
            Extraction(article=c, passage_ids=[], duplicate_of="a1"),
        ],
        passages=passages,
        article_briefs=[article_brief],
        cross_brief=cross,
        skipped=[Skipped(what="feed.jsonl:4", reason="no article text found")],
        provenance=Provenance(
            model="qwen2.5-0.5b-instruct-q4_k_m.gguf",
            model_sha256="0123456789abcdef" * 4,
            prompt_versions={"article": "3", "cross": "2"},
            settings={"temperature": 0.0, "seed": 7},
            source_hashes={x.id: x.content_hash for x in (a, b, c)},
        ),
        usage=[Usage(stage="brief", seconds=1.5, calls=2, prompt_tokens=400, completion_tokens=80)],
    )
