"""What a customer's phone gets from ``/events/`` of the benchmark portal: its size, how many
elements and cards it holds, how big the search index every page loads is, and (with
``--lighthouse``) Lighthouse 12's mobile scores against Debian's Chromium, several runs.

    python benchmarks/events_page.py [--scale 1] [--lighthouse 3]

The site is served compressed, as GitHub Pages serves it. Lighthouse comes from the npm
registry (``npx --yes lighthouse@12``); its mobile run throttles
the network and the CPU by simulation, so its figures move from run to run on a shared
machine: the script reports each run and the median.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import TODAY, write_portal

REPO = Path(__file__).resolve().parents[1]
CHROMIUM_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


class _Host(http.server.SimpleHTTPRequestHandler):
    """Serves the site as GitHub Pages does: text compressed with gzip when the browser
    accepts it (Python's own server sends everything uncompressed, which no host does)."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        compressible = path.suffix in {".html", ".css", ".js", ".json", ".xml", ".svg"}
        if not compressible or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        if self.path.split("?")[0].endswith("/") is False and path.name == "index.html":
            return super().send_head()  # let the server redirect to the folder's address
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def build(root: Path) -> None:
    for name in ("mkdocs.yml",):
        (root / name).write_bytes((REPO / name).read_bytes())
    subprocess.run(
        [sys.executable, "-m", "portal_gen", "build", "--root", str(root), "--today", TODAY.isoformat()],
        check=True,
        capture_output=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def lighthouse(url: str, out: Path) -> dict[str, float]:
    subprocess.run(
        [
            "npx", "--yes", "lighthouse@12", url, "--only-categories=performance,accessibility",
            "--form-factor=mobile", f"--chrome-flags={CHROMIUM_FLAGS}", "--output=json",
            f"--output-path={out}", "--quiet",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
    )  # fmt: skip
    report = json.loads(out.read_text())
    audits = report["audits"]
    return {
        "performance": report["categories"]["performance"]["score"] * 100,
        "accessibility": report["categories"]["accessibility"]["score"] * 100,
        "first contentful paint (s)": audits["first-contentful-paint"]["numericValue"] / 1000,
        "largest contentful paint (s)": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "total blocking time (ms)": audits["total-blocking-time"]["numericValue"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1)
    parser.add_argument("--lighthouse", type=int, default=0, metavar="RUNS")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = write_portal(Path(folder) / "portal", args.scale)
        build(root)
        page = (root / "site" / "events" / "index.html").read_bytes()
        text = page.decode()
        print(f"/events/: {len(page) / 1000:.0f} kB, {len(gzip.compress(page)) / 1000:.0f} kB gzipped")
        elements, cards = (
            len(re.findall(r"<[a-zA-Z]", text)),
            len(re.findall(r'class="portal-event[" ]', text)),
        )
        print(f"  {elements} elements, {cards} cards")
        index = root / "site" / "search" / "search_index.json"
        print(f"search index every page loads: {index.stat().st_size / 1e6:.2f} MB")
        if not args.lighthouse:
            return
        handler = functools.partial(_Host, directory=str(root / "site"))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/events/"
        runs = [lighthouse(url, Path(folder) / f"run{n}.json") for n in range(args.lighthouse)]
        server.shutdown()
        for name in runs[0]:
            values = [run[name] for run in runs]
            shown = ", ".join(f"{value:.1f}" for value in values)
            print(f"Lighthouse mobile {name}: median {statistics.median(values):.1f} ({shown})")


if __name__ == "__main__":
    main()
