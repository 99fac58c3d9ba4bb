"""When one date of an event is: wall-clock times given their zone, a start and an end.

Times in ``events.yml`` are wall-clock times in the event's zone (its own ``timezone`` or the
site's), never "floating": a subscriber in another zone must see the right hour. As in
RFC 5545, a duration's days are calendar days and its hours and minutes are elapsed time.
The rules of repetition are ``portal_gen.model.occurrences``'; this module says what one of
their dates spans, a changed one too.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from portal_gen.model.events import DateChange, Event

When = dt.date | dt.datetime


class EventTimeError(Exception):
    """An event's times do not make sense; ``field`` (and ``index``) say where to fix it."""

    def __init__(
        self, field: str | None, message: str, index: int | None = None, subfield: str | None = None
    ) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
        self.index = index
        self.subfield = subfield


class EndNotAfterStartError(EventTimeError):
    """The end comes before the start, or at the same moment."""


def show(value: When) -> str:
    """A date or wall-clock time as the owner writes it in YAML."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def zone_of(event: Event, site_zone: str) -> ZoneInfo:
    return ZoneInfo(event.timezone or site_zone)


def localize(wall: dt.datetime, zone: ZoneInfo, field: str | None) -> dt.datetime:
    """Attach ``zone``. A time the clocks skip is refused when ``field`` names where the owner
    wrote it; for a repeat it is kept at the offset before the jump, as RFC 5545 says."""
    aware = wall.replace(tzinfo=zone)
    settled = aware.astimezone(dt.UTC).astimezone(zone)
    if settled.replace(tzinfo=None) != wall:
        if field:
            raise EventTimeError(
                field,
                f"{show(wall)} does not exist in {zone.key}: the clocks skip that hour; pick another time",
            )
        return settled  # 02:30 on the night the clocks skip it happens at 03:30
    return aware


def event_span(event: Event, site_zone: str) -> tuple[When, When]:
    """The first occurrence's start and end: aware datetimes, or dates (end = last day).

    Raises ``EventTimeError`` when the fields do not combine into a span.
    """
    start, end, duration = event.start, event.end, event.duration
    if start is None:
        raise EventTimeError(None, "missing required field 'start' (only a proposed event may leave it out)")
    zone = zone_of(event, site_zone)
    if end is not None and duration is not None:
        raise EventTimeError("duration", "give either end or duration, not both")
    if not isinstance(start, dt.datetime):
        return start, all_day_end(start, end, duration)

    begin = localize(start, zone, "start")
    if duration is not None:
        return begin, after(start, duration, zone, "duration")
    if end is None:
        raise EventTimeError(
            None, "a timed event needs an end (like 'end: 11:30') or a duration (like 'duration: 90 minutes')"
        )
    if isinstance(end, dt.time):
        end = dt.datetime.combine(start.date(), end)
    if not isinstance(end, dt.datetime):
        raise EventTimeError(
            "end", f"expected a time or a date and time because start has a time, got {show(end)!r}"
        )
    finish = localize(end, zone, "end")
    if finish <= begin:
        relation = "is before" if finish < begin else "is the same as"
        raise EndNotAfterStartError("end", f"{show(end)} {relation} start {show(start)}")
    return begin, finish


def after(wall: dt.datetime, duration: dt.timedelta, zone: ZoneInfo, field: str | None) -> dt.datetime:
    """``wall`` plus ``duration``: whole days on the calendar, the rest in elapsed time."""
    day_later = localize(wall + dt.timedelta(days=duration.days), zone, field)
    # Aware arithmetic in Python is wall-clock arithmetic: add elapsed time in UTC.
    return (day_later.astimezone(dt.UTC) + dt.timedelta(seconds=duration.seconds)).astimezone(zone)


def all_day_end(start: dt.date, end: object, duration: dt.timedelta | None) -> dt.date:
    if duration is not None:
        if duration % dt.timedelta(days=1):
            raise EventTimeError(
                "duration", "an all-day event lasts whole days; write the duration in days, like '2 days'"
            )
        return start + duration - dt.timedelta(days=1)
    if end is None:
        return start
    if isinstance(end, dt.datetime | dt.time):
        shown = end.strftime("%H:%M") if isinstance(end, dt.time) else show(end)
        raise EventTimeError(
            "end", f"expected a date because start is a date (an all-day event), got {shown!r}"
        )
    assert isinstance(end, dt.date)
    if end < start:
        raise EndNotAfterStartError("end", f"{show(end)} is before start {show(start)}")
    return end


def same_kind(value: When, event: Event) -> When:
    """A date written for a timed event means that day at the event's usual time."""
    start = event.start
    if isinstance(start, dt.datetime) and not isinstance(value, dt.datetime):
        return dt.datetime.combine(value, start.time())
    if not isinstance(start, dt.datetime) and isinstance(value, dt.datetime):
        return value.date()
    return value


def wall_key(value: When) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())


def span_from(event: Event, start: When, zone: ZoneInfo) -> tuple[When, When]:
    """A repeat's span: the same length as the first occurrence, from another start."""
    assert event.start is not None
    if not isinstance(start, dt.datetime):
        first_end = all_day_end(event.start, event.end, event.duration)
        return start, start + (first_end - event.start)
    assert isinstance(event.start, dt.datetime)
    begin = localize(start, zone, None)
    if event.duration is not None:
        return begin, after(start, event.duration, zone, None)
    end = event.end
    wall_end = dt.datetime.combine(event.start.date(), end) if isinstance(end, dt.time) else end
    assert isinstance(wall_end, dt.datetime)
    return begin, localize(start + (wall_end - event.start), zone, None)


def moved_start(new: When, start: When) -> When:
    """Where a date of a series moves to: a day alone keeps that date's own time (an extra
    date's, or the second time of a day), a day and time is as written."""
    if isinstance(start, dt.datetime) and not isinstance(new, dt.datetime):
        return dt.datetime.combine(new, start.time())
    if not isinstance(start, dt.datetime) and isinstance(new, dt.datetime):
        return new.date()
    return new


def changed_span(
    event: Event, change: DateChange, start: When, zone: ZoneInfo, index: int | None = None
) -> tuple[When, When]:
    """The span of a changed date: from its new start (a day alone keeps the usual time),
    to its own end or for as long as the other dates last. With ``index`` (validation), an
    end before the start or a time the clocks skip is refused."""
    begin_wall = start if change.start is None else moved_start(change.start, start)
    if change.end is None:
        return span_from(event, begin_wall, zone)
    if not isinstance(begin_wall, dt.datetime):
        end = change.end
        if not isinstance(end, dt.date) or isinstance(end, dt.datetime):
            if index is not None:
                raise EventTimeError(
                    "changes", f"expected a date because the event is all day, got {end!s}", index, "end"
                )
            return span_from(event, begin_wall, zone)
        if end < begin_wall and index is not None:
            raise EndNotAfterStartError(
                "changes", f"{show(end)} is before start {show(begin_wall)}", index, "end"
            )
        return begin_wall, max(end, begin_wall)
    field = "start" if index is not None else None
    try:
        begin = localize(begin_wall, zone, field)
        wall_end = change.end
        if isinstance(wall_end, dt.time):
            wall_end = dt.datetime.combine(begin_wall.date(), wall_end)
        if not isinstance(wall_end, dt.datetime):
            raise EventTimeError("end", f"expected a time or a date and time, got {show(wall_end)!r}")
        finish = localize(wall_end, zone, "end" if index is not None else None)
    except EventTimeError as problem:
        if index is None:
            return span_from(event, begin_wall, zone)
        raise EventTimeError("changes", problem.message, index, problem.field) from None
    if finish <= begin:
        if index is not None:
            raise EndNotAfterStartError(
                "changes", f"{show(wall_end)} is not after start {show(begin_wall)}", index, "end"
            )
        return span_from(event, begin_wall, zone)
    return begin, finish
