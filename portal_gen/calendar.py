"""When events happen: wall-clock times resolved to zones, and upcoming versus past.

Times in ``events.yml`` are wall-clock times in the event's zone (its own ``timezone`` or the
site's), never "floating": a subscriber in another zone must see the right hour. As in
RFC 5545, a duration's days are calendar days and its hours and minutes are elapsed time, so
a 1-hour class on the night the clocks go back still lasts one hour.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from portal_gen.models import Event, Occurrence

When = dt.date | dt.datetime


class EventTimeError(Exception):
    """An event's start, end and duration do not make a time span; ``field`` is where to fix it."""

    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class EndNotAfterStartError(EventTimeError):
    """The end comes before the start, or at the same moment."""


def _show(value: When) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def _localize(wall: dt.datetime, zone: ZoneInfo, field: str) -> dt.datetime:
    """Attach ``zone``; refuse a wall-clock time the clocks skip (the spring-forward gap)."""
    aware = wall.replace(tzinfo=zone)
    if aware.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) != wall:
        raise EventTimeError(
            field,
            f"{_show(wall)} does not exist in {zone.key}: the clocks skip that hour; pick another time",
        )
    return aware


def event_span(event: Event, site_zone: str) -> tuple[When, When]:
    """The event's start and end: aware datetimes, or dates (the end being the last day).

    Raises ``EventTimeError`` when the fields do not combine into a span.
    """
    start, end, duration = event.start, event.end, event.duration
    zone = ZoneInfo(event.timezone or site_zone)
    if end is not None and duration is not None:
        raise EventTimeError("duration", "give either end or duration, not both")
    if not isinstance(start, dt.datetime):
        return start, _all_day_end(start, end, duration)

    begin = _localize(start, zone, "start")
    if duration is not None:
        wall = start + dt.timedelta(days=duration.days)
        # Aware arithmetic in Python is wall-clock arithmetic: add elapsed time in UTC.
        finish = _localize(wall, zone, "duration").astimezone(dt.UTC) + dt.timedelta(seconds=duration.seconds)
        return begin, finish.astimezone(zone)
    if end is None:
        raise EventTimeError(
            None,
            "a timed event needs an end (like 'end: 11:30') or a duration (like 'duration: 90 minutes')",
        )
    if isinstance(end, dt.time):
        end = dt.datetime.combine(start.date(), end)
    if not isinstance(end, dt.datetime):
        raise EventTimeError(
            "end", f"expected a time or a date and time because start has a time, got {_show(end)!r}"
        )
    finish = _localize(end, zone, "end")
    if finish <= begin:
        relation = "is before" if finish < begin else "is the same as"
        raise EndNotAfterStartError("end", f"{_show(end)} {relation} start {_show(start)}")
    return begin, finish


def _all_day_end(start: dt.date, end: object, duration: dt.timedelta | None) -> dt.date:
    if duration is not None:
        if duration % dt.timedelta(days=1):
            raise EventTimeError(
                "duration", "an all-day event lasts whole days; write the duration in days, like '2 days'"
            )
        return start + duration - dt.timedelta(days=1)
    if end is None:
        return start
    if isinstance(end, dt.datetime | dt.time):
        shown = end.strftime("%H:%M") if isinstance(end, dt.time) else _show(end)
        raise EventTimeError(
            "end", f"expected a date because start is a date (an all-day event), got {shown!r}"
        )
    assert isinstance(end, dt.date)
    if end < start:
        raise EndNotAfterStartError("end", f"{_show(end)} is before start {_show(start)}")
    return end


def occurrences(event: Event, site_zone: str) -> list[Occurrence]:
    """Every occurrence of a validated event, in time order."""
    start, end = event_span(event, site_zone)
    return [Occurrence(event, start, end)]


def sort_key(occurrence: Occurrence, site_zone: ZoneInfo) -> tuple[dt.datetime, str]:
    """Chronological order; an all-day event sorts at the start of its day in the site's zone."""
    start = occurrence.start
    if not isinstance(start, dt.datetime):
        start = dt.datetime.combine(start, dt.time(), tzinfo=site_zone)
    return (start.astimezone(dt.UTC), occurrence.event.id)


def all_occurrences(events: list[Event] | tuple[Event, ...], site_zone: str) -> tuple[Occurrence, ...]:
    """All occurrences of all events, soonest first; ties broken by event id."""
    found = [occurrence for event in events for occurrence in occurrences(event, site_zone)]
    zone = ZoneInfo(site_zone)
    return tuple(sorted(found, key=lambda occurrence: sort_key(occurrence, zone)))
