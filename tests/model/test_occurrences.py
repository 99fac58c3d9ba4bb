"""Tests for portal_gen.model.occurrences: ends resolved, zones applied, upcoming and past split by today."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from conftest import PortalWriter

from portal_gen.app import Run, load_portal
from portal_gen.model.events import Event
from portal_gen.model.occurrences import occurrences
from portal_gen.model.spans import EventTimeError, event_span

CHICAGO = ZoneInfo("America/Chicago")
TODAY = dt.date(2026, 1, 1)


def _span(**fields: str) -> tuple[object, object]:
    return event_span(Event(id="a", title="A", **fields), "America/Chicago")


def test_end_from_a_time_a_duration_or_a_date() -> None:
    """Each way of writing an end gives the same kind of value as the start."""
    assert _span(start="2026-03-01 10:00", end="11:30")[1] == dt.datetime(2026, 3, 1, 11, 30, tzinfo=CHICAGO)
    assert _span(start="2026-03-01 10:00", duration="1h30m")[1] == dt.datetime(
        2026, 3, 1, 11, 30, tzinfo=CHICAGO
    )
    assert _span(start="2026-03-01", duration="3 days") == (dt.date(2026, 3, 1), dt.date(2026, 3, 3))
    assert _span(start="2026-03-01") == (dt.date(2026, 3, 1), dt.date(2026, 3, 1))


def test_a_duration_is_elapsed_time_across_a_clock_change() -> None:
    """One hour from 01:30 on the night the clocks go back ends at 01:30 again, an hour later."""
    start, end = _span(start="2026-11-01 01:30", duration="1 hour")
    assert (end.astimezone(dt.UTC) - start.astimezone(dt.UTC)) == dt.timedelta(hours=1)
    assert end.strftime("%H:%M %Z") == "01:30 CST"


def test_whole_days_of_a_duration_are_calendar_days() -> None:
    """A 1-day timed event over the spring clock change ends at the same wall-clock time."""
    _, end = _span(start="2026-03-07 10:00", duration="1 day")
    assert end.replace(tzinfo=None) == dt.datetime(2026, 3, 8, 10, 0)


def test_a_time_the_clocks_skip_is_refused() -> None:
    """02:30 on the spring-forward night does not exist in Chicago."""
    with pytest.raises(EventTimeError) as failure:
        _span(start="2026-03-08 02:30", end="04:00")
    assert (failure.value.field, failure.value.message) == (
        "start",
        "2026-03-08 02:30 does not exist in America/Chicago: the clocks skip that hour; pick another time",
    )


def test_times_carry_the_event_zone_or_the_site_zone() -> None:
    """Wall-clock times are never floating: they get the event's zone, else the site's."""
    local = occurrences(
        Event(id="a", title="A", start="2026-03-01 10:00", end="11:00"), "America/Chicago", TODAY
    )[0]
    assert local.start == dt.datetime(2026, 3, 1, 10, tzinfo=ZoneInfo("America/Chicago"))
    remote = occurrences(
        Event(id="a", title="A", start="2026-03-01 10:00", end="11:00", timezone="Europe/Paris"),
        "America/Chicago",
        TODAY,
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
        portal = load_portal(Run(root, day))
        return [o.event.id for o in portal.upcoming], [o.event.id for o in portal.past]

    assert split(dt.date(2026, 3, 8)) == (["fair", "talk"], [])
    assert split(dt.date(2026, 3, 10)) == (["fair", "talk"], [])
    assert split(dt.date(2026, 3, 11)) == (["fair"], ["talk"])
    assert split(dt.date(2026, 3, 12)) == ([], ["talk", "fair"])


def test_upcoming_is_soonest_first_and_past_is_newest_first(make_portal: PortalWriter) -> None:
    """The all-day fair (from the 9th) comes before the talk on the 10th, and after it once past."""
    portal = load_portal(Run(make_portal(events=EVENTS), dt.date(2026, 1, 1)))
    assert [o.event.id for o in portal.upcoming] == ["fair", "talk"]
    portal = load_portal(Run(make_portal(events=EVENTS), dt.date(2026, 6, 1)))
    assert [o.event.id for o in portal.past] == ["talk", "fair"]


def test_an_endless_rule_is_listed_a_year_ahead(make_portal: PortalWriter) -> None:
    """A weekly class with no COUNT or UNTIL shows dates up to a year after today, no further."""
    root = make_portal(
        events="events:\n  - id: a\n    title: A\n    start: 2026-01-03 10:00\n    duration: 1h\n"
        "    rrule: FREQ=WEEKLY\n"
    )
    portal = load_portal(Run(root, dt.date(2026, 6, 1)))
    last = portal.occurrences[-1].start
    assert last.date() <= dt.date(2027, 6, 2)
    assert last.date() > dt.date(2027, 5, 25)
    assert len(portal.past) == 22  # every Saturday from January 3 to May 30


def test_extra_dates_and_exceptions(make_portal: PortalWriter) -> None:
    """An extra date is added at the usual time; a skipped date is left out."""
    root = make_portal(
        events="""\
        events:
          - id: a
            title: A
            start: 2026-03-07 10:00
            end: 11:00
            rrule: FREQ=WEEKLY;COUNT=3
            exceptions: [2026-03-14]
            extra_dates: [2026-03-18, 2026-03-25 18:00]
        """
    )
    starts = [o.start.strftime("%m-%d %H:%M") for o in load_portal(Run(root, TODAY)).occurrences]
    assert starts == ["03-07 10:00", "03-18 10:00", "03-21 10:00", "03-25 18:00"]


def test_a_repeating_class_keeps_its_wall_clock_time_across_the_clock_change(
    make_portal: PortalWriter,
) -> None:
    """Saturday 10:00 stays 10:00 local time after the spring change; its UTC hour moves."""
    root = make_portal(
        events="events:\n  - id: a\n    title: A\n    start: 2027-03-06 10:00\n    end: 10:45\n"
        "    rrule: FREQ=WEEKLY;COUNT=3\n"
    )
    occurrences = load_portal(Run(root, TODAY)).occurrences
    assert [o.start.strftime("%H:%M") for o in occurrences] == ["10:00", "10:00", "10:00"]
    assert [o.start.astimezone(dt.UTC).hour for o in occurrences] == [16, 16, 15]  # clocks change on 03-14
    assert all(o.end - o.start == dt.timedelta(minutes=45) for o in occurrences)


def test_proposed_events_have_no_dates(make_portal: PortalWriter) -> None:
    """A proposal without a start is valid and never listed as upcoming or past."""
    root = make_portal(events="events:\n  - id: tennis\n    title: Tennis\n    status: proposed\n")
    portal = load_portal(Run(root, TODAY))
    assert portal.occurrences == ()
    assert [e.id for e in portal.events if e.proposed] == ["tennis"]
