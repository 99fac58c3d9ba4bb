"""Work on a second core: the same result as in place, errors reach the caller, no stray worker."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from portal_gen import second_core
from portal_gen.second_core import can_fork, on_second_core

pytestmark = pytest.mark.skipif(not can_fork(), reason="forks only on Linux with two or more cores")


@pytest.fixture(autouse=True)
def _single_threaded() -> None:
    """A broken pool's queue thread lingers a moment after the test that broke it."""
    for _ in range(100):
        if can_fork():
            return
        time.sleep(0.02)


def _where(value: int) -> tuple[int, int]:
    return os.getpid(), value * 2


def test_the_work_runs_in_a_worker_and_its_result_comes_back() -> None:
    """Allowed, another process does the work; the value arrives intact."""
    with on_second_core(_where, 21, allowed=True) as work:
        pid, value = work.result()
    assert value == 42
    assert pid != os.getpid()


def test_not_allowed_the_work_runs_in_place() -> None:
    """allowed=False (serve, check) runs the function here."""
    with on_second_core(_where, 1, allowed=False) as work:
        assert work.result() == (os.getpid(), 2)


def test_with_another_thread_running_nothing_is_forked() -> None:
    """Forking a process with threads is unsafe, so the work is done in place."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()
        with on_second_core(_where, 1, allowed=True) as work:
            assert work.result()[0] == os.getpid()
    finally:
        stop.set()
        thread.join()


def _fails_in_worker(parent: int) -> str:
    if os.getpid() != parent:
        os._exit(3)  # a worker that dies without a word
    return "done in place"


def test_a_worker_that_dies_is_replaced_by_doing_the_work_in_place() -> None:
    """If the worker gives no result, the caller computes it."""
    with on_second_core(_fails_in_worker, os.getpid(), allowed=True) as work:
        assert work.result() == "done in place"


def _broken() -> None:
    raise ValueError("a real error in the work")


def test_an_error_in_the_work_is_raised_in_the_caller() -> None:
    """The worker's failure is redone in place, so the same exception reaches the caller."""
    with (
        pytest.raises(ValueError, match="a real error in the work"),
        on_second_core(_broken, allowed=True) as work,
    ):
        work.result()


def test_leaving_without_the_result_stops_the_worker() -> None:
    """A page that fails to render must not leave the calendars' worker running."""
    with on_second_core(time.sleep, 60, allowed=True):
        time.sleep(0.2)
        assert multiprocessing.active_children()
    assert multiprocessing.active_children() == []


def test_a_worker_that_cannot_start_leaves_the_work_to_the_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    """No more processes allowed (EAGAIN): the work is done in place instead of failing."""

    def refuse(self: object, fn: object) -> None:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(ProcessPoolExecutor, "submit", refuse)
    with on_second_core(_where, 2, allowed=True) as work:
        assert work.result() == (os.getpid(), 4)
    assert second_core._PENDING is None


def _in_pool_worker(_: int) -> bool:
    return can_fork()


def test_a_daemonic_worker_does_not_fork() -> None:
    """A pool worker may not have children, so generate inside one works in place."""
    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.map(_in_pool_worker, [0]) == [False]


def _big_and_deaf() -> bytes:
    # Like a host with its own SIGTERM handler: terminate alone does not stop this worker.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    time.sleep(0.2)
    return b"x" * 5_000_000


def _hung(signum: int, frame: object) -> None:
    raise TimeoutError("leaving on_second_core hung")


def test_leaving_while_the_worker_is_busy_does_not_hang() -> None:
    """A worker that ignores SIGTERM, its result never asked for: leaving still returns at once."""
    previous = signal.signal(signal.SIGALRM, _hung)
    signal.alarm(20)
    try:
        began = time.perf_counter()
        with on_second_core(_big_and_deaf, allowed=True):
            time.sleep(0.05)
        assert time.perf_counter() - began < 4
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        left = multiprocessing.active_children()
        for child in left:  # so that a regression fails here instead of hanging at exit
            child.kill()
    assert left == []


def test_ctrl_c_while_waiting_for_the_worker_is_not_swallowed() -> None:
    """A KeyboardInterrupt while the result is awaited stops generate; the work is not redone."""
    done: list[str] = []

    class _Interrupted:
        def result(self) -> None:
            raise KeyboardInterrupt

    outcome = second_core.Outcome(lambda: done.append("redone"), (), _Interrupted())  # type: ignore[arg-type]
    with pytest.raises(KeyboardInterrupt):
        outcome.result()
    assert done == []


_KILLED_PARENT = """
import multiprocessing, sys, time
from portal_gen.second_core import on_second_core
with on_second_core(time.sleep, 60, allowed=True):
    time.sleep(0.3)
    print(*(child.pid for child in multiprocessing.active_children()), flush=True)
    time.sleep(60)
"""


def test_a_worker_whose_generate_is_killed_dies_with_it() -> None:
    """SIGKILL on generate (no cleanup can run) still leaves no worker behind: the kernel stops it."""
    parent = subprocess.Popen([sys.executable, "-c", _KILLED_PARENT], stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None
        workers = [int(pid) for pid in parent.stdout.readline().split()]
        assert len(workers) == 1
    finally:
        parent.kill()
        parent.wait()
    for _ in range(100):
        if not Path(f"/proc/{workers[0]}").exists():
            break
        time.sleep(0.05)
    else:
        os.kill(workers[0], signal.SIGKILL)
        pytest.fail("the worker outlived its killed parent")
