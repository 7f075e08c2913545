"""When an article was published, as a comparable time.

Outlets write dates every way ("4 March 2026", "2026-03-03T20:10:00Z", "March 3, 2026, 6:05 pm");
they are read leniently. A time with a zone is converted to UTC; one without is taken as UTC. Zones
are converted, never dropped: "09:00+02:00" is before "08:00Z".
"""

from __future__ import annotations

from datetime import UTC, datetime

import dateutil.parser

from briefing.schema import Article


def published_utc(article: Article) -> datetime | None:
    """The article's publication time in UTC (naive, for sorting), or None if it gives none readable."""
    if not article.published:
        return None
    try:
        when: datetime = dateutil.parser.parse(article.published, fuzzy=True)
    except (ValueError, OverflowError):
        return None
    return when.astimezone(UTC).replace(tzinfo=None) if when.tzinfo else when
