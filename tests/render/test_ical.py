"""Tests for portal_gen.render.ical: feeds parse back, expand to the pages' dates, and stay stable."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
from conftest import MINIMAL_SITE, SAMPLE_TODAY, PortalWriter, files_of

from portal_gen.app import Run, load_portal
from portal_gen.model.portal import Portal
from portal_gen.render import calendar_links, ical

CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture
def sample(sample_copy: Path) -> tuple[Portal, dict[str, bytes]]:
    portal = load_portal(Run(sample_copy, SAMPLE_TODAY))
    return portal, ical.calendar_files(portal)


def _events(data: bytes) -> dict[str, icalendar.Event]:
    """Each event's own VEVENT by UID (not the overrides of single dates)."""
    calendar = icalendar.Calendar.from_ical(data)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT") if "RECURRENCE-ID" not in event}


def test_all_events_feed_expands_to_the_dates_on_the_pages(sample: tuple[Portal, dict[str, bytes]]) -> None:
    """Expanding calendar.ics gives exactly the occurrences the pages list (DST and skips included)."""
    portal, files = sample
    calendar = icalendar.Calendar.from_ical(files["events/calendar.ics"])
    expanded = recurring_ical_events.of(calendar).between(dt.date(2026, 1, 1), dt.date(2028, 1, 1))
    from_feed = sorted((str(e["UID"]).split("@")[0], _start(e["DTSTART"].dt)) for e in expanded)
    from_pages = sorted((o.event.id, _start(o.start)) for o in portal.occurrences)
    assert from_feed == from_pages
    yoga = [start for uid, start in from_feed if uid == "kids-yoga"]
    assert "2027-01-02T10:00" not in yoga  # the exception
    assert "2027-03-27T10:00" in yoga  # after the clock change, still 10:00 wall-clock


def _start(value: dt.date | dt.datetime) -> str:
    """Chicago wall-clock time of the instant (via UTC, so a skipped-hour time settles)."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).astimezone(CHICAGO).strftime("%Y-%m-%dT%H:%M")
    return value.isoformat()


def _keep_past_events(root: Path) -> None:
    """The portal at ``root`` keeps every past event in its feeds, for a build long after."""
    site = root / "data" / "site.yml"
    site.write_text(site.read_text() + "calendar_past_days: 3660\n")


def test_uids_are_stable_unique_and_from_the_domain(sample_copy: Path) -> None:
    """Same UIDs on another day's build; one per event; event id @ site domain."""
    _keep_past_events(sample_copy)
    first = _events(ical.calendar_files(load_portal(Run(sample_copy, SAMPLE_TODAY)))["events/calendar.ics"])
    later = _events(
        ical.calendar_files(load_portal(Run(sample_copy, dt.date(2027, 6, 1))))["events/calendar.ics"]
    )
    assert list(first) == list(later)
    assert len(first) == len(set(first)) == 8
    assert "kids-yoga@brambleandbloom.example" in first


def test_feeds_are_byte_identical_when_nothing_changed(sample_copy: Path) -> None:
    """Two builds of the same day give the same bytes; another day's build changes DTSTAMP alone."""
    _keep_past_events(sample_copy)
    one = ical.calendar_files(load_portal(Run(sample_copy, SAMPLE_TODAY)))
    assert one == ical.calendar_files(load_portal(Run(sample_copy, SAMPLE_TODAY)))
    two = ical.calendar_files(load_portal(Run(sample_copy, dt.date(2027, 6, 1))))
    assert one.keys() == two.keys()
    for path in one:
        first, later = one[path].split(b"\r\n"), two[path].split(b"\r\n")
        changed = [(a, b) for a, b in zip(first, later, strict=True) if a != b]
        assert all(a.startswith(b"DTSTAMP:") for a, _ in changed), path


def test_dtstamp_is_the_build_day_or_an_earlier_update(make_portal: PortalWriter) -> None:
    """DTSTAMP is never after the build: ``updated`` when given and earlier, else the build's
    day (midnight where the site is, in UTC); LAST-MODIFIED is ``updated`` as written."""
    root = make_portal(
        events="""\
events:
  - id: later
    title: Later
    start: 2027-05-01 10:00
    end: 11:00
  - id: edited
    title: Edited
    start: 2027-05-02 10:00
    end: 11:00
    updated: 2026-10-01 09:30
  - id: dated-ahead
    title: Dated ahead
    start: 2027-05-03 10:00
    end: 11:00
    updated: 2027-01-01 09:30
"""
    )
    events = _events(ical.calendar_files(load_portal(Run(root, SAMPLE_TODAY)))["events/calendar.ics"])
    stamps = {uid.split("@")[0]: event["DTSTAMP"].dt for uid, event in events.items()}
    midnight = dt.datetime(2026, 11, 23, 6, 0, tzinfo=dt.UTC)  # 00:00 in Chicago
    assert stamps == {
        "later": midnight,
        "edited": dt.datetime(2026, 10, 1, 14, 30, tzinfo=dt.UTC),
        "dated-ahead": midnight,
    }
    assert events["dated-ahead@shop.example"]["LAST-MODIFIED"].dt == dt.datetime(
        2027, 1, 1, 15, 30, tzinfo=dt.UTC
    )


def test_calendar_properties(sample: tuple[Portal, dict[str, bytes]]) -> None:
    """Name, description, refresh hints and a VTIMEZONE for the zone used."""
    _, files = sample
    calendar = icalendar.Calendar.from_ical(files["events/calendar.ics"])
    assert str(calendar["X-WR-CALNAME"]) == "Bramble & Bloom: events"
    assert str(calendar["NAME"]) == "Bramble & Bloom: events"
    assert calendar["REFRESH-INTERVAL"].dt == dt.timedelta(hours=12)
    assert str(calendar["X-PUBLISHED-TTL"]) == "PT12H"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["America/Chicago"]


def test_recurring_event_is_one_vevent_with_its_rule(sample: tuple[Portal, dict[str, bytes]]) -> None:
    """RRULE with UNTIL in UTC, the skipped date as EXDATE in the event's zone."""
    _, files = sample
    yoga = _events(files["events/kids-yoga/kids-yoga.ics"])["kids-yoga@brambleandbloom.example"]
    assert yoga["RRULE"].to_ical() == b"FREQ=WEEKLY;UNTIL=20270328T045959Z;INTERVAL=2;BYDAY=SA"
    assert [d.dt for d in yoga["EXDATE"].dts] == [dt.datetime(2027, 1, 2, 10, tzinfo=CHICAGO)]
    assert yoga["DTSTART"].params["TZID"] == "America/Chicago"


def test_all_day_events_use_dates_and_an_exclusive_end(sample: tuple[Portal, dict[str, bytes]]) -> None:
    """Gift wrapping on the 18th to the 20th ends on the 21st, as VALUE=DATE."""
    _, files = sample
    wrapping = _events(files["events/calendar.ics"])["holiday-wrapping-days@brambleandbloom.example"]
    assert wrapping["DTSTART"].dt == dt.date(2026, 12, 18)
    assert wrapping["DTEND"].dt == dt.date(2026, 12, 21)
    assert b"DTSTART;VALUE=DATE:20261218" in files["events/calendar.ics"]


def test_cancelled_stays_in_the_feed_and_proposed_is_left_out(
    sample: tuple[Portal, dict[str, bytes]],
) -> None:
    """Subscribers see the cancellation; an idea that may never happen is not in their calendar."""
    _, files = sample
    events = _events(files["events/calendar.ics"])
    assert str(events["winter-story-time@brambleandbloom.example"]["STATUS"]) == "CANCELLED"
    assert str(events["kids-yoga@brambleandbloom.example"]["STATUS"]) == "CONFIRMED"
    assert "tennis-introduction@brambleandbloom.example" not in events
    assert "events/tennis-introduction/tennis-introduction.ics" not in files


def test_tier_feeds_hold_the_events_a_tier_is_invited_to(sample: tuple[Portal, dict[str, bytes]]) -> None:
    """The members' preview is in the Family and Patron feeds, not in the Friends feed."""
    _, files = sample
    preview = "teen-line-preview@brambleandbloom.example"
    assert preview in _events(files["events/family.ics"])
    assert preview in _events(files["events/patron.ics"])
    assert preview not in _events(files["events/friends.ics"])
    assert "kids-yoga@brambleandbloom.example" in _events(files["events/friends.ics"])


def test_sequence_and_last_modified_come_from_the_data(make_portal: PortalWriter) -> None:
    """An owner who reschedules bumps sequence; updated becomes LAST-MODIFIED and DTSTAMP."""
    root = make_portal(
        events="""\
        events:
          - id: talk
            title: Talk
            start: 2026-05-01 19:00
            end: 20:00
            sequence: 2
            updated: 2026-04-20 09:30
        """
    )
    event = _events(ical.calendar_files(load_portal(Run(root, SAMPLE_TODAY)))["events/talk/talk.ics"])[
        "talk@shop.example"
    ]
    assert event["SEQUENCE"] == 2
    assert event["LAST-MODIFIED"].dt == dt.datetime(2026, 4, 20, 14, 30, tzinfo=dt.UTC)
    assert event["DTSTAMP"].dt == dt.datetime(2026, 4, 20, 14, 30, tzinfo=dt.UTC)


def test_add_to_calendar_links(sample: tuple[Portal, dict[str, bytes]]) -> None:
    """Google and Outlook links carry the title, the times and the place."""
    portal, _ = sample
    piano = next(o for o in portal.upcoming if o.event.id == "first-piano-lesson")
    google = parse_qs(urlsplit(calendar_links.google_link(piano, portal.site)).query)
    assert google["text"] == ["Your child's first piano lesson"]
    assert google["dates"] == ["20261212T200000Z/20261212T213000Z"]
    assert google["location"] == ["Damen Avenue Music School, 2011 N Damen Ave, Chicago, IL 60647"]
    outlook = parse_qs(urlsplit(calendar_links.outlook_link(piano, portal.site)).query)
    assert outlook["startdt"] == ["2026-12-12T14:00:00-06:00"]
    assert outlook["allday"] == ["false"]
    assert calendar_links.webcal("https://brambleandbloom.example/events/calendar.ics") == (
        "webcal://brambleandbloom.example/events/calendar.ics"
    )


def test_every_feed_is_in_the_plan(sample_copy: Path) -> None:
    """The site publishes the feeds at the addresses DESIGN.md promises."""
    files = files_of(sample_copy, SAMPLE_TODAY)
    for path in ("events/calendar.ics", "events/family.ics", "events/kids-yoga/kids-yoga.ics"):
        assert files[path].startswith(b"BEGIN:VCALENDAR")


def test_extra_dates_and_all_day_repeats_expand_the_same_in_the_feed(make_portal: PortalWriter) -> None:
    """RDATE and EXDATE in the feed, and a repeating all-day event, match the pages' dates."""
    root = make_portal(
        events="""\
        events:
          - id: class
            title: Class
            start: 2026-03-07 10:00
            end: 11:00
            rrule: FREQ=WEEKLY;UNTIL=20260404
            exceptions: [2026-03-14]
            extra_dates: [2026-03-18, 2026-03-25 18:00]
          - id: market
            title: Market
            start: 2026-05-02
            end: 2026-05-03
            rrule: FREQ=MONTHLY;BYDAY=1SA;COUNT=3
        """
    )
    portal = load_portal(Run(root, dt.date(2026, 1, 1)))
    calendar = icalendar.Calendar.from_ical(ical.calendar_files(portal)["events/calendar.ics"])
    expanded = recurring_ical_events.of(calendar).between(dt.date(2026, 1, 1), dt.date(2027, 1, 1))
    from_feed = sorted(
        (str(e["UID"]).split("@")[0], _start(e["DTSTART"].dt), _start(e["DTEND"].dt)) for e in expanded
    )
    from_pages = sorted(
        (
            o.event.id,
            _start(o.start),
            _start(o.end if isinstance(o.end, dt.datetime) else o.end + dt.timedelta(days=1)),
        )
        for o in portal.occurrences
    )
    assert from_feed == from_pages
    assert len(from_pages) == 9  # six classes (one skipped, two extra) and three markets


def test_tricky_rules_expand_the_same_in_the_feed(make_portal: PortalWriter) -> None:
    """Two times a day with a date skipped, an all-day rule ending at a UTC instant, a repeat
    landing in the skipped hour, and a two-line summary: feed and pages agree."""
    root = make_portal(
        events="""\
        events:
          - id: twice
            title: Twice a day
            summary: |
              First line.
              Second line.
            start: 2026-12-05 10:00
            duration: 1h
            rrule: FREQ=DAILY;BYHOUR=10,14;COUNT=6
            exceptions: [2026-12-06]
          - id: fair
            title: Fair
            start: 2026-12-01
            rrule: FREQ=DAILY;UNTIL=20261203T030000Z
          - id: night
            title: Night owls
            start: 2027-03-07 02:30
            end: 04:30
            rrule: FREQ=WEEKLY;COUNT=2
        """
    )
    portal = load_portal(Run(root, dt.date(2026, 11, 1)))
    files = ical.calendar_files(portal)
    calendar = icalendar.Calendar.from_ical(files["events/calendar.ics"])
    expanded = recurring_ical_events.of(calendar).between(dt.date(2026, 1, 1), dt.date(2028, 1, 1))
    from_feed = sorted((str(e["UID"]).split("@")[0], _start(e["DTSTART"].dt)) for e in expanded)
    from_pages = sorted((o.event.id, _start(o.start)) for o in portal.occurrences)
    assert from_feed == from_pages
    assert [s for uid, s in from_pages if uid == "fair"] == ["2026-12-01", "2026-12-02"]
    assert [s for uid, s in from_pages if uid == "twice"] == [
        "2026-12-05T10:00",
        "2026-12-05T14:00",
        "2026-12-07T10:00",
        "2026-12-07T14:00",
    ]
    assert [s for uid, s in from_pages if uid == "night"] == ["2027-03-07T02:30", "2027-03-14T03:30"]
    (twice,) = _events(files["events/twice/twice.ics"]).values()
    assert str(twice["DESCRIPTION"]).startswith("First line.\nSecond line.")


def test_an_hour_in_the_repeated_hour_of_the_autumn_change_lasts_an_hour(make_portal: PortalWriter) -> None:
    """01:30 with `duration: 1h` on the night clocks go back ends at the second 01:30: DTEND is
    written in UTC (a repeated local time reads as its first pass), and a reader gets one hour."""
    root = make_portal(
        events="""\
        events:
          - id: night-owls
            title: Night owls
            start: 2027-11-07 01:30
            duration: 1h
        """
    )
    portal = load_portal(Run(root, dt.date(2027, 11, 1)))
    text = ical.calendar_files(portal)["events/calendar.ics"].decode()
    assert "DTSTART;TZID=America/Chicago:20271107T013000\r\n" in text
    assert "DTEND:20271107T073000Z\r\n" in text
    (event,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    start, end = (event[name].dt.astimezone(dt.UTC) for name in ("DTSTART", "DTEND"))
    assert end - start == dt.timedelta(hours=1)
    # recurring-ical-events 3.x moves the end into the start's zone and loses the second pass
    # (it reads 01:30 CDT to 01:30 CDT); the UTC form is what RFC 5545 makes unambiguous.


def test_what_a_calendar_app_shows_is_plain_text_with_the_address(make_portal: PortalWriter) -> None:
    """DESCRIPTION is the Markdown as plain text (links written out in full); LOCATION gives the
    street address, the business's own for a place named without one; an all-day event leaves
    subscribers free (TRANSP:TRANSPARENT); the links to Google and Outlook carry the same text."""
    root = make_portal(
        events="""\
events:
  - id: fair
    title: Fair
    start: 2026-12-05
    end: 2026-12-07
    location: The reading corner
    description: |
      There is no class on **January 2**. See [the yoga class](yoga.md).
  - id: yoga
    title: Yoga
    start: 2026-12-05 10:00
    end: 11:00
    location:
      name: The studio
      address: 5 Elm St, Chicago
"""
    )
    portal = load_portal(Run(root, SAMPLE_TODAY))
    events = _events(ical.calendar_files(portal)["events/calendar.ics"])
    fair, yoga = events["fair@shop.example"], events["yoga@shop.example"]
    assert str(fair["DESCRIPTION"]) == (
        "There is no class on January 2. See the yoga class (https://shop.example/events/yoga/).\n\n"
        "https://shop.example/events/fair/"
    )
    assert str(fair["LOCATION"]) == "The reading corner, 1 Main St, Chicago"
    assert str(yoga["LOCATION"]) == "The studio, 5 Elm St, Chicago"
    assert str(fair["TRANSP"]) == "TRANSPARENT"
    assert "TRANSP" not in yoga  # timed: busy, the default
    occurrence = next(o for o in portal.occurrences if o.event.id == "fair")
    for link, field in ((calendar_links.google_link, "details"), (calendar_links.outlook_link, "body")):
        query = parse_qs(urlsplit(link(occurrence, portal.site)).query)
        assert query[field] == [str(fair["DESCRIPTION"])]
        assert query["location"] == ["The reading corner, 1 Main St, Chicago"]


def test_an_events_own_file_is_an_event_to_add_not_a_calendar(
    sample: tuple[Portal, dict[str, bytes]],
) -> None:
    """The one-event .ics has no calendar name or refresh hints (an app would subscribe to it);
    the feeds keep them."""
    _, files = sample
    own = icalendar.Calendar.from_ical(files["events/kids-yoga/kids-yoga.ics"])
    for name in ("X-WR-CALNAME", "NAME", "REFRESH-INTERVAL", "X-PUBLISHED-TTL", "X-WR-CALDESC"):
        assert name not in own
    assert str(own["METHOD"]) == "PUBLISH"
    assert {str(event["UID"]) for event in own.walk("VEVENT")} == {"kids-yoga@brambleandbloom.example"}
    assert "X-WR-CALNAME" in icalendar.Calendar.from_ical(files["events/calendar.ics"])


def test_a_changed_date_is_an_override_of_that_date(sample: tuple[Portal, dict[str, bytes]]) -> None:
    """Each change of one date of kids' yoga is a VEVENT with the series' UID and SEQUENCE,
    RECURRENCE-ID the date the rule gives (in DTSTART's zone), and what changed: the
    cancelled December 19 with its notice, February 13 moved to the 14th elsewhere."""
    _, files = sample
    calendar = icalendar.Calendar.from_ical(files["events/kids-yoga/kids-yoga.ics"])
    overrides = [event for event in calendar.walk("VEVENT") if "RECURRENCE-ID" in event]
    assert [event["RECURRENCE-ID"].dt for event in overrides] == [
        dt.datetime(2026, 12, 19, 10, tzinfo=CHICAGO),
        dt.datetime(2027, 2, 13, 10, tzinfo=CHICAGO),
    ]
    assert {str(event["UID"]) for event in overrides} == {"kids-yoga@brambleandbloom.example"}
    assert {event["RECURRENCE-ID"].params["TZID"] for event in overrides} == {"America/Chicago"}
    cancelled, moved = overrides
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert str(cancelled["DESCRIPTION"]).startswith(
        "No class on December 19, our teachers are at a training day."
    )
    assert cancelled["DTSTART"].dt == dt.datetime(2026, 12, 19, 10, tzinfo=CHICAGO)
    assert str(moved["STATUS"]) == "CONFIRMED"
    assert (moved["DTSTART"].dt, moved["DTEND"].dt) == (
        dt.datetime(2027, 2, 14, 10, tzinfo=CHICAGO),
        dt.datetime(2027, 2, 14, 10, 45, tzinfo=CHICAGO),
    )
    assert str(moved["LOCATION"]) == "The reading corner"
    assert "RRULE" not in moved and "EXDATE" not in moved
    assert all(event["SEQUENCE"] == 0 for event in overrides)


def test_the_google_link_of_a_series_repeats_as_the_pages_do(make_portal: PortalWriter) -> None:
    """A series Google's form can carry gets its rule: read back from the link (dates in UTC,
    the rule expanded in the link's zone), it gives every date the pages list, across the
    March clock change."""
    from dateutil.rrule import rrulestr

    events = (
        "events:\n  - id: coffee\n    title: Coffee\n    start: 2027-02-23 08:30\n    end: 09:15\n"
        "    rrule: FREQ=WEEKLY;BYDAY=TU;UNTIL=20270330\n"
    )
    portal = load_portal(Run(make_portal(events=events), SAMPLE_TODAY))
    query = parse_qs(urlsplit(calendar_links.google_link(portal.upcoming[0], portal.site)).query)
    start, end = (dt.datetime.strptime(part, "%Y%m%dT%H%M%SZ") for part in query["dates"][0].split("/"))
    zone = ZoneInfo(query["ctz"][0])
    wall_start = start.replace(tzinfo=dt.UTC).astimezone(zone).replace(tzinfo=None)
    length = end - start
    # dateutil reads a UTC UNTIL only against an aware start: expand on wall times to the
    # same moment, as a calendar app does in the link's zone.
    rule = query["recur"][0].removeprefix("RRULE:")
    utc_until = re.search(r"UNTIL=(\w+)", rule)
    assert utc_until is not None
    until = dt.datetime.strptime(utc_until[1], "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC).astimezone(zone)
    wall_rule = rule.replace(utc_until[1], until.strftime("%Y%m%dT%H%M%S"))
    expanded = [wall.replace(tzinfo=zone) for wall in rrulestr(wall_rule, dtstart=wall_start)]
    assert [(o.start, o.end - o.start) for o in portal.upcoming] == [(s, length) for s in expanded]
    assert [s.astimezone(dt.UTC).hour for s in expanded] == [14, 14, 14, 13, 13, 13]


def test_a_cancelled_or_changed_series_adds_by_subscription(sample: tuple[Portal, dict[str, bytes]]) -> None:
    """Google's form cannot skip or change a date: a series with exceptions or changes is
    added from its own .ics (Google's add-by-URL, Outlook's subscribe from the web)."""
    portal, _ = sample
    yoga = portal.event_by_id("kids-yoga")
    assert not calendar_links.fits_google_form(yoga) and not calendar_links.fits_outlook_form(yoga)
    feed = "https://brambleandbloom.example/events/kids-yoga/kids-yoga.ics"
    google = parse_qs(urlsplit(calendar_links.google_subscribe_link(feed)).query)
    assert google == {"cid": ["webcal://brambleandbloom.example/events/kids-yoga/kids-yoga.ics"]}
    outlook = parse_qs(urlsplit(calendar_links.outlook_subscribe_link(feed, "Kids' yoga")).query)
    assert outlook == {"url": [feed], "name": ["Kids' yoga"]}


def test_the_subscribed_calendars_keep_past_events_for_a_window(make_portal: PortalWriter) -> None:
    """An event stays in calendar.ics and the tier feeds for calendar_past_days (90 by default)
    after its last date, then leaves them; its own .ics stays, for its page."""
    events = (
        "events:\n"
        "  - {id: old, title: Old, start: 2026-08-01 10:00, duration: 1h}\n"
        "  - {id: recent, title: Recent, start: 2026-09-01 10:00, duration: 1h}\n"
        "  - id: weekly\n    title: Weekly\n    start: 2026-06-02 10:00\n    duration: 1h\n"
        "    rrule: FREQ=WEEKLY;UNTIL=20260901\n"
    )
    tiers = "tiers:\n  - {id: gold, name: Gold, threshold: 100}\nperks: []\n"
    today = dt.date(2026, 11, 23)  # 114, 83 and 83 days after their last dates
    files = ical.calendar_files(load_portal(Run(make_portal(events=events, tiers=tiers), today)))
    for feed in ("events/calendar.ics", "events/gold.ics"):
        assert sorted(_events(files[feed])) == ["recent@shop.example", "weekly@shop.example"], feed
    assert "old@shop.example" in _events(files["events/old/old.ics"])
    short = make_portal(events=events, tiers=tiers, site=MINIMAL_SITE + "calendar_past_days: 0\n")
    assert _events(ical.calendar_files(load_portal(Run(short, today)))["events/calendar.ics"]) == {}
