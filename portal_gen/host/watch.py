"""Regenerate the staging folder whenever an owner saves a source file (for ``serve``).

Editors save in bursts (a temporary file, a rename, a metadata touch), so events are
debounced: a regeneration starts once the sources have been quiet for ``DEBOUNCE`` seconds.
Each regeneration is a normal ``generate`` run with serve's session (see
``portal_gen.incremental``), so what a save did not change is neither parsed nor rendered
again, and the writer rewrites only the files whose bytes changed, which is what a
live-reload server watching the staging folder needs to see; an invalid save is reported and
leaves the staging folder, and so the served site, as it was.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from portal_gen import app

#: Seconds without a new event before regenerating.
DEBOUNCE = 0.15
#: Seconds without a save after which the garbage of the regenerations is collected.
TIDY_WHEN_QUIET = 1.0
#: What is watched, relative to the portal root.
WATCHED = ("data", "content", "theme_overrides")


@dataclass
class Regeneration:
    """The outcome of one regeneration after a save."""

    seconds: float  # from the last save seen to the staging folder being up to date
    generated: app.Generated | None = None
    #: A PortalError for the owner to fix; anything else is a bug, kept so serve can show it
    #: and go on watching instead of dying silently.
    error: Exception | None = None


class Watcher(FileSystemEventHandler):
    """Watches the owner's folders and regenerates after each burst of saves."""

    def __init__(
        self,
        root: Path,
        generate: Callable[[], app.Generated],
        report: Callable[[Regeneration], None],
        tidy: Callable[[], None] = lambda: None,
    ) -> None:
        """``generate`` regenerates (asking again what day it is: serve runs for days);
        ``tidy`` is called once the owner has not saved for ``TIDY_WHEN_QUIET`` seconds after
        a regeneration (serve's session collects garbage then, not while the owner waits)."""
        self.root = root.resolve()
        self.generate = generate
        self.report = report
        self.tidy = tidy
        self._untidy = True  # the first generate, before watching, left its garbage too
        self._changed = threading.Condition()
        self._last_event: float | None = None
        self._stopped = False
        self._observer = Observer()
        self._worker = threading.Thread(target=self._loop, name="portal-gen-regenerate", daemon=True)

    def start(self) -> None:
        for name in WATCHED:
            folder = self.root / name
            if folder.is_dir():
                self._observer.schedule(self, str(folder), recursive=True)
        self._observer.start()
        self._worker.start()

    def stop(self) -> None:
        with self._changed:
            self._stopped = True
            self._changed.notify_all()
        self._observer.stop()
        self._observer.join(timeout=5)
        self._worker.join(timeout=5)

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return  # reading a file changes nothing
        with self._changed:
            self._last_event = time.perf_counter()
            self._changed.notify_all()

    def _loop(self) -> None:
        while True:
            with self._changed:
                saved = self._changed.wait_for(
                    lambda: self._stopped or self._last_event is not None,
                    timeout=TIDY_WHEN_QUIET if self._untidy else None,
                )
                if self._stopped:
                    return
                tidy = not saved  # quiet since the last regeneration: tidy, outside the lock
                if tidy:
                    self._untidy = False
            if tidy:
                self.tidy()
                continue
            with self._changed:
                # Wait for the burst to end: each new event pushes the deadline back.
                while not self._stopped:
                    assert self._last_event is not None
                    quiet = time.perf_counter() - self._last_event
                    if quiet >= DEBOUNCE:
                        break
                    self._changed.wait(DEBOUNCE - quiet)
                if self._stopped:
                    return
                saved_at, self._last_event = self._last_event, None
            self._untidy = True
            try:
                self.report(self.regenerate(saved_at))
            except Exception:
                # Reporting failed (a closed terminal, say); keep watching all the same.
                traceback.print_exc()

    def regenerate(self, saved_at: float) -> Regeneration:
        try:
            generated = self.generate()
        except Exception as error:
            return Regeneration(time.perf_counter() - saved_at, error=error)
        return Regeneration(time.perf_counter() - saved_at, generated=generated)
