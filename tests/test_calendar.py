"""Tests for portal_gen.calendar: ends resolved, zones applied, upcoming and past split by today."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from conftest import PortalWriter

from portal_gen.calendar import naive_end, occurrences
from portal_gen.models import Event
from portal_gen.pipeline import load_portal


def test_end_from_a_time_a_duration_or_a_date() -> None:
    """Each way of writing an end gives the same kind of value as the start."""
    assert naive_end(Event(id="a", title="A", start="2026-03-01 10:00", end="11:30")) == dt.datetime(
        2026, 3, 1, 11, 30
    )
    assert naive_end(Event(id="a", title="A", start="2026-03-01 10:00", duration="1h30m")) == dt.datetime(
        2026, 3, 1, 11, 30
    )
    assert naive_end(Event(id="a", title="A", start="2026-03-01", duration="3 days")) == dt.date(2026, 3, 3)
    assert naive_end(Event(id="a", title="A", start="2026-03-01")) == dt.date(2026, 3, 1)


def test_times_carry_the_event_zone_or_the_site_zone() -> None:
    """Wall-clock times are never floating: they get the event's zone, else the site's."""
    local = occurrences(Event(id="a", title="A", start="2026-03-01 10:00", end="11:00"), "America/Chicago")[0]
    assert local.start == dt.datetime(2026, 3, 1, 10, tzinfo=ZoneInfo("America/Chicago"))
    remote = occurrences(
        Event(id="a", title="A", start="2026-03-01 10:00", end="11:00", timezone="Europe/Paris"),
        "America/Chicago",
    )[0]
    assert remote.start.utcoffset() == dt.timedelta(hours=1)


EVENTS = """\
events:
  - id: talk
    title: Talk
    start: 2026-03-10 19:00
    end: 20:30
  - id: fair
    title: Fair
    start: 2026-03-09
    end: 2026-03-11
"""


def test_today_moves_events_from_upcoming_to_past(make_portal: PortalWriter) -> None:
    """Before, during and after: an event stays upcoming through its last day, then is past."""
    root = make_portal(events=EVENTS)

    def split(day: dt.date) -> tuple[list[str], list[str]]:
        portal = load_portal(root, day)
        return [o.event.id for o in portal.upcoming], [o.event.id for o in portal.past]

    assert split(dt.date(2026, 3, 8)) == (["fair", "talk"], [])
    assert split(dt.date(2026, 3, 10)) == (["fair", "talk"], [])
    assert split(dt.date(2026, 3, 11)) == (["fair"], ["talk"])
    assert split(dt.date(2026, 3, 12)) == ([], ["talk", "fair"])


def test_upcoming_is_soonest_first_and_past_is_newest_first(make_portal: PortalWriter) -> None:
    """The all-day fair (from the 9th) comes before the talk on the 10th, and after it once past."""
    portal = load_portal(make_portal(events=EVENTS), dt.date(2026, 1, 1))
    assert [o.event.id for o in portal.upcoming] == ["fair", "talk"]
    portal = load_portal(make_portal(events=EVENTS), dt.date(2026, 6, 1))
    assert [o.event.id for o in portal.past] == ["talk", "fair"]
