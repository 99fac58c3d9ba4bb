"""In a real browser: the built sample portal as a customer on a phone or a laptop sees it.

Playwright drives Debian's /usr/bin/chromium (Playwright's own browser download is not used).
In CI the browser must be there: a missing browser fails instead of skipping.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest
from conftest import CHROMIUM, REPO, SAMPLE_TODAY, serious_accessibility_problems
from conftest import QuietHandler as _QuietHandler

from portal_gen.app import Run

PAGES = [
    "",
    "events/",
    "events/kids-yoga/",
    "events/winter-story-time/",
    "events/tennis-introduction/",
    "tiers/",
    "testimonials/",
    "newsletter/",
    "newsletter/2026-11-yoga-piano-and-a-preview/",
    "newsletter/2026-10-autumn-at-the-shop/",
    "newsletter/tags/",
    "about/",
]
ARTIFACTS = REPO / "test-artifacts"

pytestmark = pytest.mark.browser

if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip("Debian's chromium is not installed (make test installs it)", allow_module_level=True)


def _visit(browser: object, url: str, width: int, height: int) -> tuple[object, list[str], list[str]]:
    """Open ``url``; return the page, console errors and failed requests to our own site."""
    page = browser.new_page(viewport={"width": width, "height": height})  # type: ignore[attr-defined]
    errors: list[str] = []
    failed: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on(
        "response",
        lambda response: (
            failed.append(f"{response.status} {response.url}") if response.status >= 400 else None
        ),
    )
    page.goto(url, wait_until="networkidle")
    return page, errors, [item for item in failed if url.split("/")[2] in item]


@pytest.mark.parametrize("path", PAGES)
def test_pages_load_without_errors_on_a_phone(browser: object, site_url: str, path: str) -> None:
    """No console errors, no broken requests to the site, no sideways scrolling at phone width."""
    page, errors, failed = _visit(browser, site_url + path, 390, 844)
    try:
        assert errors == []
        assert failed == []
        scroll_width = page.evaluate("document.documentElement.scrollWidth")  # type: ignore[attr-defined]
        assert scroll_width <= 390, f"{path or 'home'} scrolls sideways: {scroll_width}px wide"
        ARTIFACTS.mkdir(exist_ok=True)
        name = (path.strip("/").replace("/", "-") or "home") + "-phone.png"
        page.screenshot(path=str(ARTIFACTS / name), full_page=True)  # type: ignore[attr-defined]
    finally:
        page.close()  # type: ignore[attr-defined]


def test_home_shows_each_service_as_a_card(browser: object, site_url: str) -> None:
    """A customer sees the four value-added services, each with a link to its page."""
    page, _, _ = _visit(browser, site_url, 1280, 900)
    try:
        cards = page.locator(".grid.cards > ul > li")  # type: ignore[attr-defined]
        assert cards.count() == 4
        titles = [cards.nth(i).locator("strong").first.inner_text() for i in range(4)]
        assert titles == ["Coming up", "Member tiers", "What families say", "Newsletter"]
        page.get_by_role("link", name="Compare the perks").click()  # type: ignore[attr-defined]
        page.wait_for_load_state()  # type: ignore[attr-defined]
        assert page.url == site_url + "tiers/"  # type: ignore[attr-defined]
        header = page.locator("table thead th")  # type: ignore[attr-defined]
        assert header.all_inner_texts() == ["Perk", "Friends", "Family", "Patron"]
    finally:
        page.close()  # type: ignore[attr-defined]


def test_testimonials_show_stars_an_average_and_links_to_what_they_are_about(
    browser: object, site_url: str
) -> None:
    """A customer sees the stars and the average; a screen reader hears the rating as words,
    not as stars; the event a testimonial is about and a story's tier are a click away."""
    page, _, _ = _visit(browser, site_url + "testimonials/", 390, 844)
    try:
        summary = page.locator(".portal-rating-summary")  # type: ignore[attr-defined]
        assert summary.inner_text() == "★★★★★ Rated 4.7 out of 5 by 3 customers"
        rating = page.get_by_role("img", name="rated 4 out of 5")  # type: ignore[attr-defined]
        assert rating.inner_text() == "★★★★★" and rating.is_visible()
        page.get_by_role("link", name="Autumn story time").first.click()  # type: ignore[attr-defined]
        page.wait_for_load_state()  # type: ignore[attr-defined]
        assert page.url == site_url + "events/autumn-story-time/"  # type: ignore[attr-defined]
        page.go_back()  # type: ignore[attr-defined]
        page.get_by_role("link", name="How to reach the Patron tier").click()  # type: ignore[attr-defined]
        page.wait_for_load_state()  # type: ignore[attr-defined]
        assert page.url == site_url + "tiers/#patron"  # type: ignore[attr-defined]
    finally:
        page.close()  # type: ignore[attr-defined]


def test_home_opens_with_the_cover_and_offers_the_ideas_on_a_phone(browser: object, site_url: str) -> None:
    """On a phone the cover fills the width under the name and is read by its alt text; the
    first card offers the ideas the shop is weighing, with their "I'm interested" link."""
    page, _, _ = _visit(browser, site_url, 390, 844)
    try:
        cover = page.get_by_role("img", name="Our shop front on North Damen Avenue")  # type: ignore[attr-defined]
        box = cover.bounding_box()
        assert box is not None and box["width"] >= 340 and 100 <= box["height"] <= 352
        assert cover.evaluate("image => image.complete && image.naturalWidth > 0")
        card = page.locator(".grid.cards > ul > li").first  # type: ignore[attr-defined]
        assert "Would you come?" in card.inner_text()
        link = card.get_by_role("link", name="I'm interested")
        assert link.get_attribute("href").startswith("mailto:hello@brambleandbloom.example?subject=")
    finally:
        page.close()  # type: ignore[attr-defined]


def test_text_with_markup_characters_reads_as_typed(browser: object, site_url: str) -> None:
    """'Bramble & Bloom' and apostrophes in data show as typed, not as entities."""
    page, _, _ = _visit(browser, site_url + "testimonials/", 1280, 900)
    try:
        text = page.locator("article").inner_text()  # type: ignore[attr-defined]
        assert "order everything from Bramble & Bloom" in text
        assert "Tom & Eli" in text
        assert "&amp;" not in text
    finally:
        page.close()  # type: ignore[attr-defined]


def test_feed_readers_find_the_newsletter_from_any_page(browser: object, site_url: str) -> None:
    """Every page's head links the three feeds for autodiscovery, and they are served; the
    links cause no failed request (Material looks for a sitemap beside each)."""
    page, errors, failed = _visit(browser, site_url + "events/", 1280, 900)
    try:
        links = page.locator('head link[rel="alternate"]')  # type: ignore[attr-defined]
        found = [(links.nth(i).get_attribute("type"), links.nth(i).get_attribute("href")) for i in range(3)]
        assert found == [
            ("application/rss+xml", "../newsletter/feed.xml"),
            ("application/atom+xml", "../newsletter/atom.xml"),
            ("application/feed+json", "../newsletter/feed.json"),
        ]
        for _, href in found:
            response = page.request.get(site_url + "events/" + href)  # type: ignore[attr-defined]
            assert response.status == 200
        assert (errors, failed) == ([], [])
    finally:
        page.close()  # type: ignore[attr-defined]


@pytest.mark.parametrize("width", [390, 800])
def test_newsletter_email_fits_a_phone_and_a_desktop(browser: object, built_sample: Path, width: int) -> None:
    """The e-mail's column fills a phone screen without sideways scrolling and stops at 600 px."""
    from portal_gen.app import newsletter_email

    result = newsletter_email(Run(built_sample, SAMPLE_TODAY), "2026-11-yoga-piano-and-a-preview")
    html = result.output / "2026-11-yoga-piano-and-a-preview.html"
    page = browser.new_page(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
    try:
        page.goto(html.as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        column = page.locator("table.column").bounding_box()
        assert column["width"] == min(600, width - 16)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"newsletter-email-{width}.png"), full_page=True)
    finally:
        page.close()  # type: ignore[attr-defined]


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_problems(browser: object, site_url: str, path: str, width: int) -> None:
    """axe-core finds no serious or critical violation on the page, on a desktop, where the perk
    table scrolls in a box a keyboard must reach, and on a phone, where the tiers page shows
    cards instead (Material's search dialog, which is not our markup, is left out)."""
    page, _, _ = _visit(browser, site_url + path, width, 900)
    try:
        assert serious_accessibility_problems(page) == []
    finally:
        page.close()  # type: ignore[attr-defined]


def test_pages_read_without_javascript(browser: object, site_url: str) -> None:
    """With JavaScript off, every page still shows its content and its links work."""
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    try:
        for path in PAGES:
            page = context.new_page()
            page.goto(site_url + path)
            article = page.locator("article")
            assert article.locator("h1").count() == 1, path
            assert len(article.inner_text()) > 200, path
            page.close()
        page = context.new_page()
        page.goto(site_url)
        page.get_by_role("link", name="Compare the perks").click()
        assert page.url == site_url + "tiers/"
        assert page.locator("table thead th").count() == 4
        page.close()
    finally:
        context.close()


_SHOWN_JS = """() => [document.title, document.body.innerText,
  ...[...document.querySelectorAll('[aria-label],[alt],[title]')].flatMap(
    element => ['aria-label', 'alt', 'title'].map(name => element.getAttribute(name) || ''))
].join('\\n')"""


@pytest.mark.parametrize("locale", ["de_DE", "fr_FR"])
def test_a_portal_in_another_language_reads_in_it_in_the_browser(
    browser: object, tmp_path: Path, locale: str
) -> None:
    """A German and a French portal, built with --strict: what a reader sees on every page (its
    text, title, labels and alt texts) holds none of portal-gen's English where the language
    says it differently, and the page says which language it is in."""
    from conftest import build
    from localized import leaked, localized_portal

    root = localized_portal(tmp_path / "portal", locale)
    result = build(root)
    assert result.returncode == 0, result.stderr
    handler = functools.partial(_QuietHandler, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    pages = sorted(
        p.parent.relative_to(root / "site").as_posix() for p in (root / "site").rglob("index.html")
    )
    shown: list[str] = []
    try:
        page = browser.new_page()  # type: ignore[attr-defined]
        for path in pages:
            page.goto(base + ("" if path == "." else path + "/"))
            assert page.get_attribute("html", "lang") == locale.split("_")[0], path
            shown.append(page.evaluate(_SHOWN_JS))
        page.close()
    finally:
        server.shutdown()
    assert len(pages) > 10
    assert leaked("\n".join(shown), locale) == []


_AGENDA = "events:\n" + "".join(
    f"""  - id: event-{day}
    title: Coffee with your banker, {day}
    start: 2026-12-{day:02d} 08:30
    end: 09:15
    location: The branch lobby
    summary: Ask us anything about savings, loans and the new mobile app, over coffee.
    registration: https://book.example/coffee
    tags: [money, coffee]
"""
    for day in range(1, 15)
)

#: The most events whose cards fit whole in one screen of the page, below Material's header.
_FITTING_JS = """() => {
  const header = document.querySelector('.md-header').getBoundingClientRect().height;
  const cards = [...document.querySelectorAll('.portal-event')].map(
    (card) => [card.getBoundingClientRect().top + scrollY, card.getBoundingClientRect().bottom + scrollY]);
  let most = 0;
  cards.forEach(([top], index) => {
    const fitting = cards.slice(index).filter(([, bottom]) => bottom <= top + innerHeight - header);
    most = Math.max(most, fitting.length);
  });
  return most;
}"""


def test_a_phone_screen_shows_six_events_or_more(
    browser: object, make_portal: object, tmp_path: Path
) -> None:
    """At 390 by 844 pixels the events page reads as an agenda: six or more events fit whole in
    one screen (the facts run on in one line, the summary keeps one line, topics and the
    button share one)."""
    import shutil

    from conftest import build

    root = make_portal(events=_AGENDA, pages={"about.md": "# About\n"})  # type: ignore[operator]
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "theme_overrides", root / "theme_overrides")
    result = build(root)
    assert result.returncode == 0, result.stderr
    handler = functools.partial(_QuietHandler, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = browser.new_page(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/events/", wait_until="networkidle")
        assert page.evaluate(_FITTING_JS) >= 6
        page.close()
    finally:
        server.shutdown()


def _requests_to(page: object, name: str) -> list[str]:
    """Start recording the requests ``page`` makes whose address contains ``name``."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url) if name in request.url else None)  # type: ignore[attr-defined]
    return seen


def test_a_page_loads_without_the_search_index_or_worker(browser: object, site_url: str) -> None:
    """Opening a page downloads neither the search index nor the search worker."""
    page = browser.new_page(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    index, worker = _requests_to(page, "search/search_index.json"), _requests_to(page, "/workers/search.")
    try:
        page.goto(site_url + "events/teddy-bear-clinic/", wait_until="networkidle")
        page.wait_for_timeout(500)  # anything the page starts after it goes quiet
        assert (index, worker) == ([], [])
    finally:
        page.close()


@pytest.mark.parametrize(
    ("width", "opening"), [(390, "a tap on the search icon"), (1280, "the / key")], ids=["phone", "desktop"]
)
def test_search_finds_an_upcoming_event_by_its_name(
    browser: object, site_url: str, width: int, opening: str
) -> None:
    """Opening search and typing an upcoming event's name finds its page; the index is fetched once."""
    page = browser.new_page(viewport={"width": width, "height": 844})  # type: ignore[attr-defined]
    index = _requests_to(page, "search/search_index.json")
    try:
        page.goto(site_url + "about/", wait_until="networkidle")
        if opening == "the / key":
            page.keyboard.press("/")
        else:
            page.locator('label.md-header__button[for="__search"]').click()
        page.keyboard.type("Teddy bear repair clinic")
        result = page.locator(".md-search-result__link", has_text="Teddy bear repair clinic").first
        result.wait_for()
        assert result.evaluate("link => link.href.split('#')[0]") == site_url + "events/teddy-bear-clinic/"
        page.keyboard.type(" ")  # one more search runs on the index already in
        page.wait_for_load_state("networkidle")
        assert index == [site_url + "search/search_index.json"]
    finally:
        page.close()
