"""Untrusted text in every field of a portal never runs in a browser, and still reads as text.

A test portal carries a corpus of script-injection payloads (filter-evasion cases) in every
free-text field of every data file and in newsletter front matter. The site is built and
every page is opened in Debian's chromium: no payload may set the flag they all try to set
or open a dialog, and escaped fields must show the payload's characters as typed.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CHROMIUM, build
from conftest import CHROMIUM_ARGS as ARGS

pytestmark = pytest.mark.browser

if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip("Debian's chromium is not installed (make test installs it)", allow_module_level=True)

#: Each payload tries to set window.__xss (or open a dialog) by a different route.
PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    "<svg onload=window.__xss=1>",
    '"><script>window.__xss=1</script>',
    "'><img src=x onerror=window.__xss=1>",
    "</script><script>window.__xss=1</script>",
    "</SCRIPT ><script>window.__xss=1</script>",
    '<a href="javascript:window.__xss=1">click</a>',
    '<a href="jav&#x09;ascript:window.__xss=1">tab</a>',
    '<a href=" &#14;  javascript:window.__xss=1">space</a>',
    "[md link](javascript:window.__xss=1)",
    "![md image](javascript:window.__xss=1)",
    "[entity](javascript&#58;window.__xss=1)",
    '<iframe src="javascript:window.__xss=1"></iframe>',
    "<details open ontoggle=window.__xss=1>",
    "<input autofocus onfocus=window.__xss=1>",
    "<scr<script>ipt>window.__xss=1</scr</script>ipt>",
    '<math><mi xlink:href="javascript:window.__xss=1">m</mi></math>',
    '<div style="background:url(javascript:window.__xss=1)">style</div>',
    '<object data="javascript:window.__xss=1"></object>',
    "\uff1cscript\uff1ewindow.__xss=1\uff1c/script\uff1e",
    "<\u200bscript>window.__xss=1</script>",
    "{{ 7*7 }} {% if true %}template{% endif %} {{ upcoming_events() }}",
    "<<script>script>window.__xss=1<</script>/script>",
    "<body onload=window.__xss=1>",
    "<!--<script>window.__xss=1</script>-->",
    '<form><button formaction="javascript:window.__xss=1">b</button></form>',
    "\u2028</script><script>window.__xss=1</script>",
]
TEXT = " ".join(PAYLOADS)


def _q(value: str) -> str:
    """A YAML scalar holding ``value`` exactly (JSON strings are YAML too)."""
    return json.dumps(value, ensure_ascii=False)


def _portal(root: Path) -> Path:
    """A portal whose every free-text field holds all the payloads."""
    files = {
        "site": f"""
name: {_q("Shop " + PAYLOADS[0])}
url: https://shop.example/
timezone: America/Chicago
tagline: {_q(TEXT)}
description: {_q(TEXT)}
contact:
  email: hello@shop.example
  phone: {_q(PAYLOADS[1])}
  address: {_q(TEXT)}
""",
        "tiers": f"""
tiers:
  - id: friends
    name: {_q("Friends " + PAYLOADS[2])}
    description: {_q(TEXT)}
  - id: gold
    name: {_q("Gold " + PAYLOADS[3])}
    threshold: 100
perks:
  - id: perk
    title: {_q(TEXT)}
    description: {_q(TEXT)}
    category: {_q(PAYLOADS[4])}
    limits: {_q(TEXT)}
    tiers:
      friends: {_q(TEXT)}
      gold: yes
""",
        "partners": f"""
partners:
  - id: partner
    name: {_q(TEXT)}
    blurb: {_q(TEXT)}
    url: https://partner.example/
""",
        "events": f"""
events:
  - id: talk
    title: {_q(TEXT)}
    start: 2026-12-05 10:00
    end: 11:00
    summary: {_q(TEXT)}
    description: {_q(chr(10).join(PAYLOADS))}
    notice: {_q(TEXT)}
    location:
      name: {_q(TEXT)}
      address: {_q(TEXT)}
    partner: partner
    tiers: [gold]
  - id: old
    title: {_q(TEXT)}
    status: cancelled
    start: 2026-10-05
    notice: {_q(TEXT)}
  - id: idea
    title: {_q(TEXT)}
    status: proposed
    summary: {_q(TEXT)}
""",
        "testimonials": f"""
testimonials:
  - id: said
    author: {_q(TEXT)}
    quote: {_q(TEXT)}
    date: 2026-11-01
    consent: true
    featured: true
    event: talk
    tier: gold
""",
        "stories": f"""
stories:
  - id: story
    customer: {_q(TEXT)}
    title: {_q(TEXT)}
    date: 2026-11-02
    situation: {_q(TEXT)}
    solution: {_q(TEXT)}
    quote: {_q(TEXT)}
    results:
      - metric: {_q(TEXT)}
        before: 2
        after: 1
        unit: {_q(PAYLOADS[5])}
    consent: true
""",
    }
    (root / "data").mkdir(parents=True)
    for name, text in files.items():
        (root / "data" / f"{name}.yml").write_text(text, encoding="utf-8")
    issue = root / "content" / "newsletter" / "2026-11-news.md"
    issue.parent.mkdir(parents=True)
    issue.write_text(
        f"---\ntitle: {_q(TEXT)}\ndate: 2026-11-10\nsummary: {_q(TEXT)}\nimage_alt: {_q(TEXT)}\n"
        "image: https://shop.example/cover.png\n---\n\n{{ greeting() }}\n\n{{ featured_testimonials() }}\n",
        encoding="utf-8",
    )
    (root / "content" / "about.md").write_text("# About\n\n{{ tier_table() }}\n", encoding="utf-8")
    mkdocs = (Path(__file__).resolve().parent.parent / "mkdocs.yml").read_text()
    (root / "mkdocs.yml").write_text(mkdocs.replace("site_name: Bramble & Bloom", "site_name: Shop"))
    (root / "theme_overrides").mkdir()
    return root


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    root = _portal(tmp_path_factory.mktemp("xss") / "portal")
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root / "site"))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def _pages(root: Path) -> list[str]:
    site = root / "site"
    return sorted(
        path.relative_to(site).as_posix().removesuffix("index.html")
        for path in site.rglob("index.html")
        if "search" not in path.parts
    )


def test_no_payload_runs_on_any_page(xss_site: tuple[Path, str]) -> None:
    """Every page loads with scripts on; no payload sets the flag or opens a dialog."""
    from playwright.sync_api import sync_playwright

    root, url = xss_site
    pages = _pages(root)
    assert len(pages) >= 10
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            for path in pages:
                page = browser.new_page()
                dialogs: list[str] = []
                page.on(
                    "dialog", lambda dialog, seen=dialogs: (seen.append(dialog.message), dialog.dismiss())
                )
                page.goto(url + path, wait_until="load")
                page.wait_for_timeout(100)  # let autofocus, toggle and load handlers fire
                flag = page.evaluate("() => window.__xss")
                assert (path, flag, dialogs) == (path, None, [])
                page.close()
        finally:
            browser.close()


def test_escaped_fields_show_the_payload_as_text(xss_site: tuple[Path, str]) -> None:
    """Titles, quotes and names read exactly as typed, markup characters included; template
    syntax in data is shown, never evaluated."""
    from playwright.sync_api import sync_playwright

    _, url = xss_site
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            for path in ("testimonials/", "events/talk/", "tiers/", "newsletter/2026-11-news/"):
                page = browser.new_page()
                page.goto(url + path)
                text = page.locator("article").inner_text()
                for payload in (PAYLOADS[0], PAYLOADS[1], PAYLOADS[6], "{{ 7*7 }}", "{% if true %}"):
                    assert payload in text, (path, payload)
                assert "49" not in text
                page.close()
        finally:
            browser.close()


def test_feeds_escape_the_text(xss_site: tuple[Path, str]) -> None:
    """In the XML feeds the payloads are escaped text (a calendar is plain text, so it carries
    the characters as typed; calendar apps show them as text)."""
    import feedparser

    root, _ = xss_site
    for path in ("newsletter/feed.xml", "newsletter/atom.xml"):
        parsed = feedparser.parse((root / "site" / path).read_bytes())
        assert not parsed.bozo
        assert parsed.entries[0].title.split() == TEXT.split()
