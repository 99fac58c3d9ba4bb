"""What it takes to reach a tier, said in one sentence built from what its threshold measures.

A boutique's "spend $500 or more in a year" is wrong for a bank whose tier is about an average
balance, or for a supplier counting what a business orders. Each basis and period has its own
whole sentence in the catalog (not words glued together), so every language can say it its way.
"""

from __future__ import annotations

from babel.numbers import format_decimal

from portal_gen.model.tiers import Tier
from portal_gen.render.formatting import Formatter
from portal_gen.texts.catalogs import N_, PLURAL

#: Sentences about an amount of money, by (basis, period).
_MONEY = {
    ("spend", "year"): N_("spend %(amount)s or more in a year"),
    ("spend", "rolling-12-months"): N_("spend %(amount)s or more over the last 12 months"),
    ("spend", "monthly-average"): N_("spend %(amount)s or more a month on average"),
    ("purchases", "year"): N_("order %(amount)s or more in a year"),
    ("purchases", "rolling-12-months"): N_("order %(amount)s or more over the last 12 months"),
    ("purchases", "monthly-average"): N_("order %(amount)s or more a month on average"),
    ("balance", "year"): N_("keep an average balance of %(amount)s or more over the year"),
    ("balance", "rolling-12-months"): N_(
        "keep an average balance of %(amount)s or more over the last 12 months"
    ),
    ("balance", "monthly-average"): N_("keep a monthly average balance of %(amount)s or more"),
}


#: Sentences about a count (visits, points), by (basis, period).
_COUNTS = {
    ("visits", "year"): PLURAL.ngettext(
        "visit %(count)s time or more in a year", "visit %(count)s times or more in a year"
    ),
    ("visits", "rolling-12-months"): PLURAL.ngettext(
        "visit %(count)s time or more over the last 12 months",
        "visit %(count)s times or more over the last 12 months",
    ),
    ("visits", "monthly-average"): PLURAL.ngettext(
        "visit %(count)s time or more a month on average",
        "visit %(count)s times or more a month on average",
    ),
    ("points", "year"): PLURAL.ngettext(
        "collect %(count)s point or more in a year", "collect %(count)s points or more in a year"
    ),
    ("points", "rolling-12-months"): PLURAL.ngettext(
        "collect %(count)s point or more over the last 12 months",
        "collect %(count)s points or more over the last 12 months",
    ),
    ("points", "monthly-average"): PLURAL.ngettext(
        "collect %(count)s point or more a month on average",
        "collect %(count)s points or more a month on average",
    ),
}


def requirement(tier: Tier, fmt: Formatter) -> str:
    """``spend $500 or more in a year``, ``keep a monthly average balance of 25.000 € or more``,
    ``visit 10 times or more in a year``; for a tier open to all, that it is."""
    texts = fmt.texts
    basis, period = tier.basis or "spend", tier.period or "year"
    if tier.threshold == 0:
        if basis in ("spend", "purchases"):
            return texts.gettext("every customer, from the first purchase")
        return texts.gettext("every customer")
    if basis in ("spend", "purchases", "balance"):
        return texts.gettext(_MONEY[(basis, period)]) % {"amount": fmt.money(tier.threshold)}
    singular, plural = _COUNTS[(basis, period)]
    text = texts.ngettext(singular, plural, int(tier.threshold))
    return text % {"count": format_decimal(tier.threshold, locale=fmt.locale)}


def joining(tier: Tier, fmt: Formatter) -> str:
    """The requirement with the yearly fee, if the tier has one, as one sentence."""
    needed = requirement(tier, fmt)
    if tier.price:
        return fmt.texts.gettext("%(requirement)s, and %(fee)s a year to join.") % {
            "requirement": needed,
            "fee": fmt.money(tier.price),
        }
    return fmt.texts.gettext("%(requirement)s.") % {"requirement": needed}
