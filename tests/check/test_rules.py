"""Tests for portal_gen.check (schema, rules): every message an owner can get, word for word, in place."""

from __future__ import annotations

import pytest
from conftest import MINIMAL_SITE, SAMPLE_TODAY, PortalWriter, problems

from portal_gen.app import Run, load_portal

TIERS = """\
tiers:
  - id: friends
    name: Friends
    threshold: 0
  - id: family
    name: Family
    threshold: 500
"""


def _event(extra: str, start: str = "2026-03-01 11:00") -> str:
    return f"""\
events:
  - id: yoga
    title: Kids' yoga
    start: {start}
{extra}"""


@pytest.mark.parametrize(
    ("start", "fields", "message"),
    [
        pytest.param(
            "2026-03-01 11:00",
            "    end: 2026-03-01 10:00\n",
            "data/events.yml:5:5: events[0].end: 2026-03-01 10:00 is before start 2026-03-01 11:00",
            id="end-before-start",
        ),
        pytest.param(
            "2026-03-01 11:00",
            "    end: 10:00\n",
            "data/events.yml:5:5: events[0].end: 2026-03-01 10:00 is before start 2026-03-01 11:00",
            id="end-time-is-on-the-start-day",
        ),
        pytest.param(
            "2026-03-01 11:00",
            "    end: 11:00\n",
            "data/events.yml:5:5: events[0].end: 2026-03-01 11:00 is the same as start 2026-03-01 11:00",
            id="end-equals-start",
        ),
        pytest.param(
            "2026-03-01",
            "    end: 2026-02-27\n",
            "data/events.yml:5:5: events[0].end: 2026-02-27 is before start 2026-03-01",
            id="all-day-end-before-start",
        ),
        pytest.param(
            "2026-03-01 11:00",
            "",
            "data/events.yml:2:5: events[0]: a timed event needs an end (like 'end: 11:30') or a duration "
            "(like 'duration: 90 minutes')",
            id="timed-without-end",
        ),
        pytest.param(
            "2026-03-01 11:00",
            "    end: 12:00\n    duration: 1h\n",
            "data/events.yml:6:5: events[0].duration: give either end or duration, not both",
            id="end-and-duration",
        ),
        pytest.param(
            "2026-03-01",
            "    end: 12:00\n",
            "data/events.yml:5:5: events[0].end: expected a date because start is a date (an all-day "
            "event), got '12:00'",
            id="all-day-with-time-end",
        ),
        pytest.param(
            "2026-03-01",
            "    duration: 3 hours\n",
            "data/events.yml:5:5: events[0].duration: an all-day event lasts whole days; write the "
            "duration in days, like '2 days'",
            id="all-day-with-hours",
        ),
    ],
)
def test_event_end_rules(make_portal: PortalWriter, start: str, fields: str, message: str) -> None:
    """Each way an end can be wrong is reported at the field to fix, with the values compared."""
    root = make_portal(events=_event(fields, start=start))
    assert problems(root) == [message]


def test_bad_date_and_impossible_date(make_portal: PortalWriter) -> None:
    """Text that is not a date, and a date that is not in the calendar, each say so."""
    root = make_portal(
        events=_event("    end: 12:00\n", start="next saturday")
        + "  - id: piano\n    title: Piano\n    start: 2026-02-30\n"
    )
    assert problems(root) == [
        "data/events.yml:4:5: events[0].start: expected a date like 2026-03-07 or a date and time like "
        "2026-03-07 10:00, got 'next saturday'",
        "data/events.yml:8:5: events[1].start: '2026-02-30' is not a day in the calendar",
    ]


def test_bad_duration_and_time(make_portal: PortalWriter) -> None:
    """A duration needs its unit; 25:00 is not a time of day."""
    root = make_portal(
        events=_event("    duration: 90\n")
        + "  - id: piano\n    title: Piano\n    start: 2026-03-02 10:00\n    end: 25:00\n"
    )
    assert problems(root) == [
        "data/events.yml:5:5: events[0].duration: expected a duration with its unit, like '90 minutes', "
        "'1h30m' or '2 days', got 90",
        "data/events.yml:9:5: events[1].end: '25:00' has no such time of day; use 00:00 to 23:59",
    ]


def test_missing_required_field_is_reported_at_the_record(make_portal: PortalWriter) -> None:
    """The record's first line, and the name of the field to add."""
    root = make_portal(events="events:\n  - id: yoga\n    start: 2026-03-01\n")
    assert problems(root) == ["data/events.yml:2:5: events[0]: missing required field 'title'"]


def test_unknown_field_suggests_the_close_one(make_portal: PortalWriter) -> None:
    """A typo gets a 'did you mean' and the list of fields that exist."""
    root = make_portal(events=_event("    end: 12:00\n    titel: Yoga\n"))
    assert problems(root) == [
        "data/events.yml:6:5: events[0].titel: unknown field (did you mean 'title'?); expected one of: "
        "id, title, status, start, end, duration, timezone, rrule, repeat, exceptions, extra_dates, changes, "
        "cards, location, online, summary, description, notice, tiers, price, capacity, partner, "
        "registration, image, image_alt, tags, updated, sequence"
    ]


def test_wrong_types(make_portal: PortalWriter) -> None:
    """A list where text belongs, a mapping where a list belongs, a word where yes/no belongs."""
    root = make_portal(
        events=_event("    end: 12:00\n    tiers: {friends: yes}\n    location: [a, b]\n"),
        testimonials="""\
        testimonials:
          - id: maya
            author: Maya R.
            quote: Lovely.
            date: 2026-03-02
            consent: maybe
        """,
    )
    assert problems(root) == [
        "data/events.yml:6:5: events[0].tiers: expected a list (lines starting with '- '), got a mapping",
        "data/events.yml:7:5: events[0].location: expected a mapping (lines of 'key: value'), got a list",
        "data/testimonials.yml:6:5: testimonials[0].consent: expected true or false, got 'maybe'",
    ]


def test_number_where_text_belongs_shows_it_as_written(make_portal: PortalWriter) -> None:
    """The leading zero the owner typed is in the message, with the fix."""
    root = make_portal(
        site=MINIMAL_SITE + "  phone: 0123456\n",
    )
    assert problems(root) == [
        "data/site.yml:6:3: contact.phone: expected text (put it in quotes if it looks like a number), "
        "got 0123456"
    ]


def test_site_settings_are_checked(make_portal: PortalWriter) -> None:
    """Unknown zone, locale and currency, and a link that is not one."""
    root = make_portal(
        site="""\
        name: Test Shop
        url: shop.example
        timezone: Europe/Pariss
        locale: xx_YY
        currency: DOLLARS
        """
    )
    assert problems(root) == [
        "data/site.yml:2:1: url: expected a full link starting with https://, got 'shop.example'",
        "data/site.yml:3:1: timezone: unknown time zone 'Europe/Pariss'; expected an IANA name such as "
        "'America/Chicago' or 'Europe/Paris'",
        "data/site.yml:4:1: locale: unknown locale 'xx_YY'; expected a name such as 'en_US' or 'fr_FR'",
        "data/site.yml:5:1: currency: unknown currency 'DOLLARS'; expected an ISO 4217 code such as "
        "'USD' or 'EUR'",
    ]


def test_empty_site_file(make_portal: PortalWriter) -> None:
    """An empty site.yml lists each field it needs, at the top of the file."""
    root = make_portal(site="")
    assert problems(root) == [
        "data/site.yml:1:1: missing required field 'name'",
        "data/site.yml:1:1: missing required field 'timezone'",
        "data/site.yml:1:1: missing required field 'url'",
    ]


def test_bad_id(make_portal: PortalWriter) -> None:
    """Ids become addresses, so spaces and capitals are refused."""
    root = make_portal(events=_event("    end: 12:00\n").replace("id: yoga", "id: Kids Yoga"))
    assert problems(root) == [
        "data/events.yml:2:5: events[0].id: expected an id of lowercase letters, digits and hyphens, "
        "like 'kids-yoga', got 'Kids Yoga'"
    ]


def test_duplicate_ids(make_portal: PortalWriter) -> None:
    """The second use is reported, with the line of the first."""
    root = make_portal(events=_event("    end: 12:00\n") + _event("    end: 12:00\n").split("\n", 1)[1])
    assert problems(root) == [
        "data/events.yml:6:5: events[1].id: duplicate id 'yoga' (also used at line 2); give each one its "
        "own id"
    ]


def test_unknown_tier_in_an_event(make_portal: PortalWriter) -> None:
    """The unknown tier's own position, a suggestion, and the tiers that exist."""
    root = make_portal(tiers=TIERS, events=_event("    end: 12:00\n    tiers: [family, patrons]\n"))
    assert problems(root) == [
        "data/events.yml:6:21: events[0].tiers[1]: unknown tier 'patrons'; expected one of: family, friends"
    ]


def test_unknown_tier_in_a_perk_and_testimonial(make_portal: PortalWriter) -> None:
    """Perk values and testimonials name tiers too."""
    root = make_portal(
        tiers=TIERS + "perks:\n  - id: shipping\n    title: Free shipping\n    tiers:\n      famly: yes\n",
        testimonials="""\
        testimonials:
          - id: maya
            author: Maya R.
            quote: Lovely.
            date: 2026-03-02
            tier: gold
            event: yoga
        """,
    )
    assert problems(root) == [
        "data/testimonials.yml:6:5: testimonials[0].tier: unknown tier 'gold'; expected one of: family, "
        "friends",
        "data/testimonials.yml:7:5: testimonials[0].event: unknown event 'yoga'; there are no events yet "
        "(they are listed in data/events.yml)",
        "data/tiers.yml:12:7: perks[0].tiers.famly: unknown tier 'famly' (did you mean 'family'?); "
        "expected one of: family, friends",
    ]


def test_unknown_partner(make_portal: PortalWriter) -> None:
    """A partner must be listed in partners.yml."""
    root = make_portal(events=_event("    end: 12:00\n    partner: lotus-yoga\n"))
    assert problems(root) == [
        "data/events.yml:6:5: events[0].partner: unknown partner 'lotus-yoga'; there are no partners yet "
        "(they are listed in data/partners.yml)"
    ]


def test_tier_thresholds_must_rise(make_portal: PortalWriter) -> None:
    """Tiers are listed from lowest to highest so the qualifying text makes sense."""
    root = make_portal(tiers=TIERS.replace("threshold: 500", "threshold: 0"))
    assert problems(root) == [
        "data/tiers.yml:7:5: tiers[1].threshold: 0 is not above 0, the threshold of 'Friends'; list tiers "
        "from the lowest threshold to the highest"
    ]


def test_errors_of_all_files_are_reported_together(make_portal: PortalWriter) -> None:
    """A syntax error in one file does not hide problems in another."""
    root = make_portal(tiers="tiers: [\n", events=_event("    end: 10:00\n"))
    assert problems(root) == [
        "data/events.yml:5:5: events[0].end: 2026-03-01 10:00 is before start 2026-03-01 11:00",
        "data/tiers.yml:2:1: invalid YAML: did not find expected node content (while parsing a flow node)",
    ]


def test_a_file_of_the_wrong_shape_says_what_its_first_line_should_be(make_portal: PortalWriter) -> None:
    """A bare list in events.yml, or text in tiers.yml, gets the fix spelled out."""
    root = make_portal(events="- id: yoga\n  title: Yoga\n", tiers="just text\n")
    assert problems(root) == [
        "data/events.yml:1:1: expected the file to start with 'events:' followed by the list, got a list; "
        "put 'events:' on the first line and indent the list under it",
        "data/tiers.yml:1:1: expected lines of 'key: value' such as 'tiers: ...', got 'just text'",
    ]


def test_an_empty_list_field_means_none(make_portal: PortalWriter) -> None:
    """``events:`` and ``tiers:`` left empty are read as "no events" and "everyone"."""
    assert load_portal(Run(make_portal(events="events:\n"), SAMPLE_TODAY)).events == ()
    root = make_portal(events="events:\n  - id: a\n    title: A\n    start: 2026-03-01\n    tiers:\n")
    assert load_portal(Run(root, SAMPLE_TODAY)).events[0].tiers == []


def test_a_broken_file_does_not_cause_follow_on_errors(make_portal: PortalWriter) -> None:
    """A syntax error in events.yml is reported alone: no 'unknown event' in testimonials."""
    root = make_portal(
        events="events:\n  - id: yoga\n    title: [Yoga\n",
        testimonials="""\
        testimonials:
          - id: maya
            author: Maya R.
            quote: Lovely.
            date: 2026-03-02
            event: yoga
        """,
    )
    assert problems(root) == [
        "data/events.yml:4:1: invalid YAML: did not find expected ',' or ']' (while parsing a flow "
        "sequence started at line 3, column 12)"
    ]


def test_values_at_the_edges(make_portal: PortalWriter) -> None:
    """Far years, endless durations, comma decimals, zone folders, data-less locales, empty links."""
    root = make_portal(
        site="""\
        name: S
        url: https://s.example/
        timezone: America
        locale: root
        currency: [USD]
        newsletter_signup: 'mailto:'
        """,
        events="""\
        events:
          - id: a
            title: A
            start: 9999-12-31 10:00
            duration: 99999999999 days
            price: '12,50'
          - id: b
            title: B
            start: 2026-01-01 10:00
            end: 11:00
            price: 1,250.50
        """,
    )
    assert problems(root) == [
        "data/events.yml:4:5: events[0].start: '9999-12-31 10:00' has a year outside 1900 to 2999; "
        "check the year",
        "data/events.yml:5:5: events[0].duration: '99999999999 days' is longer than a year; split it "
        "into several events",
        "data/events.yml:6:5: events[0].price: write amounts with a dot for cents, like 12.50, got '12,50'",
        "data/site.yml:3:1: timezone: unknown time zone 'America'; expected an IANA name such as "
        "'America/Chicago' or 'Europe/Paris'",
        "data/site.yml:4:1: locale: unknown locale 'root'; expected a name such as 'en_US' or 'fr_FR'",
        "data/site.yml:5:1: currency: expected a currency code such as 'USD', got a list",
        "data/site.yml:6:1: newsletter_signup: expected a full link starting with https:// or mailto:, "
        "got 'mailto:'",
    ]


def test_grouped_thousands_are_read_as_money(make_portal: PortalWriter) -> None:
    """1,250.50 is twelve hundred and fifty and a half."""
    root = make_portal(
        events="events:\n  - id: b\n    title: B\n    start: 2026-01-01\n    price: 1,250.50\n"
    )
    assert str(load_portal(Run(root, SAMPLE_TODAY)).events[0].price) == "1250.5"  # one spelling per amount


RULE_EVENTS = """\
events:
  - id: a
    title: A
    start: 2026-03-08 02:30
    end: 04:00
  - id: b
    title: B
    start: 2026-03-07 10:00
    duration: 1h
    rrule: FREQ=WEEKLY;BYDAY=XX
  - id: c
    title: C
    start: 2026-03-07 10:00
    duration: 1h
    rrule: FREQ=WEEKLY;COUNT=4
    exceptions: [2026-03-14, 2026-03-15]
  - id: d
    title: D
    start: 2026-03-07 10:00
    duration: 1h
    rrule: FREQ=MINUTELY
  - id: e
    title: E
    image: images/missing.jpg
"""


def test_calendar_rules(make_portal: PortalWriter) -> None:
    """A time the clocks skip, an unreadable rule, a skipped date the event never has, a rule
    that fires every minute, a scheduled event without a start, an image that is not there."""
    root = make_portal(events=RULE_EVENTS)
    assert problems(root) == [
        "data/events.yml:4:5: events[0].start: 2026-03-08 02:30 does not exist in America/Chicago: the "
        "clocks skip that hour; pick another time",
        "data/events.yml:10:5: events[1].rrule: 'FREQ=WEEKLY;BYDAY=XX' is not a repeat rule we can read "
        "(invalid 'BYDAY': XX); expected something like 'FREQ=WEEKLY;BYDAY=SA;COUNT=8'",
        "data/events.yml:16:30: events[2].exceptions[1]: 2026-03-15 is not one of this event's dates; "
        "the nearest are 2026-03-14 10:00, 2026-03-21 10:00",
        "data/events.yml:21:5: events[3].rrule: FREQ=MINUTELY repeats too often for an event; use HOURLY "
        "or slower",
        "data/events.yml:22:5: events[4]: missing required field 'start' (only a proposed event may leave "
        "it out)",
        "data/events.yml:24:5: events[4].image: no file content/images/missing.jpg; put the image there "
        "or use an https:// link",
    ]


def test_rule_shape_status_and_event_zone(make_portal: PortalWriter) -> None:
    """A rule that is not one, a misspelt status and an unknown event zone."""
    root = make_portal(
        events="""\
        events:
          - id: a
            title: A
            status: canceled
            start: 2026-03-07 10:00
            end: 11:00
            timezone: Mars/Olympus
            rrule: every saturday
        """
    )
    assert problems(root) == [
        "data/events.yml:4:5: events[0].status: expected one of: scheduled, cancelled, proposed (did you "
        "mean 'cancelled'?), got 'canceled'",
        "data/events.yml:7:5: events[0].timezone: unknown time zone 'Mars/Olympus'; expected an IANA name "
        "such as 'America/Chicago' or 'Europe/Paris'",
        "data/events.yml:8:5: events[0].rrule: expected a repeat rule like 'FREQ=WEEKLY;BYDAY=SA;COUNT=8' "
        "(it needs FREQ=, and parts joined by ';'), got 'every saturday'",
    ]


def test_duplicate_ids_across_event_files(make_portal: PortalWriter) -> None:
    """An id in data/events/*.yml that events.yml already uses names the first file and line."""
    root = make_portal(
        events="events:\n  - id: yoga\n    title: Yoga\n    start: 2026-03-07\n",
        **{"events/partner": "events:\n  - id: yoga\n    title: Yoga again\n    start: 2026-03-08\n"},
    )
    assert problems(root) == [
        "data/events/partner.yml:2:5: events[0].id: duplicate id 'yoga' (also used at "
        "data/events.yml:2:5); give each one its own id"
    ]


def test_tier_id_calendar_is_reserved(make_portal: PortalWriter) -> None:
    """/events/calendar.ics is the all-events feed, so no tier may be called 'calendar'."""
    root = make_portal(tiers="tiers:\n  - id: calendar\n    name: Calendar\n")
    assert problems(root) == [
        "data/tiers.yml:2:5: tiers[0].id: the id 'calendar' is taken by the feed of all events "
        "(/events/calendar.ics); choose another"
    ]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        pytest.param(
            "    rrule: FREQ=WEEKLY;BYDAY=SA;COUNT=3\n",
            "data/events.yml:4:5: events[0].start: 2026-03-06 10:00 is not one of the dates the rule "
            "produces (its first date is 2026-03-07 10:00); move start to the first date of the rule",
            id="start-not-on-rule",
        ),
        pytest.param(
            "    rrule: FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\n",
            "data/events.yml:4:5: events[0].start: 2026-03-06 10:00 is not one of the dates the rule "
            "produces (it produces no dates); move start to the first date of the rule",
            id="no-dates",
        ),
        pytest.param(
            "    rrule: FREQ=DAILY;COUNT=3\n    exceptions: [2026-03-06, 2026-03-07, 2026-03-08]\n",
            "data/events.yml:7:5: events[0].exceptions: every date of this event is skipped; remove the "
            "event instead",
            id="all-skipped",
        ),
        pytest.param(
            "    rrule: FREQ=DAILY;COUNT=5000\n",
            "data/events.yml:6:5: events[0].rrule: repeats more than 2,000 times; add COUNT= or UNTIL=, "
            "or split the event",
            id="too-many",
        ),
        pytest.param(
            "    rrule: FREQ=DAILY;COUNT=3;UNTIL=20260401\n",
            "data/events.yml:6:5: events[0].rrule: give either COUNT or UNTIL, not both, got "
            "'FREQ=DAILY;COUNT=3;UNTIL=20260401'",
            id="count-and-until",
        ),
        pytest.param(
            "    rrule: FREQ=DAILY;UNTIL=2027-02-30\n",
            "data/events.yml:6:5: events[0].rrule: 'FREQ=DAILY;UNTIL=2027-02-30' is not a day in the "
            "calendar",
            id="until-impossible-day",
        ),
        pytest.param(
            "    rrule: FREQ=DAILY;UNTIL=20270101T0000Z\n",
            "data/events.yml:6:5: events[0].rrule: UNTIL is written like 2027-03-27 (that whole day), "
            "2027-03-27 18:00 or 20270327, got 'FREQ=DAILY;UNTIL=20270101T0000Z'",
            id="until-short",
        ),
        pytest.param(
            "    rrule: FREQ=DAILY;UNTIL=2026-03-05\n",
            "data/events.yml:6:5: events[0].rrule: UNTIL 2026-03-05 is before start 2026-03-06 10:00; give "
            "the last date the series has",
            id="until-before-start",
        ),
        pytest.param(
            "    rrule: FREQ=DAILY;UNTIL=2026-03-06 09:30\n",
            "data/events.yml:6:5: events[0].rrule: UNTIL 2026-03-06 09:30 is before start 2026-03-06 10:00; "
            "give the last date the series has",
            id="until-time-before-start",
        ),
        pytest.param(
            "    rrule: FREQ=DAILY;INTERVAL=0\n",
            "data/events.yml:6:5: events[0].rrule: INTERVAL must be a whole number of 1 or more, got "
            "'FREQ=DAILY;INTERVAL=0'",
            id="interval-zero",
        ),
    ],
)
def test_repeat_rules_that_cannot_work(make_portal: PortalWriter, fields: str, message: str) -> None:
    """Rules whose dates the pages and calendar apps would disagree on, or that never end, are refused."""
    root = make_portal(events=_event("    duration: 1h\n" + fields, start="2026-03-06 10:00"))
    assert problems(root) == [message]


def test_an_event_needs_a_place_when_the_shop_has_no_address(make_portal: PortalWriter) -> None:
    """Without a location, an online link or the shop's address, nobody knows where to go."""
    site = "name: S\nurl: https://s.example/\ntimezone: America/Chicago\n"
    root = make_portal(site=site, events="events:\n  - id: a\n    title: A\n    start: 2026-03-07\n")
    assert problems(root) == [
        "data/events.yml:2:5: events[0]: needs a location (like 'location: In the shop') or an online "
        "link, or a contact.address in data/site.yml"
    ]


def test_a_site_logo_or_favicon_that_is_not_there(make_portal: PortalWriter) -> None:
    """site.yml's logo and favicon name files under content/ (or links), like an event's image."""
    root = make_portal(site=MINIMAL_SITE + "logo: images/logo.png\nfavicon: images/tab.png\n")
    assert problems(root) == [
        "data/site.yml:6:1: logo: no file content/images/logo.png; put the image there or use an "
        "https:// link",
        "data/site.yml:7:1: favicon: no file content/images/tab.png; put the image there or use an "
        "https:// link",
    ]


def test_a_bad_event_file_gives_only_its_own_problem_not_false_unknown_events(
    make_portal: PortalWriter,
) -> None:
    """A typo'd key drops data/events.yml; a page naming one of its events is not reported too."""
    root = make_portal(
        events=_event("    titel: Typo\n"),
        pages={"about.md": '# About\n\n{{ next_event("yoga") }}\n'},
    )
    assert problems(root) == [
        "data/events.yml:5:5: events[0].titel: unknown field (did you mean 'title'?); expected one of: id, "
        "title, status, start, end, duration, timezone, rrule, repeat, exceptions, extra_dates, changes, "
        "cards, location, online, summary, description, notice, tiers, price, capacity, partner, "
        "registration, image, image_alt, tags, updated, sequence"
    ]


def test_a_held_back_testimonial_named_in_a_block_is_said_to_be_held_back(make_portal: PortalWriter) -> None:
    """A testimonial without consent is not "unknown": the owner is told why it cannot be shown."""
    root = make_portal(
        testimonials="""\
testimonials:
  - id: maya
    quote: Lovely.
    author: Maya R.
    date: 2026-10-01
""",
        pages={"about.md": '# About\n\n{{ testimonial("maya") }}\n'},
    )
    assert problems(root) == [
        "content/about.md:3:1: testimonial(): testimonial 'maya' is held back (no 'consent: true' in "
        "data/testimonials.yml); add it once the customer agrees, or remove this block"
    ]


def test_a_description_image_that_is_not_there(make_portal: PortalWriter) -> None:
    """An image in a description is checked like image: (a file under content/, or a link)."""
    root = make_portal(
        events=_event(
            "    duration: 1 hour\n    description: |\n"
            "      A mat: ![mat](images/mat.png) and ![ok](https://cdn.example/ok.png)\n"
        )
    )
    assert problems(root) == [
        "data/events.yml:6:5: events[0].description: an image names content/images/mat.png, which is "
        "not there; put the image there or use an https:// link"
    ]


def test_a_link_to_the_sites_own_address_where_no_page_is(make_portal: PortalWriter) -> None:
    """A registration link on the site's own domain must name a page of it; an event page, an
    owner page and another host pass."""
    root = make_portal(
        events=_event("    duration: 1 hour\n    registration: https://shop.example/events/yoga-class\n")
        + "  - id: b\n    title: B\n    start: 2026-03-02 10:00\n    duration: 1 hour\n"
        "    registration: https://shop.example/events/yoga/\n"
        "  - id: c\n    title: C\n    start: 2026-03-03 10:00\n    duration: 1 hour\n"
        "    registration: https://shop.example/signup/\n"
        "  - id: d\n    title: D\n    start: 2026-03-04 10:00\n    duration: 1 hour\n"
        "    registration: https://book.shop.example/yoga\n",
        pages={"signup.md": "# Sign up\n"},
    )
    assert problems(root) == [
        "data/events.yml:6:5: events[0].registration: https://shop.example/events/yoga-class is on this "
        "site's address but no page of it is there; link a page that exists (its address as the browser "
        "shows it) or a form elsewhere"
    ]


def test_links_to_the_sites_own_address_in_texts_and_partner_sites(make_portal: PortalWriter) -> None:
    """Links in Markdown descriptions, a partner's url and an online link are checked the same
    way; a link to a file under content/ or to a tier's calendar passes."""
    root = make_portal(
        site=MINIMAL_SITE
        + "description: See [our yoga](https://shop.example/yoga/) and [the map](https://shop.example/images/map.png).\n",
        tiers=TIERS + "perks:\n  - id: calendar\n    title: Calendar\n"
        "    description: '<https://shop.example/events/family.ics>'\n    tiers: {family: yes}\n",
        partners="partners:\n  - id: studio\n    name: Studio\n    url: https://shop.example/studio\n",
        events=_event(
            "    duration: 1 hour\n    online: https://shop.example/live\n"
            "    description: Read [the notes](https://shop.example/events/yoga/) first.\n"
        ),
        pages={"images/map.png": "not really a picture"},
    )
    shown = "is on this site's address but no page of it is there; link a page that exists (its address "
    shown += "as the browser shows it) or a form elsewhere"
    assert problems(root) == [
        f"data/events.yml:6:5: events[0].online: https://shop.example/live {shown}",
        f"data/partners.yml:4:5: partners[0].url: https://shop.example/studio {shown}",
        f"data/site.yml:6:1: description: https://shop.example/yoga/ {shown}",
    ]


def test_a_postal_code_its_country_does_not_use_is_reported(make_portal: PortalWriter) -> None:
    """The shop's and an event's postal codes are checked against the locale's country, or the
    one the address names; a country that is not one is refused."""
    root = make_portal(
        site="""\
        name: Test Shop
        url: https://shop.example/
        timezone: Europe/Berlin
        locale: de_DE
        contact:
          address:
            street: Hohe Str. 12
            locality: Köln
            postal_code: "5066"
        """,
        events=_event(
            """\
    location:
      name: Atelier Paris
      address: {street: 1 rue de Rivoli, locality: Paris, postal_code: "75001", country: FR}
  - id: talk
    title: Talk
    start: 2026-03-02 18:00
    location:
      name: Vienna
      address: {street: Ring 1, postal_code: "1010", country: Austria}
"""
        ),
    )
    assert problems(root) == [
        "data/events.yml:13:54: events[1].location.address.country: expected a country's two-letter "
        "code, like US, DE or FR, got 'Austria'",
        "data/site.yml:9:5: contact.address.postal_code: '5066' is not a postal code in DE; one there "
        "looks like 26133 or 53225; correct it, or give the country the address is in (like 'country: CA')",
    ]


def test_a_brand_colour_white_text_cannot_be_read_on_names_one_that_passes(make_portal: PortalWriter) -> None:
    """The header's white text on the brand colour needs 4.5:1; the error names a darker shade
    of the same colour that has it."""
    root = make_portal(site=MINIMAL_SITE + 'brand_color: "#7cb342"\n')
    assert problems(root) == [
        "data/site.yml:6:1: brand_color: white text on #7cb342 has a contrast of 2.5:1, below the 4.5:1 "
        "pages need to be readable (WCAG AA); use a darker shade, such as '#59812f'"
    ]


CHANGE_EVENTS = """\
events:
  - id: a
    title: A
    start: 2026-03-07 10:00
    duration: 1h
    rrule: FREQ=WEEKLY;COUNT=4
    exceptions: [2026-03-21]
    changes:
      - date: 2026-03-15
        status: cancelled
      - date: 2026-03-21
        status: cancelled
  - id: b
    title: B
    start: 2026-03-07 10:00
    duration: 1h
    rrule: FREQ=WEEKLY;COUNT=4
    changes:
      - date: 2026-03-14
        notice: Upstairs.
      - date: 2026-03-14 10:00
        status: cancelled
  - id: c
    title: C
    start: 2026-03-07 10:00
    duration: 1h
    rrule: FREQ=WEEKLY;COUNT=4
    changes:
      - date: 2026-03-14
  - id: d
    title: D
    start: 2026-03-07 10:00
    duration: 1h
    rrule: FREQ=WEEKLY;COUNT=4
    changes:
      - date: 2026-03-14
        start: 2026-03-15
        end: 09:00
  - id: e
    title: E
    start: 2026-03-07 10:00
    duration: 1h
    changes:
      - date: 2026-03-07
        status: cancelled
  - id: f
    title: F
    start: 2026-03-07
    rrule: FREQ=WEEKLY;COUNT=4
    changes:
      - date: 2026-03-14
        start: 2026-03-15 10:00
  - id: g
    title: G
    start: 2026-03-07 10:00
    duration: 1h
    rrule: FREQ=WEEKLY;COUNT=4
    exceptions: [2026-03-21]
    changes:
      - date: 2026-03-21
        status: cancelled
  - id: h
    title: H
    start: 2026-03-07 10:00
    duration: 1h
    rrule: FREQ=DAILY;BYHOUR=10,15;COUNT=4
    changes:
      - date: 2026-03-08
        status: cancelled
  - id: i
    title: I
    start: 2026-03-07 10:00
    duration: 1h
    rrule: FREQ=WEEKLY;COUNT=4
    changes:
      - date: 2026-03-14
        start: 2026-03-21
"""


def test_changes_to_single_dates(make_portal: PortalWriter) -> None:
    """A change is for one date of a repeating event: not a date it does not have (the nearest
    are named), not one exceptions skips, not one another change is for, not a change of
    nothing, not an end before its start, not on a one-off event, not a time on an all-day one,
    not onto another of its dates."""
    root = make_portal(events=CHANGE_EVENTS)
    assert problems(root) == [
        "data/events.yml:9:9: events[0].changes[0].date: 2026-03-15 is not one of this event's dates; "
        "the nearest are 2026-03-14 10:00, 2026-03-21 10:00",
        "data/events.yml:21:9: events[1].changes[1].date: changes[0] is for the same date; put both in "
        "one change",
        "data/events.yml:29:9: events[2].changes[0]: this change changes nothing; give status: cancelled, "
        "a new start, a location, a notice or a registration link",
        "data/events.yml:38:9: events[3].changes[0].end: 2026-03-15 09:00 is not after start "
        "2026-03-15 10:00",
        "data/events.yml:43:5: events[4].changes: changes are for single dates of a repeating event (one "
        "with repeat, rrule or extra_dates); change the event's own fields instead",
        "data/events.yml:52:9: events[5].changes[0].start: expected a day (all day), as the event's "
        "start has, got '2026-03-15 10:00'",
        "data/events.yml:60:9: events[6].changes[0].date: 2026-03-21 is also in exceptions, which skips "
        "it; keep it in one of the two",
        "data/events.yml:68:9: events[7].changes[0].date: 2 dates of this event fall on 2026-03-08; give "
        "the time too, like '2026-03-08 10:00'",
        "data/events.yml:77:9: events[8].changes[0].start: 2026-03-21 10:00 is already a date of this "
        "event; move it to another time, or cancel this date",
    ]
