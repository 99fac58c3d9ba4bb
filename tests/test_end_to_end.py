"""End to end: the sample portal built with MkDocs --strict, as the README's first command does."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

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
    """Next events (a series once, as its rule and next date), tiers, a featured testimonial
    and the latest newsletter are on the home page."""
    home = _page(built_site, "index.html")
    assert "Kids&#39; yoga with Lotus Tree Yoga" in home or "Kids' yoga with Lotus Tree Yoga" in home
    assert (
        "Every other Saturday, 10:00\u2009\u2013\u200910:45\u202fAM; next Sat, Dec 5" in home
    )  # the series, once
    assert "Saturday, December 12, 2026" in home
    assert "spend $500 or more in a year" in home
    assert "My daughter talked about yoga for a week" in home
    assert "Yoga, piano, and a preview" in home
    assert 'href="events/kids-yoga/"' in home
    assert "Winter story time" not in home  # cancelled: not advertised on the home page


def test_events_page_splits_upcoming_and_past(built_site: Path) -> None:
    """The next weeks are on the events page under their months; later and past months are
    each a page of their own, linked from the end of the events page with their count of
    dates, each linking the months around it."""
    events = _article(built_site, "events/index.html")
    upcoming, past = events.split('id="past-events"')
    assert "December 2026" in upcoming and "Your child" in upcoming and "first piano lesson" in upcoming
    assert "Autumn story time" not in events
    assert "For the Family and Patron tiers" in upcoming
    assert '<li><a href="months/2027-03/">March 2027</a>: 2 dates</li>' in upcoming
    assert '<li><a href="months/2026-11/">November 2026</a>: 2 dates</li>' in past
    assert '<li><a href="months/2026-10/">October 2026</a>: 1 date</li>' in past
    october = _article(built_site, "events/months/2026-10/index.html")
    assert "Autumn story time" in october and "Register" not in october
    november = _article(built_site, "events/months/2026-11/index.html")
    assert november.count("Kids&#39; yoga") + november.count("Kids' yoga") == 2
    assert 'href="../2026-10/"' in november and 'href="../2026-12/"' in november
    march = _article(built_site, "events/months/2027-03/index.html")
    assert "Sat, Mar 13, 10:00" in march and "Every other Saturday" not in march  # each date


def test_tiers_page_has_the_comparison_table(built_site: Path) -> None:
    """A real table: a column header per tier, a row header per perk, categories as row groups,
    included/not included as text."""
    tiers = _article(built_site, "tiers/index.html")
    headers = re.findall(r'<th scope="col">([^<]+)</th>', tiers)
    assert headers == ["Perk", "Friends", "Family", "Patron"]
    rows = re.findall(r'<th scope="row"><strong>([^<]+)</strong>', tiers)
    assert len(rows) == 6 and "Free shipping" in rows
    groups = re.findall(r'<th scope="rowgroup" colspan="4">([^<]+)</th>', tiers)
    assert groups == ["Shopping", "Events", "Service"]
    # Each category heads a <tbody> of its own (H43), and the scroll box takes keyboard focus.
    bodies = re.findall(r"<tbody>\s*<tr class=\"portal-perk-category\"><th scope=\"rowgroup\"", tiers)
    assert len(bodies) == tiers.count("<tbody>") == 3
    assert '<div class="portal-table-scroll portal-tier-table" tabindex="0" role="region"' in tiers
    assert "Not included" in tiers and "over $75" in tiers
    assert "spend $1,500 or more in a year" in tiers
    assert "Coming up for the Patron tier" in tiers


def test_newsletter_archive_newest_first_without_drafts(built_site: Path) -> None:
    """The November issue is listed before October's; the December draft is nowhere."""
    archive = _page(built_site, "newsletter/index.html")
    assert archive.index("Yoga, piano, and a preview") < archive.index("Autumn at the shop")
    assert "Holiday wrapping days" not in archive
    assert 'href="feed.xml"' in archive and 'href="atom.xml"' in archive and 'href="feed.json"' in archive
    assert not (built_site / "newsletter" / "2026-12-holiday-wrapping").exists()


def test_issue_and_event_pages_stay_out_of_the_sidebar(built_site: Path) -> None:
    """Issue and event pages are linked from their index pages, not listed in every page's nav."""
    about = _page(built_site, "about/index.html")
    assert "2026-10-autumn-at-the-shop/" not in about
    assert "events/kids-yoga/" not in about


def test_every_internal_link_resolves(built_site: Path) -> None:
    """Every href and src to the site itself, in every built page, points at a file that exists."""
    broken = []
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for target in re.findall(r'(?:href|src)="([^"]+)"', html):
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith(("#", "mailto:", "tel:")):
                continue
            base = built_site if parts.path.startswith("/") else page.parent
            resolved = (base / unquote(parts.path).lstrip("/")).resolve()
            if resolved.is_dir():
                resolved = resolved / "index.html"
            if not resolved.exists():
                broken.append(f"{page.relative_to(built_site)} -> {target}")
    assert broken == []


def test_event_pages_show_everything_about_the_event(built_site: Path) -> None:
    """When, where, who, price, partner, next dates, calendar links (none for a cancelled
    event), and the testimonial."""
    yoga = _article(built_site, "events/kids-yoga/index.html")
    assert "Saturday, December 5, 2026" in yoga
    assert "The studio above the shop" in yoga
    assert "everyone is welcome" in yoga
    assert "Lotus Tree Yoga" in yoga and "Group size:</strong> up to 12 people" in yoga
    assert "Saturday, January 16, 2027" in yoga and "Saturday, January 2, 2027" not in yoga
    assert 'href="kids-yoga.ics"' in yoga
    # Google's form cannot skip January 2, and Outlook's cannot repeat: both subscribe to the
    # event's own .ics instead, which carries every date and change.
    own = "https%3A%2F%2Fbrambleandbloom.example%2Fevents%2Fkids-yoga%2Fkids-yoga.ics"
    assert f'href="https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2F{own[14:]}"' in yoga
    assert f'href="https://outlook.live.com/calendar/0/addfromweb?url={own}&amp;name=' in yoga
    assert "action=TEMPLATE" not in yoga and "compose" not in yoga
    piano = _article(built_site, "events/first-piano-lesson/index.html")
    assert "action=TEMPLATE" in piano and "outlook.live.com/calendar/0/action/compose" in piano
    cancelled = _article(built_site, "events/winter-story-time/index.html")
    assert "Add to your calendar" not in cancelled and "calendar.google.com" not in cancelled
    assert 'href="webcal://brambleandbloom.example/events/calendar.ics"' in yoga
    assert "tree pose" in yoga


def test_members_only_event_links_to_its_tiers(built_site: Path) -> None:
    """The preview names Family and Patron and links to their sections of the tiers page."""
    preview = _article(built_site, "events/teen-line-preview/index.html")
    assert 'href="../../tiers/#family"' in preview and 'href="../../tiers/#patron"' in preview
    assert "webcal://brambleandbloom.example/events/family.ics" in preview


def test_cancelled_and_proposed_events_on_the_events_page(built_site: Path) -> None:
    """The cancelled session is struck through with its notice; the proposal asks for interest."""
    events = _article(built_site, "events/index.html")
    assert "<del>Winter story time</del>" in events
    assert "Our storyteller has moved to Milwaukee." in events
    assert "Would you come?" in events and "Introductory tennis lessons" in events
    assert (
        "mailto:hello@brambleandbloom.example?subject=I%27m%20interested%3A%20Introductory%20tennis%20lessons"
        in events
    )


def test_two_full_builds_are_byte_identical(built_sample: Path, tmp_path: Path) -> None:
    """A second full build (another folder, another hash seed) gives the same staging files,
    feeds, calendars and pages, byte for byte; only the compressed sitemap differs (gzip
    stamps the time)."""
    from conftest import build, copy_sample

    root = copy_sample(tmp_path / "again")
    result = build(root, PYTHONHASHSEED="7")
    assert result.returncode == 0, result.stderr

    def files(base: Path) -> dict[str, bytes]:
        found = {}
        for folder in ("build/docs", "site"):
            for path in (base / folder).rglob("*"):
                if path.is_file() and path.name != "sitemap.xml.gz":
                    found[path.relative_to(base).as_posix()] = path.read_bytes()
        return found

    first, second = files(built_sample), files(root)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert any(name.endswith(".ics") for name in first) and "site/newsletter/feed.xml" in first


def test_headings_go_down_one_level_at_a_time(built_site: Path) -> None:
    """No page skips a heading level (the events page went from "Would you come?" to h4)."""
    skipped = []
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "<article" not in html:
            continue
        levels = [int(level) for level in re.findall(r"<h([1-6])[ >]", html[html.index("<article") :])]
        for before, after in itertools.pairwise(levels):
            if after > before + 1:
                skipped.append(f"{page.relative_to(built_site)}: h{before} -> h{after}")
    assert skipped == []


def test_the_search_index_holds_what_is_coming(built_site: Path) -> None:
    """Material's search index, which every page loads, has the coming events' pages, not a
    past event's page nor the month pages (they repeat the event pages)."""
    import json

    index = json.loads((built_site / "search" / "search_index.json").read_text())
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "events/kids-yoga/" in pages
    assert "events/autumn-story-time/" not in pages
    assert not [page for page in pages if page.startswith("events/months/")]
