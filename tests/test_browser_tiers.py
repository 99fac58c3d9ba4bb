"""In a real browser: the tiers page as a customer finding their tier sees it, on a phone (one
card per tier) and a laptop (the table), and the "how far am I?" calculator.

Playwright drives Debian's /usr/bin/chromium, as in test_browser.py; the sample is built for
its fixed day, and every expected text is written out in full.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator

import pytest
from conftest import CHROMIUM, QuietHandler, build, serious_accessibility_problems

pytestmark = pytest.mark.browser

if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip("Debian's chromium is not installed (make test installs it)", allow_module_level=True)

#: What the calculator says for a spend at, just below and around each of the sample's
#: thresholds (Friends 0, Family $500, Patron $1,500), each line as the customer reads it.
_FAMILY_ADDS = [
    "What Family adds:",
    "Free shipping: over $40",
    "Places at our events: book 48 hours early",
    "Early access to new collections: 2 days early",
    "Alterations: hems only",
]
_PATRON_ADDS = [
    "What Patron adds:",
    "Free shipping",
    "Places at our events: a guaranteed place",
    "Early access to new collections: 1 week early",
    "Alterations",
    "Personal shopper: once a season",
]
_SAID = {
    "0": ["Your tier: Friends", "$500 to go to Family.", *_FAMILY_ADDS],
    "1": ["Your tier: Friends", "$499 to go to Family.", *_FAMILY_ADDS],
    "499.99": ["Your tier: Friends", "$0.01 to go to Family.", *_FAMILY_ADDS],
    "500": ["Your tier: Family", "$1,000 to go to Patron.", *_PATRON_ADDS],
    "$500.01": ["Your tier: Family", "$999.99 to go to Patron.", *_PATRON_ADDS],
    "1,499": ["Your tier: Family", "$1 to go to Patron.", *_PATRON_ADDS],
    "1500": ["Your tier: Patron", "That is our highest tier."],
    "1500.01": ["Your tier: Patron", "That is our highest tier."],
    "12,000": ["Your tier: Patron", "That is our highest tier."],
    "lots": ["Type a number, such as 1,500."],
    "-5": ["Type a number, such as 1,500."],
}

_RESULT = ".portal-tier-calculator__result"
_LINES_JS = "element => [...element.querySelectorAll('p, li')].map(line => line.textContent)"


def _open(browser: object, url: str, width: int, **options: object) -> object:
    """A page of ``url`` at ``width`` pixels wide, loaded until the network is quiet."""
    page = browser.new_page(viewport={"width": width, "height": 844}, **options)  # type: ignore[attr-defined]
    page.goto(url, wait_until="networkidle")
    return page


@pytest.mark.parametrize(("width", "cards", "table"), [(390, True, False), (1280, False, True)])
def test_a_phone_shows_a_card_per_tier_and_a_laptop_the_table(
    browser: object, site_url: str, width: int, cards: bool, table: bool
) -> None:
    """At 390 px the cards show (each with its threshold) and the table does not; at 1280 px
    the table shows, a labelled region a keyboard reaches, and the cards do not."""
    page = _open(browser, site_url + "tiers/", width)
    try:
        shown = page.locator(".portal-tier-cards")  # type: ignore[attr-defined]
        region = page.get_by_role("region", name="What each tier includes")  # type: ignore[attr-defined]
        assert (shown.is_visible(), region.is_visible()) == (cards, table)
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # type: ignore[attr-defined]
        if cards:
            assert shown.locator("h3").all_inner_texts() == ["Friends", "Family", "Patron"]
            patron = shown.locator("section").nth(2).inner_text()
            assert "To join: spend $1,500 or more in a year." in patron
            assert "Everything in Family, plus:" in patron
        else:
            assert region.get_attribute("tabindex") == "0"
            # From the calculator, Tab passes the heading's permalink, then the table's box.
            page.locator("#portal-tier-amount").focus()  # type: ignore[attr-defined]
            reached = []
            for _ in range(3):
                page.keyboard.press("Tab")  # type: ignore[attr-defined]
                reached.append(page.evaluate("document.activeElement.getAttribute('role')"))  # type: ignore[attr-defined]
            assert "region" in reached
    finally:
        page.close()  # type: ignore[attr-defined]


def test_the_calculator_says_the_tier_the_next_and_what_is_left_at_every_threshold(
    browser: object, site_url: str
) -> None:
    """At, below and above each threshold: the tier, the amount to go in dollars, what the
    next tier adds; the top tier says so; text that is no amount asks for a number."""
    page = _open(browser, site_url + "tiers/", 390)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))  # type: ignore[attr-defined]
    try:
        field = page.get_by_label("What you spend")  # type: ignore[attr-defined]
        assert page.get_by_text("Counted over a calendar year.").is_visible()  # type: ignore[attr-defined]
        said = {}
        for typed in _SAID:
            field.fill(typed)
            said[typed] = page.locator(_RESULT).evaluate(_LINES_JS)  # type: ignore[attr-defined]
        assert said == _SAID
        field.press("Enter")  # nothing to submit: the page stays, with what was typed
        assert page.url == site_url + "tiers/"  # type: ignore[attr-defined]
        assert requests == []  # what the customer types never leaves the page
    finally:
        page.close()  # type: ignore[attr-defined]


def test_without_javascript_the_tiers_page_reads_as_before_and_shows_no_calculator(
    browser: object, site_url: str
) -> None:
    """No form, no empty box: how to qualify, the table (or the cards on a phone) and each tier."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto(site_url + "tiers/")
        assert not page.locator("form.portal-tier-calculator").is_visible()
        text = page.locator("article").inner_text()
        assert "Patron: spend $1,500 or more in a year." in text
        assert "Everything in Family, plus:" in text
        assert "How far are you" not in text
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_tiers_page_with_an_answer_shown_has_no_serious_accessibility_problem(
    browser: object, site_url: str, width: int
) -> None:
    """axe-core on /tiers/ with the calculator open and answering (Material's search left out)."""
    page = _open(browser, site_url + "tiers/", width)
    try:
        page.get_by_label("What you spend").fill("700")  # type: ignore[attr-defined]
        assert serious_accessibility_problems(page) == []
    finally:
        page.close()  # type: ignore[attr-defined]


_BANK_TIERS = """\
basis: balance
period: monthly-average
tiers:
  - {id: konto, name: Girokonto}
  - {id: plus, name: Plus, threshold: 5000}
  - {id: premium, name: Premium, threshold: 25000, price: 60}
perks:
  - id: karte
    title: Kostenlose Girocard
    tiers: {konto: yes, plus: yes, premium: yes}
  - id: zinsen
    title: Zinsbonus auf Tagesgeld
    tiers: {plus: "0,25 %", premium: "0,5 %"}
"""


@pytest.fixture(scope="module")
def bank_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A German bank's portal whose tiers are a monthly average balance in euros, served."""
    from localized import localized_portal

    root = localized_portal(tmp_path_factory.mktemp("bank") / "portal", "de_DE")
    (root / "data" / "tiers.yml").write_text(_BANK_TIERS, encoding="utf-8")
    for name in ("events.yml", "testimonials.yml"):  # their tier 'partner' is the shop's
        path = root / "data" / name
        path.write_text(path.read_text(encoding="utf-8").replace("partner", "premium"), encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    handler = functools.partial(QuietHandler, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.mark.parametrize(
    ("typed", "lines"),
    [
        ("4.999,99", ["Ihre Stufe: Girokonto", "Noch 0,01\xa0€ bis Plus.", "Das bietet Plus zusätzlich:"]),
        ("5000", ["Ihre Stufe: Plus", "Noch 20.000\xa0€ bis Premium."]),
        ("25.000 €", ["Ihre Stufe: Premium", "Für Premium kommt eine Jahresgebühr von 60\xa0€ hinzu."]),
    ],
)
def test_a_german_banks_customer_reads_balances_in_euros(
    browser: object, bank_url: str, typed: str, lines: list[str]
) -> None:
    """German number input (1.000,50), euros as Germans write them, the balance's own label,
    the yearly fee of a paid tier, and cards in German on a phone."""
    page = _open(browser, bank_url + "tiers/", 390)
    try:
        page.get_by_label("Ihr durchschnittliches Guthaben").fill(typed)  # type: ignore[attr-defined]
        said = page.locator(_RESULT).evaluate(_LINES_JS)  # type: ignore[attr-defined]
        assert said[: len(lines)] == lines
        assert page.get_by_text("Gerechnet als Monatsdurchschnitt.").is_visible()  # type: ignore[attr-defined]
        card = page.locator(".portal-tier-card").nth(1).inner_text()  # type: ignore[attr-defined]
        assert "Alles aus Girokonto, dazu:" in card
        assert "mindestens 5.000\xa0€" in card
    finally:
        page.close()  # type: ignore[attr-defined]
