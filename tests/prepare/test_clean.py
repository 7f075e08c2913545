"""Removing boilerplate lines with reasons, keeping real sentences, and exact paragraph offsets."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.ingest.article import article_from_fields
from briefing.ingest.files import ingest
from briefing.prepare.clean import clean
from briefing.schema import Article, Cleaned

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

FIRST = "The council voted on Tuesday to close the old fish market at the end of the year."
LAST = "Traders said they would appeal against the decision at the next meeting."


def make(text: str, title: str = "Fish market to close") -> Article:
    return article_from_fields("test.txt", title, text)


def paragraph_texts(cleaned: Cleaned) -> list[str]:
    return [cleaned.article.text[start:end] for start, end in cleaned.paragraphs]


def assert_offsets_exact(cleaned: Cleaned) -> None:
    text = cleaned.article.text
    for start, end in cleaned.paragraphs:
        assert 0 <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
    for removal in cleaned.removed:
        assert removal.article_id == cleaned.article.id
        assert text[removal.start : removal.end] == removal.text
    spans = sorted([*cleaned.paragraphs, *((r.start, r.end) for r in cleaned.removed)])
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in itertools.pairwise(spans))


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Share this article", "share prompt"),
        ("Share on Facebook, Twitter and LinkedIn", "share prompt"),
        ("Facebook Twitter WhatsApp Email", "share buttons"),
        ("Subscribe to our newsletter", "newsletter/subscription prompt"),
        ("Sign up for the Morning Tide newsletter, free every weekday!", "newsletter/subscription prompt"),
        ("Follow us on Instagram", "social media prompt"),
        ("Leave a comment", "comment prompt"),
        ("Leave a Reply", "comment prompt"),
        ("12 Comments", "comment prompt"),
        ("Read also: Harbour dredging starts next month", "link to another article"),
        ("READ MORE: Ferry fares frozen for a second year", "link to another article"),
        ("Related: Market traders form a union", "link to another article"),
        ("See also \u2013 The history of the market hall", "link to another article"),
        ("Read also:", "link to another article"),
        ("Advertisement", "advertisement marker"),
        ("Sponsored", "advertisement marker"),
        ("Story continues below advertisement", "advertisement marker"),
        ("Tags: fish market, council, Oldwick", "tag list"),
        ("Topics: local government | trade", "tag list"),
        ("Tags", "tag list"),
        ("Employees: 10001+", "company-profile field (Employees)"),
        ("Founded date: 1866", "company-profile field (Founded date)"),
        ("Location: Oldwick, North Coast", "company-profile field (Location)"),
        ("Industry: Food wholesale", "company-profile field (Industry)"),
        ("Website: https://market.example", "company-profile field (Website)"),
        ("Headquarters: Oldwick Quay Ltd.", "company-profile field (Headquarters)"),
        (
            "We use cookies to improve your experience. By using this site you accept our cookie policy.",
            "cookie/consent notice",
        ),
        ("Accept all cookies", "cookie/consent notice"),
        (
            "This website uses cookies. Click accept to agree, or manage your preferences.",
            "cookie/consent notice",
        ),
        ("Photo: Ana Ruiz/Oldwick Echo", "photo caption or credit"),
        ("Image credit: Oldwick Council", "photo caption or credit"),
        ("Photograph by Ana Ruiz", "photo caption or credit"),
        ("Highlights", "section label"),
        ("Key takeaways:", "section label"),
        ("Skip to content", "site navigation"),
        ("https://market.example/news/closure", "bare link"),
        ("\u00a9 2025 Oldwick Echo Ltd", "copyright notice"),
        ("Oldwick Echo. All rights reserved.", "copyright notice"),
        ("Copyright 2025 Oldwick Echo", "copyright notice"),
        ("Reporting by Ana Ruiz; Editing by Tom Bale", "reporting/editing credits"),
        ("4 min read", "reading-time note"),
        ("- Share this article", "share prompt"),
    ],
)
def test_boilerplate_line_is_removed_with_reason_and_offsets(line: str, reason: str) -> None:
    article = make(f"{FIRST}\n  {line}  \n{LAST}")
    cleaned = clean(article)
    assert [(r.text, r.reason) for r in cleaned.removed] == [(line, reason)]
    removal = cleaned.removed[0]
    assert removal.start == len(FIRST) + 3
    assert article.text[removal.start : removal.end] == line
    assert paragraph_texts(cleaned) == [FIRST, LAST]
    assert_offsets_exact(cleaned)


@pytest.mark.parametrize(
    "line",
    [
        "Shares of the company fell 4% after the closure was announced.",
        "Officials said they would read the proposal before the vote.",
        "Location matters: the market sits on the only flat land in the harbour.",
        "Location: the market sits on land the council wants to sell to a developer, officials said.",
        "Read the full council report, campaigners urged residents on Monday.",
        "Related costs have risen sharply since 2020, the council said.",
        "Subscribers to the market's delivery scheme will be refunded.",
        "Sign up rates for the traders' newsletter fell by half last year.",
        "Follow the money, one trader said, and you will see who gains.",
        "Advertisements for the new retail units appeared on Monday.",
        "Tags on the crates showed the fish had come from three ports.",
        "Photographs of the market hall circulated widely after the vote.",
        "The bakery next door sells cookies and cakes to the traders.",
        "Regulators said sites that track you with cookies without consent would be fined under the policy.",
        "Copyright lawyers said the market's name could not be sold.",
        "Highlights of the meeting included a heated exchange about rents.",
        "Comments made by the mayor angered traders.",
        "By Tuesday, the last stall had been cleared.",
        "Employees at the market said they had not been consulted.",
        "Website traffic to the council's consultation page doubled.",
        "Share prices of the developer rose on the news.",
        "Sponsored by the harbour trust, the study found the hall was sound.",
        "Industry groups warned that prices would rise.",
    ],
)
def test_real_sentence_is_kept(line: str) -> None:
    cleaned = clean(make(f"{FIRST}\n{line}\n{LAST}"))
    assert cleaned.removed == []
    assert paragraph_texts(cleaned) == [FIRST, line, LAST]


def test_company_profile_block_above_scraped_paragraphs() -> None:
    text = f"Location: Oldwick, North Coast\nEmployees: 51-200\nFounded date: 1921\n{FIRST}\n{LAST}"
    cleaned = clean(make(text))
    assert [r.reason for r in cleaned.removed] == [
        "company-profile field (Location)",
        "company-profile field (Employees)",
        "company-profile field (Founded date)",
    ]
    assert paragraph_texts(cleaned) == [FIRST, LAST]
    assert cleaned.paragraphs[0][0] == text.index(FIRST)


def test_highlights_label_goes_but_its_items_stay() -> None:
    text = f"Highlights\n- Market to close in December\n- Traders plan an appeal\n{FIRST}"
    cleaned = clean(make(text))
    assert [(r.text, r.reason) for r in cleaned.removed] == [("Highlights", "section label")]
    assert paragraph_texts(cleaned) == ["- Market to close in December", "- Traders plan an appeal", FIRST]


def test_repeated_headline_and_truncated_teaser() -> None:
    caption = "Traders gather outside the market hall after the council vote on Tuesday evening."
    text = f"Fish market to close\n{caption[:40]}...\n{caption}\n{FIRST}"
    cleaned = clean(make(text))
    assert [r.reason for r in cleaned.removed] == [
        "repeats the headline",
        "truncated copy of a following line",
    ]
    assert paragraph_texts(cleaned) == [caption, FIRST]


def test_a_key_points_bullet_repeating_the_headline_goes_the_others_stay() -> None:
    text = f"- Fish market to close.\n- Traders plan an appeal\n{FIRST}"
    cleaned = clean(make(text))
    assert [(r.text, r.reason) for r in cleaned.removed] == [
        ("- Fish market to close.", "repeats the headline")
    ]
    assert paragraph_texts(cleaned) == ["- Traders plan an appeal", FIRST]


def test_one_paragraph_per_line_without_blank_lines() -> None:
    short = "He said no.\nShe agreed.\nThey left."
    assert paragraph_texts(clean(make(short))) == ["He said no.", "She agreed.", "They left."]


def test_hard_wrapped_blocks_are_paragraphs() -> None:
    text = (
        "The council voted on Tuesday to close the\n"
        "old fish market at the end of the year.\n"
        "\n"
        "   Traders said they would appeal against\n"
        "the decision at the next meeting.   \n"
    )
    cleaned = clean(make(text))
    assert paragraph_texts(cleaned) == [
        "The council voted on Tuesday to close the\nold fish market at the end of the year.",
        "Traders said they would appeal against\nthe decision at the next meeting.",
    ]
    assert_offsets_exact(cleaned)


def test_removed_line_inside_a_wrapped_block_splits_it() -> None:
    text = (
        "First wrapped line of the story\nsecond wrapped line.\nAdvertisement\nthird line after it.\n\nNext."
    )
    cleaned = clean(make(text))
    assert paragraph_texts(cleaned) == [
        "First wrapped line of the story\nsecond wrapped line.",
        "third line after it.",
        "Next.",
    ]
    assert [r.text for r in cleaned.removed] == ["Advertisement"]


def test_long_lines_separated_by_blank_lines_stay_separate() -> None:
    long_a, long_b = FIRST * 2, LAST * 2
    cleaned = clean(make(f"{long_a}\n{long_b}\n\nSubheading\n\n{FIRST}"))
    assert paragraph_texts(cleaned) == [long_a, long_b, "Subheading", FIRST]


def test_harbour_tribune_example() -> None:
    result = ingest([str(EXAMPLES / "harbour-tribune.txt")])
    cleaned = clean(result.articles[0])
    assert [r.reason for r in cleaned.removed] == [
        "link to another article",
        "advertisement marker",
        "share prompt",
        "tag list",
    ]
    assert len(cleaned.paragraphs) == 7
    assert_offsets_exact(cleaned)


def test_html_example_needs_no_cleaning() -> None:
    cleaned = clean(ingest([str(EXAMPLES / "coastal-post.html")]).articles[0])
    assert cleaned.removed == []
    assert len(cleaned.paragraphs) == 7


LINE_PARTS = st.sampled_from(
    ["Share this article", "Advertisement", "Tags: a, b", "Employees: 10", "", "   ", "Highlights", "...",
     "Fish market to close", "https://x.example", FIRST, LAST, "\u2026", "\r", "- item"]
)  # fmt: skip
TEXTS = st.one_of(
    st.text(max_size=500),
    st.lists(st.one_of(LINE_PARTS, st.text(max_size=60)), max_size=25).map("\n".join),
)


@settings(max_examples=300, deadline=None)
@given(text=TEXTS, title=st.one_of(st.just("Fish market to close"), st.text(max_size=30)))
def test_clean_never_crashes_and_offsets_slice_back(text: str, title: str) -> None:
    article = Article(id="a000000", title=title, text=text, origin="prop", content_hash="0")
    cleaned = clean(article)
    assert cleaned.article is article
    assert_offsets_exact(cleaned)
    # Every non-blank line is either kept in a paragraph or removed; nothing disappears unreported.
    covered = "".join(
        text[s:e] for s, e in sorted([*cleaned.paragraphs, *((r.start, r.end) for r in cleaned.removed)])
    )
    assert "".join(covered.split()) == "".join(text.split())
