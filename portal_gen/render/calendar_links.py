"""What an event's calendar entry says, in words: its description, its place, its rule as RFC
5545 writes it, and the add-to-calendar and subscribe links the pages show.

Shared by the pages and the iCalendar feeds (``ical``), and kept apart from them so that the
pages need not import icalendar (a tenth of a second of every ``check``).
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from portal_gen.addresses import absolute, event_path
from portal_gen.model.events import Event, Location
from portal_gen.model.occurrences import wall_rule
from portal_gen.model.portal import Occurrence
from portal_gen.model.site import Site
from portal_gen.model.spans import event_span, zone_of
from portal_gen.render.sanitize import description_text


def description(event: Event, site: Site, notice: str | None = None) -> str:
    """Plain text: calendar apps and the add-to-calendar forms show it as written; ``notice``
    is one date's, in place of the event's."""
    parts = [part for part in (notice or event.notice, event.summary) if part]
    if event.description:
        parts.append(description_text(event.description, site.url, event_path(event)))
    parts.append(absolute(site.url, event_path(event)))
    return "\n\n".join(parts)


def location(event: Event, site: Site, place: Location | None = None) -> str | None:
    """Where it is, with the street address a map app can find: a place named without one
    ("The reading corner") is at the business's own address, as is an event that names none.
    ``place`` is one date's, in place of the event's."""
    place = place or event.location
    if place is None:
        if event.online:
            return event.online
        shop = site.contact.address
        return f"{site.name}, {site.address_line(shop)}" if shop else None
    address = event.street_address(site.contact.address, place)
    return ", ".join(part for part in (place.name, address and site.address_line(address)) if part)


def rule_for_feed(event: Event, zone: ZoneInfo) -> str:
    """The rule as the pages expand it, with UNTIL as RFC 5545 wants it: in UTC when DTSTART
    carries a zone, a plain date for all-day events."""
    rule = wall_rule(event, zone)
    assert rule is not None
    parts = []
    for part in rule.split(";"):
        key, _, value = part.partition("=")
        if key == "UNTIL":
            if isinstance(event.start, dt.datetime):
                wall = dt.datetime.strptime(value, "%Y%m%dT%H%M%S").replace(tzinfo=zone)
                value = wall.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
            else:
                value = value[:8]
        parts.append(f"{key}={value}")
    return ";".join(parts)


def first_occurrence(event: Event, site_zone: str) -> Occurrence:
    """The occurrence at the event's own start: DTSTART of its VEVENT, even if skipped."""
    start, end = event_span(event, site_zone)
    return Occurrence(event, start, end)


def _stamp(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return value.strftime("%Y%m%d")


def google_link(occurrence: Occurrence, site: Site) -> str:
    """Google Calendar's "add event" form, filled in.

    A repeating event is added from its first date with its rule, so COUNT means the same
    thing; the form cannot skip or add dates, so events with those get only the .ics file.
    """
    event = occurrence.event
    if event.rule:
        occurrence = first_occurrence(event, site.timezone)
    end = occurrence.end
    if not isinstance(end, dt.datetime):
        end = end + dt.timedelta(days=1)
    query = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": f"{_stamp(occurrence.start)}/{_stamp(end)}",
        "details": description(event, site),
        "location": location(event, site) or "",
        "ctz": zone_of(event, site.timezone).key,
    }
    if event.rule:
        query["recur"] = f"RRULE:{rule_for_feed(event, zone_of(event, site.timezone))}"
    return "https://calendar.google.com/calendar/render?" + urlencode(query)


def outlook_link(occurrence: Occurrence, site: Site) -> str:
    """Outlook on the web's compose form, filled in."""
    event = occurrence.event
    all_day = not isinstance(occurrence.start, dt.datetime)
    end = occurrence.end if not all_day else occurrence.end + dt.timedelta(days=1)
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": event.title,
        "startdt": occurrence.start.isoformat(),
        "enddt": end.isoformat(),
        "allday": "true" if all_day else "false",
        "body": description(event, site),
        "location": location(event, site) or "",
    }
    return "https://outlook.live.com/calendar/0/action/compose?" + urlencode(query)


def fits_google_form(event: Event) -> bool:
    """Google's "add event" form can carry the event: one date, or a rule with no date
    skipped, added or changed (its recur field takes one RRULE)."""
    return not (event.exceptions or event.extra_dates or event.changes)


def fits_outlook_form(event: Event) -> bool:
    """Outlook's compose form holds one date: it cannot repeat."""
    return not (event.rule or event.extra_dates)


def google_subscribe_link(feed_url: str) -> str:
    """Google Calendar's "add calendar from URL", filled in: it works where webcal:// does not
    (Chrome on Android opens nothing for it), and keeps up with every change."""
    return "https://calendar.google.com/calendar/render?" + urlencode({"cid": webcal(feed_url)})


def outlook_subscribe_link(feed_url: str, name: str) -> str:
    """Outlook on the web's "subscribe from the web", filled in."""
    return "https://outlook.live.com/calendar/0/addfromweb?" + urlencode({"url": feed_url, "name": name})


def webcal(url: str) -> str:
    """The same feed address with the scheme calendar apps open as a subscription."""
    return "webcal://" + url.split("://", 1)[1]
