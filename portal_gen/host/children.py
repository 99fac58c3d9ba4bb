"""MkDocs as a child process of ``portal-gen build`` and ``serve``: started so that it never
outlives us, waited for so that Ctrl-C and SIGTERM stop it first.

Imported by the two commands that start MkDocs only, so that ``portal-gen --help`` and
``check`` do not pay for ``subprocess``, ``signal`` and ``ctypes``.
"""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from portal_gen.host.handoff import child_environment
from portal_gen.orphans import die_with_parent


def start(command: list[str], staging: Path, piped: bool = False) -> subprocess.Popen[str]:
    """Start ``command`` (MkDocs) on ``staging`` as a child that never outlives us: on Linux
    the kernel kills it when we die, even by SIGKILL (see ``wait`` for Ctrl-C and SIGTERM).
    ``piped``: its output (both streams) comes to us, for ``wait`` to show."""
    pipe = {"stdout": subprocess.PIPE, "stderr": subprocess.STDOUT, "text": True} if piped else {}
    env = child_environment(Path(os.path.abspath(staging)))
    return subprocess.Popen(command, env=env, preexec_fn=die_with_parent, **pipe)  # type: ignore[call-overload, no-any-return]


def wait(
    child: subprocess.Popen[str],
    shown: Callable[[str], Iterable[str]] | None = None,
    show: Callable[[str], None] = print,
) -> int:
    """Wait for ``child``, passing each line of its output through ``shown`` and each line
    that gives to ``show``; on Ctrl-C or SIGTERM stop it first, then raise KeyboardInterrupt."""

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        if shown is not None and child.stdout is not None:
            for line in child.stdout:
                for kept in shown(line):
                    show(kept)
        return child.wait()
    except KeyboardInterrupt:
        child.terminate()
        try:
            child.wait(5)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        raise
    finally:
        signal.signal(signal.SIGTERM, previous)
