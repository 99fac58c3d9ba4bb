"""The owner's data as typed, immutable objects.

Two layers live here. The pydantic models mirror the YAML files field for field (they are
what ``portal-gen schema`` will publish for editors) and forbid unknown fields so typos are
caught. ``Portal`` and ``Occurrence`` are the resolved view the templates receive: time
zones applied, ``today`` fixed, private fields removed, unpublished records left out.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, model_validator

if TYPE_CHECKING:
    from portal_gen.blocks import BlockCall

from portal_gen.values import (
    Color,
    Currency,
    Day,
    Duration,
    Email,
    End,
    Icon,
    Id,
    Image,
    Included,
    Link,
    LocaleName,
    MarkdownText,
    Money,
    NameShorthand,
    Number,
    RecurrenceRule,
    Tag,
    Text,
    WebUrl,
    When,
    Words,
    ZoneName,
)

#: Marks a field that is validated but must never reach the published site.
PRIVATE = {"private": True}


class Record(BaseModel):
    """Base of every data model: unknown fields are mistakes, values never change."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _empty_means_none(cls, data: Any) -> Any:
        """``tiers:`` with nothing after it means "no tiers", as an owner would expect.

        YAML reads an empty value as null; for fields that default to an empty list or
        mapping, null is taken as that default instead of a type error.
        """
        if not isinstance(data, dict):
            return data
        empty = [
            name
            for name, info in cls.model_fields.items()
            if data.get(name, ...) is None and isinstance(info.default, list | dict)
        ]
        return {key: value for key, value in data.items() if key not in empty} if empty else data


class Contact(Record):
    """How customers reach the business; published on the site."""

    email: Email | None = None
    phone: Text | None = None
    address: Text | None = None


class Site(Record):
    """``data/site.yml``: the business and how its portal speaks."""

    name: Text
    url: WebUrl
    timezone: ZoneName
    locale: LocaleName = "en_US"
    currency: Currency = "USD"
    tagline: Text | None = None
    description: MarkdownText | None = None
    contact: Contact = Contact()
    newsletter_signup: Link | None = None
    #: Where "I'm interested" in a proposed event goes; without it, an e-mail to the contact.
    interest_form: Link | None = None
    #: How many of the newest newsletter issues the feeds carry.
    newsletter_feed_items: Annotated[int, Field(ge=1, le=500)] = 20
    #: The e-mail service that sends the newsletter: it decides how a first name is written
    #: into the e-mail (its "merge tags").
    newsletter_service: Literal["mailchimp", "buttondown", "listmonk", "neutral"] = "neutral"
    #: Who the greeting addresses when a subscriber's first name is unknown, and on the web.
    newsletter_fallback_name: Words = "there"


class Tier(Record):
    """A spending tier: what a customer spends in a year to belong to it."""

    id: Id
    name: Text
    threshold: Money = Decimal(0)
    #: A membership fee, for programmes one pays to join; most tiers are earned by spending.
    price: Money | None = None
    description: MarkdownText | None = None
    color: Color | None = None
    icon: Icon | None = None


class Perk(Record):
    """A value-added service and what each tier gets of it (yes, no or a short text)."""

    id: Id
    title: Text
    description: MarkdownText | None = None
    category: Text | None = None
    limits: Text | None = None
    #: What search engines call this kind of benefit, for the member programme's structured data.
    benefit: Literal["shipping", "price", "returns", "points"] | None = None
    tiers: dict[str, Included] = {}

    def value(self, tier_id: str) -> bool | str:
        """What ``tier_id`` gets: True, False, or a short text; a tier not listed gets nothing."""
        return self.tiers.get(tier_id, False)


class TiersFile(Record):
    """``data/tiers.yml``."""

    tiers: list[Tier] = []
    perks: list[Perk] = []


class Partner(Record):
    """A local business the shop works with (the yoga teacher, the music school)."""

    id: Id
    name: Text
    url: WebUrl | None = None
    blurb: Text | None = None


class PartnersFile(Record):
    """``data/partners.yml``."""

    partners: list[Partner] = []


class Location(Record):
    """Where an event happens; may be written as one line (the name)."""

    name: Text
    address: Text | None = None


class Event(Record):
    """One event as written in ``data/events.yml``; times are wall-clock in its zone."""

    id: Id
    title: Text
    status: Literal["scheduled", "cancelled", "proposed"] = "scheduled"
    #: Required unless the event is only proposed ("would you come?").
    start: When | None = None
    end: End | None = None
    duration: Duration | None = None
    timezone: ZoneName | None = None
    rrule: RecurrenceRule | None = None
    exceptions: list[When] = []
    extra_dates: list[When] = []
    location: Annotated[Location, NameShorthand] | None = None
    online: WebUrl | None = None
    summary: Text | None = None
    description: MarkdownText | None = None
    notice: Text | None = None
    tiers: list[str] = []
    price: Money = Decimal(0)
    capacity: Annotated[int, Field(ge=1)] | None = None
    partner: str | None = None
    registration: Link | None = None
    image: Image | None = None
    tags: list[Tag] = []
    updated: When | None = None
    sequence: Annotated[int, Field(ge=0)] = 0

    @property
    def proposed(self) -> bool:
        return self.status == "proposed"

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"


class EventsFile(Record):
    """``data/events.yml``."""

    events: list[Event] = []


class CustomerContact(Record):
    """Who a customer is and how to reach them: private, never published."""

    name: Text | None = None
    email: Email | None = None
    phone: Text | None = None
    notes: Text | None = None


def shown_name(full_name: str) -> str:
    """First name and initial ("Maya Rodriguez" -> "Maya R."), the privacy-friendly default."""
    parts = full_name.split()
    return parts[0] if len(parts) == 1 else f"{parts[0]} {parts[-1][0]}."


class Testimonial(Record):
    """What a customer said, published only with their consent."""

    id: Id
    #: As shown on the site; without it, the first name and initial of ``contact.name``.
    author: Text | None = None
    quote: Text
    date: Day
    consent: bool = False
    rating: Annotated[int, Field(ge=1, le=5)] | None = None
    photo: Image | None = None
    event: str | None = None
    tier: str | None = None
    featured: bool = False
    contact: CustomerContact | None = Field(default=None, json_schema_extra=PRIVATE)

    @property
    def shown_author(self) -> str:
        if self.author:
            return self.author
        assert self.contact is not None and self.contact.name, "validate() requires one of them"
        return shown_name(self.contact.name)


class TestimonialsFile(Record):
    """``data/testimonials.yml``."""

    testimonials: list[Testimonial] = []


class Result(Record):
    """One measured change in a story: a metric before and after."""

    metric: Text
    before: Number
    after: Number
    #: Singular ("hour", "item"); "money" means amounts in the site's currency.
    unit: Text | None = None

    @property
    def change(self) -> Decimal:
        return self.after - self.before

    @property
    def percent(self) -> Decimal | None:
        """The change as a percentage of the value before (None when it started at zero)."""
        if self.before == 0:
            return None
        return (self.change / self.before * 100).quantize(Decimal(1))


class Story(Record):
    """A case study: who, what they were facing, what they bought or joined, and the numbers."""

    id: Id
    customer: Text
    title: Text
    date: Day
    situation: Text
    solution: Text
    results: Annotated[list[Result], Field(min_length=1)]
    quote: Text | None = None
    tier: str | None = None
    event: str | None = None
    consent: bool = False
    contact: CustomerContact | None = Field(default=None, json_schema_extra=PRIVATE)


class StoriesFile(Record):
    """``data/stories.yml``."""

    stories: list[Story] = []


class IssueFrontMatter(Record):
    """The front matter of a newsletter issue in ``content/newsletter/``."""

    title: Text
    date: Day
    summary: Text | None = None
    tags: list[Tag] = []
    #: A cover image: a file under content/ or an https:// link.
    image: Image | None = None
    #: What the cover image shows, for readers who cannot see it.
    image_alt: Text | None = None
    draft: bool = False


#: Which model validates each data file.
DATA_MODELS: dict[str, type[Record]] = {
    "site": Site,
    "tiers": TiersFile,
    "partners": PartnersFile,
    "events": EventsFile,
    "testimonials": TestimonialsFile,
    "stories": StoriesFile,
}

RecordT = TypeVar("RecordT", bound=BaseModel)


def scrub_private(record: RecordT) -> RecordT:
    """A copy of ``record`` with every private field (at any depth) set to None."""
    updates: dict[str, Any] = {}
    for name, info in type(record).model_fields.items():
        value = getattr(record, name)
        if info.json_schema_extra == PRIVATE:
            updates[name] = None
        elif isinstance(value, BaseModel):
            updates[name] = scrub_private(value)
        elif isinstance(value, list | tuple) and value and isinstance(value[0], BaseModel):
            updates[name] = type(value)(scrub_private(item) for item in value)
    return record.model_copy(update=updates) if updates else record


@dataclass(frozen=True)
class Occurrence:
    """One time an event happens, resolved to aware datetimes (or dates, all day).

    For timed events ``end`` is exclusive; for all-day events ``end`` is the last day.
    """

    event: Event
    start: dt.datetime | dt.date
    end: dt.datetime | dt.date

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
    #: Ids of testimonials and stories without consent: counted for the owner, their text never rendered.
    held_back: tuple[str, ...]
    issues: tuple[NewsletterIssue, ...]
    pages: tuple[OwnerPage, ...] = field(default=())
    #: Drafts and issues dated after today: never on the site, but e-mails can be previewed.
    unpublished: tuple[NewsletterIssue, ...] = field(default=())

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
        other = replace(self, today=day)
        shared = (
            "zone",
            "_last_days",
            "_first_days",
            "_longest",
            "_per_event",
            "_events_by_id",
            "_testimonials_by_event",
        )
        other.__dict__.update({name: getattr(self, name) for name in shared})
        return other

    def next_events(self, limit: int, tier: str | None = None) -> list[Occurrence]:
        """The next ``limit`` occurrences that are not cancelled; with ``tier``, only those its
        members are invited to. Stops as soon as it has them."""
        found: list[Occurrence] = []
        for occurrence in self._not_ended():
            event = occurrence.event
            if event.cancelled or (tier and event.tiers and tier not in event.tiers):
                continue
            found.append(occurrence)
            if len(found) == limit:
                break
        return found

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

    def members_only(self, tier_id: str) -> list[Occurrence]:
        """Upcoming occurrences of the events only some tiers are invited to, ``tier_id`` among them."""
        return [o for o in self.upcoming if tier_id in o.event.tiers]

    def upcoming_of(self, event: Event) -> list[Occurrence]:
        """One event's occurrences that have not ended, soonest first."""
        indexes = self._per_event[event.id]
        return [self.occurrences[i] for i in indexes if self._last_days[i] >= self.today]

    def past_of(self, event: Event) -> list[Occurrence]:
        """One event's occurrences that have ended, most recent first."""
        indexes = self._per_event[event.id]
        return [self.occurrences[i] for i in reversed(indexes) if self._last_days[i] < self.today]

    @property
    def featured_testimonials(self) -> tuple[Testimonial, ...]:
        return tuple(t for t in self.testimonials if t.featured)
