"""In a real browser: a reader signs up for the newsletter on the archive, under an issue and on
the home page, with JavaScript off, and the service receives exactly its own fields.

Nothing leaves the machine: every request to another host is stopped, and the form's post to
the service is handed by Playwright's router to a stub server on the loopback, which records
it and answers as the service's "thanks" page would.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit
from urllib.request import Request, urlopen

import pytest
from conftest import QuietHandler as _QuietHandler
from conftest import build, copy_sample, serious_accessibility_problems

pytestmark = pytest.mark.browser

UUID = "5e1b1b8c-2c1d-4c8e-9f4a-0f2ab839131d"
YOGA_UUID = "0a9c4f2e-7d1b-4b3a-8c5e-2f6d9e1a4b7c"
ISSUE = "newsletter/2026-11-yoga-piano-and-a-preview/"
#: The three pages with the form, by what the reader is reading.
PAGES = {"archive": "newsletter/", "issue": ISSUE, "home": ""}

MAILCHIMP = """\
newsletter_signup:
  mailchimp: https://brambleandbloom.us21.list-manage.com/subscribe/post?u=1a2b3c&id=4d5e6f
  interests:
    - id: yoga
      label: Kids' yoga
      group: group[13145][1]
    - id: music
      label: Music lessons
      group: group[13145][2]
    - id: talks
      label: Talks for parents
      group: group[13145][4]
"""
LISTMONK_DE = f"""\
locale: de_DE
newsletter_signup:
  listmonk: https://news.brambleandbloom.example
  list: {UUID}
  interests:
    - id: yoga
      label: Kinderyoga
      list: {YOGA_UUID}
"""


class _Stub(http.server.BaseHTTPRequestHandler):
    """The service, on the loopback: records each post's path and fields, answers "thanks"."""

    received: list[tuple[str, list[tuple[str, str]]]]

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"])).decode("utf-8")
        self.received.append((self.path, parse_qsl(body, keep_blank_values=True)))
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(b"<!doctype html><title>Thanks</title><p>Thanks for subscribing</p>")

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def stub() -> Iterator[tuple[str, list[tuple[str, list[tuple[str, str]]]]]]:
    """A stub of the service on a free loopback port: its address and what it received."""
    received: list[tuple[str, list[tuple[str, str]]]] = []
    handler = type("Stub", (_Stub,), {"received": received})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", received
    server.shutdown()


def _served(root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="module")
def built_with(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """The sample portal built with another sign-up in site.yml, served: ``built_with(text)``."""
    servers: list[http.server.ThreadingHTTPServer] = []
    built: dict[str, str] = {}

    def make(signup: str) -> str:
        if signup in built:
            return built[signup]
        root = copy_sample(tmp_path_factory.mktemp("signup") / "portal")
        site = root / "data" / "site.yml"
        text = re.sub(r"newsletter_signup:\n(  .*\n)+", "", site.read_text())
        site.write_text(text.replace("locale: en_US\n", "") + signup)
        result = build(root)
        assert result.returncode == 0, result.stderr
        server, url = _served(root)
        servers.append(server)
        built[signup] = url
        return url

    yield make
    for server in servers:
        server.shutdown()


def _sign_up(
    chromium: object, url: str, service_host: str, stub_url: str, email: str, name: str, ticked: list[str]
) -> tuple[str, list[str]]:
    """On a phone with JavaScript off: fill in the form at ``url``, tick ``ticked`` and submit.
    The post to ``service_host`` goes to the stub; returns the page reached and every request
    that tried to leave the machine before it."""
    context = chromium.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    outside: list[str] = []

    def route(route: object) -> None:
        request = route.request  # type: ignore[attr-defined]
        parts = urlsplit(request.url)
        if parts.hostname == service_host and request.method == "POST":
            headers = {"Content-Type": request.headers["content-type"]}
            sent = Request(stub_url + parts.path, data=request.post_data_buffer, headers=headers)
            with urlopen(sent) as answer:  # the loopback stub
                route.fulfill(status=answer.status, headers=dict(answer.headers), body=answer.read())  # type: ignore[attr-defined]
        elif parts.hostname == "127.0.0.1":
            route.continue_()  # type: ignore[attr-defined]
        else:
            outside.append(request.url)
            route.abort()  # type: ignore[attr-defined]

    context.route("**/*", route)
    try:
        page = context.new_page()
        page.goto(url)
        form = page.locator("form.portal-signup")
        box = form.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        before = list(outside)
        form.get_by_label(re.compile("e-mail|E-Mail")).fill(email)
        form.get_by_label(re.compile("First name|Vorname")).fill(name)
        for label in ticked:
            form.get_by_label(label, exact=True).check()
        form.get_by_role("button").click()
        page.wait_for_load_state()
        return page.inner_text("body"), before
    finally:
        context.close()


@pytest.mark.parametrize("where", list(PAGES))
def test_a_reader_signs_up_with_buttondown_and_is_tagged_with_what_they_ticked(
    browser: object,
    site_url: str,
    stub: tuple[str, list[object]],
    where: str,
) -> None:
    """On the sample's archive, an issue and the home page, with JavaScript off, the form posts
    email, metadata__first_name, one tag per ticked interest and embed=1 to Buttondown's embed
    address; the page loads nothing from another host."""
    stub_url, received = stub
    shown, outside = _sign_up(
        browser, site_url + PAGES[where], "buttondown.com", stub_url, "ana@example.com", "Ana",
        ["Kids' yoga", "Talks for parents"],
    )  # fmt: skip
    assert outside == []
    assert "Thanks for subscribing" in shown
    assert received == [
        (
            "/api/emails/embed-subscribe/brambleandbloom",
            [
                ("email", "ana@example.com"),
                ("metadata__first_name", "Ana"),
                ("tag", "yoga"),
                ("tag", "talks"),
                ("embed", "1"),
            ],
        )
    ]


def test_a_reader_signs_up_with_mailchimp_into_the_groups_they_ticked(
    browser: object,
    built_with: object,
    stub: tuple[str, list[object]],
) -> None:
    """Under an issue, the form posts EMAIL, FNAME, group[13145][bit]=bit per ticked group and
    the bot trap, empty, to the embedded form's action."""
    stub_url, received = stub
    url = built_with(MAILCHIMP)  # type: ignore[operator]
    shown, outside = _sign_up(
        browser, url + ISSUE, "brambleandbloom.us21.list-manage.com", stub_url, "ben@example.com", "Ben",
        ["Music lessons", "Talks for parents"],
    )  # fmt: skip
    assert (outside, "Thanks for subscribing" in shown) == ([], True)
    assert received == [
        (
            "/subscribe/post",
            [
                ("EMAIL", "ben@example.com"),
                ("FNAME", "Ben"),
                ("group[13145][2]", "2"),
                ("group[13145][4]", "4"),
                ("b_1a2b3c_4d5e6f", ""),
            ],
        )
    ]


def test_a_german_reader_signs_up_with_listmonk_to_the_list_and_the_interest_s_list(
    browser: object,
    built_with: object,
    stub: tuple[str, list[object]],
) -> None:
    """A German portal with listmonk: the form reads in German and posts email, name, the empty
    nonce and l once for the newsletter's list and once for Kinderyoga's."""
    stub_url, received = stub
    url = built_with(LISTMONK_DE)  # type: ignore[operator]
    shown, outside = _sign_up(
        browser, url + "newsletter/", "news.brambleandbloom.example", stub_url, "jana@example.de", "Jana",
        ["Kinderyoga"],
    )  # fmt: skip
    assert (outside, "Thanks for subscribing" in shown) == ([], True)
    assert received == [
        (
            "/subscription/form",
            [("email", "jana@example.de"), ("name", "Jana"), ("l", YOGA_UUID), ("nonce", ""), ("l", UUID)],
        )
    ]


@pytest.mark.parametrize("signup", ["mailchimp", "listmonk_de"])
@pytest.mark.parametrize("where", list(PAGES))
def test_axe_finds_nothing_serious_in_each_service_s_form(
    browser: object,
    built_with: object,
    signup: str,
    where: str,
) -> None:
    """axe-core finds no serious or critical violation on a phone where the form is (the sample's
    Buttondown form is checked with every page in test_browser)."""
    url = built_with({"mailchimp": MAILCHIMP, "listmonk_de": LISTMONK_DE}[signup])  # type: ignore[operator]
    page = browser.new_page(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    try:
        page.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.abort())
        page.goto(url + PAGES[where], wait_until="networkidle")
        assert page.locator("form.portal-signup").count() == 1
        assert serious_accessibility_problems(page) == []
    finally:
        page.close()
