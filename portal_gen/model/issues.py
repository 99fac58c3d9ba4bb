"""The front matter of a newsletter issue in ``content/newsletter/``."""

from __future__ import annotations

from pydantic import Field

from portal_gen.model.record import Record
from portal_gen.model.values import (
    Day,
    Image,
    Tag,
    Text,
)


class IssueFrontMatter(Record):
    """The front matter of a newsletter issue in ``content/newsletter/``."""

    title: Text = Field(description="The issue's headline.", examples=["Yoga, piano and a preview"])
    date: Day = Field(
        description="The day it is sent; it appears on the site that day, not before.",
        examples=["2026-11-20"],
    )
    summary: Text | None = Field(
        default=None,
        description="One or two sentences for the archive and the feeds; without it, the first paragraph.",
        examples=["Three dates for December, and a preview of the spring collection."],
    )
    tags: list[Tag] = Field(default=[], description="Short lowercase topics.", examples=[["events"]])
    #: A cover image: a file under content/ or an https:// link.
    image: Image | None = Field(
        default=None,
        description="A cover picture: a file under content/ or an https:// link.",
        examples=["images/yoga.jpg"],
    )
    #: What the cover image shows, for readers who cannot see it.
    image_alt: Text | None = Field(
        default=None,
        description="What the cover picture shows, for people who cannot see it.",
        examples=["Children stretching on mats"],
    )
    draft: bool = Field(
        default=False,
        description="A draft is kept off the site and out of the feeds until this is turned off.",
        examples=[True],
    )
