"""``serve``'s reuse: what one regeneration may take from the ones before it.

A ``Session`` lives as long as ``serve``. During each regeneration it is the ``Reuser`` that
steps marked ``@reusable`` go through (see ``portal_gen.reuse``): a step's result is kept
under the fingerprint of its arguments, and handed back when a later call has arguments
with the same fingerprint. For a step with a ``tracked`` argument (a page and its portal),
the argument is replaced by a ``Recording`` and the result is handed back only when the
new portal answers every recorded question the same way.

Dependencies are recorded as the steps run: a step called inside another (a card inside an
events page) is noted as part of it, so reusing the page keeps the card too, and what the
card read is what the page read. What a regeneration did not ask for is forgotten at its end.
When anything about an argument is unknown, the step is computed, never guessed.
"""

from __future__ import annotations

import gc
import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from portal_gen.incremental.fingerprint import Fingerprints, Unsure
from portal_gen.incremental.reads import Question, Recording, still_true
from portal_gen.output.tree import TreeMemory

Key = tuple[str, tuple[Any, ...]]


@dataclass
class _Entry:
    result: Any
    #: For a tracked step: what it asked of the tracked argument.
    log: list[Question] | None
    #: The steps it called, kept whenever it is.
    inner: set[Key] = field(default_factory=set)


@dataclass
class _Frame:
    """A step being computed: the steps it calls, and its recording if tracked."""

    inner: set[Key] = field(default_factory=set)
    recording: Recording | None = None


class Session:
    """What ``serve`` keeps between regenerations."""

    def __init__(self) -> None:
        self.fingerprints = Fingerprints()
        self._entries: dict[Key, _Entry] = {}
        #: The entries this regeneration used or made: after a successful one, all there is
        #: (gathered as the steps run, because sifting the entries afterwards hashed each key
        #: again, and these keys are tuples, whose hashes Python does not keep).
        self._used: dict[Key, _Entry] = {}
        self._stack: list[_Frame] = []
        self._signatures: dict[Callable[..., Any], tuple[str, list[str], int | None]] = {}
        self._trees: dict[Path, TreeMemory] = {}
        #: How many step results were handed back and computed in the last regeneration.
        self.reused = self.computed = 0
        #: Regenerations since the last ``tidy``.
        self.untidy = 0

    def tree_memory(self, folder: Path) -> TreeMemory:
        """What the writer remembers of ``folder`` between regenerations."""
        return self._trees.setdefault(folder, TreeMemory())

    @contextmanager
    def regeneration(self) -> Iterator[Session]:
        """One regeneration: steps go through this session; after a successful one, what it
        did not use is forgotten. A failed one (a save with a mistake) forgets nothing, so
        the save that fixes it reuses as much as any other."""
        if self.untidy >= TIDY_AFTER:
            self.tidy()  # nobody called it for a while (a test, say): bound what waits
        self._used = {}
        self.reused = self.computed = 0
        succeeded = False
        with collector_paused():
            try:
                yield self
                succeeded = True
            finally:
                self._stack.clear()
                if succeeded:
                    self._entries = self._used
                self.fingerprints.sweep(forget=succeeded)
                # What is alive now is mostly what the session keeps for the next save: the
                # collector's passes need not look at it again (a pass over it took a twentieth
                # of a save); its garbage waits for ``tidy``.
                gc.freeze()
                self.untidy += 1

    def tidy(self) -> None:
        """Collect the garbage the regenerations so far left in cycles (a few thousand objects
        each): ``serve`` calls this while nobody waits for a save (a tenth of a second on the
        benchmark portal)."""
        gc.unfreeze()
        gc.collect()
        self.untidy = 0

    def call(
        self, function: Callable[..., Any], tracked: str | None, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> Any:
        name, params, position = self._signature(function, tracked)
        if not kwargs and len(args) == len(params):
            given = list(args)  # the usual call: every argument by position
        else:
            bound = inspect.signature(function).bind(*args, **kwargs)
            bound.apply_defaults()
            given = [bound.arguments[param] for param in params]
        target = None
        if position is not None:
            target = given.pop(position)
            if isinstance(target, Recording):  # a card given the page's stand-in: track the portal
                target = target.target
        try:
            key: Key = (name, self.fingerprints.of_all(given))
        except Unsure:
            self.computed += 1
            return function(*args, **kwargs)
        entry = self._entries.get(key)
        if entry is not None and (entry.log is None or still_true(entry.log, target, self.fingerprints)):
            self.reused += 1
            if entry.inner:
                self._keep(key, entry)
            else:
                self._used[key] = entry
            if self._stack:
                self._note(key, entry.log, target)
            return entry.result
        self.computed += 1
        frame = _Frame(recording=Recording(target, self.fingerprints) if position is not None else None)
        if frame.recording is not None and position is not None:
            given.insert(position, frame.recording)
        self._stack.append(frame)
        try:
            result = function(*given)
        finally:
            self._stack.pop()
        log = frame.recording.log if frame.recording is not None else None
        self._entries[key] = self._used[key] = _Entry(result, log, frame.inner)
        self._note(key, log, target)
        return result

    def _signature(
        self, function: Callable[..., Any], tracked: str | None
    ) -> tuple[str, list[str], int | None]:
        """The step's name, its parameters in order, and where the tracked one is."""
        known = self._signatures.get(function)
        if known is None:
            params = list(inspect.signature(function).parameters)
            known = self._signatures[function] = (
                f"{function.__module__}.{function.__qualname__}",
                params,
                params.index(tracked) if tracked is not None else None,
            )
        return known

    def _note(self, key: Key, log: list[Question] | None, target: Any) -> None:
        """Tell the step this one ran inside (if any) that it depends on it."""
        if not self._stack:
            return
        outer = self._stack[-1]
        outer.inner.add(key)
        if log is not None and outer.recording is not None:
            if outer.recording.target is target:
                outer.recording.extend(log)
            else:  # read of another object: the outer step cannot check it, so never reuse it
                outer.recording.extend([_NEVER])

    def _keep(self, key: Key, entry: _Entry) -> None:
        """``key`` is reused: keep what it called as well."""
        self._used[key] = entry
        waiting = [inner for inner in entry.inner if inner not in self._used]
        while waiting:
            current = waiting.pop()
            if current in self._used:
                continue
            found = self._entries.get(current)
            if found is not None:
                self._used[current] = found
                waiting.extend(inner for inner in found.inner if inner not in self._used)

    def __len__(self) -> int:
        return len(self._entries)


_NEVER = Question("\x00never", None, b"")

#: At most this many regenerations' garbage waits for ``tidy``.
TIDY_AFTER = 20


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector (if it runs) within the block; the outermost pause wins.

    A regeneration makes hundreds of thousands of short-lived objects, and the collector's
    passes over them and over everything the session keeps (a full pass walks every object
    alive) took 10 to 90 ms of each save. Reference counting frees what a regeneration drops;
    the collector resumes when the block ends, and its pass comes at the next allocation,
    so a caller that pauses around the whole command (``app.generate``: until the files
    are on disk and the result is made) has it after the owner's files are written.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
