"""Children that never outlive us: MkDocs under ``build`` and ``serve``, and the calendars'
worker on the second core. A parent killed by SIGKILL cannot stop its children itself."""

from __future__ import annotations

import contextlib
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int | None = None) -> None:
    """In a child: ask Linux to send it SIGKILL when its parent dies. With ``parent`` (the
    pid that started us), leave at once if it died before the request was made."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes  # only in the child: ``check`` never starts one

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if parent is not None and os.getppid() != parent:
        os._exit(1)
