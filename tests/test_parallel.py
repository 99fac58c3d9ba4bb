"""Background work in a forked child: the same result as in place, errors reach the parent, no stray child."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from portal_gen import parallel
from portal_gen.parallel import Background, can_fork

pytestmark = pytest.mark.skipif(not can_fork(), reason="forks only on Linux with two or more cores")


def _where(value: int) -> tuple[int, int]:
    return os.getpid(), value * 2


def test_the_work_runs_in_a_child_and_its_result_comes_back() -> None:
    """With fork allowed, another process does the work; the value arrives intact."""
    with Background(_where, 21) as work:
        pid, value = work.result()
    assert value == 42
    assert pid != os.getpid()


def test_without_fork_the_work_runs_in_place() -> None:
    """fork=False (serve's memo) runs the function here, at once."""
    with Background(_where, 1, fork=False) as work:
        assert work.result() == (os.getpid(), 2)


def test_with_another_thread_running_nothing_is_forked() -> None:
    """Forking a process with threads is unsafe, so the work is done in place."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()
        with Background(_where, 1) as work:
            assert work.result()[0] == os.getpid()
    finally:
        stop.set()
        thread.join()


def _fails_in_child(parent: int) -> str:
    if os.getpid() != parent:
        os._exit(3)  # a child that dies without a word
    return "done in place"


def test_a_child_that_dies_is_replaced_by_doing_the_work_in_place() -> None:
    """If the child gives no result, the parent computes it."""
    with Background(_fails_in_child, os.getpid()) as work:
        assert work.result() == "done in place"


def _broken() -> None:
    raise ValueError("a real error in the work")


def test_an_error_in_the_work_is_raised_in_the_parent() -> None:
    """The child's failure is redone in place, so the same exception reaches the caller."""
    with pytest.raises(ValueError, match="a real error in the work"), Background(_broken) as work:
        work.result()


def test_leaving_without_the_result_stops_the_child() -> None:
    """A page that fails to render must not leave the feeds' child running."""
    with Background(time.sleep, 60) as work:
        child = work._child
        assert child is not None and child.is_alive()
    assert not child.is_alive()
    assert parallel.multiprocessing.active_children() == []


def test_a_child_that_cannot_start_leaves_the_work_to_the_parent(monkeypatch: pytest.MonkeyPatch) -> None:
    """No more processes allowed (EAGAIN): the work is done in place instead of failing."""

    def refuse(self: object) -> None:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(parallel.multiprocessing.context.ForkProcess, "start", refuse)
    with Background(_where, 2) as work:
        assert work.result() == (os.getpid(), 4)


def _in_pool_worker(_: int) -> bool:
    return can_fork()


def test_a_daemonic_worker_does_not_fork() -> None:
    """A pool worker may not have children, so generate inside one works in place."""
    with parallel.multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.map(_in_pool_worker, [0]) == [False]


def _big_and_deaf() -> bytes:
    # Like a host with its own SIGTERM handler: terminate alone does not stop this child.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    return b"x" * 5_000_000


def _hung(signum: int, frame: object) -> None:
    raise TimeoutError("leaving the Background hung")


def test_leaving_while_the_child_is_sending_does_not_hang() -> None:
    """A result larger than the pipe holds, never read, from a child that ignores SIGTERM:
    leaving still returns at once (the child's send fails once nobody can read)."""
    previous = signal.signal(signal.SIGALRM, _hung)
    signal.alarm(20)
    try:
        began = time.perf_counter()
        with Background(_big_and_deaf):
            time.sleep(0.5)  # the child is now blocked sending
        assert time.perf_counter() - began < 4
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        left = parallel.multiprocessing.active_children()
        for child in left:  # so that a regression fails here instead of hanging at exit
            child.kill()
    assert left == []
