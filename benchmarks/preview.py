"""What an owner waits for in ``portal-gen serve``: from a save until the served page shows it.

The real ``portal-gen serve`` runs on a copy of a portal; each save is timed from just
before the file is written until an HTTP request for the page it changes returns the new
text (the page a browser reloads into). Three everyday edits, each saved the two ways
editors save (written in place, and written beside then renamed over the file):

- an event's title in data/events.yml (its page at /events/<id>/),
- a sentence added to the owner's page content/about.md (/about/),
- a sentence added to a newsletter issue (/newsletter/<slug>/).

After each save the page is watched for a further second and a half: if it changes again
without a save, serve rebuilt twice, which is counted. With ``--other OTHER_CHECKOUT`` each
round also runs that checkout's serve (``git worktree add /tmp/before <commit>``), the order
alternating, and the ratio is taken round by round.

    python benchmarks/preview.py [--portal benchmark|sample] [--rounds 3] [--other DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import TODAY, write_portal

HERE = Path(__file__).resolve().parent.parent
SAMPLE_TODAY = "2026-11-23"
#: A page changing again this long after a save, with no new save, is a second rebuild.
SETTLE = 1.5
KINDS = ("event title", "owner page", "newsletter issue")
STYLES = ("in place", "renamed")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def _body(html: str | None) -> str:
    """The page without the live-reload script, whose version changes with every build."""
    return re.sub(r"<script>[^<]*(livereload|portal-gen/reload)[^<]*</script>", "", html or "")


def _save(path: Path, text: str, style: str) -> None:
    if style == "in place":
        path.write_text(text, encoding="utf-8")
    else:
        temporary = path.with_name(path.name + ".saving~")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)


@contextlib.contextmanager
def _serving(code: Path, portal: Path, today: str) -> Iterator[str]:
    """``portal-gen serve`` of checkout ``code`` on ``portal``; yields the site's address."""
    port = _free_port()
    log = (portal / "serve.log").open("w")
    environment = {**os.environ, "PYTHONPATH": str(code), "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "portal_gen", "serve", "--root", str(portal), "--today", today]
    command += ["--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        command, stdout=log, stderr=subprocess.STDOUT, env=environment, start_new_session=True
    )
    try:
        base = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 600
        while _get(base + "about/") is None:
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"serve did not start; see {portal / 'serve.log'}")
            time.sleep(0.2)
        time.sleep(2.0)  # what serve does after its first build, while the owner reads
        yield base
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()


def _edits(portal: Path, today: str) -> dict[str, tuple[Path, str, Callable[[str, str], str]]]:
    """For each kind of edit: the file, the page's path, and how to change the text (given a
    mark that makes the change new each time)."""
    events = portal / "data" / "events.yml"
    first = re.search(r"^  - id: (\S+)\n    title: (.*)$", events.read_text(encoding="utf-8"), re.M)
    assert first is not None
    event_id, title = first.group(1), first.group(2)
    plain = title.strip("\"'")
    issues = sorted((portal / "content" / "newsletter").glob("*.md"))
    # The newest issue of a month before today's: one that is surely published.
    issue = [path for path in issues if path.name[:7] < today[:7]][-1]

    def retitle(text: str, mark: str) -> str:
        return text.replace(f"    title: {title}\n", f'    title: "{plain} {mark}"\n', 1)

    def add_line(text: str, mark: str) -> str:
        return text.rstrip("\n") + f"\n\nA line added {mark}.\n"

    return {
        "event title": (events, f"events/{event_id}/", retitle),
        "owner page": (portal / "content" / "about.md", "about/", add_line),
        "newsletter issue": (issue, f"newsletter/{issue.stem}/", add_line),
    }


def _round(code: Path, source: Path, today: str, number: int) -> dict[str, float | int]:
    """One serve of ``code``: each edit in each style once; seconds per (kind, style)."""
    with tempfile.TemporaryDirectory(prefix="portal-gen-preview-") as folder:
        portal = Path(folder) / "portal"
        shutil.copytree(source, portal, ignore=shutil.ignore_patterns("build", "site"))
        edits = _edits(portal, today)
        found: dict[str, float | int] = {"second rebuilds": 0}
        with _serving(code, portal, today) as base:
            for kind in KINDS:
                path, page, change = edits[kind]
                for style in STYLES:
                    original = path.read_text(encoding="utf-8")
                    mark = f"r{number}-{style.replace(' ', '')}"
                    changed = change(original, mark)
                    assert changed != original, kind
                    began = time.perf_counter()
                    _save(path, changed, style)
                    while mark not in (shown := _body(_get(base + page))):
                        if time.perf_counter() - began > 120:
                            raise SystemExit(f"{kind} ({style}) never showed; see {portal / 'serve.log'}")
                        time.sleep(0.01)
                    found[f"{kind}, {style}"] = time.perf_counter() - began
                    settled = time.perf_counter() + SETTLE
                    while time.perf_counter() < settled:
                        if _body(_get(base + page)) != shown:
                            found["second rebuilds"] = int(found["second rebuilds"]) + 1
                            break
                        time.sleep(0.05)
                    time.sleep(0.5)
                    path.write_text(original, encoding="utf-8")  # back, for the next style
                    while mark in _body(_get(base + page)):
                        time.sleep(0.05)
                    time.sleep(1.0)
        return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--portal", choices=("benchmark", "sample"), default="benchmark")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--other", type=Path, help="another checkout of portal-gen, measured alike")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="portal-gen-preview-source-") as folder:
        if args.portal == "benchmark":
            source, today = write_portal(Path(folder) / "portal"), TODAY.isoformat()
        else:
            source, today = HERE, SAMPLE_TODAY
        codes = {"this": HERE, **({"other": args.other.resolve()} if args.other else {})}
        results: dict[str, list[dict[str, float | int]]] = {name: [] for name in codes}
        for number in range(args.rounds):
            order = list(codes) if number % 2 == 0 else list(reversed(codes))
            for name in order:
                results[name].append(_round(codes[name], source, today, number))
                print(f"round {number + 1} {name}: " + _line(results[name][-1]), flush=True)
    print(f"\n{args.portal} portal, {args.rounds} rounds; median seconds from the save to the served page:")
    keys = [f"{kind}, {style}" for kind in KINDS for style in STYLES]
    for key in [*keys, "second rebuilds"]:
        row = f"  {key:<30}"
        for name in codes:
            values = [result[key] for result in results[name]]
            row += f" {name} {statistics.median(values):7.2f}" if key in keys else f" {name} {sum(values):7d}"
        if "other" in codes and key in keys:
            ratios = [a[key] / b[key] for a, b in zip(results["this"], results["other"], strict=True)]
            row += f"  ratio {statistics.median(ratios):.2f}"
        print(row)


def _line(result: dict[str, float | int]) -> str:
    shown = (
        f"{key} {value:.2f}" if isinstance(value, float) else f"{key} {value}"
        for key, value in result.items()
    )
    return ", ".join(shown)


if __name__ == "__main__":
    main()
