"""iCalendar feeds (RFC 5545) for events (the add-to-calendar links are ``calendar_links``).

One VEVENT per event: a recurring event keeps its RRULE, EXDATE and RDATE so a subscriber's
calendar expands it the same way the pages do. Everything that could vary between builds is
pinned: UIDs come from the event id and the site's domain, DTSTAMP from the data (``updated``)
or from the build's day, and the time zone definitions cover a fixed range of years.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar

from portal_gen.addresses import ALL_EVENTS_FEED, absolute, event_feed_path, event_path, tier_feed_path
from portal_gen.model.events import Event
from portal_gen.model.occurrences import changed_dates, skipped_starts
from portal_gen.model.portal import Occurrence, Portal
from portal_gen.model.site import Site
from portal_gen.model.spans import zone_of
from portal_gen.render.calendar_links import description, first_occurrence, location, rule_for_feed
from portal_gen.render.vtimezone import vtimezone
from portal_gen.reuse import reusable
from portal_gen.texts.catalogs import translations

#: How often subscribers' calendar apps should fetch the feed again.
REFRESH = dt.timedelta(hours=12)  # also written as PT12H in X-PUBLISHED-TTL
#: How many years of daylight-saving rules each VTIMEZONE spells out after the last start.
TIMEZONE_YEARS = 12
_PRODID = "-//portal-gen//Member portal events//EN"


def domain(site: Site) -> str:
    return urlsplit(site.url).hostname or "portal.invalid"


def uid(event: Event, site: Site) -> str:
    """Stable across builds, different for every event, unique to the site."""
    return f"{event.id}@{domain(site)}"


def _utc(value: dt.date | dt.datetime, zone: ZoneInfo) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=value.tzinfo or zone).astimezone(dt.UTC)
    return dt.datetime.combine(value, dt.time(), tzinfo=zone).astimezone(dt.UTC)


def stamp_of(today: dt.date, zone_name: str) -> dt.datetime:
    """DTSTAMP when the data gives no ``updated``: the start of the build's day where the site
    is. Never after the build, and the same for every build of the same day."""
    return dt.datetime.combine(today, dt.time(), tzinfo=ZoneInfo(zone_name)).astimezone(dt.UTC)


def _unambiguous(moment: dt.datetime) -> dt.datetime:
    """``moment`` as a zone's wall time, or in UTC when that wall time is the second pass of
    the hour the clocks go back: RFC 5545 reads a repeated local time as its first pass, so
    an event from 01:30 to "01:30" (an hour later, after the change) would last no time."""
    if moment.fold == 1 and moment.replace(fold=0).utcoffset() != moment.utcoffset():
        return moment.astimezone(dt.UTC)
    return moment


def vevent(event: Event, first: Occurrence, site: Site, stamp: dt.datetime) -> icalendar.Event:
    """The event as one VEVENT; ``first`` is its first occurrence (the DTSTART of the rule),
    ``stamp`` the moment of the build (DTSTAMP, unless ``updated`` is earlier)."""
    zone = zone_of(event, site.timezone)
    component = icalendar.Event()
    component.add("uid", uid(event, site))
    updated = _utc(event.updated, zone) if event.updated is not None else None
    component.add("dtstamp", min(updated, stamp) if updated is not None else stamp)
    if event.updated is not None:
        component.add("last-modified", _utc(event.updated, zone))
    component.add("sequence", event.sequence)
    component.add("summary", event.title)
    if isinstance(first.start, dt.datetime):
        assert isinstance(first.end, dt.datetime)  # a timed event ends at a time
        component.add("dtstart", first.start)
        component.add("dtend", _unambiguous(first.end))
    else:
        # All-day events: VALUE=DATE, and DTEND is the day after the last day (exclusive).
        component.add("dtstart", first.start)
        component.add("dtend", first.end + dt.timedelta(days=1))
        # A day-long (or three-day) event must not mark a subscriber busy all day.
        component.add("transp", "TRANSPARENT")
    if event.rule:
        component.add("rrule", icalendar.vRecur.from_ical(rule_for_feed(event, zone)))
    # One EXDATE per skipped start: a date-only exception skips every start on that day.
    for skipped in skipped_starts(event, site.timezone):
        component.add("exdate", _same_kind(skipped, first))
    for extra in event.extra_dates:
        component.add("rdate", _same_kind(extra, first))
    component.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    component.add("description", description(event, site))
    if (where := location(event, site)) is not None:
        component.add("location", where)
    component.add("url", absolute(site.url, event_path(event)))
    if event.tags:
        component.add("categories", list(event.tags))
    if site.contact.email:
        component.add("organizer", f"mailto:{site.contact.email}", parameters={"CN": site.name})
    return component


def override(
    event: Event, original: dt.date | dt.datetime, changed: Occurrence, site: Site, stamp: dt.datetime
) -> icalendar.Event:
    """One changed date of the series as a VEVENT of its own: the same UID, RECURRENCE-ID the
    date the rule gives (in DTSTART's type and zone), and what is different about it."""
    component = icalendar.Event()
    master = vevent(event, changed, site, stamp)
    for name in ("uid", "dtstamp", "last-modified", "sequence", "summary", "dtstart", "dtend", "transp"):
        if name in master:
            component[name] = master[name]
    component.add("recurrence-id", original)
    component.add("status", "CANCELLED" if changed.cancelled else "CONFIRMED")
    component.add("description", description(event, site, changed.notice))
    if (where := location(event, site, changed.location)) is not None:
        component.add("location", where)
    component.add("url", absolute(site.url, event_path(event)))
    return component


def _same_kind(value: dt.date | dt.datetime, first: Occurrence) -> dt.date | dt.datetime:
    """EXDATE and RDATE must have DTSTART's type and zone."""
    start = first.start
    if isinstance(start, dt.datetime):
        wall = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, start.time())
        return wall.replace(tzinfo=start.tzinfo)
    return value.date() if isinstance(value, dt.datetime) else value


@dataclass(frozen=True)
class Serialised:
    """One event as its VEVENT's bytes, with the zones it uses and the year it starts."""

    data: bytes
    zones: frozenset[str]
    year: int


@reusable()
def event_calendar(event: Event, site: Site, stamp: dt.datetime) -> tuple[Serialised, bytes]:
    """The event serialised (for the feeds that carry it) and its own one-event file: an event
    to add (a download), not a calendar to subscribe to, so it has no name or refresh hints."""
    serialised = serialised_event(event, site, stamp)
    return serialised, _calendar((serialised,))


def serialised_event(event: Event, site: Site, stamp: dt.datetime) -> Serialised:
    """The event's VEVENT as bytes, the zones it uses, and the year it starts.

    Each VEVENT and VTIMEZONE is serialised once and joined into every feed that carries it:
    the site has a feed per event and per tier on top of the full one, and icalendar's
    serialisation is the slow part (profiled: 70% of a 2,000-event build before this)."""
    first = first_occurrence(event, site.timezone)
    components = [vevent(event, first, site, stamp)]
    components += [
        override(event, original, changed, site, stamp)
        for original, changed in changed_dates(event, site.timezone)
    ]
    holder = icalendar.Calendar()
    for component in components:
        holder.add_component(component)
    year = _utc(first.start, zone_of(event, site.timezone)).year
    data = b"".join(component.to_ical() for component in components)
    return Serialised(data, frozenset(holder.get_used_tzids() - {"UTC"}), year)


@reusable()
def feed(site_zone: str, name: str, description: str, chosen: tuple[Serialised, ...]) -> bytes:
    """A subscribable calendar of the serialised events ``chosen``."""
    return _feed(site_zone, name, description, chosen)


def _feed(site_zone: str, name: str, description: str, chosen: tuple[Serialised, ...]) -> bytes:
    return _calendar(chosen, _feed_head(site_zone, name, description))


@reusable()
def _feed_head(site_zone: str, name: str, description: str) -> bytes:
    """The feed's own properties, serialised: a step of its own, because serve makes the feeds
    that carry an edited event again, and icalendar's line folding is slow."""
    calendar = _header()
    # X- properties are written as they are, so keep them to one line.
    name, description = " ".join(name.split()), " ".join(description.split())
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("description", description)
    calendar.add("x-wr-caldesc", description)
    calendar.add("x-wr-timezone", site_zone)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT12H")
    head: bytes = calendar.to_ical()
    return head.removesuffix(_END)


def _header() -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", _PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    return calendar


def _calendar(chosen: tuple[Serialised, ...], head: bytes | None = None) -> bytes:
    """A VCALENDAR of ``head`` (its properties, serialised; the plain header by default), the
    zones the events use and the events."""
    parts = [head if head is not None else _header().to_ical().removesuffix(_END)]
    if chosen:
        # A span of years fixed by the data keeps the VTIMEZONE blocks identical from
        # build to build; it reaches well past the first dates because rules go on.
        years = [event.year for event in chosen]
        first, last = min(years) - 1, max(years) + TIMEZONE_YEARS
        for tzid in sorted(set().union(*(event.zones for event in chosen))):
            parts.append(vtimezone(tzid, first, last))
        parts += [event.data for event in chosen]
    parts.append(_END)
    return b"".join(parts)


_END = b"END:VCALENDAR\r\n"


def calendar_files(portal: Portal) -> dict[str, bytes]:
    """Every .ics file of the site: all events, one feed per tier, one file per event."""
    site = portal.site
    listed = [event for event in portal.events if not event.proposed]
    # The subscribed calendars keep an event for a while after its last date, then let it go;
    # its own file stays, for the page that links it.
    since = portal.today - dt.timedelta(days=site.calendar_past_days)
    current = [event for event in listed if (portal.last_day_of(event) or dt.date.min) >= since]
    stamp = stamp_of(portal.today, site.timezone)
    made = {event.id: event_calendar(event, site, stamp) for event in listed}
    serialised = {event_id: serialised for event_id, (serialised, _) in made.items()}

    def of(event_ids: list[str], name: str, description: str) -> bytes:
        chosen = tuple(serialised[event_id] for event_id in sorted(event_ids))
        return feed(site.timezone, name, description, chosen)

    texts = translations(site.locale)
    files = {
        ALL_EVENTS_FEED: of(
            [event.id for event in current],
            texts.gettext("%(name)s: events") % {"name": site.name},
            texts.gettext("Every event %(name)s hosts for its customers.") % {"name": site.name},
        )
    }
    for tier in portal.tiers:
        invited = [event.id for event in current if not event.tiers or tier.id in event.tiers]
        files[tier_feed_path(tier)] = of(
            invited,
            texts.gettext("%(name)s: events of the %(tier)s tier") % {"name": site.name, "tier": tier.name},
            texts.gettext("The events %(name)s invites the members of its %(tier)s tier to.")
            % {"name": site.name, "tier": tier.name},
        )
    for event in listed:
        files[event_feed_path(event)] = made[event.id][1]
    return files
