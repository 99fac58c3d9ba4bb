"""Tests for portal_gen.render.tier_guide and the tiers page's cards and calculator markup."""

from __future__ import annotations

import json
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from conftest import SAMPLE_TODAY, PortalWriter, files_of

from portal_gen.app import Run, load_portal
from portal_gen.model.tiers import TiersFile
from portal_gen.render.formatting import Formatter
from portal_gen.render.tier_guide import calculated_basis, calculator, calculator_json, perk_line, tier_steps

_US = Formatter("en_US", "USD", ZoneInfo("America/Chicago"))
_FR = Formatter("fr_FR", "EUR", ZoneInfo("Europe/Paris"))


def _tiers(text: dict[str, object]) -> TiersFile:
    return TiersFile.model_validate(text)


def _sample_tiers(sample_copy: Path) -> tuple[object, ...]:
    portal = load_portal(Run(sample_copy, SAMPLE_TODAY))
    return portal.tiers, portal.perks


def test_each_tier_of_the_sample_lists_only_what_is_new_at_it(sample_copy: Path) -> None:
    """Friends lists all it gets; Family and Patron keep everything below and add or improve."""
    tiers, perks = _sample_tiers(sample_copy)
    steps = tier_steps(tiers, perks)  # type: ignore[arg-type]
    said = [
        (s.tier.name, s.below and s.below.name, s.builds_on, [perk_line(*a) for a in s.added]) for s in steps
    ]
    assert said == [
        (
            "Friends",
            None,
            False,
            ["Free shipping: over $75", "Gift wrapping", "Places at our events: open booking"],
        ),
        (
            "Family",
            "Friends",
            True,
            [
                "Free shipping: over $40",
                "Places at our events: book 48 hours early",
                "Early access to new collections: 2 days early",
                "Alterations: hems only",
            ],
        ),
        (
            "Patron",
            "Family",
            True,
            [
                "Free shipping",
                "Places at our events: a guaranteed place",
                "Early access to new collections: 1 week early",
                "Alterations",
                "Personal shopper: once a season",
            ],
        ),
    ]


def test_a_tier_that_drops_a_perk_lists_all_it_gets() -> None:
    """'Everything in A, plus' would be untrue when B loses one of A's perks."""
    data = _tiers(
        {
            "tiers": [{"id": "a", "name": "A"}, {"id": "b", "name": "B", "threshold": 10}],
            "perks": [
                {"id": "x", "title": "X", "tiers": {"a": True}},
                {"id": "y", "title": "Y", "tiers": {"a": True, "b": True}},
                {"id": "z", "title": "Z", "tiers": {"b": "twice"}},
            ],
        }
    )
    step = tier_steps(data.resolved_tiers(), data.perks)[1]
    assert not step.builds_on
    assert [perk_line(*added) for added in step.added] == ["Y", "Z: twice"]


def test_the_calculator_reads_the_sample_in_dollars(sample_copy: Path) -> None:
    """Spend in a calendar year, dollars in en-US, each tier's threshold and what it adds."""
    tiers, perks = _sample_tiers(sample_copy)
    data = calculator(tiers, perks, _US)  # type: ignore[arg-type]
    assert data is not None
    assert (data["locale"], data["currency"], data["money"]) == ("en-US", "USD", True)
    assert (data["label"], data["counted"], data["others"]) == (
        "What you spend",
        "Counted over a calendar year.",
        None,
    )
    assert [(t["name"], t["threshold"], t["fee"]) for t in data["tiers"]] == [
        ("Friends", 0, None),
        ("Family", 500, None),
        ("Patron", 1500, None),
    ]
    assert data["tiers"][2]["adds"][-1] == "Personal shopper: once a season"
    assert data["texts"]["next"] == "%(amount)s to go to %(tier)s."


def test_points_are_counted_in_the_languages_plural_forms() -> None:
    """French names 0 and 1 in the singular and millions with its own form, as Intl does."""
    data = _tiers(
        {
            "basis": "points",
            "tiers": [{"id": "a", "name": "A"}, {"id": "b", "name": "B", "threshold": 100, "price": 20}],
        }
    )
    found = calculator(data.resolved_tiers(), data.perks, _FR)
    assert found is not None and found["money"] is False
    assert found["units"] == {
        "one": "%(count)s point",
        "other": "%(count)s points",
        "many": "%(count)s points",
    }
    assert found["label"] == "Vos points"
    assert found["tiers"][1]["fee"] == "20\xa0€"


def test_a_tier_measured_another_way_is_left_out_and_named() -> None:
    """Most tiers are a balance; the one counted by visits cannot come from that number."""
    data = _tiers(
        {
            "basis": "balance",
            "period": "monthly-average",
            "tiers": [
                {"id": "a", "name": "Account"},
                {"id": "b", "name": "Plus", "threshold": 5000},
                {"id": "c", "name": "Premium", "threshold": 25000},
                {"id": "d", "name": "Circle", "threshold": 30000, "basis": "visits"},
            ],
        }
    )
    assert calculated_basis(data.resolved_tiers()) == ("balance", "monthly-average")
    found = calculator(data.resolved_tiers(), data.perks, _US)
    assert found is not None
    assert [tier["name"] for tier in found["tiers"]] == ["Account", "Plus", "Premium"]
    assert found["others"] == "Reached another way (see how to qualify): Circle."
    assert found["label"] == "Your average balance"


def test_nothing_to_work_out_when_every_tier_is_open_to_all() -> None:
    """One free tier: no calculator at all."""
    data = _tiers({"tiers": [{"id": "a", "name": "All"}]})
    assert calculator(data.resolved_tiers(), data.perks, _US) is None


def test_the_calculators_data_cannot_end_its_script_element() -> None:
    """A tier named '</script><b>' stays inside the JSON and reads back as typed."""
    element = calculator_json({"name": "</script><b>&"})
    assert element.count("</script>") == 1
    body = re.sub(r"^<script[^>]*>|</script>$", "", str(element))
    assert json.loads(body) == {"name": "</script><b>&"}


def test_the_sample_tiers_page_has_cards_a_hidden_calculator_and_its_script(sample_copy: Path) -> None:
    """Cards say 'Everything in Friends, plus:', the form is hidden until its script shows it,
    and no heading says 'members get'."""
    page = files_of(sample_copy)["tiers/index.md"].decode()
    assert '<div class="portal-table-scroll portal-tier-table" tabindex="0" role="region"' in page
    assert "<p>Everything in Friends, plus:</p>" in page
    assert '<p class="portal-tier-card__join">To join: spend $1,500 or more in a year.</p>' in page
    assert '<form class="portal-tier-calculator" hidden' in page
    assert '<script src="../assets/portal-gen-tiers.js" defer></script>' in page
    assert "Included in Patron:" in page and "members get" not in page
    assert "Coming up for the Patron tier:" in page


def test_a_tier_named_members_reads_once(make_portal: PortalWriter) -> None:
    """The starter's tier 'Members' no longer makes 'What Members members get'."""
    root = make_portal(
        tiers="""\
        tiers:
          - {id: friends, name: Friends}
          - {id: members, name: Members, threshold: 500}
        perks:
          - {id: early, title: Early access, tiers: {members: yes}}
        """
    )
    page = files_of(root, SAMPLE_TODAY)["tiers/index.md"].decode()
    assert "Members members" not in page
    assert "Included in Members:" in page


def test_the_tier_table_block_keeps_its_table_on_a_phone(make_portal: PortalWriter) -> None:
    """A block in an owner's page (or an e-mail) has no cards, so its table is never hidden."""
    root = make_portal(
        tiers="tiers:\n  - {id: a, name: A}\nperks:\n  - {id: x, title: X, tiers: {a: yes}}\n",
        pages={"about.md": "# About\n\n{{ tier_table() }}\n"},
    )
    page = files_of(root, SAMPLE_TODAY)["about.md"].decode()
    assert '<div class="portal-table-scroll" tabindex="0"' in page
    assert "portal-tier-cards" not in page
