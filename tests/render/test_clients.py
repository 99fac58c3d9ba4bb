"""Calendars as real clients read them: Mozilla's ical.js (Thunderbird), node-ical and
recurring-ical-events expand every .ics file alike, to the minute, and as the pages list it."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
from conftest import SAMPLE_TODAY, PortalWriter, copy_sample

from portal_gen.addresses import ALL_EVENTS_FEED, event_feed_path, tier_feed_path
from portal_gen.app import Run, load_portal
from portal_gen.model.portal import Occurrence, Portal
from portal_gen.render import ical

REPO = Path(__file__).resolve().parents[2]
CLIENTS = REPO / "tests" / "clients"
sys.path.insert(0, str(REPO / "benchmarks"))
import synthetic  # noqa: E402

#: What the clients are asked for: twelve months from the build's day.
FROM, TO = SAMPLE_TODAY, SAMPLE_TODAY + dt.timedelta(days=365)

Seen = list[tuple[str, str, str, str]]


@pytest.fixture(scope="session")
def node_clients() -> Path:
    """The npm packages of tests/clients, installed from the lock file when missing."""
    node = shutil.which("node")
    assert node is not None, "Node.js is needed for these tests: apt-get install nodejs npm"
    if not (CLIENTS / "node_modules" / "ical.js").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=CLIENTS, check=True, capture_output=True)
    return CLIENTS / "expand.mjs"


def _moment(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%MZ")
    return value.isoformat()


def _within(seen: Seen) -> Seen:
    """The occurrences that overlap [FROM, TO) (as dates for all-day ones, in UTC otherwise),
    sorted: every client is asked a wider span, then cut the same way."""
    start_moment = dt.datetime.combine(FROM, dt.time(), tzinfo=dt.UTC)
    end_moment = dt.datetime.combine(TO, dt.time(), tzinfo=dt.UTC)

    def overlaps(start: str, end: str) -> bool:
        if "T" not in start:
            return dt.date.fromisoformat(start) < TO and dt.date.fromisoformat(end) > FROM
        parse = lambda text: dt.datetime.strptime(text, "%Y-%m-%dT%H:%MZ").replace(tzinfo=dt.UTC)  # noqa: E731
        return parse(start) < end_moment and parse(end) > start_moment

    return sorted(item for item in seen if overlaps(item[1], item[2]))


def _from_pages(occurrences: list[Occurrence], portal: Portal) -> Seen:
    """The occurrences the pages list, as a calendar writes them (an all-day end is the day after)."""
    seen = []
    for occurrence in occurrences:
        end = occurrence.end
        if not isinstance(end, dt.datetime):
            end = end + dt.timedelta(days=1)
        status = "CANCELLED" if occurrence.cancelled else "CONFIRMED"
        uid = ical.uid(occurrence.event, portal.site)
        seen.append((uid, _moment(occurrence.start), _moment(end), status))
    return _within(seen)


def _with_recurring_ical_events(data: bytes) -> Seen:
    calendar = icalendar.Calendar.from_ical(data)
    expanded = recurring_ical_events.of(calendar).between(
        FROM - dt.timedelta(days=3), TO + dt.timedelta(days=3)
    )
    seen = [
        (
            str(event["UID"]),
            _moment(event["DTSTART"].dt),
            _moment(event["DTEND"].dt),
            str(event.get("STATUS", "")),
        )
        for event in expanded
    ]
    return _within(seen)


def _expected_per_file(portal: Portal) -> dict[str, Seen]:
    """Which occurrences each file carries, from the portal the pages show."""
    listed = [o for o in portal.occurrences if not o.event.proposed]
    # The subscribed calendars keep an event until calendar_past_days after its last date.
    since = portal.today - dt.timedelta(days=portal.site.calendar_past_days)
    current = [o for o in listed if (portal.last_day_of(o.event) or dt.date.min) >= since]
    expected = {ALL_EVENTS_FEED: _from_pages(current, portal)}
    for tier in portal.tiers:
        invited = [o for o in current if not o.event.tiers or tier.id in o.event.tiers]
        expected[tier_feed_path(tier)] = _from_pages(invited, portal)
    for event in {o.event.id: o.event for o in listed}.values():
        expected[event_feed_path(event)] = _from_pages([o for o in listed if o.event is event], portal)
    return expected


def _check(root: Path, today: dt.date, expand: Path, tmp_path: Path) -> int:
    portal = load_portal(Run(root, today))
    files = ical.calendar_files(portal)
    expected = _expected_per_file(portal)
    assert sorted(files) == sorted(expected)
    written = {}
    for path, data in files.items():
        target = tmp_path / "ics" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written[str(target)] = path
    wide = (FROM - dt.timedelta(days=3)).isoformat(), (TO + dt.timedelta(days=3)).isoformat()
    out = subprocess.run(
        ["node", str(expand), *wide, *written], check=True, capture_output=True, text=True, env={"TZ": "UTC"}
    ).stdout
    for target, clients in json.loads(out).items():
        path = written[target]
        want = expected[path]
        for client, seen in clients.items():
            assert _within([tuple(item) for item in seen]) == want, (path, client)
        assert _with_recurring_ical_events(files[path]) == want, (path, "recurring-ical-events")
    return sum(len(seen) for seen in expected.values())


def test_every_calendar_of_the_sample_reads_the_same_in_three_clients(
    node_clients: Path, tmp_path: Path
) -> None:
    """Each .ics of the sample, expanded for twelve months by ical.js, node-ical and
    recurring-ical-events, gives the pages' occurrences: kids' yoga after the March change
    included (ical.js read it an hour late when a VTIMEZONE packed its changes in one RDATE),
    its cancelled December 19 as cancelled, and its February 13 on the 14th, where it moved."""
    root = copy_sample(tmp_path / "portal")
    assert _check(root, SAMPLE_TODAY, node_clients, tmp_path) > 20
    portal = load_portal(Run(root, SAMPLE_TODAY))
    yoga = _expected_per_file(portal)["events/kids-yoga/kids-yoga.ics"]
    assert (
        "kids-yoga@brambleandbloom.example",
        "2027-03-27T15:00Z",
        "2027-03-27T15:45Z",
        "CONFIRMED",
    ) in yoga
    cancelled = ("kids-yoga@brambleandbloom.example", "2026-12-19T16:00Z", "2026-12-19T16:45Z", "CANCELLED")
    moved = ("kids-yoga@brambleandbloom.example", "2027-02-14T16:00Z", "2027-02-14T16:45Z", "CONFIRMED")
    assert cancelled in yoga and moved in yoga
    assert not [seen for seen in yoga if seen[1].startswith("2027-02-13")]


def test_every_calendar_of_a_benchmark_portal_reads_the_same_in_three_clients(
    node_clients: Path, tmp_path: Path
) -> None:
    """The same for a 2% benchmark portal: many zones' worth of repeating events and tiers."""
    root = synthetic.write_portal(tmp_path / "bench", 0.02)
    assert _check(root, synthetic.TODAY, node_clients, tmp_path) > 50


REPEATS = """\
events:
  - id: fortnightly
    title: Every other Saturday
    start: 2026-11-28 10:00
    duration: 45 minutes
    repeat:
      every: 2 weeks
      on: [saturday]
      until: 2027-03-27
  - id: first-saturday
    title: First Saturday in Berlin
    start: 2026-12-05 10:00
    duration: 1h
    timezone: Europe/Berlin
    repeat:
      every: month
      on: first saturday
      times: 6
  - id: evenings
    title: Evenings until a time
    start: 2026-11-30 18:30
    end: 19:30
    repeat:
      every: day
      until: 2026-12-10 18:30
  - id: fair
    title: Yearly fair
    start: 2026-12-24
    repeat:
      every: year
      times: 3
  - id: twice-weekly
    title: Tuesdays and Thursdays
    start: 2026-12-01 09:00
    duration: 1h
    repeat:
      every: week
      on: tuesday and thursday
    exceptions: [2026-12-24]
"""


def test_events_written_with_repeat_read_the_same_in_three_clients(
    node_clients: Path, make_portal: PortalWriter, tmp_path: Path
) -> None:
    """Events written with repeat: (fortnightly until a day, the first Saturday of the month in
    another zone, daily until a time, yearly all day, two weekdays with a skipped date) expand
    in ical.js, node-ical and recurring-ical-events to the pages' dates; the fortnightly one to
    the Saturdays up to the 27th, across the change to daylight saving time."""
    root = make_portal(events=REPEATS)
    assert _check(root, SAMPLE_TODAY, node_clients, tmp_path) > 60
    expected = _expected_per_file(load_portal(Run(root, SAMPLE_TODAY)))
    fortnightly = [seen[1] for seen in expected["events/fortnightly/fortnightly.ics"]]
    assert fortnightly == [
        *(f"{day}T16:00Z" for day in ("2026-11-28", "2026-12-12", "2026-12-26", "2027-01-09")),
        *(f"{day}T16:00Z" for day in ("2027-01-23", "2027-02-06", "2027-02-20", "2027-03-06")),
        "2027-03-20T15:00Z",
    ]
    evenings = [seen[1] for seen in expected["events/evenings/evenings.ics"]]
    assert evenings[0] == "2026-12-01T00:30Z" and evenings[-1] == "2026-12-11T00:30Z" and len(evenings) == 11
    berlin = [seen[1] for seen in expected["events/first-saturday/first-saturday.ics"]]
    assert berlin[:2] == ["2026-12-05T09:00Z", "2027-01-02T09:00Z"] and len(berlin) == 6
