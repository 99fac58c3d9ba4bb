"""Tests for portal_gen.render.recurrence: a series said in words, and the one card it gets."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from conftest import SAMPLE_TODAY, PortalWriter, files_of

from portal_gen.model.events import Event
from portal_gen.render.formatting import Formatter
from portal_gen.render.recurrence import rule_in_words

CHICAGO = ZoneInfo("America/Chicago")


def _event(rule: str, start: str = "2026-12-05 10:00") -> Event:
    return Event.model_validate(
        {"id": "e", "title": "E", "start": start, "duration": "45 minutes", "rrule": rule}
    )


@pytest.mark.parametrize(
    ("rule", "start", "locale", "words"),
    [
        ("FREQ=WEEKLY;BYDAY=SA", "2026-12-05 10:00", "en_US", "Every Saturday"),
        ("FREQ=WEEKLY", "2026-12-08 10:00", "en_US", "Every Tuesday"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA;COUNT=8", "2026-12-05 10:00", "en_US", "Every other Saturday"),
        ("FREQ=WEEKLY;BYDAY=TH,TU", "2026-12-08 10:00", "en_US", "Every Tuesday and Thursday"),
        ("FREQ=WEEKLY;INTERVAL=3;BYDAY=MO", "2026-12-07 10:00", "en_US", "Every 3 weeks on Monday"),
        ("FREQ=DAILY", "2026-12-05 10:00", "en_US", "Every day"),
        ("FREQ=DAILY;INTERVAL=2", "2026-12-05 10:00", "en_US", "Every 2 days"),
        ("FREQ=MONTHLY;BYDAY=1SA", "2026-12-05 10:00", "en_US", "Every month on the first Saturday"),
        ("FREQ=MONTHLY;BYDAY=-1FR", "2026-12-25 10:00", "en_US", "Every month on the last Friday"),
        ("FREQ=MONTHLY", "2026-12-05 10:00", "en_US", "Every month on day 5"),
        ("FREQ=YEARLY", "2026-12-05 10:00", "en_US", "Every year on December 5"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", "2026-12-05 10:00", "de_DE", "Jeden zweiten Samstag"),
        ("FREQ=WEEKLY;BYDAY=TU,TH", "2026-12-08 10:00", "fr_FR", "Chaque mardi et jeudi"),
        ("FREQ=MONTHLY;BYDAY=1SA", "2026-12-05 10:00", "es_ES", "Cada mes, el primer sábado"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", "2026-12-05 10:00", "nl_NL", "Om de week op zaterdag"),
        # Rules these words do not cover get none; the card shows the next date instead.
        ("FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=1", "2026-12-01 10:00", "en_US", None),
        ("FREQ=MONTHLY;INTERVAL=2;BYDAY=1SA", "2026-12-05 10:00", "en_US", None),
        ("FREQ=HOURLY;COUNT=3", "2026-12-05 10:00", "en_US", None),
    ],
)
def test_a_rule_in_words(rule: str, start: str, locale: str, words: str | None) -> None:
    """Daily, weekly (every, every other, every n weeks, on several days), monthly on a day or
    on the first to fourth or last weekday, yearly: a sentence in the interface language."""
    assert rule_in_words(_event(rule, start), Formatter(locale, "USD", CHICAGO)) == words


BANK = """\
events:
  - id: coffee
    title: Coffee with your banker
    start: 2026-12-01 08:30
    end: 09:15
    rrule: FREQ=WEEKLY;BYDAY=TU;UNTIL=20270629
    changes:
      - date: 2026-12-29
        status: cancelled
        notice: The branch is closed between the holidays.
      - date: 2027-01-12
        start: 2027-01-13 08:30
        notice: On Wednesday this week.
  - id: clinic
    title: Tax clinic
    start: 2027-02-02 17:00
    end: 19:00
    rrule: FREQ=WEEKLY;COUNT=3
    cards: each-date
"""


def test_a_weekly_series_is_one_card_with_its_rule_and_changes(make_portal: PortalWriter) -> None:
    """A bank's weekly coffee is one card on the events page, at its next date: its rule, how
    many dates are left, the cancelled one and the moved one; cards: each-date keeps a card
    per date."""
    root = make_portal(events=BANK)
    page = files_of(root, SAMPLE_TODAY)["events/index.md"].decode()
    assert page.count("#### [Coffee with your banker]") == 1
    assert (
        "- :material-repeat: Every Tuesday, 8:30\u2009\u2013\u20099:15\u202fAM · next Tue, Dec 1 · "
        "30 dates until Tue, Jun 29 · not on Tue, Dec 29\n"
    ) in page
    assert (
        "- :material-calendar-alert: Tue, Jan 12: moved to Wed, Jan 13, 2027, 8:30\u202fAM. On Wednesday "
        "this week.\n"
    ) in page
    assert page.count("#### [Tax clinic]") == 3


def test_the_event_page_lists_every_coming_date_with_its_change(make_portal: PortalWriter) -> None:
    """No "and 21 more dates": every coming date, the cancelled one struck through with its
    notice, the moved one with where it was."""
    page = files_of(make_portal(events=BANK), SAMPLE_TODAY)["events/coffee.md"].decode()
    dates = page.split("## Dates\n\n")[1].split("\n\n")[0].splitlines()
    assert len(dates) == 31
    assert dates[4] == (
        "- <del>Tuesday, December 29, 2026, 8:30\u2009\u2013\u20099:15\u202fAM</del> "
        '<span class="portal-badge portal-badge--cancelled">Cancelled</span> The branch is closed '
        "between the holidays."
    )
    assert dates[6] == (
        "- Wednesday, January 13, 2027, 8:30\u2009\u2013\u20099:15\u202fAM (moved from Tue, Jan 12, 2027, "
        "8:30\u202fAM): On Wednesday this week."
    )
    assert (
        "- :material-repeat: **When:** Every Tuesday, 8:30\u2009\u2013\u20099:15\u202fAM (Central Time)"
        in page
    )


def test_a_cancelled_date_is_marked_in_the_lists(make_portal: PortalWriter) -> None:
    """On the day before a cancelled date, the home page skips it for the next one; a members'
    list on the tiers page strikes a cancelled members-only event through."""
    tiers = "tiers:\n  - id: gold\n    name: Gold\n    threshold: 100\nperks: []\n"
    events = BANK + (
        "  - id: tour\n    title: Plant tour\n    start: 2026-12-10 10:00\n    end: 11:00\n"
        "    status: cancelled\n    tiers: [gold]\n"
    )
    root = make_portal(events=events, tiers=tiers)
    files = files_of(root, dt.date(2026, 12, 28))
    home = files["index.md"].decode()
    assert "next Tue, Jan 5" in home and "Dec 29" not in home
    files = files_of(root, dt.date(2026, 12, 1))
    assert (
        "- [<del>Plant tour</del>](../events/tour.md): Thursday, December 10, 2026, "
        "10:00\u2009\u2013\u200911:00\u202fAM (cancelled)"
    ) in files["tiers/index.md"].decode()


def test_a_change_a_year_into_an_endless_series_is_one_of_its_dates(make_portal: PortalWriter) -> None:
    """An endless weekly class that began two years ago can cancel next week's date."""
    events = (
        "events:\n  - id: yoga\n    title: Yoga\n    start: 2025-01-04 10:00\n    duration: 45 minutes\n"
        "    rrule: FREQ=WEEKLY;BYDAY=SA\n    changes:\n      - {date: 2026-12-05, status: cancelled}\n"
    )
    page = files_of(make_portal(events=events), SAMPLE_TODAY)["events/yoga.md"].decode()
    assert "<del>Saturday, December 5, 2026, 10:00\u2009\u2013\u200910:45\u202fAM</del>" in page


def test_a_series_abroad_is_said_in_its_own_zone(make_portal: PortalWriter) -> None:
    """A Tokyo class on Tuesdays reads "Every Tuesday" with Tokyo's hours and zone, and its
    next date is a Tuesday, not the Monday it is in Chicago."""
    events = (
        "events:\n  - id: tokyo\n    title: Tokyo\n    start: 2026-12-01 10:00\n    end: 11:30\n"
        "    timezone: Asia/Tokyo\n    rrule: FREQ=WEEKLY;COUNT=6\n"
    )
    page = files_of(make_portal(events=events), SAMPLE_TODAY)["events/index.md"].decode()
    assert (
        "- :material-repeat: Every Tuesday, 10:00\u2009\u2013\u200911:30\u202fAM Japan Time · next "
        "Tue, Dec 1 · 6 dates until Tue, Jan 5\n"
    ) in page


def test_a_day_alone_moves_a_date_at_its_own_time(make_portal: PortalWriter) -> None:
    """An extra evening date moved to the next day stays in the evening; a change of its end
    alone is said by its new hours, never as "None"."""
    events = (
        "events:\n  - id: yoga\n    title: Yoga\n    start: 2026-11-28 10:00\n    duration: 45 minutes\n"
        "    rrule: FREQ=WEEKLY;BYDAY=SA;COUNT=6\n    extra_dates: ['2026-12-09 18:00']\n"
        "    changes:\n      - {date: 2026-12-09, start: 2026-12-10, notice: One day later}\n"
        "      - {date: 2026-12-12, end: '10:30'}\n"
    )
    files = files_of(make_portal(events=events), SAMPLE_TODAY)
    page = files["events/yoga.md"].decode()
    assert (
        "- Thursday, December 10, 2026, 6:00\u2009\u2013\u20096:45\u202fPM (moved from Wed, Dec 9, 2026, "
        "6:00\u202fPM)" in page
    )
    card = files["events/index.md"].decode()
    assert (
        "- :material-calendar-alert: Sat, Dec 12: Sat, Dec 12, 10:00\u2009\u2013\u200910:30\u202fAM\n" in card
    )
    assert "None" not in card


def test_next_event_skips_a_cancelled_date(make_portal: PortalWriter) -> None:
    """{{ next_event() }} names the next date that takes place, as the lists do."""
    events = (
        "events:\n  - id: yoga\n    title: Yoga\n    start: 2026-11-28 10:00\n    duration: 45 minutes\n"
        "    rrule: FREQ=WEEKLY;BYDAY=SA;COUNT=6\n"
        "    changes:\n      - {date: 2026-11-28, status: cancelled}\n"
    )
    root = make_portal(events=events, pages={"about.md": '# About\n\n{{ next_event("yoga") }}\n'})
    about = files_of(root, SAMPLE_TODAY)["about.md"].decode()
    assert "next Sat, Dec 5" in about and "Nov 28" not in about
