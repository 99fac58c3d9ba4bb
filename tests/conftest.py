"""Shared fixtures: the sample portal, small portals written on the fly, and a fixed today."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from portal_gen.app import Run, load_portal
from portal_gen.errors import InvalidDataError
from portal_gen.model.portal import Portal
from portal_gen.read.sources import read_sources
from portal_gen.render.environment import Templates
from portal_gen.render.ical import calendar_files
from portal_gen.render.pages import plan

REPO = Path(__file__).resolve().parent.parent
#: The day the sample portal's tests pretend it is: some events are past, most upcoming.
SAMPLE_TODAY = dt.date(2026, 11, 23)
#: Debian's browser, which every browser test drives (Playwright's own download does not work
#: here), and the switches that keep it from reaching out or asking anything.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

MINIMAL_SITE = """\
name: Test Shop
url: https://shop.example/
timezone: America/Chicago
contact:
  address: 1 Main St, Chicago
"""


@pytest.fixture(autouse=True, scope="session")
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The CLI keeps compiled templates in the user's cache folder: in tests, one of the
    session's own, not the home folder of whoever runs them."""
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if before is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture(autouse=True)
def _quiet_material(monkeypatch: pytest.MonkeyPatch) -> None:
    """Material's end-of-life banner is not ours to test; keep mkdocs output readable."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def copy_sample(root: Path) -> Path:
    """Copy the sample portal's sources (not its build output) to ``root``."""
    root.mkdir(parents=True)
    for name in ("data", "content", "theme_overrides"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A private copy of the sample portal that a test may change."""
    return copy_sample(tmp_path / "portal")


def build(root: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``portal-gen build --strict`` of the portal at ``root`` on the sample's day, in a fresh
    interpreter as a person or CI runs it; ``env`` is added to the environment."""
    command = ["build", "--strict", "--root", str(root), "--today", str(SAMPLE_TODAY)]
    return subprocess.run(
        [sys.executable, "-m", "portal_gen", *command],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
    )


@pytest.fixture(scope="session")
def built_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the sample portal built once with ``portal-gen build --strict`` (root returned)."""
    root = copy_sample(tmp_path_factory.mktemp("built") / "portal")
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return root


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site without a log line per request."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site_url(built_sample: Path) -> Iterator[str]:
    """The built site served on a free loopback port, as a static host would."""
    handler = functools.partial(QuietHandler, directory=str(built_sample / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium, driven by Playwright, for the browser tests of one module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


PortalWriter = Callable[..., Path]


@pytest.fixture
def make_portal(tmp_path: Path) -> PortalWriter:
    """Write a small portal: ``make_portal(events="events: ...")``; site.yml is minimal by default.

    Keyword names are data file stems; ``pages`` maps content paths to Markdown text.
    """

    def write(pages: dict[str, str] | None = None, **files: str) -> Path:
        root = tmp_path / "portal"
        (root / "data").mkdir(parents=True, exist_ok=True)
        files.setdefault("site", MINIMAL_SITE)
        for stem, text in files.items():
            target = root / "data" / f"{stem}.yml"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(textwrap.dedent(text), encoding="utf-8")
        for path, text in (pages or {}).items():
            target = root / "content" / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(textwrap.dedent(text), encoding="utf-8")
        return root

    return write


def override(root: Path, name: str, text: str) -> None:
    """Place an owner's template override ``theme_overrides/portal/<name>``."""
    path = root / "theme_overrides" / "portal" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def problems(root: Path, today: dt.date = SAMPLE_TODAY) -> list[str]:
    """Every problem ``load_portal`` reports for the portal at ``root``, as printed."""
    with pytest.raises(InvalidDataError) as failure:
        load_portal(Run(root, today))
    return [str(error) for error in failure.value.errors]


def templates_of(root: Path | None) -> Templates:
    """The template overrides of the portal at ``root`` (none for None), as the reader reads them."""
    return Templates() if root is None else Templates(read_sources(root)[0].overrides)


def files_for(portal: Portal, root: Path | None = None) -> dict[str, bytes]:
    """Every file of the staging folder for ``portal``, with the overrides of ``root``."""
    return dict(sorted({**plan(portal, templates_of(root)), **calendar_files(portal)}.items()))


def files_of(root: Path, today: dt.date = SAMPLE_TODAY) -> dict[str, bytes]:
    """Every file of the staging folder of the portal at ``root``, as generate makes it."""
    return files_for(load_portal(Run(root, today)), root)


def serious_accessibility_problems(page: object) -> list[tuple[str, list[object]]]:
    """What axe-core finds serious or critical on an open page (Material's search dialog
    aside, which is not ours), each with up to three of the elements it names."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context={"exclude": [[".md-search"]]})
    return [
        (violation["id"], [node["target"] for node in violation["nodes"]][:3])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
