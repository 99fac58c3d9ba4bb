"""``data/events.yml`` (and ``data/events/*.yml``), and the partners events name in
``data/partners.yml``."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from portal_gen.model.postal import Address, PostalAddress
from portal_gen.model.record import Record
from portal_gen.model.repeat import RecurrenceRule, Repeat
from portal_gen.model.values import (
    Duration,
    End,
    Id,
    Image,
    Link,
    MarkdownText,
    Money,
    NameShorthand,
    Tag,
    Text,
    WebUrl,
    When,
    ZoneName,
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
    address: Address | None = Field(
        default=None,
        description="The place's address, on one line or in parts (street, locality, postal_code...).",
        examples=["1900 N Damen Ave, Chicago, IL 60647"],
    )


class DateChange(Record):
    """One date of a repeating event, cancelled or changed: customers see it struck through or
    changed, with the notice, and calendars get it as an override of that one date."""

    date: When = Field(
        description=(
            "Which date of the series: the day (like 2026-12-08), or the day and time when the "
            "series has two on one day."
        ),
        examples=["2026-12-08"],
    )
    status: Literal["scheduled", "cancelled"] = Field(
        default="scheduled",
        description="cancelled: this date will not take place (shown struck through).",
        examples=["cancelled"],
    )
    start: When | None = Field(
        default=None,
        description="When this date now starts, if it moved: a day and time (or a day, all day).",
        examples=["2026-12-09 10:00"],
    )
    end: End | None = Field(
        default=None,
        description="When this date now ends, if it is not as long as the others.",
        examples=["11:00"],
    )
    location: Annotated[Location, NameShorthand] | None = Field(
        default=None,
        description="Where this date happens, if not at the usual place.",
        examples=["School hall"],
    )
    notice: Text | None = Field(
        default=None,
        description="What customers should know about this date, like why it is cancelled.",
        examples=["No class: staff training."],
    )
    registration: Link | None = Field(
        default=None,
        description="Where to sign up for this date, if each date has its own form.",
        examples=["https://forms.example/yoga-dec-8"],
    )

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"


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
    repeat: Repeat | None = Field(
        default=None,
        description=(
            "How it repeats, in words instead of an rrule: every (2 weeks), on (saturday, or first "
            "saturday for every: month), and until (a day) or times (how many dates in all)."
        ),
        examples=[{"every": "2 weeks", "on": ["saturday"], "until": "2027-03-27"}],
    )
    exceptions: list[When] = Field(
        default=[], description="Dates of a repeating event that are skipped.", examples=[["2026-12-26"]]
    )
    extra_dates: list[When] = Field(
        default=[], description="Dates added to a repeating event.", examples=[["2027-01-02 10:00"]]
    )
    changes: list[DateChange] = Field(
        default=[],
        description="Single dates of a repeating event that are cancelled, moved or otherwise changed.",
        examples=[[{"date": "2026-12-08", "status": "cancelled", "notice": "No class: staff training."}]],
    )
    cards: Literal["series", "each-date"] = Field(
        default="series",
        description=(
            "How a repeating event is listed: one card for the series (at its next date), or "
            "each-date: a card per date."
        ),
        examples=["each-date"],
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
        default=None,
        description="How many people it is for at most (the group size, not the places left).",
        examples=[12],
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
    image_alt: Text | None = Field(
        default=None,
        description=(
            "What the picture shows, for people who cannot see it (screen readers, slow phones); "
            "without it the picture counts as decoration."
        ),
        examples=["Children stretching on mats in a sunny studio"],
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

    @field_validator("repeat")
    @classmethod
    def _one_way_to_repeat(cls, repeat: Repeat | None, info: ValidationInfo) -> Repeat | None:
        if repeat is not None and info.data.get("rrule") is not None:
            raise PydanticCustomError(
                "portal_repeat_twice",
                "give either rrule or repeat, not both; keep repeat and delete the rrule line, or "
                "the other way round",
            )
        return repeat

    @property
    def rule(self) -> str | None:
        """How it repeats as an RRULE: the ``rrule`` as written, or the one ``repeat`` says."""
        if self.repeat is not None:
            return self.repeat.rule()
        return self.rrule

    @property
    def rule_field(self) -> str:
        """The field the owner wrote the rule in, for messages about it."""
        return "repeat" if self.repeat is not None else "rrule"

    @property
    def proposed(self) -> bool:
        return self.status == "proposed"

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"

    @property
    def series(self) -> bool:
        """Listed once for all its dates: it repeats, and the owner did not ask for a card
        per date."""
        return bool(self.rule or self.extra_dates) and self.cards == "series"

    def street_address(
        self, business_address: PostalAddress | None, place: Location | None = None
    ) -> PostalAddress | None:
        """The street address of the place it names (or of ``place``, one date's): its own,
        else the business's (a place named without one, "The reading corner", is in the
        shop), but never for a partner's place, which is elsewhere."""
        place = place or self.location
        if place is None:
            return None
        return place.address or (None if self.partner else business_address)


class EventsFile(Record):
    """``data/events.yml``."""

    events: list[Event] = Field(
        default=[],
        description="The events: classes, talks, previews.",
        examples=[[{"id": "kids-yoga", "title": "Kids' yoga"}]],
    )
