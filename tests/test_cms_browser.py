"""The browser editor for real: Decap CMS in Chromium, saving through decap-server (its local
backend) into a copy of the sample portal, which then passes check and builds.

The CMS script is the pinned npm package's (tests/cms), served in place of unpkg's copy, so
the page tested is the page published. decap-server and the HTTP server are stopped at the end.
"""

from __future__ import annotations

import functools
import http.server
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import CHROMIUM, REPO, SAMPLE_TODAY, copy_sample
from conftest import CHROMIUM_ARGS as ARGS
from test_browser import ARTIFACTS

from portal_gen.render.cms import DECAP_VERSION

pytestmark = pytest.mark.browser

CMS = REPO / "tests" / "cms" / "node_modules"
if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip("Debian's chromium is not installed (make test installs it)", allow_module_level=True)
if not (CMS / "decap-server").is_dir() and not os.environ.get("CI"):
    pytest.skip("Decap CMS is not installed (scripts/ensure-cms.sh)", allow_module_level=True)

_TIMEOUT = 60_000  # ms: the CMS bundle is 5 MB of JavaScript on a shared machine


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run(root: Path, *command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "portal_gen", *command, "--root", str(root), "--today", str(SAMPLE_TODAY)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )


def _wait_for(condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


@pytest.fixture
def portal(tmp_path: Path) -> Iterator[tuple[Path, int]]:
    """A copy of the sample with the editor on, decap-server serving it on a free port."""
    root = copy_sample(tmp_path / "portal")
    port = _free_port()
    with (root / "data" / "site.yml").open("a", encoding="utf-8") as site:
        site.write(f"editor:\n  repo: brambleandbloom/portal\n  local_port: {port}\n")
    server = subprocess.Popen(
        ["node", str(CMS / "decap-server" / "dist" / "index.js")],
        cwd=tmp_path,
        env={**os.environ, "PORT": str(port), "GIT_REPO_DIRECTORY": str(root), "MODE": "fs"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:

        def listening() -> bool:
            with socket.socket() as probe:
                return probe.connect_ex(("127.0.0.1", port)) == 0

        _wait_for(listening, "decap-server")
        yield root, port
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture
def site_url(portal: tuple[Path, int]) -> Iterator[str]:
    """The built portal served on a free loopback port, as a static host would."""
    root, _port = portal
    built = _run(root, "build", "--strict")
    assert built.returncode == 0, built.stderr
    handler = functools.partial(_QuietHandler, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _serve_cms_script(route: object) -> None:
    """unpkg's decap-cms@<version>/dist/... from the npm package pinned in tests/cms."""
    name = route.request.url.rsplit("/dist/", 1)[1].split("?")[0]  # type: ignore[attr-defined]
    path = CMS / "decap-cms" / "dist" / name
    if not path.is_file():
        route.fulfill(status=404)  # type: ignore[attr-defined]
        return
    route.fulfill(path=str(path), content_type="application/javascript")  # type: ignore[attr-defined]


def _open(page: object, url: str) -> None:
    """A page of the editor, loaded afresh (the login is kept in the browser's storage)."""
    page.goto(url)  # type: ignore[attr-defined]
    page.reload()  # type: ignore[attr-defined]


def _publish(page: object) -> None:
    """Decap's Publish menu, then Publish now."""
    page.get_by_role("button", name="Publish").first.click()  # type: ignore[attr-defined]
    page.get_by_text("Publish now", exact=True).click()  # type: ignore[attr-defined]


def test_an_owner_adds_an_event_edits_a_perk_and_writes_an_issue_in_the_browser_editor(
    portal: tuple[Path, int], site_url: str
) -> None:
    """Through admin/'s forms: a new event (its own file), a perk's value for a tier, and a
    newsletter issue are saved to the portal, which passes check and builds their pages."""
    from playwright.sync_api import sync_playwright

    root, _port = portal
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(_TIMEOUT)
            page.route(f"https://unpkg.com/decap-cms@{DECAP_VERSION}/dist/**", _serve_cms_script)
            page.goto(site_url + "admin/")
            page.get_by_role("button", name="Login").click()

            # A new event, in data/events/pottery-night.yml.
            page.goto(site_url + "admin/#/collections/events/new")
            page.locator('input[id^="id-field-"]').fill("pottery-night")
            page.locator('input[id^="title-field-"]').fill("Pottery night")
            page.locator('input[id^="start-field-"]').fill("2026-12-14T18:00")
            page.locator('input[id^="end-field-"]').fill("20:00")
            _publish(page)
            event_file = root / "data" / "events" / "pottery-night.yml"
            _wait_for(event_file.exists, "the event's file")

            # The Patron tier's value of the alterations perk.
            _open(page, site_url + "admin/#/collections/data/entries/tiers")
            # The list shows each item folded: unfold the one whose summary is its id.
            item = page.locator("div", has=page.get_by_text("alterations", exact=True))
            item.filter(has=page.locator("button")).last.locator("button").first.click()
            patron = page.locator('input[id^="patron-field-"]:visible').first
            patron.fill("yes, hemmed the same day")
            _publish(page)
            tiers = root / "data" / "tiers.yml"
            _wait_for(lambda: "hemmed the same day" in tiers.read_text(encoding="utf-8"), "tiers.yml")

            # A newsletter issue with a body.
            _open(page, site_url + "admin/#/collections/newsletter/new")
            page.locator('input[id^="title-field-"]').fill("Pottery comes to the shop")
            page.locator('input[id^="date-field-"]').fill("2026-11-20")
            page.locator('[data-slate-editor="true"]').click()
            page.keyboard.type("Bring an apron: we are making bowls.")
            _publish(page)
            issues = root / "content" / "newsletter"
            _wait_for(lambda: any("pottery" in path.name for path in issues.iterdir()), "the issue's file")
        except Exception:
            # What the editor showed (a validation message, say), for whoever reads the failure.
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "cms-failure.png"), full_page=True)
            raise
        finally:
            browser.close()

    issue = next(path for path in issues.iterdir() if "pottery" in path.name)
    checked = _run(root, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = _run(root, "build", "--strict")
    assert built.returncode == 0, built.stdout + built.stderr
    site = root / "site"
    assert "Pottery night" in (site / "events" / "pottery-night" / "index.html").read_text(encoding="utf-8")
    assert "hemmed the same day" in (site / "tiers" / "index.html").read_text(encoding="utf-8")
    issue_page = site / "newsletter" / issue.stem / "index.html"
    assert "making bowls" in issue_page.read_text(encoding="utf-8")
