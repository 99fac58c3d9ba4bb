"""When events happen: wall-clock times resolved to zones, and upcoming versus past.

Times in ``events.yml`` are wall-clock times in the event's zone (its own ``timezone`` or the
site's), never "floating": a subscriber in another zone must see the right hour.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from portal_gen.models import Event, Occurrence

When = dt.date | dt.datetime


def naive_end(event: Event) -> When | None:
    """The event's end as written (wall-clock, inclusive last day for all-day events).

    ``None`` when the fields do not combine into an end (validation reports why).
    """
    start, end, duration = event.start, event.end, event.duration
    timed = isinstance(start, dt.datetime)
    if end is not None and duration is not None:
        return None
    if duration is not None:
        if timed:
            return start + duration
        if duration % dt.timedelta(days=1):
            return None
        return start + duration - dt.timedelta(days=1)
    if end is None:
        return None if timed else start
    if timed:
        if isinstance(end, dt.time):
            return dt.datetime.combine(start.date(), end)
        return end if isinstance(end, dt.datetime) else None
    return end if type(end) is dt.date else None


def _aware(value: When, zone: ZoneInfo) -> When:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=zone)
    return value


def occurrences(event: Event, site_zone: str) -> list[Occurrence]:
    """Every occurrence of a validated event, in time order."""
    zone = ZoneInfo(event.timezone or site_zone)
    end = naive_end(event)
    assert end is not None, "validate() guarantees an end"
    return [Occurrence(event, _aware(event.start, zone), _aware(end, zone))]


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
