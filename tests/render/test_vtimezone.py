"""Tests for portal_gen.render.vtimezone: one RDATE per change, onsets in the local time before it."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar

from portal_gen.render.vtimezone import transitions, vtimezone


def test_chicago_spells_each_change_on_its_own_line() -> None:
    """2025-2028 in Chicago: the daylight onset at 02:00 CST, the standard one at 02:00 CDT."""
    assert vtimezone("America/Chicago", 2025, 2028).decode().split("\r\n") == [
        "BEGIN:VTIMEZONE",
        "TZID:America/Chicago",
        "BEGIN:STANDARD",
        "DTSTART:20250101T000000",
        "TZNAME:CST",
        "TZOFFSETFROM:-0600",
        "TZOFFSETTO:-0600",
        "END:STANDARD",
        "BEGIN:DAYLIGHT",
        "DTSTART:20250309T020000",
        "RDATE:20260308T020000",
        "RDATE:20270314T020000",
        "TZNAME:CDT",
        "TZOFFSETFROM:-0600",
        "TZOFFSETTO:-0500",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "DTSTART:20251102T020000",
        "RDATE:20261101T020000",
        "RDATE:20271107T020000",
        "TZNAME:CST",
        "TZOFFSETFROM:-0500",
        "TZOFFSETTO:-0600",
        "END:STANDARD",
        "END:VTIMEZONE",
        "",
    ]


def test_a_zone_without_daylight_saving_has_one_observance() -> None:
    """Tokyo: one STANDARD block at +0900, nothing else."""
    text = vtimezone("Asia/Tokyo", 2025, 2040).decode()
    assert text.count("BEGIN:STANDARD") == 1 and "DAYLIGHT" not in text
    assert "TZOFFSETTO:+0900\r\n" in text


def test_transitions_are_found_to_the_second() -> None:
    """The spring change in Chicago in 2027 is at 08:00 UTC; Lord Howe's half-hour shift is found."""
    chicago = transitions(
        ZoneInfo("America/Chicago"),
        dt.datetime(2027, 1, 1, tzinfo=dt.UTC),
        dt.datetime(2027, 6, 1, tzinfo=dt.UTC),
    )
    assert [moment for moment, _, _ in chicago] == [dt.datetime(2027, 3, 14, 8, 0, tzinfo=dt.UTC)]
    howe = vtimezone("Australia/Lord_Howe", 2026, 2028).decode()
    assert "TZOFFSETFROM:+1030\r\nTZOFFSETTO:+1100" in howe


def test_icalendar_reads_the_right_offset_on_both_sides_of_each_change() -> None:
    """A VTIMEZONE read back by icalendar gives zoneinfo's offset one hour before and after
    every change from 2026 to 2030, in four zones of both hemispheres."""
    for tzid in ("America/Chicago", "Europe/Berlin", "Australia/Sydney", "America/Santiago"):
        zone = ZoneInfo(tzid)
        calendar = icalendar.Calendar.from_ical(
            b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"
            + vtimezone(tzid, 2025, 2031)
            + b"END:VCALENDAR\r\n"
        )
        read = calendar.walk("VTIMEZONE")[0].to_tz()
        start, end = dt.datetime(2026, 1, 1, tzinfo=dt.UTC), dt.datetime(2030, 12, 31, tzinfo=dt.UTC)
        for moment, _, _ in transitions(zone, start, end):
            for instant in (moment - dt.timedelta(hours=1), moment + dt.timedelta(hours=1)):
                assert instant.astimezone(read).utcoffset() == instant.astimezone(zone).utcoffset(), (
                    tzid,
                    instant,
                )
