"""Tests for portal_gen.model.repeat: repeat: becomes the RRULE an owner would write, rrule's
UNTIL takes the dates other fields take, and every mistake is said through portal-gen check."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import SAMPLE_TODAY, PortalWriter, files_of

from portal_gen.cli import main
from portal_gen.model.repeat import Repeat, parse_rrule


def _check(root: Path) -> tuple[int, list[str]]:
    """``portal-gen check`` on the sample's day: its exit code and what it printed."""
    result = CliRunner().invoke(main, ["check", "--root", str(root), "--today", str(SAMPLE_TODAY)])
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr.splitlines()


@pytest.mark.parametrize(
    ("repeat", "rule"),
    [
        ({"every": "week"}, "FREQ=WEEKLY"),
        (
            {"every": "2 weeks", "on": ["saturday"], "until": "2027-03-27"},
            "FREQ=WEEKLY;UNTIL=20270327;INTERVAL=2;BYDAY=SA",
        ),
        (
            {"every": "other week", "on": "Thursday and tuesday", "times": 8},
            "FREQ=WEEKLY;COUNT=8;INTERVAL=2;BYDAY=TU,TH",
        ),
        ({"every": "fortnight", "on": "sat, SU"}, "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA,SU"),
        ({"every": "Every 3 days", "times": 4}, "FREQ=DAILY;COUNT=4;INTERVAL=3"),
        ({"every": "daily", "until": "2027-01-01 18:00"}, "FREQ=DAILY;UNTIL=20270101T180000"),
        ({"every": "month", "on": ["last friday", "1st saturday"]}, "FREQ=MONTHLY;BYDAY=-1FR,1SA"),
        ({"every": "monthly", "on": [15, 1, 15]}, "FREQ=MONTHLY;BYMONTHDAY=1,15"),
        ({"every": "year", "times": 3}, "FREQ=YEARLY;COUNT=3"),
        # The names of the languages portal-gen speaks, with or without accents, and plurals.
        ({"every": "week", "on": ["Samstag", "samedi", "saturdays"]}, "FREQ=WEEKLY;BYDAY=SA"),
        ({"every": "week", "on": ["sábado", "Zaterdag", "Dienstag"]}, "FREQ=WEEKLY;BYDAY=TU,SA"),
        ({"every": "month", "on": "letzter freitag"}, None),
    ],
)
def test_repeat_becomes_the_rule_an_owner_would_write(repeat: dict[str, Any], rule: str | None) -> None:
    """Each form of every/on/until/times gives one RRULE, days in the week's order, each once."""
    if rule is None:
        # Ordinals are English only; the weekday may be in another language.
        with pytest.raises(ValueError, match="expected a day of the week"):
            Repeat.model_validate(repeat)
        return
    assert Repeat.model_validate(repeat).rule() == rule


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("FREQ=WEEKLY;UNTIL=2027-03-27", "FREQ=WEEKLY;UNTIL=20270327"),
        ("freq=weekly;until=2027-03-27 18:00", "FREQ=WEEKLY;UNTIL=20270327T180000"),
        ("FREQ=WEEKLY;UNTIL=2027-03-27T18:00:30;BYDAY=SA", "FREQ=WEEKLY;UNTIL=20270327T180030;BYDAY=SA"),
        ("FREQ=WEEKLY;UNTIL=20270327T180000Z", "FREQ=WEEKLY;UNTIL=20270327T180000Z"),
    ],
)
def test_rrule_until_takes_the_dates_other_fields_take(written: str, kept: str) -> None:
    """UNTIL=2027-03-27 and UNTIL=2027-03-27 18:00 are kept as RFC 5545 writes them."""
    assert parse_rrule(written) == kept


EVENT = """\
events:
  - id: class
    title: Class
    start: {start}
    duration: {length}
    timezone: {zone}
{how}
"""


@pytest.mark.parametrize(
    ("start", "zone", "repeat", "rrule"),
    [
        (
            "2026-11-28 10:00",
            "America/Chicago",
            "every: 2 weeks\n      on: [saturday]\n      until: 2027-03-27",
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA;UNTIL=20270327",
        ),
        (
            "2026-12-05 10:00",
            "Europe/Berlin",
            "every: month\n      on: first saturday\n      times: 6",
            "FREQ=MONTHLY;BYDAY=1SA;COUNT=6",
        ),
        (
            "2026-11-30 18:30",
            "Europe/Berlin",
            "every: day\n      until: 2026-12-10 18:30",
            "FREQ=DAILY;UNTIL=2026-12-10 18:30",
        ),
        ("2026-12-24", "America/Chicago", "every: year\n      times: 3", "FREQ=YEARLY;COUNT=3"),
        (
            "2026-12-01 09:00",
            "America/Chicago",
            "every: week\n      on: [tue, thu]",
            "BYDAY=TU,TH;FREQ=WEEKLY",
        ),
    ],
)
def test_repeat_and_the_same_rrule_give_the_same_files(
    make_portal: PortalWriter, start: str, zone: str, repeat: str, rrule: str
) -> None:
    """Every page and calendar byte is the same whether the event says repeat: or rrule:."""
    root = make_portal(
        events=EVENT.format(start=start, zone=zone, length=_length(start), how="    repeat:\n      " + repeat)
    )
    with_repeat = _without_google_links(files_of(root))
    (root / "data" / "events.yml").write_text(
        EVENT.format(start=start, zone=zone, length=_length(start), how=f"    rrule: {rrule}"),
        encoding="utf-8",
    )
    assert _without_google_links(files_of(root)) == with_repeat
    assert b"RRULE:" in with_repeat["events/class/class.ics"]


def _length(start: str) -> str:
    """45 minutes for a timed start, one day for an all-day one."""
    return "1 day" if len(start) == len("2026-12-24") else "45 minutes"


def _without_google_links(files: dict[str, bytes]) -> dict[str, bytes]:
    """The files with Google's add-event link left out of the pages: it carries the rule in the
    order it was written (the .ics files write RFC 5545's order, so they must match whole)."""
    return {
        path: data
        if path.endswith(".ics")
        else b"\n".join(line for line in data.split(b"\n") if b"render?action=TEMPLATE" not in line)
        for path, data in files.items()
    }


def test_a_written_until_is_that_whole_day_or_that_time_in_the_events_zone(make_portal: PortalWriter) -> None:
    """RRULE's UNTIL in the feed is UTC: the last second of the day written, or the time written,
    where the event is (Berlin is UTC+1 in March before the clocks change)."""
    for until, utc in [
        ("2027-03-26", b"UNTIL=20270326T225959Z"),
        ("2027-03-26 18:00", b"UNTIL=20270326T170000Z"),
    ]:
        events = EVENT.format(
            start="2026-12-04 18:00",
            length="1h",
            zone="Europe/Berlin",
            how=f"    rrule: FREQ=WEEKLY;UNTIL={until}",
        )
        root = make_portal(events=events)
        feed = files_of(root)["events/class/class.ics"]
        assert b"RRULE:FREQ=WEEKLY;" + utc + b"\r\n" in feed


SCHEMA_MISTAKES = """\
events:
  - id: both
    title: Both
    start: 2026-12-05 10:00
    rrule: FREQ=WEEKLY;COUNT=3
    repeat:
      every: week
  - id: until-and-times
    title: Until and times
    start: 2026-12-05 10:00
    repeat:
      every: week
      until: 2027-03-27
      times: 8
  - id: bad-every
    title: Bad every
    start: 2026-12-05 10:00
    repeat:
      every: 2
  - id: hourly
    title: Hourly
    start: 2026-12-05 10:00
    repeat:
      every: 3 hours
  - id: bad-day
    title: Bad day
    start: 2026-12-05 10:00
    repeat:
      every: week
      on: [saturday, caturday]
  - id: monthly-plain
    title: Monthly plain
    start: 2026-12-05 10:00
    repeat:
      every: month
      on: saturday
  - id: weekly-first
    title: Weekly first
    start: 2026-12-05 10:00
    repeat:
      every: week
      on: first saturday
  - id: daily-on
    title: Daily on
    start: 2026-12-05 10:00
    repeat:
      every: day
      on: [monday]
  - id: day-31
    title: Day 31
    start: 2026-12-05 10:00
    repeat:
      every: month
      on: [5, 31]
  - id: mixed
    title: Mixed
    start: 2026-12-05 10:00
    repeat:
      every: month
      on: [5, first saturday]
  - id: zero
    title: Zero
    start: 2026-12-05 10:00
    repeat:
      every: week
      times: 0
  - id: typo
    title: Typo
    start: 2026-12-05 10:00
    repeat:
      every: week
      untill: 2027-01-01
"""


def test_repeat_mistakes_are_said_where_they_are(make_portal: PortalWriter) -> None:
    """Both rrule and repeat, until with times, an unreadable every or day, a day that does not
    fit every, a day of the month not every month has, zero times, a misspelt field."""
    code, lines = _check(make_portal(events=SCHEMA_MISTAKES))
    assert code == 1
    assert lines == [
        "data/events.yml:6:5: events[0].repeat: give either rrule or repeat, not both; keep repeat and "
        "delete the rrule line, or the other way round",
        "data/events.yml:14:7: events[1].repeat.times: give either until or times, not both; keep the one "
        "you mean and delete the other",
        "data/events.yml:19:7: events[2].repeat.every: expected how often it repeats, like 'week', "
        "'2 weeks', 'day', 'month' or 'year', got 2",
        "data/events.yml:24:7: events[3].repeat.every: expected how often it repeats, like 'week', "
        "'2 weeks', 'day', 'month' or 'year', got '3 hours'",
        "data/events.yml:30:22: events[4].repeat.on[1]: expected a day of the week like 'saturday' (or, "
        "with every: month, 'first saturday', 'last friday' or a day of the month like 15), got 'caturday'",
        "data/events.yml:36:7: events[5].repeat.on: with every: month, say which saturday of the month, "
        "like 'first saturday' or 'last saturday', got 'saturday' (every saturday is every: week)",
        "data/events.yml:42:7: events[6].repeat.on: 'first saturday' is for every: month; with every: week "
        "write the day alone, like 'saturday', got 'first saturday'",
        "data/events.yml:48:12: events[7].repeat.on[0]: every: day repeats every day, so on: has nothing "
        "to choose, got 'monday'; leave out on:, or use every: week (or month) with the days",
        "data/events.yml:54:15: events[8].repeat.on[1]: expected a day of the month from 1 to 28, got 31; "
        "not every month has a 29th to 31st, and those months would have no date (for the end of the "
        "month, write 'last friday' or the like)",
        "data/events.yml:60:7: events[9].repeat.on: give either days of the month (like 15) or weekdays "
        "(like 'first saturday'), not both; make two events, one for each kind",
        "data/events.yml:66:7: events[10].repeat.times: must be 1 or more, got 0",
        "data/events.yml:72:7: events[11].repeat.untill: unknown field (did you mean 'until'?); expected "
        "one of: every, on, until, times",
        "12 problems found; nothing was written.",
    ]


DATE_MISTAKES = """\
events:
  - id: until-before
    title: Until before
    start: 2026-12-05 10:00
    duration: 1h
    repeat:
      every: 2 weeks
      until: 2026-11-28
  - id: until-time-before
    title: Until time before
    start: 2026-12-05 10:00
    duration: 1h
    repeat:
      every: week
      until: 2026-12-05 09:00
  - id: month-end
    title: Month end
    start: 2026-12-31 10:00
    duration: 1h
    repeat:
      every: month
  - id: leap
    title: Leap
    start: 2028-02-29
    repeat:
      every: year
  - id: not-on-start
    title: Not on start
    start: 2026-12-04 10:00
    duration: 1h
    repeat:
      every: week
      on: saturday
  - id: many
    title: Many
    start: 2026-12-05 10:00
    duration: 1h
    repeat:
      every: day
      times: 5000
  - id: one-day
    title: Until its own day
    start: 2026-12-05 10:00
    duration: 1h
    repeat:
      every: week
      until: 2026-12-05
"""


def test_repeat_dates_that_do_not_fit_the_start_are_refused(make_portal: PortalWriter) -> None:
    """until before the start (a day, or a time that day), a monthly day 31 or a yearly February
    29 that would skip dates, a start the days do not include, too many dates; until on the
    start's own day is one date, not a mistake."""
    code, lines = _check(make_portal(events=DATE_MISTAKES))
    assert code == 1
    assert lines == [
        "data/events.yml:8:7: events[0].repeat.until: 2026-11-28 is before start 2026-12-05 10:00; give "
        "the last date the series has",
        "data/events.yml:15:7: events[1].repeat.until: 2026-12-05 09:00 is before start 2026-12-05 10:00; "
        "give the last date the series has",
        "data/events.yml:21:7: events[2].repeat.every: start is on day 31, which not every month has, and "
        "those months would have no date; add on: with the day it means, like 'last thursday', or start "
        "on day 28 or earlier",
        "data/events.yml:26:7: events[3].repeat.every: start is on February 29, which only leap years "
        "have; start on February 28 or March 1",
        "data/events.yml:29:5: events[4].start: 2026-12-04 10:00 is not one of the dates the rule produces "
        "(its first date is 2026-12-05 10:00); move start to the first date of the rule",
        "data/events.yml:40:7: events[5].repeat.times: repeats more than 2,000 times; lower times, or "
        "split the event",
        "6 problems found; nothing was written.",
    ]


def test_a_repeat_is_listed_as_one_series_in_words(make_portal: PortalWriter) -> None:
    """The events page says the repeat in words, as for the same rrule."""
    events = EVENT.format(
        start="2026-11-28 10:00",
        length="45 minutes",
        zone="America/Chicago",
        how="    repeat:\n      every: 2 weeks\n      on: [saturday]\n      until: 2027-03-27",
    )
    page = files_of(make_portal(events=events))["events/index.md"].decode()
    assert "Every other Saturday, 10:00" in page
    assert "9 dates until Sat, Mar 20" in page
