"""``data/tiers.yml``: the member tiers and the perks each one gets."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from portal_gen.model.record import Record
from portal_gen.model.values import (
    Color,
    Icon,
    Id,
    Included,
    MarkdownText,
    Money,
    Text,
)

#: What a threshold measures: yearly spend (the default), an account's average balance, the
#: volume a business customer orders, visits, or loyalty points.
Basis = Literal["spend", "balance", "purchases", "visits", "points"]
#: Over what time it is measured: a calendar year, the last 12 months, or a monthly average.
Period = Literal["year", "rolling-12-months", "monthly-average"]
_BASIS_HELP = "What the threshold measures: spend, balance, purchases, visits or points."
_PERIOD_HELP = "Over what time: year, rolling-12-months or monthly-average."


class Tier(Record):
    """A tier: what a customer reaches (by default, spends in a year) to belong to it."""

    id: Id = Field(
        description="A short name used in addresses and references: lowercase, digits, hyphens.",
        examples=["family"],
    )
    name: Text = Field(description="The tier's name as customers see it.", examples=["Family"])
    threshold: Money = Field(
        default=Decimal(0),
        description="What a customer reaches to belong, measured by basis (0 for everyone).",
        examples=[500],
    )
    #: Left out, the tiers file's: a programme usually measures every tier the same way.
    basis: Basis | None = Field(default=None, description=_BASIS_HELP, examples=["balance"])
    period: Period | None = Field(default=None, description=_PERIOD_HELP, examples=["monthly-average"])
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
    basis: Basis = Field(default="spend", description=_BASIS_HELP, examples=["spend"])
    period: Period = Field(default="year", description=_PERIOD_HELP, examples=["year"])

    def resolved_tiers(self) -> tuple[Tier, ...]:
        """The tiers, each with the basis and period it is measured by."""
        return tuple(
            tier.model_copy(update={"basis": tier.basis or self.basis, "period": tier.period or self.period})
            for tier in self.tiers
        )
