"""The resolved view the templates receive: time zones applied, ``today`` fixed, private
fields removed, unpublished records left out."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from zoneinfo import ZoneInfo

from portal_gen.addresses import event_tag_path
from portal_gen.errors import DataError
from portal_gen.model.blocks import BlockCall
from portal_gen.model.customers import Story, Testimonial
from portal_gen.model.events import DateChange, Event, Location, Partner
from portal_gen.model.held_back import HeldBack
from portal_gen.model.site import Site
from portal_gen.model.tiers import Perk, Tier

#: Where an issue without a ``summary`` ends its excerpt, as in many blog engines.
MORE = re.compile(r"<!--\s*more\s*-->")


@dataclass(frozen=True)
class Occurrence:
    """One time an event happens, resolved to aware datetimes (or dates, all day).

    For timed events ``end`` is exclusive; for all-day events ``end`` is the last day.
    """

    event: Event
    start: dt.datetime | dt.date
    end: dt.datetime | dt.date
    #: The owner's change to this one date of a series (cancelled, moved, elsewhere).
    change: DateChange | None = None
    #: Where the series put this date before it was moved (its RECURRENCE-ID); None if
    #: it was not moved.
    moved_from: dt.datetime | dt.date | None = None

    @property
    def cancelled(self) -> bool:
        """The whole event is cancelled, or this date of it."""
        return self.event.cancelled or (self.change is not None and self.change.cancelled)

    @property
    def notice(self) -> str | None:
        """What customers should know about this date: its own notice, else the event's."""
        return (self.change and self.change.notice) or self.event.notice

    @property
    def location(self) -> Location | None:
        return (self.change and self.change.location) or self.event.location

    @property
    def registration(self) -> str | None:
        return (self.change and self.change.registration) or self.event.registration

    def last_day(self, zone: ZoneInfo) -> dt.date:
        """The last calendar day (in ``zone``) the occurrence touches."""
        if isinstance(self.end, dt.datetime):
            # An event ending at midnight does not touch the next day.
            return (self.end.astimezone(zone) - dt.timedelta(microseconds=1)).date()
        return self.end

    def first_day(self, zone: ZoneInfo) -> dt.date:
        if isinstance(self.start, dt.datetime):
            return self.start.astimezone(zone).date()
        return self.start


@dataclass(frozen=True)
class NewsletterIssue:
    """A newsletter issue: front matter resolved, body kept as Markdown."""

    slug: str
    title: str
    date: dt.date
    summary: str | None
    draft: bool
    body: str
    source: str
    blocks: tuple[BlockCall, ...] = ()
    tags: tuple[str, ...] = ()
    image: str | None = None
    image_alt: str | None = None


@dataclass(frozen=True)
class OwnerPage:
    """A Markdown page or asset from ``content/``, carried into the site as written, except
    that data blocks in a page's body are replaced by what they show."""

    path: str
    data: bytes
    blocks: tuple[BlockCall, ...] = ()
    head: str = ""  # the front matter, as written
    body: str = ""


@dataclass(frozen=True)
class Portal:
    """Everything the templates need, resolved and ready to render."""

    site: Site
    today: dt.date
    tiers: tuple[Tier, ...]
    perks: tuple[Perk, ...]
    partners: dict[str, Partner]
    events: tuple[Event, ...]
    occurrences: tuple[Occurrence, ...]
    testimonials: tuple[Testimonial, ...]
    stories: tuple[Story, ...]
    #: Testimonials and stories without consent and unpublished issues, and why: for the
    #: owner (check, serve's held-back page); what a testimonial or story says is not here.
    held_back: tuple[HeldBack, ...]
    issues: tuple[NewsletterIssue, ...]
    pages: tuple[OwnerPage, ...] = field(default=())
    #: Drafts and issues dated after today: never on the site, but e-mails can be previewed.
    unpublished: tuple[NewsletterIssue, ...] = field(default=())
    #: What the owner is told but nothing stops (``errors.DataWarning``), in file order.
    warnings: tuple[DataError, ...] = field(default=())
    #: The files of data/events/ that list events (``events:``), by name without ``.yml``;
    #: the others are one event each. The browser editor edits the two kinds differently.
    event_lists: tuple[str, ...] = field(default=())

    # Templates ask for these on every page; computing them once per Portal keeps a build
    # linear in the number of events (cached_property writes around the frozen dataclass).
    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.site.timezone)

    @cached_property
    def _last_days(self) -> tuple[dt.date, ...]:
        """Each occurrence's last day, in order: what "upcoming" and "past" are decided by."""
        return tuple(o.last_day(self.zone) for o in self.occurrences)

    @cached_property
    def _first_days(self) -> list[dt.date]:
        """Each occurrence's first day, in order (occurrences are sorted by start)."""
        return [o.first_day(self.zone) for o in self.occurrences]

    @cached_property
    def _longest(self) -> dt.timedelta:
        """The longest span of any occurrence: nothing that started earlier can still be on."""
        spans = (last - first for first, last in zip(self._first_days, self._last_days, strict=True))
        return max(spans, default=dt.timedelta(0))

    @cached_property
    def _per_event(self) -> dict[str, list[int]]:
        """Each event's occurrences, as indexes into ``occurrences``."""
        found: dict[str, list[int]] = {event.id: [] for event in self.events}
        for index, occurrence in enumerate(self.occurrences):
            found[occurrence.event.id].append(index)
        return found

    @cached_property
    def upcoming(self) -> tuple[Occurrence, ...]:
        """Occurrences that have not ended before today, soonest first."""
        return tuple(self._not_ended())

    @cached_property
    def past(self) -> tuple[Occurrence, ...]:
        """Occurrences that ended before today, most recent first."""
        ended = [o for o, last in zip(self.occurrences, self._last_days, strict=True) if last < self.today]
        return tuple(reversed(ended))

    def _not_ended(self) -> Iterator[Occurrence]:
        """Occurrences not ended by today, soonest first, starting the scan where they can begin
        (so a newsletter issue's "coming up" costs the few it shows, not the whole calendar)."""
        first = bisect.bisect_left(self._first_days, self.today - self._longest)
        for index in range(first, len(self.occurrences)):
            if self._last_days[index] >= self.today:
                yield self.occurrences[index]

    def as_of(self, day: dt.date) -> Portal:
        """The portal as it stood on ``day`` (a newsletter issue shows what was coming up
        then), sharing the work already done for this one."""
        if day == self.today:
            return self
        # What customers said after that day was not there to quote (an old issue keeps
        # showing what was true when it was sent).
        testimonials = tuple(t for t in self.testimonials if t.date <= day)
        stories = tuple(s for s in self.stories if s.date <= day)
        other = replace(self, today=day, testimonials=testimonials, stories=stories)
        shared = ["zone", "_last_days", "_first_days", "_longest", "_per_event", "_events_by_id"]
        if len(testimonials) == len(self.testimonials):
            shared.append("_testimonials_by_event")
        other.__dict__.update({name: getattr(self, name) for name in shared})
        return other

    def next_events(self, limit: int, tier: str | None = None) -> list[Occurrence]:
        """The next ``limit`` occurrences that are not cancelled, a series once (at its next
        date); with ``tier``, only those its members are invited to. Stops as soon as it has
        them."""
        found: list[Occurrence] = []
        listed: set[str] = set()
        for occurrence in self._not_ended():
            event = occurrence.event
            if occurrence.cancelled or (tier and event.tiers and tier not in event.tiers):
                continue
            if event.series:
                if event.id in listed:
                    continue
                listed.add(event.id)
            found.append(occurrence)
            if len(found) == limit:
                break
        return found

    @cached_property
    def listed_upcoming(self) -> tuple[Occurrence, ...]:
        """What the events page lists as coming up: every date of a one-off or each-date
        event, and a series once, at its next date that takes place."""
        return _one_per_series(self.upcoming)

    @cached_property
    def _events_by_id(self) -> dict[str, Event]:
        return {event.id: event for event in self.events}

    def event_by_id(self, event_id: str) -> Event:
        return self._events_by_id[event_id]

    @cached_property
    def _testimonials_by_event(self) -> dict[str, list[Testimonial]]:
        found: dict[str, list[Testimonial]] = {}
        for testimonial in self.testimonials:
            if testimonial.event:
                found.setdefault(testimonial.event, []).append(testimonial)
        return found

    def testimonials_of(self, event: Event) -> list[Testimonial]:
        """What customers said after this event, newest first: from an index, because every
        event page asks (scanning all testimonials per page made a build quadratic)."""
        return self._testimonials_by_event.get(event.id, [])

    @cached_property
    def event_tags(self) -> dict[str, list[Occurrence]]:
        """Each tag of a listed event, by name in order, with its coming dates as the events
        page lists them (a series once): what a tag's page shows. Tags that share a page
        ("gift ideas", "gift-ideas") are one, named as first written."""
        named: dict[str, str] = {}
        for event in self.events:
            for tag in event.tags:
                named.setdefault(event_tag_path(tag), tag)
        found: dict[str, list[Occurrence]] = {tag: [] for tag in named.values()}
        for occurrence in self.listed_upcoming:
            for path in dict.fromkeys(event_tag_path(tag) for tag in occurrence.event.tags):
                found[named[path]].append(occurrence)
        return dict(sorted(found.items()))

    def members_only(self, tier_id: str) -> list[Occurrence]:
        """Upcoming occurrences of the events only some tiers are invited to, ``tier_id``
        among them (a series once, at its next date)."""
        return [o for o in self.listed_upcoming if tier_id in o.event.tiers]

    def upcoming_of(self, event: Event) -> list[Occurrence]:
        """One event's occurrences that have not ended, soonest first."""
        indexes = self._per_event[event.id]
        return [self.occurrences[i] for i in indexes if self._last_days[i] >= self.today]

    def last_day_of(self, event: Event) -> dt.date | None:
        """The last day any date of the event touches (None: it has no dates)."""
        indexes = self._per_event[event.id]
        return max((self._last_days[i] for i in indexes), default=None)

    def past_of(self, event: Event) -> list[Occurrence]:
        """One event's occurrences that have ended, most recent first."""
        indexes = self._per_event[event.id]
        return [self.occurrences[i] for i in reversed(indexes) if self._last_days[i] < self.today]

    @property
    def featured_testimonials(self) -> tuple[Testimonial, ...]:
        return tuple(t for t in self.testimonials if t.featured)


def _one_per_series(occurrences: tuple[Occurrence, ...]) -> tuple[Occurrence, ...]:
    """``occurrences`` (in time order) with each series at its first date that is not
    cancelled, or its first date when all are."""
    placed: dict[str, Occurrence] = {}
    for occurrence in occurrences:
        event = occurrence.event
        if event.series:
            held = placed.get(event.id)
            if held is None or (held.cancelled and not occurrence.cancelled):
                placed[event.id] = occurrence
    return tuple(o for o in occurrences if not o.event.series or placed[o.event.id] is o)
