"""Work done on a second processor core while the pages render: the calendar feeds.

Serialising every event to iCalendar is about a third of a fresh generate (icalendar's line
folding is pure Python) and needs nothing the pages make, so a one-off generate or build
hands it to a forked child process and renders the pages meanwhile (on the benchmark
portal: plan 0.92 s -> 0.53 s on two cores). A fork shares the portal already in memory,
so nothing is copied there; only the finished bytes come back, through a pipe.

Forking is only safe in a process with a single thread, and only the default on Linux, so
anywhere else (and in ``serve``, whose memo makes the feeds incremental anyway) the work is
simply done in place. If the child fails in any way, the work is done again in place, so an
error surfaces exactly as it would have without the child.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

T = TypeVar("T")


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


class Background(Generic[T]):
    """``function(*args)`` started in a forked child when that is safe, else run at once.

    Use as a context manager: leaving it without asking for the result (a page failed to
    render) stops the child.
    """

    def __init__(self, function: Callable[..., T], *args: Any, fork: bool = True) -> None:
        self._function = function
        self._args = args
        self._child: Any = None
        self._receive: Connection | None = None
        if not (fork and can_fork()):
            self._value = function(*args)
            return
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        child = context.Process(target=_run, args=(self._receive, send, function, args), daemon=True)
        try:
            child.start()
        except (OSError, AssertionError):  # no more processes allowed, say: do it here
            send.close()
            self._close()
            self._value = function(*args)
            return
        self._child = child
        send.close()  # the child holds its own end; without this, recv could wait forever

    def result(self) -> T:
        if self._child is None:
            return self._value
        assert self._receive is not None
        try:
            done, value = self._receive.recv()  # before join: a full pipe would block the child
        except (EOFError, OSError):
            done, value = False, None
        self._close()
        return value if done else self._function(*self._args)  # type: ignore[no-any-return]

    def _close(self) -> None:
        # Our end first: a child still sending then fails at once instead of waiting for a
        # reader, so the join below cannot hang.
        if self._receive is not None:
            self._receive.close()
            self._receive = None
        if self._child is not None:
            if self._child.is_alive():
                self._child.terminate()
            self._child.join(timeout=5)
            if self._child.is_alive():  # terminate can be caught; kill cannot
                self._child.kill()
                self._child.join()
            self._child = None

    def __enter__(self) -> Background[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self._close()


def _run(receive: Connection, send: Connection, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    # The fork copied the parent's reading end; closing it here means that if the parent
    # goes away (killed by a CI timeout, say), sending fails instead of blocking for ever.
    receive.close()
    try:
        outcome = (True, function(*args))
    except BaseException:  # the parent does the work again and reports the error itself
        outcome = (False, None)
    with contextlib.suppress(OSError):  # nobody is reading any more
        send.send(outcome)
    send.close()
