"""VTIMEZONE blocks (RFC 5545 §3.6.5) as every calendar app reads them.

Each block spells out a zone's changes of offset over a span of years, from the time zone
database Python ships with (``zoneinfo``). Two details matter to real clients, and are why
this is not left to ``icalendar.Timezone.from_tzid``:

- one ``RDATE`` line per change: Mozilla's ical.js (Thunderbird) reads only the first value
  of a multi-valued RDATE, and so put every event after the second change an hour off;
- each onset's ``DTSTART`` is the local time *before* the change, as ``TZOFFSETFROM`` says
  (a change at 08:00 UTC from -06:00 starts at 02:00, not at the 03:00 the clock shows after).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from portal_gen.reuse import reusable

#: The scan's step: no zone has changed its offset twice within six hours since 1970.
_STEP = dt.timedelta(hours=6)


@dataclass(frozen=True)
class _State:
    offset: dt.timedelta
    daylight: bool
    name: str


def _state(zone: ZoneInfo, moment: dt.datetime) -> _State:
    local = moment.astimezone(zone)
    offset, dst = local.utcoffset(), local.dst()
    assert offset is not None  # a ZoneInfo always knows its offset
    return _State(offset, bool(dst), local.tzname() or "")


def transitions(
    zone: ZoneInfo, start: dt.datetime, end: dt.datetime
) -> list[tuple[dt.datetime, _State, _State]]:
    """Each change of offset, daylight saving or name between ``start`` and ``end`` (UTC):
    the moment in UTC, to the second, with the states before and after."""
    found = []
    moment, before = start, _state(zone, start)
    while moment < end:
        later = min(moment + _STEP, end)
        after = _state(zone, later)
        if after != before:
            low, high = moment, later  # the change lies in (low, high]
            while high - low > dt.timedelta(seconds=1):
                middle = low + (high - low) / 2
                middle = middle.replace(microsecond=0)
                if _state(zone, middle) == before:
                    low = middle
                else:
                    high = middle
            found.append((high, before, after))
        moment, before = later, after
    return found


def _offset(value: dt.timedelta) -> str:
    seconds = int(value.total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{seconds:02d}" if seconds else "")


def _local(moment: dt.datetime, offset: dt.timedelta) -> str:
    return (moment + offset).strftime("%Y%m%dT%H%M%S")


@reusable()
@functools.lru_cache(maxsize=256)
def vtimezone(tzid: str, first_year: int, last_year: int) -> bytes:
    """One zone's VTIMEZONE, its changes spelled out from ``first_year`` to ``last_year``.

    Hundreds of calendars (one per event) carry the same few zones over the same few spans
    of years: a function of three small values, it is made once per process (in serve, the
    session keeps it as well)."""
    zone = ZoneInfo(tzid)
    start = dt.datetime(first_year, 1, 1, tzinfo=zone).astimezone(dt.UTC)
    end = dt.datetime(last_year, 1, 1, tzinfo=zone).astimezone(dt.UTC)
    initial = _state(zone, start)
    # One observance per kind of change (to daylight time, back to standard time), its first
    # onset as DTSTART and every later one as an RDATE of its own.
    onsets: dict[tuple[_State, _State], list[dt.datetime]] = {}
    for moment, before, after in transitions(zone, start, end):
        onsets.setdefault((before, after), []).append(moment)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{tzid}"]
    # The offset in force when the span begins, for anything before the first change.
    observances = [((initial, initial), [start]), *sorted(onsets.items(), key=lambda item: item[1][0])]
    for (before, after), moments in observances:
        kind = "DAYLIGHT" if after.daylight else "STANDARD"
        lines.append(f"BEGIN:{kind}")
        lines.append(f"DTSTART:{_local(moments[0], before.offset)}")
        lines += [f"RDATE:{_local(moment, before.offset)}" for moment in moments[1:]]
        if after.name:
            lines.append(f"TZNAME:{after.name}")
        lines.append(f"TZOFFSETFROM:{_offset(before.offset)}")
        lines.append(f"TZOFFSETTO:{_offset(after.offset)}")
        lines.append(f"END:{kind}")
    lines.append("END:VTIMEZONE")
    return "".join(f"{line}\r\n" for line in lines).encode("utf-8")
