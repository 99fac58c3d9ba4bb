"""What the owner wrote down but the site does not show, and why.

The decisions are made where the portal is assembled (``check.portal``: consent;
``check.issues``: drafts and dates); this is the record of them, for the adapters to show
(``portal-gen check`` and serve's held-back page), never rendered into the site.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from portal_gen.errors import Position

#: Why something is held back: no ``consent: true`` (a testimonial, a story), ``draft: true``
#: (an issue), or an issue's date is after today (it appears on that day).
Reason = Literal["no consent", "draft", "dated after today"]
Kind = Literal["testimonial", "story", "newsletter issue"]


@dataclass(frozen=True)
class HeldBack:
    """One record or issue the site leaves out."""

    kind: Kind
    #: The record's id, or the issue's slug.
    id: str
    #: Where it is written.
    position: Position
    reasons: tuple[Reason, ...]
    #: A story's or issue's title, a testimonial's shown author.
    title: str
    #: The record's date; an issue's is the day it appears (unless it is a draft).
    date: dt.date
