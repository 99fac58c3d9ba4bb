"""Tests for portal_gen.render.feeds: RSS, Atom and JSON Feed, read back as a feed reader would."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import feedparser
from conftest import SAMPLE_TODAY, PortalWriter, files_of

from portal_gen.render import feeds


def _files(root: Path, today: dt.date = SAMPLE_TODAY) -> dict[str, bytes]:
    return files_of(root, today)


def test_rss_and_atom_parse_with_titles_dates_guids_and_content(sample_copy: Path) -> None:
    """Both feeds list the published issues newest first, with full HTML and stable ids."""
    files = _files(sample_copy)
    for path in (feeds.RSS, feeds.ATOM):
        parsed = feedparser.parse(files[path])
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert parsed.feed.title == "Bramble & Bloom newsletter"
        assert parsed.feed.link == "https://brambleandbloom.example/newsletter/"
        assert [entry.title for entry in parsed.entries] == [
            "Yoga, piano, and a preview",
            "Autumn at the shop",
        ]
        first = parsed.entries[0]
        assert first.id == "https://brambleandbloom.example/newsletter/2026-11-yoga-piano-and-a-preview/"
        assert first.published_parsed[:3] == (2026, 11, 14)
        assert "forty-two of you said yes" in first.content[0].value


def test_drafts_and_future_issues_stay_out_until_their_day(sample_copy: Path) -> None:
    """The December draft is never in a feed; a dated issue appears once today reaches its date."""
    issue = sample_copy / "content" / "newsletter" / "2026-12-holiday-wrapping.md"
    assert b"Holiday wrapping" not in _files(sample_copy)[feeds.RSS]
    issue.write_text(issue.read_text().replace("draft: true\n", ""))
    assert b"Holiday wrapping" not in _files(sample_copy, dt.date(2026, 11, 30))[feeds.RSS]
    assert b"Holiday wrapping" in _files(sample_copy, dt.date(2026, 12, 1))[feeds.RSS]


def test_feeds_do_not_change_between_builds(sample_copy: Path) -> None:
    """Same issues, same bytes: dates come from front matter, never from the clock."""
    one, two = _files(sample_copy), _files(sample_copy, SAMPLE_TODAY + dt.timedelta(days=3))
    for path in (feeds.RSS, feeds.ATOM, feeds.JSON_FEED):
        assert one[path] == two[path]


def test_links_and_images_in_items_are_absolute(make_portal: PortalWriter) -> None:
    """A reader away from the site can follow every link: relative ones are made absolute."""
    root = make_portal(
        pages={
            "newsletter/2026-01-hi.md": "---\ntitle: Hi\ndate: 2026-01-05\n---\n"
            "[Events](../events/index.md) [Yoga](../events/yoga.md#when) ![Logo](../img/logo.png) "
            "[Web](https://x.example/) [Top](#top)\n"
        }
    )
    html = json.loads(_files(root, dt.date(2026, 2, 1))[feeds.JSON_FEED])["items"][0]["content_html"]
    assert 'href="https://shop.example/events/"' in html
    assert 'href="https://shop.example/events/yoga/#when"' in html
    assert 'src="https://shop.example/img/logo.png"' in html
    assert 'href="https://x.example/"' in html and 'href="#top"' in html


def test_addresses_keep_queries_slashes_and_mail_links(make_portal: PortalWriter) -> None:
    """Query strings and trailing slashes survive, single-quoted HTML links are made absolute
    too, and an auto-linked e-mail address stays a mailto: link."""
    root = make_portal(
        pages={
            "newsletter/2026-01-hi.md": "---\ntitle: Hi\ndate: 2026-01-05\n---\n"
            "Write to <hello@x.example>, see [events](../events/?when=soon#x), "
            "<a href='../tiers/index.md'>tiers</a> and [a folder](photos/).\n"
        }
    )
    html = json.loads(_files(root, dt.date(2026, 2, 1))[feeds.JSON_FEED])["items"][0]["content_html"]
    assert 'href="mailto:hello@x.example"' in html
    assert 'href="https://shop.example/events/?when=soon#x"' in html
    assert 'href="https://shop.example/tiers/"' in html
    assert 'href="https://shop.example/newsletter/photos/"' in html


def test_json_feed_1_1(sample_copy: Path) -> None:
    """JSON Feed with version, addresses, and items carrying id, url, title, HTML and date."""
    data = json.loads(_files(sample_copy)[feeds.JSON_FEED])
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["feed_url"] == "https://brambleandbloom.example/newsletter/feed.json"
    item = data["items"][0]
    assert (
        item["id"]
        == item["url"]
        == "https://brambleandbloom.example/newsletter/2026-11-yoga-piano-and-a-preview/"
    )
    assert item["date_published"] == "2026-11-14T00:00:00-06:00"
    assert "<h2>Coming up</h2>" in item["content_html"]


def test_feed_size_is_configurable(make_portal: PortalWriter) -> None:
    """newsletter_feed_items in site.yml caps the feeds at the newest issues."""
    from conftest import MINIMAL_SITE

    pages = {
        f"newsletter/2026-0{n}-issue.md": f"---\ntitle: Issue {n}\ndate: 2026-0{n}-01\n---\nHi\n"
        for n in range(1, 5)
    }
    root = make_portal(site=MINIMAL_SITE + "newsletter_feed_items: 2\n", pages=pages)
    parsed = feedparser.parse(_files(root, dt.date(2026, 6, 1))[feeds.ATOM])
    assert [entry.title for entry in parsed.entries] == ["Issue 4", "Issue 3"]


def test_tags_cover_and_excerpt_reach_every_feed(sample_copy: Path) -> None:
    """Tags become categories, the cover image leads the content (absolute), and an issue
    without a summary is summarised by its excerpt."""
    files = _files(sample_copy)
    for path in (feeds.RSS, feeds.ATOM):
        autumn = feedparser.parse(files[path]).entries[1]
        assert [tag.term for tag in autumn.tags] == ["shop news", "story time", "music"]
        assert autumn.summary.startswith("The leaves on Damen Avenue have turned")
        assert '<img alt="Bands of rust' in autumn.content[0].value
        assert 'src="https://brambleandbloom.example/images/autumn-cover.png"' in autumn.content[0].value
    item = json.loads(files[feeds.JSON_FEED])["items"][1]
    assert item["tags"] == ["shop news", "story time", "music"]
    assert item["image"] == "https://brambleandbloom.example/images/autumn-cover.png"


def test_newsletter_sitemap_lists_its_pages(sample_copy: Path) -> None:
    """newsletter/sitemap.xml (asked for by Material beside each alternate link) lists the
    archive, the tag index and the published issues with their dates."""
    import xml.etree.ElementTree as ET

    root = ET.fromstring(_files(sample_copy)[feeds.SECTION_SITEMAP])
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    entries = [(u.findtext("s:loc", namespaces=ns), u.findtext("s:lastmod", namespaces=ns)) for u in root]
    assert entries == [
        ("https://brambleandbloom.example/newsletter/", "2026-11-14"),
        ("https://brambleandbloom.example/newsletter/tags/", "2026-11-14"),
        ("https://brambleandbloom.example/newsletter/2026-11-yoga-piano-and-a-preview/", "2026-11-14"),
        ("https://brambleandbloom.example/newsletter/2026-10-autumn-at-the-shop/", "2026-10-03"),
    ]


def test_atom_names_an_author_and_json_feed_its_authors_and_icons(make_portal: PortalWriter) -> None:
    """Atom has the feed-level author RFC 4287 requires when entries name none (with the
    business's address and e-mail), and the favicon (else the logo) as icon and the logo as logo;
    JSON Feed 1.1 has authors, the logo as icon and the favicon (else the logo). Without either, the
    favicon is the one every Material site serves."""
    from conftest import MINIMAL_SITE

    pages = {
        "newsletter/2026-05-issue.md": "---\ntitle: Issue\ndate: 2026-05-01\n---\nHi\n",
        "images/logo.png": "",
        "images/tab.png": "",
    }
    site = MINIMAL_SITE + "logo: images/logo.png\n"
    root = make_portal(site=site.replace("contact:\n", "contact:\n  email: hi@shop.example\n"), pages=pages)
    files = _files(root, dt.date(2026, 6, 1))
    atom = feedparser.parse(files[feeds.ATOM])
    assert atom.feed.author_detail == {
        "name": "Test Shop",
        "email": "hi@shop.example",
        "href": "https://shop.example/",
    }
    assert atom.feed.icon == atom.feed.logo == "https://shop.example/images/logo.png"
    assert b"<entry>" in files[feeds.ATOM] and "author" not in atom.entries[0]  # inherited from the feed
    data = json.loads(files[feeds.JSON_FEED])
    assert data["authors"] == [{"name": "Test Shop", "url": "https://shop.example/"}]
    assert data["icon"] == data["favicon"] == "https://shop.example/images/logo.png"
    tab = _files(make_portal(site=site + "favicon: images/tab.png\n", pages=pages), dt.date(2026, 6, 1))
    tabbed = json.loads(tab[feeds.JSON_FEED])
    assert (tabbed["icon"], tabbed["favicon"]) == (
        "https://shop.example/images/logo.png",
        "https://shop.example/images/tab.png",
    )
    assert feedparser.parse(tab[feeds.ATOM]).feed.icon == "https://shop.example/images/tab.png"
    plain = json.loads(
        _files(make_portal(site=MINIMAL_SITE, pages=pages), dt.date(2026, 6, 1))[feeds.JSON_FEED]
    )
    assert "icon" not in plain
    assert plain["favicon"] == "https://shop.example/assets/images/favicon.png"
