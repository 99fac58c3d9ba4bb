"""MkDocs' output as an owner should see it: its messages as they come, a crash as one line.

When MkDocs itself fails (a full disk while it copies the theme, say) it prints a Python
traceback of forty lines that says nothing an owner can act on but its last line. Those
lines are held back and the last one becomes ``error: ...`` naming the file as the owner
knows it (``site/...``, not the hidden folder MkDocs really writes to).
"""

from __future__ import annotations

import errno
import re

_START = "Traceback (most recent call last):"
_CHAINED = ("During handling of the above exception", "The above exception was the direct cause")
#: ``OSError: [Errno 28] No space left on device: 'source' -> 'target'`` and the like.
_OS_ERROR = re.compile(r"^\w*Error: \[Errno (?P<code>\d+)\] (?P<reason>[^:]+)(?:: '(?P<first>[^']*)')?")


class MkDocsOutput:
    """Feed MkDocs' lines in; get back the lines to show, and at the end the crash if any."""

    def __init__(self, built_in: str, shown_as: str) -> None:
        self.built_in, self.shown_as = built_in, shown_as
        self.in_traceback = False
        self.crash: str | None = None

    def _shown(self, text: str) -> str:
        return text.replace(self.built_in, self.shown_as)

    def feed(self, line: str) -> list[str]:
        line = line.rstrip("\n")
        if line.startswith(_START):
            self.in_traceback = True
            return []
        if self.crash is not None and (not line.strip() or line.startswith(_CHAINED)):
            # A chained traceback follows the first; the first exception is the cause.
            self.in_traceback = True
            return []
        if self.in_traceback:
            if line[:1] in (" ", "\t", ""):
                return []
            # The exception's own line ends the traceback.
            self.in_traceback = False
            if self.crash is None:
                self.crash = self._message(line)
            return []
        return [self._shown(line)]

    def _message(self, line: str) -> str:
        found = _OS_ERROR.match(line)
        if found is None:
            return f"error: mkdocs stopped: {self._shown(line)}"
        target = line.rsplit(" -> ", 1)[-1].strip("'") if " -> " in line else found.group("first") or ""
        where = f" {self._shown(target)}" if target else ""
        hint = "; free some space and run again" if int(found.group("code")) == errno.ENOSPC else ""
        return f"error: mkdocs could not write{where}: {found.group('reason')}{hint}"
