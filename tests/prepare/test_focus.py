"""What the model is not shown: commentary with nothing checkable, and summary items the body repeats."""

from __future__ import annotations

from factories import make_article

from briefing.config import Settings
from briefing.pipeline import Prepared, prepare_articles
from briefing.prepare.focus import COMMENTARY, HEADING, SUMMARY_ITEM, checkable
from briefing.progress import Progress
from briefing.schema import Article

FACT = "The Harbour Board approved a 12-berth extension on Monday."
COMMENT = "It remains to be seen whether this will change anything."
QUOTE = 'The chair called it "a fair plan" after the vote.'
FIGURE = "Work is to start within 18 months."


def _prepare(*articles: Article, leave_out: bool = True) -> Prepared:
    settings = Settings(backend="fake", leave_out_commentary=leave_out)
    return prepare_articles(articles, settings, lambda t: len(t.split()), Progress(None))


def _shown(prepared: Prepared, article_id: str) -> list[str]:
    extraction = next(e for e in prepared.articles if e.article.id == article_id)
    return [prepared.passages[p].text for p in extraction.passage_ids]


def test_checkable_needs_a_name_figure_date_or_quotation() -> None:
    assert checkable(FACT) and checkable(QUOTE) and checkable(FIGURE)
    assert checkable("The ministry will decide in June.")
    assert checkable("Mayor Tomas Lind opposed the plan.")  # a name alone is enough
    assert not checkable(COMMENT)
    assert not checkable("The stakes are high, and the next move could change everything.")


def test_a_report_without_a_name_or_figure_is_still_checkable() -> None:
    for sentence in (
        "She resigned hours later.",  # a person, by pronoun
        "The minister resigned.",  # a title
        "Police said the road was closed.",  # a reporting verb
        "Prices rose sharply yesterday.",  # a time word
        "It will take time,” the mayor said.",  # the end of a quotation
        "'We will rebuild.",  # the start of one, British style
    ):
        assert checkable(sentence), sentence


def test_commentary_is_left_out_recorded_and_the_paragraph_split_around_it() -> None:
    article = make_article("a1", "Harbour plan", [FACT, COMMENT, QUOTE, FIGURE])
    prepared = _prepare(article)
    assert _shown(prepared, "a1") == [FACT, f"{QUOTE} {FIGURE}"]
    # Passages stay exact slices of the article, so citations of them still resolve.
    for passage in prepared.passages.values():
        assert article.text[passage.start : passage.end] == passage.text
    removed = prepared.articles[0].removed
    assert [(r.text, r.reason) for r in removed] == [(COMMENT, COMMENTARY)]
    assert article.text[removed[0].start : removed[0].end] == COMMENT


def test_with_the_setting_off_every_sentence_is_shown() -> None:
    article = make_article("a1", "Harbour plan", [FACT, COMMENT, QUOTE, FIGURE])
    prepared = _prepare(article, leave_out=False)
    assert " ".join(_shown(prepared, "a1")) == article.text
    assert prepared.articles[0].removed == []


def _article(text: str) -> Article:
    return Article(id="a1", title="Harbour plan", text=text, origin="a1.txt", content_hash="0" * 64)


def test_a_summary_item_the_body_says_in_full_is_left_out_one_with_its_own_fact_is_kept() -> None:
    repeated = "- Harbour Board approves 12-berth extension"
    own = "- Tolls rise by 4% in 2027"
    # The body has "4%" and "2027", but in different sentences and about other things.
    body = f"{FACT} Tolls fell by 4% in 2025. The board expects a rise in 2027."
    prepared = _prepare(_article(f"{repeated}\n\n{own}\n\n{body}"))
    assert _shown(prepared, "a1") == [own, body]
    assert [(r.text, r.reason) for r in prepared.articles[0].removed] == [(repeated, SUMMARY_ITEM)]


def test_a_numbered_item_is_one_unit_and_a_section_heading_is_left_out() -> None:
    item = "1. The Harbour Board will publish the full plan."
    musing = "2. Nobody knows what comes next."
    heading = "Fishermen Fear The Worst"
    text = f"{FACT}\n\n{item}\n\n{musing}\n\n{heading}\n\n{QUOTE}"
    prepared = _prepare(_article(text))
    assert _shown(prepared, "a1") == [FACT, item, QUOTE]  # no passage "2." left behind
    removed = [(r.text, r.reason) for r in prepared.articles[0].removed]
    assert removed == [(musing, COMMENTARY), (heading, HEADING)]


def test_an_article_that_would_lose_over_half_its_text_is_shown_whole() -> None:
    musing = [
        "It remains to be seen whether this will change anything.",
        "Perhaps the answer lies somewhere in between.",
        "Either way, the coming weeks will tell.",
        FACT,
    ]
    essay = make_article("e1", "An essay", musing)
    news = make_article("n1", "News", [FACT.replace("Monday", "Tuesday"), COMMENT, FIGURE])
    prepared = _prepare(essay, news)
    assert " ".join(_shown(prepared, "e1")) == essay.text
    assert [r.reason for e in prepared.articles if e.article.id == "e1" for r in e.removed] == []
    assert [r.text for e in prepared.articles if e.article.id == "n1" for r in e.removed] == [COMMENT]


def test_a_plain_sentence_another_article_says_too_is_kept_as_news() -> None:
    worry = "Local fishing crews remain uneasy about the salty water returned to the bay."
    echoed = "Fishing crews in the area are uneasy about salty water going back into the bay."
    first = make_article("a1", "Harbour plan", [FACT, worry, COMMENT])
    second = make_article("a2", "Bay plant", [FIGURE, echoed])
    prepared = _prepare(first, second)
    assert not checkable(worry) and not checkable(echoed)  # no name, figure or report word
    assert worry in " ".join(_shown(prepared, "a1"))
    assert echoed in " ".join(_shown(prepared, "a2"))
    # Commentary only one article has is still left out.
    assert [r.text for r in prepared.articles[0].removed] == [COMMENT]
