"""Tests for portal_gen.addresses: one rule for where a page is served, which every producer
(pages, the description sanitiser, feeds, calendars, JSON-LD, e-mail) follows."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import icalendar
import pytest
from conftest import SAMPLE_TODAY, PortalWriter, files_of, templates_of
from mkdocs.structure.files import File

from portal_gen.addresses import absolute, browser_link, compared, full_link, served
from portal_gen.app import Run, load_portal
from portal_gen.render.mail import render_email

URL = "https://shop.example/"


@pytest.mark.parametrize(
    "path",
    [
        "index.md",
        "README.md",
        "guides/README.md",
        "guides/index.md",
        "guides/readme.md",
        "events/kids-yoga.md",
        "Tiers.md",
        "notes.markdown",
        "images/yoga.jpg",
        "events/kids-yoga/kids-yoga.ics",
    ],
)
def test_a_path_is_served_where_mkdocs_serves_it(path: str, tmp_path: Path) -> None:
    """The address of every kind of file is the one MkDocs itself gives it (README.md as its
    folder, other Markdown as a folder of its own, anything else as it is). MkDocs writes the
    site's root as "./"."""
    mkdocs = File(path, str(tmp_path), str(tmp_path / "site"), use_directory_urls=True).url
    assert (served(path) or "./") == mkdocs


def test_clashes_compare_addresses_in_lower_case() -> None:
    """tiers.md and Tiers/README.md both land on /tiers/ on a case-blind disk."""
    assert compared("tiers.md") == compared("Tiers/README.md") == "/tiers/"


def test_links_are_rewritten_from_the_address_of_the_page_they_are_on() -> None:
    """A link written in events/x.md reaches the same file from the page's address."""
    assert browser_link("events/x.md", "../guides/README.md") == "../../guides/"
    assert browser_link("events/x.md", "kids-yoga.md#when") == "../kids-yoga/#when"
    assert browser_link("index.md", "guides/README.md") == "guides/"
    assert browser_link("events/x.md", "https://elsewhere.example/a.md") == "https://elsewhere.example/a.md"
    assert browser_link("events/x.md", "../../outside.md") == "../../outside.md"
    assert full_link(URL, "newsletter/a.md", "../guides/README.md") == "https://shop.example/guides/"
    assert full_link(URL, "newsletter/a.md", "#top") == "#top"


GUIDE = "https://shop.example/guides/"
EVENT = "https://shop.example/events/tennis/"


def test_every_producer_gives_the_same_address_for_the_same_target(make_portal: PortalWriter) -> None:
    """A guide at content/guides/README.md and an event page, linked from an event's
    description and from a newsletter issue, reach the same two addresses in the built page,
    the feeds, the e-mail, the calendar and the structured data."""
    root = make_portal(
        events="""
        events:
          - id: tennis
            title: Tennis
            start: 2026-12-05 10:00
            duration: 1 hour
            description: Read [the guide](../guides/README.md) first.
        """,
        pages={
            "guides/README.md": "# Guide\n",
            "newsletter/2026-11-news.md": "---\ntitle: News\ndate: 2026-11-20\n---\n\n"
            "See [the guide](../guides/README.md) and [tennis](../events/tennis.md).\n",
        },
    )
    files = files_of(root, SAMPLE_TODAY)
    page = files["events/tennis.md"].decode()
    href = re.search(r'href="([^"]*guides[^"]*)"', page)
    assert href is not None
    assert urljoin(absolute(URL, "events/tennis.md"), href[1]) == GUIDE
    feed = json.loads(files["newsletter/feed.json"])["items"][0]["content_html"]
    assert f'href="{GUIDE}"' in feed and f'href="{EVENT}"' in feed
    portal = load_portal(Run(root, SAMPLE_TODAY))
    mail = render_email(portal, templates_of(root), "2026-11-news").html
    assert f'href="{GUIDE}"' in mail and f'href="{EVENT}"' in mail
    calendar = icalendar.Calendar.from_ical(files["events/calendar.ics"])
    assert [str(event["url"]) for event in calendar.walk("VEVENT")] == [EVENT]
    data = json.loads(re.search(r'<script type="application/ld\+json">\n(.*?)\n</script>', page, re.S)[1])
    assert data["url"] == EVENT
    assert absolute(URL, "guides/README.md") == GUIDE
