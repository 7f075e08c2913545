"""Publication times compared across zones: converted to UTC, never stripped."""

from __future__ import annotations

from datetime import datetime

from factories import make_article

from briefing.text.dates import published_utc


def _at(published: str | None) -> datetime | None:
    return published_utc(make_article("t1", "Title", ["Body text."], published=published))


def test_zones_are_converted_not_dropped() -> None:
    # 09:00 in Paris is 07:00 UTC: before 08:00 UTC, though "09" reads later once the zone is dropped.
    assert _at("2026-03-03T09:00:00+02:00") < _at("2026-03-03T08:00:00Z")  # type: ignore[operator]
    assert _at("2026-03-03T09:00:00+02:00") == datetime(2026, 3, 3, 7, 0)


def test_times_without_a_zone_are_taken_as_utc_and_unreadable_ones_are_none() -> None:
    assert _at("March 3, 2026, 6:05 pm") == datetime(2026, 3, 3, 18, 5)
    assert _at("4 March 2026") == datetime(2026, 3, 4)
    assert _at("no date given") is None
    assert _at(None) is None
