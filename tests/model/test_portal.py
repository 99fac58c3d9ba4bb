"""Tests for portal_gen.model.portal.Portal: the fast ways to find upcoming and past occurrences give
exactly what the plain definitions give, on any day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import REPO, SAMPLE_TODAY

from portal_gen.app import Run, load_portal
from portal_gen.model.portal import Occurrence


def _once_per_series(occurrences: list[Occurrence]) -> list[Occurrence]:
    """Each series at its first date in ``occurrences``, other events at every date."""
    seen: set[str] = set()
    kept = []
    for occurrence in occurrences:
        if occurrence.event.series and occurrence.event.id in seen:
            continue
        seen.add(occurrence.event.id)
        kept.append(occurrence)
    return kept


def test_upcoming_past_and_next_events_match_their_definitions() -> None:
    """For every day of two years: upcoming, past, next_events (a series once, with and without a tier),
    upcoming_of and past_of, on the portal and on as_of copies, equal the plain filters."""
    portal = load_portal(Run(Path(REPO), SAMPLE_TODAY))
    zone = portal.zone
    day = dt.date(2025, 12, 1)
    while day < dt.date(2027, 12, 1):
        view = portal.as_of(day)
        upcoming = tuple(o for o in portal.occurrences if o.last_day(zone) >= day)
        past = tuple(reversed([o for o in portal.occurrences if o.last_day(zone) < day]))
        assert view.upcoming == upcoming, day
        assert view.past == past, day
        live = _once_per_series([o for o in upcoming if not o.cancelled])
        assert view.next_events(3) == live[:3], day
        family = [o for o in live if not o.event.tiers or "family" in o.event.tiers]
        assert view.next_events(2, "family") == family[:2], day
        for event in portal.events:
            assert view.upcoming_of(event) == [o for o in upcoming if o.event is event], (day, event.id)
            assert view.past_of(event) == [o for o in past if o.event is event], (day, event.id)
        day += dt.timedelta(days=3)


def test_lookups_by_id_match_their_definitions() -> None:
    """event_by_id, testimonials_of and members_only give what scanning the lists gives."""
    portal = load_portal(Run(Path(REPO), SAMPLE_TODAY))
    for event in portal.events:
        assert portal.event_by_id(event.id) is event
        said = [t for t in portal.testimonials if t.event == event.id]
        assert portal.testimonials_of(event) == said
        assert portal.as_of(dt.date(2027, 1, 1)).testimonials_of(event) == said
    assert any(portal.testimonials_of(event) for event in portal.events)
    for tier in portal.tiers:
        invited = [o for o in portal.upcoming if tier.id in o.event.tiers]
        assert portal.members_only(tier.id) == invited
    assert any(portal.members_only(tier.id) for tier in portal.tiers)
