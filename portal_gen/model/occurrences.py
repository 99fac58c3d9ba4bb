"""When events happen: their dates by the rule, the exceptions and extra dates, and the
changes to single dates, checked and expanded.

Recurring events are expanded on wall-clock times (dateutil's rrule over naive datetimes)
and only then given their zone (``portal_gen.model.spans``), so a Saturday 10:00 class stays
at 10:00 across a clock change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr

from portal_gen.model.events import DateChange, Event
from portal_gen.model.portal import Occurrence
from portal_gen.model.repeat import start_problem
from portal_gen.model.spans import (
    EventTimeError,
    When,
    changed_span,
    event_span,
    moved_start,
    same_kind,
    show,
    span_from,
    wall_key,
    zone_of,
)
from portal_gen.reuse import reusable

#: Endless rules are listed this far ahead of today on pages.
HORIZON = dt.timedelta(days=366)
#: More dates than this for one event is a mistake in the rule, not a calendar.
MAX_OCCURRENCES = 2000


def wall_rule(event: Event, zone: ZoneInfo) -> str | None:
    """The event's rule with UNTIL in the event's wall-clock time, as it is expanded here.

    "Until the 21st" on a timed event includes the 21st (read literally it would end at
    midnight); a UTC UNTIL becomes wall-clock time. The feed writes its UNTIL from this too,
    so pages and calendars stop on the same day.
    """
    rule = event.rule
    if rule is None or event.start is None:
        return None
    timed = isinstance(event.start, dt.datetime)
    parts = []
    for part in rule.split(";"):
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
    if event.repeat is not None and (problem := start_problem(event.repeat, event.start)) is not None:
        raise EventTimeError("repeat", problem[1], subfield=problem[0])
    timed = isinstance(event.start, dt.datetime)
    dtstart = event.start if timed else dt.datetime.combine(event.start, dt.time())
    try:
        rule = rrulestr(text, dtstart=dtstart)
        first = next(iter(rule), None)  # some mistakes only show when the rule runs
    except (ValueError, TypeError) as error:
        raise EventTimeError(
            event.rule_field,
            f"{event.rule!r} is not a repeat rule we can read ({error}); expected something like "
            "'FREQ=WEEKLY;BYDAY=SA;COUNT=8'",
        ) from None
    assert isinstance(rule, rrule)
    until = _wall_until(text)
    if first is None and until is not None and until < dtstart:
        # A day's UNTIL stands for the last second of that day: show it as the day written.
        whole_day = not timed or until.time() == dt.time(23, 59, 59)
        raise EventTimeError(
            "rrule",
            f"UNTIL {show(until.date() if whole_day else until)} is before start {show(event.start)}; "
            "give the last date the series has",
        )
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


def _wall_until(text: str) -> dt.datetime | None:
    """UNTIL of a rule as ``wall_rule`` writes it (a wall-clock time), if it has one."""
    for part in text.split(";"):
        key, _, value = part.partition("=")
        if key == "UNTIL":
            return dt.datetime.strptime(value, "%Y%m%dT%H%M%S")
    return None


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
            # Said in the words of the field the owner wrote; a bounded repeat: ends too late.
            said = None if event.repeat is None else "times" if event.repeat.times else "until"
            ending = {None: "add COUNT= or UNTIL=", "times": "lower times", "until": "give an earlier until"}
            raise EventTimeError(
                event.rule_field,
                f"repeats more than {MAX_OCCURRENCES:,} times; {ending[said]}, or split the event",
                subfield=said,
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


def endless(event: Event) -> bool:
    """A rule with neither COUNT nor UNTIL: listed a year ahead, with no last date."""
    rule = event.rule
    return rule is not None and "COUNT=" not in rule and "UNTIL=" not in rule


def check_dates(event: Event, site_zone: str) -> None:
    """Raise ``EventTimeError`` for a rule that cannot be read or runs away, an exception that
    is not one of the event's dates (almost always a typo), or dates that are all skipped."""
    rule = _rule(event, zone_of(event, site_zone))
    assert event.start is not None
    first_day = event.start.date() if isinstance(event.start, dt.datetime) else event.start
    last = first_day + HORIZON if endless(event) else dt.date.max
    named = [*event.exceptions, *(change.date for change in event.changes)]
    if named:
        # A month past the last date an exception or a change names, so the nearest dates on
        # both sides can be named.
        latest = max(e.date() if isinstance(e, dt.datetime) else e for e in named)
        last = max(last, latest + dt.timedelta(days=31)) if endless(event) else last
    starts = [*_rule_starts(event, rule, last), *(same_kind(d, event) for d in event.extra_dates)]
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
    if event.rule is None and not event.extra_dates:
        raise EventTimeError(
            "changes",
            "changes are for single dates of a repeating event (one with repeat, rrule or extra_dates); "
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
        changed_span(event, change, matched[0], zone, index)
        if change.start is not None:
            new = moved_start(change.start, matched[0])
            others = (
                start for start in starts if start != matched[0] and not _skipped(start, event.exceptions)
            )
            if any(wall_key(new) == wall_key(other) for other in others):
                raise EventTimeError(
                    "changes",
                    f"{show(new)} is already a date of this event; move it to another time, or cancel "
                    "this date",
                    index,
                    "start",
                )


def skipped_starts(event: Event, site_zone: str) -> list[When]:
    """Each start an exception removes (a date-only exception removes every start that day)."""
    if not event.exceptions or event.start is None:
        return []
    rule = _rule(event, zone_of(event, site_zone))
    last = max(e.date() if isinstance(e, dt.datetime) else e for e in event.exceptions)
    starts = {
        *_rule_starts(event, rule, last, strict=False),
        *(same_kind(d, event) for d in event.extra_dates),
    }
    return sorted((start for start in starts if _skipped(start, event.exceptions)), key=wall_key)


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
    last = max(today, first_day) + HORIZON if endless(event) else dt.date.max
    rule = _rule(event, zone)
    starts = {
        *_rule_starts(event, rule, last, strict=False),
        *(same_kind(d, event) for d in event.extra_dates),
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
    return sorted(found, key=lambda occurrence: wall_key(occurrence.start))


def _occurrence_at(
    event: Event, start: When, change: DateChange | None, zone: ZoneInfo, first: tuple[When, When]
) -> Occurrence:
    """The occurrence the series puts at wall-clock ``start``, as ``change`` leaves it."""
    if change is not None and (change.start is not None or change.end is not None):
        begin, finish = changed_span(event, change, start, zone)
        moved = change.start is not None and wall_key(moved_start(change.start, start)) != wall_key(start)
        return Occurrence(event, begin, finish, change, series_start(event, start, zone) if moved else None)
    if start == event.start:
        return Occurrence(event, *first, change)
    return Occurrence(event, *span_from(event, start, zone), change)


def series_start(event: Event, start: When, zone: ZoneInfo) -> When:
    """A wall-clock start of the series as calendars name that date (RECURRENCE-ID)."""
    return span_from(event, start, zone)[0]


def changed_dates(event: Event, site_zone: str) -> list[tuple[When, Occurrence]]:
    """Each changed date of a validated event: where the series puts it (aware, or a day),
    and the occurrence as changed. Calendars get one override per pair."""
    if not event.changes or event.start is None:
        return []
    zone = zone_of(event, site_zone)
    last = max(c.date.date() if isinstance(c.date, dt.datetime) else c.date for c in event.changes)
    starts = {
        *_rule_starts(event, _rule(event, zone), last, strict=False),
        *(same_kind(d, event) for d in event.extra_dates),
    }
    first = event_span(event, site_zone)
    found = []
    for change in event.changes:
        for start in sorted(starts, key=wall_key):
            if _skipped(start, [change.date]):
                found.append(
                    (series_start(event, start, zone), _occurrence_at(event, start, change, zone, first))
                )
                break
    return found


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
