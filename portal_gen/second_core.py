"""A second processor core for a one-off generate: the calendars are made there meanwhile.

Serialising every event to iCalendar is about a third of a fresh generate (icalendar's line
folding is pure Python) and needs nothing the pages make, so ``generate`` may hand it to a
worker process while the pages render (on the benchmark portal: 0.92 s -> 0.53 s for the
rendering on two cores). The worker is forked, so it shares the portal already in memory
and nothing is copied to it; only the finished bytes come back.

Forking is only safe in a process with a single thread, and only the default on Linux, so
anywhere else (and in ``serve``, whose reuse makes the calendars incremental anyway) the work
is simply done in place. If the worker fails in any way, the work is done again in place, so
an error surfaces exactly as it would have without it.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

from portal_gen.orphans import die_with_parent

T = TypeVar("T")

#: The work for the worker, which it finds in its forked copy of this module: passing it as an
#: argument would pickle the whole portal through a pipe.
_PENDING: tuple[Callable[..., Any], tuple[Any, ...]] | None = None


def can_fork() -> bool:
    """Linux, more than one core, no other thread running (counted by the kernel, so threads
    a host or a C library started count too), and not in a daemonic worker, which may not
    have children."""
    if sys.platform != "linux" or (os.cpu_count() or 1) < 2 or multiprocessing.current_process().daemon:
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return threading.active_count() == 1


def _run_pending() -> Any:
    assert _PENDING is not None
    function, args = _PENDING
    return function(*args)


class Outcome(Generic[T]):
    """The result of the work, from the worker or made here."""

    def __init__(self, function: Callable[..., T], args: tuple[Any, ...], future: Future[T] | None) -> None:
        self._function, self._args, self._future = function, args, future

    def result(self) -> T:
        if self._future is not None:
            try:
                return self._future.result()
            except Exception:  # any failure there: do it here, so any error is raised as usual
                self._future = None
        return self._function(*self._args)


@contextmanager
def on_second_core(function: Callable[..., T], *args: Any, allowed: bool) -> Iterator[Outcome[T]]:
    """``function(*args)`` started on a forked worker when ``allowed`` and safe; else it is made
    in place when its result is asked for. Leaving the block without asking (a page failed to
    render) stops the worker."""
    global _PENDING
    if not (allowed and can_fork()):
        yield Outcome(function, args, None)
        return
    _PENDING = (function, args)
    try:
        # A generate killed by SIGKILL cannot stop its worker: the kernel does (see orphans).
        executor = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("fork"),
            initializer=die_with_parent,
            initargs=(os.getpid(),),
        )
    except (OSError, RuntimeError):  # no more processes allowed, say: do it here
        _PENDING = None
        yield Outcome(function, args, None)
        return
    future: Future[T] | None = None
    # Everything from here is inside the finally: a Ctrl-C that lands while the worker is
    # being forked must stop it too, or the interpreter's exit would wait for it.
    try:
        try:
            future = executor.submit(_run_pending)  # forks now, before the executor's own thread starts
        except (OSError, RuntimeError):
            future = None
        _PENDING = None  # the worker has its own copy
        yield Outcome(function, args, future)
    finally:
        _PENDING = None
        if future is None or not future.done():
            # A worker still busy is of no more use: stop it rather than wait for it.
            for process in list(getattr(executor, "_processes", {}).values()):
                process.kill()
        executor.shutdown(wait=True, cancel_futures=True)
