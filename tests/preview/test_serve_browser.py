"""Tests for what ``portal-gen serve`` tells the owner in the browser: a broken save's problems
on the open page, and the page of what the site holds back. The real serve runs on a copy of
the sample on the sample's day; a browser drives it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import CHROMIUM, SAMPLE_TODAY, copy_sample
from conftest import CHROMIUM_ARGS as ARGS

from portal_gen.cli import main

NEXT_WEEK = (
    "---\ntitle: Advent calendar week\ndate: 2026-11-30\n---\n\nThe advent calendar opens on Monday.\n"
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not os.environ.get("CI"), reason="Debian's chromium is missing"
    ),
]


class _Serve:
    def __init__(self, root: Path, url: str) -> None:
        self.root, self.url = root, url

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def serving(tmp_path: Path) -> Iterator[_Serve]:
    """``portal-gen serve`` of a sample copy with a next-week issue, run from another folder."""
    root = copy_sample(tmp_path / "portal")
    (root / "content" / "newsletter" / "2026-11-advent.md").write_text(NEXT_WEEK, encoding="utf-8")
    port = _free_port()
    command = [sys.executable, "-m", "portal_gen", "serve", "--root", str(root), "--today", str(SAMPLE_TODAY)]
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [*command, "--dev-addr", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "TZ": "Pacific/Kiritimati"},
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5):
                    break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, (
                    tmp_path / "serve.log"
                ).read_text()
                time.sleep(0.2)
        yield _Serve(root, url)
    finally:
        os.killpg(server.pid, signal.SIGINT)  # as Ctrl-C stops it
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


@pytest.fixture
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            yield launched
        finally:
            launched.close()


def _check_problems(root: Path) -> list[str]:
    """What ``portal-gen check`` prints for the portal at ``root``, line by line."""
    result = CliRunner().invoke(main, ["check", "--root", str(root), "--today", str(SAMPLE_TODAY)])
    assert result.exit_code == 1
    return result.stderr.splitlines()


def test_an_open_page_shows_a_broken_save_until_it_is_fixed(serving: _Serve, browser: Any) -> None:
    """An open page shows a broken save's problems as check prints them, unasked; the fix removes them."""
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(serving.url + "about/")
    assert page.locator("[role=alert]").count() == 0
    serving.edit("data/events.yml", "title: Kids' yoga with Lotus Tree Yoga", "titel: Kids' yoga")
    alert = page.locator("#portal-gen-preview-problems[role=alert]")
    alert.wait_for(timeout=15_000)
    shown = [line.strip() for line in alert.inner_text().splitlines() if line.strip()]
    printed = _check_problems(serving.root)
    assert shown == [f"{printed[-1]} The site keeps showing the last good version.", *printed[:-1]]
    assert shown[1] == "data/events.yml:10:5: events[0]: missing required field 'title'"
    assert page.locator("article h1").inner_text().startswith("About us")  # the last good page, under it
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "portal-gen-preview-problems"
    serving.edit("data/events.yml", "titel: Kids' yoga", "title: Kids' yoga")
    page.wait_for_function("!document.querySelector('[role=alert]')", timeout=15_000)
    assert "Kids' yoga" in page.goto(serving.url + "events/kids-yoga/").text()  # type: ignore[union-attr]


def test_the_held_back_page_lists_reasons_and_previews_a_draft(serving: _Serve, browser: Any) -> None:
    """The held-back page lists a testimonial without consent and next week's issue, why; previews a draft."""
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(serving.url)
    page.get_by_role("link", name="Preview: held back (3)").click()
    page.wait_for_url(serving.url + ".portal-gen/held-back/")
    items = [
        [line for line in text.splitlines() if line.strip()]
        for text in page.locator("ul.held > li").all_inner_texts()
    ]
    assert items[0] == [
        "Testimonial laura-alterations: Laura B.",
        "data/testimonials.yml:47:5",
        "no consent yet: add consent: true once the customer agrees to be published",
    ]
    assert items[1] == [
        "Newsletter issue 2026-12-holiday-wrapping: Holiday wrapping days",
        "content/newsletter/2026-12-holiday-wrapping.md:1:1",
        "a draft: remove the line draft: true to publish it",
        "dated 2026-12-01: not on the site before that day",
        "Preview “Holiday wrapping days” as it will look",
    ]
    assert items[2] == [
        "Newsletter issue 2026-11-advent: Advent calendar week",
        "content/newsletter/2026-11-advent.md:1:1",
        "dated 2026-11-30: not on the site before that day",
        "Preview “Advent calendar week” as it will look",
    ]
    page.get_by_role("link", name="Preview “Holiday wrapping days” as it will look").click()
    page.wait_for_url(serving.url + ".portal-gen/held-back/2026-12-holiday-wrapping/")
    assert page.locator("article h1").inner_text().startswith("Holiday wrapping days")
    assert (
        page.locator("#portal-gen-preview-notice")
        .inner_text()
        .startswith(
            "Preview of an issue the site holds back (a draft: remove the line draft: true to publish it; "
            "dated 2026-12-01: not on the site before that day)."
        )
    )
    # In the site's theme, with working links: from next week's issue, the issue before it.
    page.get_by_role("link", name="Everything held back").click()
    page.get_by_role("link", name="Preview “Advent calendar week” as it will look").click()
    page.get_by_role("link", name="Yoga, piano, and a preview").click()
    page.wait_for_url(serving.url + "newsletter/2026-11-yoga-piano-and-a-preview/")
