"""The YAML files' schema: one pydantic model per file and record, field for field.

They are what ``portal-gen schema`` publishes for editors, and they forbid unknown fields so
that typos are caught. The resolved view the templates receive is in ``model.portal``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from portal_gen.model.values import (
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
PRIVATE: dict[str, Any] = {"private": True}


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
