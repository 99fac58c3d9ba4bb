"""What a first visit to an event page of the benchmark portal transfers, counted in Chromium.

    python benchmarks/first_visit.py [--scale 1] [--search WORD] [--site DIR]

The site is served compressed, as GitHub Pages serves it (``events_page._Host``), to a fresh
browser profile (nothing cached). Every response the page and its workers receive is counted
by the bytes that crossed the wire (the body as sent, gzip where it was, plus headers), summed
by kind: the page, the search index, CSS, JavaScript, the search worker, fonts and the rest.
With ``--search WORD`` the visitor then opens search and types WORD, and what that costs is
reported too. ``--site`` measures an already built site/ instead of writing and building one.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from events_page import _Host
from synthetic import TODAY, write_portal

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
KINDS = ("page", "search index", "css", "javascript", "search worker", "fonts", "other")


def kind(url: str, resource_type: str) -> str:
    """The row a response counts in."""
    path = url.split("?")[0]
    if path.endswith("search/search_index.json"):
        return "search index"
    if "/workers/search." in path or "/lunr/" in path:
        return "search worker"
    if resource_type == "document":
        return "page"
    if path.endswith(".css"):
        return "css"
    if path.endswith(".js"):
        return "javascript"
    if resource_type == "font" or path.endswith((".woff", ".woff2", ".ttf")):
        return "fonts"
    return "other"


def build(root: Path) -> Path:
    """``portal-gen build`` of the portal at ``root`` on the benchmark's day; returns its site/."""
    subprocess.run(
        [sys.executable, "-m", "portal_gen", "build", "--root", str(root), "--today", TODAY.isoformat()],
        check=True,
        capture_output=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return root / "site"


@contextmanager
def served(site: Path) -> Iterator[str]:
    """``site`` served with gzip on a free loopback port; yields its address."""
    handler = functools.partial(_Host, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def measure(site: Path, search: str | None = None) -> dict[str, dict[str, int]]:
    """Bytes by kind for one first visit to the first event page of ``site`` (``"visit"``), and
    for opening search and typing ``search`` afterwards (``"search"``, if given)."""
    from playwright.sync_api import sync_playwright

    event = sorted((site / "events").glob("*/index.html"))[0].parent.name
    phases: dict[str, dict[str, int]] = {"visit": {}, "search": {}}
    phase = "visit"

    def finished(request: Any) -> None:
        sizes = request.sizes()
        # Chromium reports no body size for a worker's own script: the host's Content-Length,
        # which is the bytes sent (gzip where it was), says it for every response.
        sent = int(request.response().header_value("content-length") or 0)
        body = max(sizes["responseBodySize"], sent)
        row = phases[phase]
        name = kind(request.url, request.resource_type)
        row[name] = row.get(name, 0) + body + sizes["responseHeadersSize"]

    with served(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
            page.on("requestfinished", finished)
            page.goto(f"{url}events/{event}/", wait_until="networkidle")
            page.wait_for_timeout(1000)  # anything started late (idle callbacks, timers)
            if search:
                phase = "search"
                page.keyboard.press("/")
                page.keyboard.type(search)
                page.locator(".md-search-result__item").first.wait_for()
                page.wait_for_load_state("networkidle")
            page.close()
        finally:
            browser.close()
    return phases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1)
    parser.add_argument("--search", metavar="WORD")
    parser.add_argument("--site", type=Path, help="a built site/ to measure instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        site = args.site
        if site is None:
            site = build(write_portal(Path(folder) / "portal", args.scale))
        phases = measure(site, args.search)
    for name, row in phases.items():
        if not row:
            continue
        total = sum(row.values())
        beyond = total - row.get("page", 0)
        shown = ", ".join(f"{kind_} {row[kind_] / 1000:.1f}" for kind_ in KINDS if kind_ in row)
        print(f"{name}: {total / 1000:.1f} kB ({beyond / 1000:.1f} kB beyond the page): {shown}")


if __name__ == "__main__":
    main()
