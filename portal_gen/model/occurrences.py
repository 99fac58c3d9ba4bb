"""When events happen: wall-clock times resolved to zones, recurrence, upcoming versus past.

Times in ``events.yml`` are wall-clock times in the event's zone (its own ``timezone`` or the
site's), never "floating": a subscriber in another zone must see the right hour. Recurring
events are expanded on wall-clock times (dateutil's rrule over naive datetimes) and only then
given their zone, so a Saturday 10:00 class stays at 10:00 across a clock change. As in
RFC 5545, a duration's days are calendar days and its hours and minutes are elapsed time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr

from portal_gen.model.events import DateChange, Event
from portal_gen.model.portal import Occurrence
from portal_gen.reuse import reusable

When = dt.date | dt.datetime
#: Endless rules are listed this far ahead of today on pages.
HORIZON = dt.timedelta(days=366)
#: More dates than this for one event is a mistake in the rule, not a calendar.
MAX_OCCURRENCES = 2000


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


def _localize(wall: dt.datetime, zone: ZoneInfo, field: str | None) -> dt.datetime:
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
        return start, _all_day_end(start, end, duration)

    begin = _localize(start, zone, "start")
    if duration is not None:
        return begin, _after(start, duration, zone, "duration")
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
    finish = _localize(end, zone, "end")
    if finish <= begin:
        relation = "is before" if finish < begin else "is the same as"
        raise EndNotAfterStartError("end", f"{show(end)} {relation} start {show(start)}")
    return begin, finish


def _after(wall: dt.datetime, duration: dt.timedelta, zone: ZoneInfo, field: str | None) -> dt.datetime:
    """``wall`` plus ``duration``: whole days on the calendar, the rest in elapsed time."""
    day_later = _localize(wall + dt.timedelta(days=duration.days), zone, field)
    # Aware arithmetic in Python is wall-clock arithmetic: add elapsed time in UTC.
    return (day_later.astimezone(dt.UTC) + dt.timedelta(seconds=duration.seconds)).astimezone(zone)


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
        shown = end.strftime("%H:%M") if isinstance(end, dt.time) else show(end)
        raise EventTimeError(
            "end", f"expected a date because start is a date (an all-day event), got {shown!r}"
        )
    assert isinstance(end, dt.date)
    if end < start:
        raise EndNotAfterStartError("end", f"{show(end)} is before start {show(start)}")
    return end


def wall_rule(event: Event, zone: ZoneInfo) -> str | None:
    """The event's rule with UNTIL in the event's wall-clock time, as it is expanded here.

    "Until the 21st" on a timed event includes the 21st (read literally it would end at
    midnight); a UTC UNTIL becomes wall-clock time. The feed writes its UNTIL from this too,
    so pages and calendars stop on the same day.
    """
    if event.rrule is None or event.start is None:
        return None
    timed = isinstance(event.start, dt.datetime)
    parts = []
    for part in event.rrule.split(";"):
        key, _, value = part.partition("=")
        if key == "FREQ" and value in ("SECONDLY", "MINUTELY"):
            raise EventTimeError(
                "rrule", f"FREQ={value} repeats too often for an event; use HOURLY or slower"
            )
        if key == "UNTIL" and "T" not in value:
            value += "T235959"
        if key == "UNTIL" and value.endswith("Z"):
            until = dt.datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
            value = until.astimezone(zone).strftime("%Y%m%dT%H%M%S")
        if key == "UNTIL" and not timed:
            value = value[:8] + "T235959"
        parts.append(f"{key}={value}")
    return ";".join(parts)


def _rule(event: Event, zone: ZoneInfo) -> rrule | None:
    """The event's rule over naive wall-clock starts, or None when it does not repeat."""
    text = wall_rule(event, zone)
    if text is None:
        return None
    assert event.start is not None
    timed = isinstance(event.start, dt.datetime)
    dtstart = event.start if timed else dt.datetime.combine(event.start, dt.time())
    try:
        rule = rrulestr(text, dtstart=dtstart)
        first = next(iter(rule), None)  # some mistakes only show when the rule runs
    except (ValueError, TypeError) as error:
        raise EventTimeError(
            "rrule",
            f"{event.rrule!r} is not a repeat rule we can read ({error}); expected something like "
            "'FREQ=WEEKLY;BYDAY=SA;COUNT=8'",
        ) from None
    assert isinstance(rule, rrule)
    if first != dtstart:
        # RFC 5545 counts DTSTART as the first date even when the rule would not produce it,
        # so a calendar app would show a date the pages do not: refuse the mismatch.
        found = (
            "it produces no dates"
            if first is None
            else f"its first date is {show(first if timed else first.date())}"
        )
        raise EventTimeError(
            "start",
            f"{show(event.start)} is not one of the dates the rule produces ({found}); move start to "
            "the first date of the rule",
        )
    return rule


def _same_kind(value: When, event: Event) -> When:
    """A date written for a timed event means that day at the event's usual time."""
    start = event.start
    if isinstance(start, dt.datetime) and not isinstance(value, dt.datetime):
        return dt.datetime.combine(value, start.time())
    if not isinstance(start, dt.datetime) and isinstance(value, dt.datetime):
        return value.date()
    return value


def _rule_starts(event: Event, rule: rrule | None, last: dt.date, strict: bool = True) -> Iterator[When]:
    """Starts produced by the rule (or the single start) up to and including day ``last``.

    Past ``MAX_OCCURRENCES`` a strict walk (validation) raises; a lenient one (pages) stops.
    """
    assert event.start is not None
    if rule is None:
        yield event.start
        return
    timed = isinstance(event.start, dt.datetime)
    for count, start in enumerate(rule):
        if start.date() > last:
            return
        if count >= MAX_OCCURRENCES:
            if not strict:
                return
            raise EventTimeError(
                "rrule",
                f"repeats more than {MAX_OCCURRENCES:,} times; add COUNT= or UNTIL=, or split the event",
            )
        yield start if timed else start.date()


def _skipped(start: When, exceptions: Iterable[When]) -> bool:
    for exception in exceptions:
        if isinstance(exception, dt.datetime):
            if exception == start:
                return True
        elif (start.date() if isinstance(start, dt.datetime) else start) == exception:
            return True
    return False


def _endless(event: Event) -> bool:
    return event.rrule is not None and "COUNT=" not in event.rrule and "UNTIL=" not in event.rrule


def check_dates(event: Event, site_zone: str) -> None:
    """Raise ``EventTimeError`` for a rule that cannot be read or runs away, an exception that
    is not one of the event's dates (almost always a typo), or dates that are all skipped."""
    rule = _rule(event, zone_of(event, site_zone))
    assert event.start is not None
    first_day = event.start.date() if isinstance(event.start, dt.datetime) else event.start
    last = first_day + HORIZON if _endless(event) else dt.date.max
    if event.exceptions:
        # A month past the last exception, so the nearest dates on both sides can be named.
        last_exception = max(e.date() if isinstance(e, dt.datetime) else e for e in event.exceptions)
        last = max(last, last_exception + dt.timedelta(days=31)) if _endless(event) else last
    starts = [*_rule_starts(event, rule, last), *(_same_kind(d, event) for d in event.extra_dates)]
    for index, exception in enumerate(event.exceptions):
        if not _skipped_any(exception, starts):
            nearby = ", ".join(show(start) for start in _nearest(starts, exception))
            raise EventTimeError(
                "exceptions",
                f"{show(exception)} is not one of this event's dates; the nearest are {nearby}",
                index,
            )
    if starts and all(_skipped(start, event.exceptions) for start in starts):
        raise EventTimeError("exceptions", "every date of this event is skipped; remove the event instead")
    if event.changes:
        _check_changes(event, starts, zone_of(event, site_zone))


def _check_changes(event: Event, starts: list[When], zone: ZoneInfo) -> None:
    """Each change is for one date of the series, which no exception skips and no other
    change is for, and it changes something that makes sense."""
    if event.rrule is None and not event.extra_dates:
        raise EventTimeError(
            "changes",
            "changes are for single dates of a repeating event (one with rrule or extra_dates); "
            "change the event's own fields instead",
        )
    claimed: dict[When, int] = {}
    for index, change in enumerate(event.changes):
        matched = [start for start in starts if _skipped(start, [change.date])]
        if not matched:
            nearby = ", ".join(show(start) for start in _nearest(starts, change.date))
            raise EventTimeError(
                "changes",
                f"{show(change.date)} is not one of this event's dates; the nearest are {nearby}",
                index,
                "date",
            )
        if len(matched) > 1:
            raise EventTimeError(
                "changes",
                f"{len(matched)} dates of this event fall on {show(change.date)}; give the time too, "
                f"like '{show(matched[0])}'",
                index,
                "date",
            )
        if _skipped(matched[0], event.exceptions):
            raise EventTimeError(
                "changes",
                f"{show(change.date)} is also in exceptions, which skips it; keep it in one of the two",
                index,
                "date",
            )
        if matched[0] in claimed:
            raise EventTimeError(
                "changes",
                f"changes[{claimed[matched[0]]}] is for the same date; put both in one change",
                index,
                "date",
            )
        claimed[matched[0]] = index
        said = (change.start, change.end, change.location, change.notice, change.registration)
        if not change.cancelled and all(value is None for value in said):
            raise EventTimeError(
                "changes",
                "this change changes nothing; give status: cancelled, a new start, a location, a "
                "notice or a registration link",
                index,
            )
        # A day alone moves a timed date to that day at its usual time; an all-day event's
        # dates have no time to move to.
        if isinstance(change.start, dt.datetime) and not isinstance(event.start, dt.datetime):
            raise EventTimeError(
                "changes",
                f"expected a day (all day), as the event's start has, got {show(change.start)!r}",
                index,
                "start",
            )
        _changed_span(event, change, matched[0], zone, index)


def skipped_starts(event: Event, site_zone: str) -> list[When]:
    """Each start an exception removes (a date-only exception removes every start that day)."""
    if not event.exceptions or event.start is None:
        return []
    rule = _rule(event, zone_of(event, site_zone))
    last = max(e.date() if isinstance(e, dt.datetime) else e for e in event.exceptions)
    starts = {
        *_rule_starts(event, rule, last, strict=False),
        *(_same_kind(d, event) for d in event.extra_dates),
    }
    return sorted((start for start in starts if _skipped(start, event.exceptions)), key=_wall_key)


def _skipped_any(exception: When, starts: list[When]) -> bool:
    return any(_skipped(start, [exception]) for start in starts)


def _nearest(starts: list[When], target: When) -> list[When]:
    def distance(start: When) -> float:
        a = start if isinstance(start, dt.datetime) else dt.datetime.combine(start, dt.time())
        b = target if isinstance(target, dt.datetime) else dt.datetime.combine(target, dt.time())
        return abs((a - b).total_seconds())

    return sorted(sorted(starts, key=distance)[:2])


@reusable()
def occurrences(event: Event, site_zone: str, today: dt.date) -> list[Occurrence]:
    """Every occurrence of a validated event, in time order; endless rules stop a year ahead."""
    if event.start is None:
        return []
    zone = zone_of(event, site_zone)
    first_start, first_end = event_span(event, site_zone)
    first_day = first_start.date() if isinstance(first_start, dt.datetime) else first_start
    # A bounded rule is listed to its end (MAX_OCCURRENCES guards it); an endless one a year ahead.
    last = max(today, first_day) + HORIZON if _endless(event) else dt.date.max
    rule = _rule(event, zone)
    starts = {
        *_rule_starts(event, rule, last, strict=False),
        *(_same_kind(d, event) for d in event.extra_dates),
    }
    changes = {
        start: change for change in event.changes for start in starts if _skipped(start, [change.date])
    }
    found = [
        _occurrence_at(event, start, changes.get(start), zone, (first_start, first_end))
        for start in starts
        if not _skipped(start, event.exceptions)
    ]
    # In time order, a date moved past the next one too.
    return sorted(found, key=lambda occurrence: _wall_key(occurrence.start))


def _occurrence_at(
    event: Event, start: When, change: DateChange | None, zone: ZoneInfo, first: tuple[When, When]
) -> Occurrence:
    """The occurrence the series puts at wall-clock ``start``, as ``change`` leaves it."""
    if change is not None and (change.start is not None or change.end is not None):
        begin, finish = _changed_span(event, change, start, zone)
        moved = change.start is not None and _wall_key(_same_kind(change.start, event)) != _wall_key(start)
        return Occurrence(event, begin, finish, change, series_start(event, start, zone) if moved else None)
    if start == event.start:
        return Occurrence(event, *first, change)
    return Occurrence(event, *_span_from(event, start, zone), change)


def series_start(event: Event, start: When, zone: ZoneInfo) -> When:
    """A wall-clock start of the series as calendars name that date (RECURRENCE-ID)."""
    return _span_from(event, start, zone)[0]


def changed_dates(event: Event, site_zone: str) -> list[tuple[When, Occurrence]]:
    """Each changed date of a validated event: where the series puts it (aware, or a day),
    and the occurrence as changed. Calendars get one override per pair."""
    if not event.changes or event.start is None:
        return []
    zone = zone_of(event, site_zone)
    last = max(c.date.date() if isinstance(c.date, dt.datetime) else c.date for c in event.changes)
    starts = {
        *_rule_starts(event, _rule(event, zone), last, strict=False),
        *(_same_kind(d, event) for d in event.extra_dates),
    }
    first = event_span(event, site_zone)
    found = []
    for change in event.changes:
        for start in sorted(starts, key=_wall_key):
            if _skipped(start, [change.date]):
                found.append(
                    (series_start(event, start, zone), _occurrence_at(event, start, change, zone, first))
                )
                break
    return found


def _wall_key(value: When) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())


def _span_from(event: Event, start: When, zone: ZoneInfo) -> tuple[When, When]:
    """A repeat's span: the same length as the first occurrence, from another start."""
    assert event.start is not None
    if not isinstance(start, dt.datetime):
        first_end = _all_day_end(event.start, event.end, event.duration)
        return start, start + (first_end - event.start)
    assert isinstance(event.start, dt.datetime)
    begin = _localize(start, zone, None)
    if event.duration is not None:
        return begin, _after(start, event.duration, zone, None)
    end = event.end
    wall_end = dt.datetime.combine(event.start.date(), end) if isinstance(end, dt.time) else end
    assert isinstance(wall_end, dt.datetime)
    return begin, _localize(start + (wall_end - event.start), zone, None)


def _changed_span(
    event: Event, change: DateChange, start: When, zone: ZoneInfo, index: int | None = None
) -> tuple[When, When]:
    """The span of a changed date: from its new start (a day alone keeps the usual time),
    to its own end or for as long as the other dates last. With ``index`` (validation), an
    end before the start or a time the clocks skip is refused."""
    begin_wall = start if change.start is None else _same_kind(change.start, event)
    if change.end is None:
        return _span_from(event, begin_wall, zone)
    if not isinstance(begin_wall, dt.datetime):
        end = change.end
        if not isinstance(end, dt.date) or isinstance(end, dt.datetime):
            if index is not None:
                raise EventTimeError(
                    "changes", f"expected a date because the event is all day, got {end!s}", index, "end"
                )
            return _span_from(event, begin_wall, zone)
        if end < begin_wall and index is not None:
            raise EndNotAfterStartError(
                "changes", f"{show(end)} is before start {show(begin_wall)}", index, "end"
            )
        return begin_wall, max(end, begin_wall)
    field = "start" if index is not None else None
    try:
        begin = _localize(begin_wall, zone, field)
        wall_end = change.end
        if isinstance(wall_end, dt.time):
            wall_end = dt.datetime.combine(begin_wall.date(), wall_end)
        if not isinstance(wall_end, dt.datetime):
            raise EventTimeError("end", f"expected a time or a date and time, got {show(wall_end)!r}")
        finish = _localize(wall_end, zone, "end" if index is not None else None)
    except EventTimeError as problem:
        if index is None:
            return _span_from(event, begin_wall, zone)
        raise EventTimeError("changes", problem.message, index, problem.field) from None
    if finish <= begin:
        if index is not None:
            raise EndNotAfterStartError(
                "changes", f"{show(wall_end)} is not after start {show(begin_wall)}", index, "end"
            )
        return _span_from(event, begin_wall, zone)
    return begin, finish


def sort_key(occurrence: Occurrence, site_zone: ZoneInfo) -> tuple[dt.datetime, str]:
    """Chronological order; an all-day event sorts at the start of its day in the site's zone."""
    start = occurrence.start
    if not isinstance(start, dt.datetime):
        start = dt.datetime.combine(start, dt.time(), tzinfo=site_zone)
    return (start.astimezone(dt.UTC), occurrence.event.id)


def all_occurrences(events: Iterable[Event], site_zone: str, today: dt.date) -> tuple[Occurrence, ...]:
    """All occurrences of all scheduled and cancelled events, soonest first."""
    found = [
        occurrence
        for event in events
        if not event.proposed
        for occurrence in occurrences(event, site_zone, today)
    ]
    zone = ZoneInfo(site_zone)
    return tuple(sorted(found, key=lambda occurrence: sort_key(occurrence, zone)))
