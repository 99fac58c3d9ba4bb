"""What customers said and what changed for them: ``data/testimonials.yml`` and
``data/stories.yml``. Their contact details are validated but never published."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Field

from portal_gen.model.record import PRIVATE, Record
from portal_gen.model.values import (
    Day,
    Email,
    Id,
    Image,
    Number,
    Text,
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


class UnitForms(Record):
    """A unit in each plural form its language has (``one: Bestellung, other: Bestellungen``);
    which form a number takes is the language's rule (CLDR's, through Babel)."""

    one: Text | None = Field(default=None, description="The form for one.", examples=["Bestellung"])
    other: Text = Field(description="The form for other numbers.", examples=["Bestellungen"])
    zero: Text | None = Field(
        default=None, description="The form for zero, where the language has one.", examples=["zero"]
    )
    two: Text | None = Field(
        default=None, description="The form for two, where the language has one.", examples=["two"]
    )
    few: Text | None = Field(
        default=None, description="The form for a few, where the language has one.", examples=["few"]
    )
    many: Text | None = Field(
        default=None, description="The form for many, where the language has one.", examples=["many"]
    )

    def form(self, category: str) -> str:
        """The form for a CLDR plural category (one, few, other...), else ``other``."""
        return getattr(self, category, None) or self.other


class Result(Record):
    """One measured change in a story: a metric before and after."""

    metric: Text = Field(description="What was measured.", examples=["Shopping time"])
    before: Number = Field(description="The number before.", examples=[9])
    after: Number = Field(description="The number after.", examples=[1])
    #: A word ("hour", "order"), its forms ({one: Bestellung, other: Bestellungen}), or "money"
    #: for amounts in the site's currency.
    unit: Text | UnitForms | None = Field(
        default=None,
        description=(
            "The unit: a measure such as hour or kilogram (said in the site's language), a word "
            "in the singular, its forms (one: ..., other: ...), or money."
        ),
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
