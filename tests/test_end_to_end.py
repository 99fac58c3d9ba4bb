"""End to end: the sample portal built with MkDocs --strict, as the README's first command does."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def built_site(built_sample: Path) -> Path:
    return built_sample / "site"


def _page(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def _article(site: Path, path: str) -> str:
    """The page's own content, without the navigation and table of contents around it."""
    page = _page(site, path)
    return page[page.index("<article") : page.index("</article>")]


def test_every_public_page_exists(built_site: Path) -> None:
    """The URLs DESIGN.md promises are all built."""
    for path in (
        "index.html",
        "events/index.html",
        "tiers/index.html",
        "testimonials/index.html",
        "newsletter/index.html",
        "newsletter/2026-11-yoga-piano-and-a-preview/index.html",
        "about/index.html",
        "assets/portal-gen.css",
    ):
        assert (built_site / path).is_file(), path


def test_home_shows_the_value_added_services(built_site: Path) -> None:
    """Next events, tiers, a featured testimonial and the latest newsletter are on the home page."""
    home = _page(built_site, "index.html")
    assert "Kids&#39; yoga with Lotus Tree Yoga" in home or "Kids' yoga with Lotus Tree Yoga" in home
    assert "Saturday, December 5, 2026" in home
    assert "from $500 a year" in home
    assert "My daughter talked about yoga for a week" in home
    assert "Yoga, piano, and a preview" in home


def test_events_page_splits_upcoming_and_past(built_site: Path) -> None:
    """Upcoming events come first under their months, past ones after."""
    events = _article(built_site, "events/index.html")
    upcoming, past = events.split('id="past-events"')
    assert "December 2026" in upcoming and "Your child" in upcoming and "first piano lesson" in upcoming
    assert "Autumn story time" in past and "Autumn story time" not in upcoming
    assert "For Family and Patron members" in upcoming


def test_tiers_page_has_the_comparison_table(built_site: Path) -> None:
    """A real table: a header per tier, a row per perk, included/not included as text."""
    tiers = _page(built_site, "tiers/index.html")
    assert "<th>Friends</th>" in tiers and "<th>Patron</th>" in tiers
    assert tiers.count("<tr>") == 7  # header + six perks
    assert "Not included" in tiers and "over $75" in tiers
    assert "spend $1,500 or more in a year" in tiers


def test_newsletter_archive_newest_first_without_drafts(built_site: Path) -> None:
    """The November issue is listed before October's; the December draft is nowhere."""
    archive = _page(built_site, "newsletter/index.html")
    assert archive.index("Yoga, piano, and a preview") < archive.index("Autumn at the shop")
    assert "Holiday wrapping days" not in archive
    assert not (built_site / "newsletter" / "2026-12-holiday-wrapping").exists()


def test_issue_pages_stay_out_of_the_sidebar(built_site: Path) -> None:
    """Issue pages are linked from the archive, not listed in every page's navigation."""
    about = _page(built_site, "about/index.html")
    assert "2026-10-autumn-at-the-shop/" not in about
