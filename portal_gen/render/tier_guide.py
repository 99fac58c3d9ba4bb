"""What the tiers page adds for a customer looking for their tier: what is new at each tier
(the phone's cards), and the data the "how far am I?" calculator works from.

A customer comparing tiers on a phone wants to know what moving up changes, not to read the
same perks again in every column: a tier that keeps everything of the one below is said as
"everything in Family, plus" what it adds or improves. The calculator runs in the browser
(``static/portal-gen-tiers.js``) with nothing but what is written here into the page: the
tiers, their new perks and every sentence already in the site's language, so that no number a
customer types leaves the page and no English shows on a German site.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from markupsafe import Markup

from portal_gen.model.tiers import Perk, Tier
from portal_gen.render.formatting import Formatter
from portal_gen.texts.catalogs import N_, PLURAL

#: Bases measured in money (the site's currency); the others are counts.
MONEY_BASES = ("spend", "purchases", "balance")

#: What the calculator's field asks for, by what the thresholds measure.
_LABELS = {
    "spend": N_("What you spend"),
    "purchases": N_("What you order"),
    "balance": N_("Your average balance"),
    "visits": N_("Your visits"),
    "points": N_("Your points"),
}
#: How the number the customer types is counted, by period, said under the field.
_PERIODS = {
    "year": N_("Counted over a calendar year."),
    "rolling-12-months": N_("Counted over the last 12 months."),
    "monthly-average": N_("Counted as a monthly average."),
}
#: An amount of visits or points "to go", in the one and the many.
_UNITS = {
    "visits": PLURAL.ngettext("%(count)s visit", "%(count)s visits"),
    "points": PLURAL.ngettext("%(count)s point", "%(count)s points"),
}


@dataclass(frozen=True)
class TierStep:
    """One tier as a step up from the tier below it (``below`` None for the first)."""

    tier: Tier
    below: Tier | None
    #: The perks this tier adds or improves over ``below``, with what it gets of each.
    added: tuple[tuple[Perk, bool | str], ...]
    #: Whether it keeps every perk of ``below``: then "everything in <below>, plus" is true.
    builds_on: bool


def tier_steps(tiers: Sequence[Tier], perks: Sequence[Perk]) -> list[TierStep]:
    """Each tier with what is new at it: all its perks for the first tier or for one that
    drops a perk of the tier below (then "everything in ..." would not be true)."""
    steps: list[TierStep] = []
    for index, tier in enumerate(tiers):
        below = tiers[index - 1] if index else None
        held = [(perk, perk.value(tier.id)) for perk in perks if perk.value(tier.id) is not False]
        if below is None:
            steps.append(TierStep(tier, None, tuple(held), builds_on=False))
            continue
        builds_on = all(
            perk.value(tier.id) is not False for perk in perks if perk.value(below.id) is not False
        )
        added = tuple((perk, value) for perk, value in held if not builds_on or value != perk.value(below.id))
        steps.append(TierStep(tier, below, added, builds_on))
    return steps


def perk_line(perk: Perk, value: bool | str) -> str:
    """``Free shipping: over $40``: a perk and what a tier gets of it, as plain text."""
    return perk.title if value is True else f"{perk.title}: {value}"


def calculated_basis(tiers: Sequence[Tier]) -> tuple[str, str] | None:
    """The (basis, period) the calculator asks a number for: that of most tiers one earns
    (the first such tier's on a tie); None when every tier is open to all."""
    earned = [(tier.basis or "spend", tier.period or "year") for tier in tiers if tier.threshold > 0]
    if not earned:
        return None
    counts = Counter(earned)
    return max(earned, key=lambda key: counts[key])


def calculator(tiers: Sequence[Tier], perks: Sequence[Perk], fmt: Formatter) -> dict[str, Any] | None:
    """What the calculator needs, in the site's language: None when there is nothing to work
    out (no tier to earn). A tier measured another way (a bank's tier by visits beside its
    balance tiers) cannot be reached by the number typed: it is left out and named."""
    basis = calculated_basis(tiers)
    if basis is None:
        return None
    texts = fmt.texts
    counted = [
        step
        for step in tier_steps(tiers, perks)
        if step.tier.threshold == 0 or (step.tier.basis or "spend", step.tier.period or "year") == basis
    ]
    other = [tier.name for tier in tiers if tier not in {step.tier for step in counted}]
    data: dict[str, Any] = {
        # Intl.NumberFormat's name for the locale: de-DE, not de_DE.
        "locale": str(fmt.locale).replace("_", "-"),
        "currency": fmt.currency,
        "money": basis[0] in MONEY_BASES,
        "label": texts.gettext(_LABELS[basis[0]]),
        "counted": texts.gettext(_PERIODS[basis[1]]),
        "texts": {
            "tier": texts.gettext("Your tier: %(tier)s"),
            "none": texts.gettext("Not in a tier yet."),
            "next": texts.gettext("%(amount)s to go to %(tier)s."),
            "adds": texts.gettext("What %(tier)s adds:"),
            "fee": texts.gettext("%(tier)s also has a yearly fee of %(fee)s."),
            "top": texts.gettext("That is our highest tier."),
            "invalid": texts.gettext("Type a number, such as %(example)s."),
        },
        "tiers": [
            {
                "name": step.tier.name,
                # A whole threshold as an integer: JSON readers see 500, not 500.0.
                "threshold": _number(step.tier.threshold),
                "fee": fmt.money(step.tier.price) if step.tier.price else None,
                "adds": [perk_line(perk, value) for perk, value in step.added],
            }
            for step in counted
        ],
    }
    if basis[0] in _UNITS:
        singular, plural = _UNITS[basis[0]]
        # The browser's Intl.PluralRules names the form a number takes; each form is the
        # catalog's for a number of that CLDR category (French's "one" covers 0 and 1, and its
        # "many" is for millions, as its catalog's plural rule has them).
        data["units"] = {
            category: texts.ngettext(singular, plural, count)
            for category, count in (("one", 1), ("other", 2), ("many", 1_000_000))
        }
    data["others"] = None
    if other:
        data["others"] = texts.gettext("Reached another way (see how to qualify): %(tiers)s.") % {
            "tiers": fmt.and_list(other)
        }
    return data


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def calculator_json(data: dict[str, Any]) -> Markup:
    """``data`` as a ``<script type="application/json">`` element that text cannot break out of."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/json" class="portal-tier-calculator__data">\n{text}\n</script>')
