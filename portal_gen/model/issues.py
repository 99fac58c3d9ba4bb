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

    title: Text
    date: Day
    summary: Text | None = None
    tags: list[Tag] = Field(default=[])
    #: A cover image: a file under content/ or an https:// link.
    image: Image | None = None
    #: What the cover image shows, for readers who cannot see it.
    image_alt: Text | None = None
    draft: bool = False
