"""Reading articles: one reader per format (plain text and Markdown, HTML pages, JSON and JSONL
records), paths, folders and stdin, and the article factory. What the entry points use is here."""

from briefing.ingest.article import article_from_fields, normalize_newlines
from briefing.ingest.files import IngestResult, decode, ingest, read_upload, unique_ids
from briefing.ingest.html_page import read_html_article

__all__ = [
    "IngestResult",
    "article_from_fields",
    "decode",
    "ingest",
    "normalize_newlines",
    "read_html_article",
    "read_upload",
    "unique_ids",
]
