"""Tests for portal_gen.render.requirements: what reaching a tier takes, by what it measures."""

from __future__ import annotations

from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from conftest import MINIMAL_SITE, SAMPLE_TODAY, PortalWriter, files_of

from portal_gen.model.tiers import Tier
from portal_gen.render.formatting import Formatter
from portal_gen.render.requirements import joining, requirement

_US = Formatter("en_US", "USD", ZoneInfo("America/Chicago"))
_DE = Formatter("de_DE", "EUR", ZoneInfo("Europe/Berlin"))


def _tier(threshold: int, basis: str, period: str, price: int | None = None) -> Tier:
    return Tier.model_validate(
        {"id": "t", "name": "T", "threshold": threshold, "basis": basis, "period": period, "price": price}
    )


@pytest.mark.parametrize(
    ("basis", "period", "said"),
    [
        ("spend", "year", "spend $500 or more in a year"),
        ("spend", "rolling-12-months", "spend $500 or more over the last 12 months"),
        ("spend", "monthly-average", "spend $500 or more a month on average"),
        ("purchases", "year", "order $500 or more in a year"),
        ("purchases", "rolling-12-months", "order $500 or more over the last 12 months"),
        ("purchases", "monthly-average", "order $500 or more a month on average"),
        ("balance", "year", "keep an average balance of $500 or more over the year"),
        ("balance", "rolling-12-months", "keep an average balance of $500 or more over the last 12 months"),
        ("balance", "monthly-average", "keep a monthly average balance of $500 or more"),
        ("visits", "year", "visit 500 times or more in a year"),
        ("visits", "rolling-12-months", "visit 500 times or more over the last 12 months"),
        ("visits", "monthly-average", "visit 500 times or more a month on average"),
        ("points", "year", "collect 500 points or more in a year"),
        ("points", "rolling-12-months", "collect 500 points or more over the last 12 months"),
        ("points", "monthly-average", "collect 500 points or more a month on average"),
    ],
)
def test_each_basis_and_period_is_its_own_sentence(basis: str, period: str, said: str) -> None:
    """Money is money in the site's currency; visits and points are counts."""
    assert requirement(_tier(500, basis, period), _US) == said


def test_one_visit_is_singular_and_german_has_its_own_words() -> None:
    """Plurals follow the count; German says a balance its way, with its number format."""
    assert requirement(_tier(1, "visits", "year"), _US) == "visit 1 time or more in a year"
    assert requirement(_tier(25000, "balance", "monthly-average"), _DE) == (
        "ein durchschnittliches Monatsguthaben von mindestens 25.000\xa0€ halten"
    )
    assert requirement(_tier(12, "visits", "year"), _DE) == "mindestens 12 Besuche im Jahr"


def test_a_fee_and_a_tier_open_to_all() -> None:
    """The yearly fee is added to the sentence; a zero threshold is open to every customer."""
    assert joining(_tier(500, "spend", "year", price=25), _US) == (
        "spend $500 or more in a year, and $25 a year to join."
    )
    assert joining(_tier(0, "spend", "year"), _US) == "every customer, from the first purchase."
    assert joining(_tier(0, "balance", "year"), _US) == "every customer."


def test_a_bank_portal_says_balance_on_its_pages_and_to_search_engines(make_portal: PortalWriter) -> None:
    """basis and period in tiers.yml reach the qualifying list, each tier's section and the
    JSON-LD, where a balance is said in words rather than as an amount spent."""
    root = make_portal(
        site=MINIMAL_SITE,
        tiers="""\
        basis: balance
        period: monthly-average
        tiers:
          - id: everyday
            name: Everyday
          - id: plus
            name: Business Plus
            threshold: 10000
        perks:
          - id: fees
            title: No monthly fee
            benefit: price
            tiers: {everyday: no, plus: yes}
        """,
    )
    page = files_of(root, SAMPLE_TODAY)["tiers/index.md"].decode()
    assert "- **Business Plus**: keep a monthly average balance of $10,000 or more." in page
    assert "To join: keep a monthly average balance of $10,000 or more." in page
    assert "Open to every customer." in page
    assert '"hasTierRequirement": "keep a monthly average balance of $10,000 or more"' in page
    assert "spend" not in page


def test_a_tier_may_measure_its_own_way() -> None:
    """A tier's own basis wins over the file's."""
    from portal_gen.model.tiers import TiersFile

    tiers = TiersFile.model_validate(
        {"basis": "spend", "tiers": [{"id": "a", "name": "A"}, {"id": "b", "name": "B", "basis": "visits"}]}
    ).resolved_tiers()
    assert [(t.basis, t.period) for t in tiers] == [("spend", "year"), ("visits", "year")]
    assert Decimal(0) == tiers[0].threshold
