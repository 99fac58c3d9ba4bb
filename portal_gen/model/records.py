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

    email: Email | None = Field(
        default=None, description="The shop's e-mail address.", examples=["hello@brambleandbloom.example"]
    )
    phone: Text | None = Field(
        default=None,
        description="The shop's phone number, as customers should dial it.",
        examples=["(773) 555-0142"],
    )
    address: Text | None = Field(
        default=None,
        description="The shop's street address; events happen here unless they say otherwise.",
        examples=["1834 N Damen Ave, Chicago, IL 60647"],
    )


class Site(Record):
    """``data/site.yml``: the business and how its portal speaks."""

    name: Text = Field(description="The business's name, as customers know it.", examples=["Bramble & Bloom"])
    url: WebUrl = Field(
        description="The address the site is published at.", examples=["https://brambleandbloom.example/"]
    )
    timezone: ZoneName = Field(
        description="The time zone events are given in, by its IANA name.", examples=["America/Chicago"]
    )
    locale: LocaleName = Field(
        default="en_US",
        description="The language and region dates and prices are written for.",
        examples=["en_US"],
    )
    currency: Currency = Field(
        default="USD",
        description="The currency of prices and spending thresholds (ISO code).",
        examples=["USD"],
    )
    tagline: Text | None = Field(
        default=None,
        description="One line under the name on the home page.",
        examples=["Children's clothing, and a little more."],
    )
    description: MarkdownText | None = Field(
        default=None,
        description="A paragraph or two about the business, for the home page.",
        examples=["We dress Bucktown's children."],
    )
    contact: Contact = Field(
        default=Contact(),
        description="How customers reach the business (published).",
        examples=[{"email": "hello@example.com"}],
    )
    newsletter_signup: Link | None = Field(
        default=None,
        description="Where people sign up for the newsletter.",
        examples=["https://buttondown.com/yourshop"],
    )
    #: Where "I'm interested" in a proposed event goes; without it, an e-mail to the contact.
    interest_form: Link | None = Field(
        default=None,
        description="Where 'I'm interested' in a proposed event goes; without it, an e-mail to the contact.",
        examples=["https://forms.example/interest"],
    )
    #: How many of the newest newsletter issues the feeds carry.
    newsletter_feed_items: Annotated[int, Field(ge=1, le=500)] = Field(
        default=20, description="How many of the newest issues the newsletter feeds carry.", examples=[20]
    )
    #: The e-mail service that sends the newsletter: it decides how a first name is written
    #: into the e-mail (its "merge tags").
    newsletter_service: Literal["mailchimp", "buttondown", "listmonk", "neutral"] = Field(
        default="neutral",
        description=(
            "The e-mail service that sends the newsletter: its merge tags greet readers by first name."
        ),
        examples=["buttondown"],
    )
    #: Who the greeting addresses when a subscriber's first name is unknown, and on the web.
    newsletter_fallback_name: Words = Field(
        default="there",
        description="Who the greeting addresses when a first name is unknown.",
        examples=["there"],
    )


class Tier(Record):
    """A spending tier: what a customer spends in a year to belong to it."""

    id: Id = Field(
        description="A short name used in addresses and references: lowercase, digits, hyphens.",
        examples=["family"],
    )
    name: Text = Field(description="The tier's name as customers see it.", examples=["Family"])
    threshold: Money = Field(
        default=Decimal(0),
        description="What a customer spends in a year to belong (0 for everyone).",
        examples=[500],
    )
    #: A membership fee, for programmes one pays to join; most tiers are earned by spending.
    price: Money | None = Field(
        default=None, description="A yearly fee to join, for programmes one pays for.", examples=[25]
    )
    description: MarkdownText | None = Field(
        default=None,
        description="A sentence about who the tier is for.",
        examples=["For families who shop with us every season."],
    )
    color: Color | None = Field(
        default=None, description="The tier's colour as a hex code, in quotes.", examples=["#2e7d32"]
    )
    icon: Icon | None = Field(
        default=None, description="A Material Design icon name for the tier.", examples=["star"]
    )


class Perk(Record):
    """A value-added service and what each tier gets of it (yes, no or a short text)."""

    id: Id = Field(
        description="A short name for the perk: lowercase, digits, hyphens.", examples=["free-alterations"]
    )
    title: Text = Field(description="The perk's name.", examples=["Free alterations"])
    description: MarkdownText | None = Field(
        default=None,
        description="What the perk is, in a sentence.",
        examples=["Hems and sleeves taken up while you wait."],
    )
    category: Text | None = Field(
        default=None, description="Groups perks in the comparison table.", examples=["Service"]
    )
    limits: Text | None = Field(
        default=None, description="Any limit, said plainly.", examples=["Up to 4 items a year"]
    )
    #: What search engines call this kind of benefit, for the member programme's structured data.
    benefit: Literal["shipping", "price", "returns", "points"] | None = Field(
        default=None, description="What search engines call this kind of benefit.", examples=["shipping"]
    )
    tiers: dict[str, Included] = Field(
        default={},
        description="Per tier id: true, false, or a short text like '10% off'.",
        examples=[{"friends": False, "family": True}],
    )

    def value(self, tier_id: str) -> bool | str:
        """What ``tier_id`` gets: True, False, or a short text; a tier not listed gets nothing."""
        return self.tiers.get(tier_id, False)


class TiersFile(Record):
    """``data/tiers.yml``."""

    tiers: list[Tier] = Field(
        default=[],
        description="The spending tiers, from the lowest threshold up.",
        examples=[[{"id": "friends", "name": "Friends"}]],
    )
    perks: list[Perk] = Field(
        default=[],
        description="The value-added services and what each tier gets.",
        examples=[[{"id": "free-shipping", "title": "Free shipping", "tiers": {"friends": True}}]],
    )


class Partner(Record):
    """A local business the shop works with (the yoga teacher, the music school)."""

    id: Id = Field(
        description="A short name for the partner: lowercase, digits, hyphens.", examples=["lotus-tree-yoga"]
    )
    name: Text = Field(description="The partner's name.", examples=["Lotus Tree Yoga"])
    url: WebUrl | None = Field(
        default=None, description="The partner's website.", examples=["https://lotustreeyoga.example/"]
    )
    blurb: Text | None = Field(
        default=None,
        description="A sentence about the partner.",
        examples=["Yoga for children and parents since 2012."],
    )


class PartnersFile(Record):
    """``data/partners.yml``."""

    partners: list[Partner] = Field(
        default=[],
        description="Local businesses the shop works with.",
        examples=[[{"id": "lotus-tree-yoga", "name": "Lotus Tree Yoga"}]],
    )


class Location(Record):
    """Where an event happens; may be written as one line (the name)."""

    name: Text = Field(description="The place's name.", examples=["Damen Avenue Music School"])
    address: Text | None = Field(
        default=None,
        description="The place's street address.",
        examples=["1900 N Damen Ave, Chicago, IL 60647"],
    )


class Event(Record):
    """One event as written in ``data/events.yml``; times are wall-clock in its zone."""

    id: Id = Field(
        description="A short name used in the event's address: lowercase, digits, hyphens.",
        examples=["kids-yoga"],
    )
    title: Text = Field(description="The event's name.", examples=["Kids' yoga with Lotus Tree Yoga"])
    status: Literal["scheduled", "cancelled", "proposed"] = Field(
        default="scheduled",
        description="scheduled, cancelled (shown struck through) or proposed ('would you come?').",
        examples=["scheduled"],
    )
    #: Required unless the event is only proposed ("would you come?").
    start: When | None = Field(
        default=None,
        description="When it starts: a day, or a day and a time, in the event's time zone.",
        examples=["2026-12-05 10:00"],
    )
    end: End | None = Field(
        default=None,
        description="When it ends: a time on the same day, or a day and time.",
        examples=["10:45"],
    )
    duration: Duration | None = Field(
        default=None, description="How long it lasts, instead of an end.", examples=["45 minutes"]
    )
    timezone: ZoneName | None = Field(
        default=None, description="The event's time zone, if not the site's.", examples=["America/New_York"]
    )
    rrule: RecurrenceRule | None = Field(
        default=None,
        description="How it repeats, as an iCalendar rule.",
        examples=["FREQ=WEEKLY;BYDAY=SA;COUNT=6"],
    )
    exceptions: list[When] = Field(
        default=[], description="Dates of a repeating event that are skipped.", examples=[["2026-12-26"]]
    )
    extra_dates: list[When] = Field(
        default=[], description="Dates added to a repeating event.", examples=[["2027-01-02 10:00"]]
    )
    location: Annotated[Location, NameShorthand] | None = Field(
        default=None,
        description="Where it happens: a name, or a name and an address.",
        examples=["In the shop"],
    )
    online: WebUrl | None = Field(
        default=None, description="The link for an online event.", examples=["https://meet.example/yoga"]
    )
    summary: Text | None = Field(
        default=None,
        description="One line for lists and calendars.",
        examples=["Stretching and stories for ages 3 to 7."],
    )
    description: MarkdownText | None = Field(
        default=None,
        description="The full description, in Markdown.",
        examples=["Bring a mat if you have one."],
    )
    notice: Text | None = Field(
        default=None,
        description="A short notice shown with the event, like why it was cancelled.",
        examples=["Moved to the school hall."],
    )
    tiers: list[str] = Field(
        default=[], description="Tier ids invited; empty means everyone.", examples=[["family", "patron"]]
    )
    price: Money = Field(default=Decimal(0), description="What a place costs; 0 is free.", examples=[0])
    capacity: Annotated[int, Field(ge=1)] | None = Field(
        default=None, description="How many places there are.", examples=[12]
    )
    partner: str | None = Field(
        default=None, description="The partner id of who runs it.", examples=["lotus-tree-yoga"]
    )
    registration: Link | None = Field(
        default=None, description="Where to sign up.", examples=["https://forms.example/yoga"]
    )
    image: Image | None = Field(
        default=None,
        description="A picture: a file under content/ or an https:// link.",
        examples=["images/yoga.jpg"],
    )
    tags: list[Tag] = Field(
        default=[], description="Short lowercase topics.", examples=[["kids", "movement"]]
    )
    updated: When | None = Field(
        default=None,
        description="When the details last changed, for calendar apps.",
        examples=["2026-11-20 09:00"],
    )
    sequence: Annotated[int, Field(ge=0)] = Field(
        default=0,
        description="Raise by one each time the date or time changes, so calendars update.",
        examples=[1],
    )

    @property
    def proposed(self) -> bool:
        return self.status == "proposed"

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"


class EventsFile(Record):
    """``data/events.yml``."""

    events: list[Event] = Field(
        default=[],
        description="The events: classes, talks, previews.",
        examples=[[{"id": "kids-yoga", "title": "Kids' yoga"}]],
    )


class CustomerContact(Record):
    """Who a customer is and how to reach them: private, never published."""

    name: Text | None = Field(
        default=None, description="Private: the customer's full name.", examples=["Maya Rodriguez"]
    )
    email: Email | None = Field(
        default=None, description="Private: the customer's e-mail address.", examples=["maya@example.com"]
    )
    phone: Text | None = Field(
        default=None, description="Private: the customer's phone number.", examples=["(773) 555-0199"]
    )
    notes: Text | None = Field(
        default=None,
        description="Private: notes for the shop.",
        examples=["Asked to be told about the spring classes."],
    )


def shown_name(full_name: str) -> str:
    """First name and initial ("Maya Rodriguez" -> "Maya R."), the privacy-friendly default."""
    parts = full_name.split()
    return parts[0] if len(parts) == 1 else f"{parts[0]} {parts[-1][0]}."


class Testimonial(Record):
    """What a customer said, published only with their consent."""

    id: Id = Field(
        description="A short name for the testimonial: lowercase, digits, hyphens.", examples=["maya-yoga"]
    )
    #: As shown on the site; without it, the first name and initial of ``contact.name``.
    author: Text | None = Field(
        default=None,
        description="The name shown; without it, the first name and initial of contact.name.",
        examples=["Maya R."],
    )
    quote: Text = Field(
        description="What the customer said, in their words.",
        examples=["My daughter talked about yoga for a week."],
    )
    date: Day = Field(description="When they said it.", examples=["2026-11-09"])
    consent: bool = Field(
        default=False,
        description="true once the customer agreed to be quoted; until then it is not published.",
        examples=[True],
    )
    rating: Annotated[int, Field(ge=1, le=5)] | None = Field(
        default=None, description="A rating from 1 to 5.", examples=[5]
    )
    photo: Image | None = Field(
        default=None,
        description="A photo: a file under content/ or an https:// link.",
        examples=["images/maya.jpg"],
    )
    event: str | None = Field(
        default=None, description="The id of the event it is about.", examples=["kids-yoga"]
    )
    tier: str | None = Field(default=None, description="The customer's tier id.", examples=["family"])
    featured: bool = Field(default=False, description="Show it on the home page.", examples=[True])
    contact: CustomerContact | None = Field(
        default=None,
        json_schema_extra=PRIVATE,
        description="Private: who the customer is. Never published.",
        examples=[{"name": "Maya Rodriguez"}],
    )

    @property
    def shown_author(self) -> str:
        if self.author:
            return self.author
        assert self.contact is not None and self.contact.name, "validate() requires one of them"
        return shown_name(self.contact.name)


class TestimonialsFile(Record):
    """``data/testimonials.yml``."""

    testimonials: list[Testimonial] = Field(
        default=[],
        description="What customers said.",
        examples=[[{"id": "maya-yoga", "quote": "...", "date": "2026-11-09"}]],
    )


class Result(Record):
    """One measured change in a story: a metric before and after."""

    metric: Text = Field(description="What was measured.", examples=["Shopping time"])
    before: Number = Field(description="The number before.", examples=[9])
    after: Number = Field(description="The number after.", examples=[1])
    #: Singular ("hour", "item"); "money" means amounts in the site's currency.
    unit: Text | None = Field(
        default=None,
        description="The unit, singular; 'money' means amounts in the site's currency.",
        examples=["hour"],
    )

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

    id: Id = Field(
        description="A short name for the story: lowercase, digits, hyphens.",
        examples=["okafor-school-wardrobe"],
    )
    customer: Text = Field(
        description="Who it is about, as they agreed to be named.", examples=["The Okafor family"]
    )
    title: Text = Field(description="The story's headline.", examples=["A school wardrobe in one visit"])
    date: Day = Field(description="When it happened.", examples=["2026-09-01"])
    situation: Text = Field(
        description="What they were facing.", examples=["Three children, three schools, one weekend."]
    )
    solution: Text = Field(
        description="What they bought, joined or came to.",
        examples=["A fitting afternoon with a Family membership."],
    )
    results: Annotated[list[Result], Field(min_length=1)] = Field(
        description="What changed, measured.",
        examples=[[{"metric": "Shopping time", "before": 9, "after": 1, "unit": "hour"}]],
    )
    quote: Text | None = Field(
        default=None, description="What the customer said about it.", examples=["We were done by lunch."]
    )
    tier: str | None = Field(default=None, description="The customer's tier id.", examples=["family"])
    event: str | None = Field(
        default=None, description="The id of the event it started at.", examples=["teen-line-preview"]
    )
    consent: bool = Field(
        default=False,
        description="true once the customer agreed; until then it is not published.",
        examples=[True],
    )
    contact: CustomerContact | None = Field(
        default=None,
        json_schema_extra=PRIVATE,
        description="Private: who the customer is. Never published.",
        examples=[{"name": "Ada Okafor"}],
    )


class StoriesFile(Record):
    """``data/stories.yml``."""

    stories: list[Story] = Field(
        default=[],
        description="Customer stories with numbers.",
        examples=[[{"id": "okafor-school-wardrobe", "customer": "The Okafors"}]],
    )


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
