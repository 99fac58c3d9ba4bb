"""Tests for portal_gen.preview.server: the preview's pages, and an open page reloading itself
the moment a save has been built."""

from __future__ import annotations

import http.client
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import CHROMIUM
from conftest import CHROMIUM_ARGS as ARGS

from portal_gen.preview.panel import Notes, Problems
from portal_gen.preview.server import RELOAD, PreviewServer


class _Served:
    def __init__(self, server: PreviewServer, folder: Path) -> None:
        self.server, self.folder = server, folder
        self.port = server.server_address[1]

    def get(self, path: str) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()


def _extra(inside: str) -> tuple[int, bytes] | None:
    """A preview-only page, as serve's held-back pages answer."""
    if inside == ".portal-gen/held-back/":
        return 200, b"<html><body><h1>Held back</h1></body></html>"
    return None


def _serve(folder: Path, mount: str) -> Iterator[_Served]:
    (folder / "about").mkdir(parents=True)
    (folder / "about" / "index.html").write_text("<html><body><p>Open daily.</p></body></html>")
    (folder / "404.html").write_text("<html><body><p>No such page.</p></body></html>")
    (folder / "events").mkdir()
    (folder / "events" / "calendar.ics").write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    server = PreviewServer(("127.0.0.1", 0), lambda: folder, mount, _extra)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield _Served(server, folder)
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)
    # Threads left behind would keep later tests from forking (see second_core.can_fork).
    for _ in range(100):
        if threading.active_count() == 1:
            break
        time.sleep(0.05)
    assert threading.active_count() == 1, threading.enumerate()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[_Served]:
    yield from _serve(tmp_path / "site", "/")


@pytest.fixture
def mounted(tmp_path: Path) -> Iterator[_Served]:
    yield from _serve(tmp_path / "site", "/shop/")


def test_a_page_carries_the_reload_script_and_is_never_cached(served: _Served) -> None:
    """An HTML page is served with the live-reload script before </body>, and no-store."""
    status, headers, body = served.get("/about/")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Cache-Control"] == "no-store"
    assert body.startswith(b'<html><body><p>Open daily.</p><nav id="portal-gen-preview-bar"')
    assert RELOAD.encode() in body and body.endswith(b"</script></body></html>")


def test_other_files_are_served_as_they_are(served: _Served) -> None:
    """A calendar feed is served byte for byte, with its type, and no script."""
    status, headers, body = served.get("/events/calendar.ics")
    assert (status, headers["Content-Type"]) == (200, "text/calendar; charset=utf-8")
    assert body == (served.folder / "events" / "calendar.ics").read_bytes()


def test_a_folder_without_its_slash_is_redirected(served: _Served) -> None:
    """/about goes to /about/, as a static host does."""
    status, headers, _ = served.get("/about")
    assert (status, headers["Location"]) == (302, "/about/")


def test_a_missing_page_gets_the_sites_404_page(served: _Served) -> None:
    """A missing page answers 404 with the site's own page, and nothing outside the folder is served."""
    status, _, body = served.get("/nowhere/")
    assert status == 404 and b"No such page." in body
    secret = served.folder.parent / "secret.txt"
    secret.write_text("not for the browser")
    status, _, body = served.get("/../secret.txt")
    assert status == 404 and b"not for the browser" not in body


def test_a_site_under_a_path_is_served_there(mounted: _Served) -> None:
    """With site_url's path /shop/, / leads there and pages are found under it."""
    status, headers, _ = mounted.get("/")
    assert (status, headers["Location"]) == (302, "/shop/")
    assert mounted.get("/shop/about/")[0] == 200
    assert mounted.get("/about/")[0] == 404


def test_a_reload_request_is_answered_when_the_site_changes(served: _Served) -> None:
    """The browser's question is held until a change is done, then answered with the new version."""
    version = served.server.version
    answers: list[bytes] = []
    asking = threading.Thread(target=lambda: answers.append(served.get(f"{RELOAD}{version}")[2]))
    asking.start()
    time.sleep(0.3)
    assert answers == []  # held: nothing changed yet
    with served.server.changing():
        pass
    asking.join(timeout=10)
    assert answers and int(answers[0]) > version


def test_closing_the_server_answers_held_reload_requests(tmp_path: Path) -> None:
    """A page still asking when serve stops is answered at once, so no thread outlives the server."""
    served = _Served(PreviewServer(("127.0.0.1", 0), lambda: tmp_path, "/"), tmp_path)
    thread = threading.Thread(target=served.server.serve_forever, daemon=True)
    thread.start()
    answers: list[int] = []
    question = f"{RELOAD}{served.server.version}"
    asking = threading.Thread(target=lambda: answers.append(served.get(question)[0]))
    asking.start()
    time.sleep(0.3)
    began = time.perf_counter()
    served.server.shutdown()
    served.server.server_close()
    asking.join(timeout=10)
    assert answers == [200] and time.perf_counter() - began < 5


def test_requests_wait_while_the_site_changes(served: _Served) -> None:
    """A page asked for during a change is served after it, never half of it."""
    statuses: list[bytes] = []
    with served.server.changing():
        asking = threading.Thread(target=lambda: statuses.append(served.get("/about/")[2]))
        asking.start()
        time.sleep(0.3)
        assert statuses == []
        page = served.folder / "about" / "index.html"
        page.write_text("<html><body><p>Closed Mondays.</p></body></html>")
    asking.join(timeout=10)
    assert statuses and b"Closed Mondays." in statuses[0]


def _answer_after(served: _Served, change: Callable[[], object]) -> list[bytes]:
    """The answers to a reload request held while ``change`` runs."""
    answers: list[bytes] = []
    question = f"{RELOAD}{served.server.version}"
    asking = threading.Thread(target=lambda: answers.append(served.get(question)[2]))
    asking.start()
    time.sleep(0.3)
    change()
    asking.join(timeout=5)
    return answers


PROBLEMS = Problems("1 problem found; nothing was written.", ("data/site.yml:3:1: name: missing",))


def test_a_failed_save_reaches_open_pages(served: _Served) -> None:
    """Showing problems answers the held reload request, and every page then carries them."""
    version = served.server.version
    answers = _answer_after(served, lambda: served.server.show(Notes(PROBLEMS)))
    assert answers and int(answers[0]) > version
    body = served.get("/about/")[2]
    assert b'role="alert"' in body and b"data/site.yml:3:1: name: missing</li>" in body
    assert b'role="alert"' in served.get("/nowhere/")[2]  # the 404 page too


def test_the_same_notes_again_reload_nothing(served: _Served) -> None:
    """A second failed save with the same problems does not reload open pages again."""
    served.server.show(Notes(PROBLEMS))
    version = served.server.version
    served.server.show(Notes(PROBLEMS))
    assert served.server.version == version


def test_a_good_change_takes_the_problems_away(served: _Served) -> None:
    """A change made with new notes (a good save) leaves pages without the alert."""
    served.server.show(Notes(PROBLEMS))
    with served.server.changing(Notes(held_back=1)):
        pass
    body = served.get("/about/")[2]
    assert b'role="alert"' not in body and b">Preview: held back (1)</a>" in body


def test_preview_only_pages_are_answered_under_the_mount(mounted: _Served) -> None:
    """/shop/.portal-gen/held-back/ is the preview's own page, with the script; others are 404."""
    status, headers, body = mounted.get("/shop/.portal-gen/held-back/")
    assert (status, headers["Content-Type"]) == (200, "text/html; charset=utf-8")
    assert body.startswith(b"<html><body><h1>Held back</h1>") and RELOAD.encode() in body
    assert mounted.get("/shop/.portal-gen/elsewhere/")[0] == 404
    assert mounted.get("/.portal-gen/held-back/")[0] == 404


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists() and not os.environ.get("CI"), reason="Debian's chromium is missing")
def test_an_open_page_shows_the_change_by_itself(served: _Served) -> None:
    """In a real browser, an open page reloads itself when the site has changed, and only then."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            page = browser.new_page()
            loads: list[str] = []
            page.on("load", lambda _: loads.append(page.url))
            page.goto(f"http://127.0.0.1:{served.port}/about/")
            page.wait_for_timeout(500)
            assert len(loads) == 1  # no reload without a change
            with served.server.changing():
                page_file = served.folder / "about" / "index.html"
                page_file.write_text("<html><body><p>Closed Mondays.</p></body></html>")
            page.wait_for_function("document.body.innerText.includes('Closed Mondays.')", timeout=10_000)
            assert len(loads) == 2
        finally:
            browser.close()
