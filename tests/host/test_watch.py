"""Tests for portal_gen.host.watch and ``portal-gen serve``: a save regenerates, a bad save does not."""

from __future__ import annotations

import os
import queue
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import SAMPLE_TODAY

from portal_gen.app import Run, generate
from portal_gen.errors import InvalidDataError
from portal_gen.host.watch import Regeneration, Watcher
from portal_gen.incremental.session import Session

TITLE = "title: Kids' yoga with Lotus Tree Yoga\n"


def _wait(condition: Callable[[], object], seconds: float = 30) -> object:
    """Poll ``condition`` until it returns something true, or fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"nothing happened within {seconds} s")


@pytest.fixture
def watched(sample_copy: Path) -> Iterator[tuple[Path, queue.Queue[Regeneration]]]:
    generate(Run(sample_copy, SAMPLE_TODAY))
    results: queue.Queue[Regeneration] = queue.Queue()
    session = Session()
    watcher = Watcher(sample_copy, lambda: generate(Run(sample_copy, SAMPLE_TODAY, session)), results.put)
    watcher.start()
    time.sleep(0.2)  # let the observer settle before the first save
    yield sample_copy, results
    watcher.stop()


def test_a_burst_of_saves_regenerates_once_and_rewrites_only_what_changed(
    watched: tuple[Path, queue.Queue[Regeneration]],
) -> None:
    """Three quick saves are one regeneration, which rewrites the pages showing that event."""
    root, results = watched
    events = root / "data" / "events.yml"
    text = events.read_text()
    for suffix in ("A", "AB", "ABC"):
        events.write_text(text.replace(TITLE, f"title: Kids' yoga {suffix}\n"))
        time.sleep(0.02)
    result = results.get(timeout=20)
    assert result.generated is not None
    written = result.generated.report.written
    assert "events/kids-yoga.md" in written and "index.md" in written
    # The pages that show the event (its month and tag pages too), not the others' pages.
    assert "events/first-piano-lesson.md" not in written and "events/months/2026-10.md" not in written
    assert len(written) < 25
    assert "Kids' yoga ABC" in (root / "build" / "docs" / "events" / "kids-yoga.md").read_text()
    with pytest.raises(queue.Empty):
        results.get(timeout=0.6)


def test_garbage_is_collected_once_the_owner_stops_saving(sample_copy: Path) -> None:
    """tidy runs after a quiet second following a regeneration (and the first generate),
    not between the saves of a burst, and once per quiet spell."""
    tidied: list[float] = []
    results: queue.Queue[Regeneration] = queue.Queue()
    session = Session()
    watcher = Watcher(
        sample_copy,
        lambda: generate(Run(sample_copy, SAMPLE_TODAY, session)),
        results.put,
        lambda: tidied.append(time.monotonic()),
    )
    watcher.start()
    try:
        _wait(lambda: tidied)  # the first generate's garbage
        events = sample_copy / "data" / "events.yml"
        events.write_text(events.read_text().replace(TITLE, "title: Kids' yoga, renamed\n"))
        result = results.get(timeout=20)
        assert result.generated is not None and len(tidied) == 1
        finished = time.monotonic()
        _wait(lambda: len(tidied) == 2)
        assert tidied[1] - finished >= 0.9
        time.sleep(1.5)
        assert len(tidied) == 2
    finally:
        watcher.stop()


def test_a_bad_save_is_reported_and_the_staging_folder_stays(
    watched: tuple[Path, queue.Queue[Regeneration]],
) -> None:
    """Invalid YAML gives the usual path:line:col problem; nothing in build/docs changes."""
    root, results = watched
    before = {p: p.read_bytes() for p in (root / "build" / "docs").rglob("*") if p.is_file()}
    (root / "data" / "tiers.yml").write_text("tiers: [\n")
    result = results.get(timeout=20)
    assert isinstance(result.error, InvalidDataError)
    assert [str(e) for e in result.error.errors] == [
        "data/tiers.yml:2:1: invalid YAML: did not find expected node content (while parsing a flow node)"
    ]
    after = {p: p.read_bytes() for p in (root / "build" / "docs").rglob("*") if p.is_file()}
    assert after == before


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def test_serve_end_to_end(sample_copy: Path) -> None:
    """portal-gen serve: the page changes after a save; a broken save prints its problem and
    the old page stays served; fixing the file recovers."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/events/kids-yoga/"
    log = sample_copy / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "portal_gen",
                "serve",
                "--root",
                str(sample_copy),
                "--today",
                str(SAMPLE_TODAY),
                "--dev-addr",
                f"127.0.0.1:{port}",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            start_new_session=True,  # so the MkDocs server it starts is stopped with it
        )
    try:
        assert "Kids' yoga with Lotus Tree Yoga" in str(_wait(lambda: _fetch(url)))
        events = sample_copy / "data" / "events.yml"
        good = events.read_text()
        events.write_text(good.replace(TITLE, "title: Kids' yoga in the snow\n"))
        _wait(lambda: "Kids' yoga in the snow" in (_fetch(url) or ""))

        events.write_text(good.replace(TITLE, "title: [unclosed\n"))
        _wait(lambda: "events.yml" in log.read_text() and "last good version" in log.read_text())
        assert "data/events.yml:" in log.read_text()
        assert "Kids' yoga in the snow" in (_fetch(url) or "")

        events.write_text(good)
        _wait(lambda: "Kids' yoga with Lotus Tree Yoga" in (_fetch(url) or ""))
        assert "Traceback" not in log.read_text()
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
