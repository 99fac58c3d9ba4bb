"""Replacing a whole folder at once, so a reader or a kill never sees half of a new tree.

A generated folder (``build/docs``, ``site``) has a *spare* beside it, a hidden folder that
holds the tree from the run before last. A run brings the spare up to date (only the files
that differ are written), then exchanges the two folders in one step. Readers, and a run
killed at any moment, see the old complete tree or the new complete tree, never a mix; the
spare then holds the old tree, ready to be updated next time (no tree is ever deleted, which
on a slow disk costs more than writing the few files a save changes).

On Linux the exchange is one ``renameat2(RENAME_EXCHANGE)`` call. Where that is missing
(another system, a file system without it) it is three renames through a third name, and
:func:`recover` finishes or undoes that sequence after a kill, so the next run starts whole.

Readers that take many steps (an MkDocs build reads the tree for seconds) hold
:func:`reading`; :func:`exchange` waits for them, so such a reader sees one tree from its
first file to its last.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks; the exchange is still whole
    fcntl = None  # type: ignore[assignment]

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def spare(folder: Path) -> Path:
    """The hidden folder beside ``folder`` that holds the previous tree."""
    return folder.with_name(f".{folder.name}.portal-gen-spare")


def _parked(folder: Path) -> Path:
    """Where ``folder`` waits during the three-rename exchange."""
    return folder.with_name(f".{folder.name}.portal-gen-parked")


def _lock_file(folder: Path) -> Path:
    return folder.with_name(f".{folder.name}.portal-gen-lock")


def _renameat2() -> Any:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


_EXCHANGE = _renameat2()


def recover(folder: Path) -> None:
    """Finish what a killed three-rename exchange left: ``folder`` and its spare whole again."""
    parked = _parked(folder)
    if not parked.exists():
        return
    if not folder.exists():
        # Killed after the first rename: the old tree is parked; put it back.
        os.replace(parked, folder)
    elif not spare(folder).exists():
        # Killed after the second: the new tree is in place; the parked one is the spare.
        os.replace(parked, spare(folder))


def exchange(folder: Path, new: Path) -> None:
    """Make ``new`` (a complete tree) be ``folder`` in one step; ``new`` then holds the old tree.

    Without a ``folder`` yet, ``new`` simply becomes it (and there is no old tree)."""
    with _writing(folder):
        if not folder.exists():
            os.replace(new, folder)
            return
        if _EXCHANGE is not None:
            done = _EXCHANGE(_AT_FDCWD, os.fsencode(new), _AT_FDCWD, os.fsencode(folder), _RENAME_EXCHANGE)
            if done == 0:
                return
            code = ctypes.get_errno()
            if code not in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EPERM):
                raise OSError(code, os.strerror(code), str(folder))
        parked = _parked(folder)
        os.replace(folder, parked)
        os.replace(new, folder)
        os.replace(parked, new)


def _lock(lock_file: Path, mode: int) -> contextlib.AbstractContextManager[None]:
    @contextlib.contextmanager
    def held() -> Iterator[None]:
        if fcntl is None:
            yield
            return
        lock_file.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(descriptor, mode)
            yield
        finally:
            os.close(descriptor)  # closing releases the lock

    return held()


def _writer_lock_file(folder: Path) -> Path:
    return folder.with_name(f".{folder.name}.portal-gen-writer")


def one_writer(folder: Path) -> contextlib.AbstractContextManager[None]:
    """Hold from filling the spare to the exchange: a second writer of the same folder (a
    generate in another terminal while serve runs, two builds) waits instead of writing into
    the same spare, which would publish a tree made by both."""
    return _lock(_writer_lock_file(folder), fcntl.LOCK_EX if fcntl is not None else 0)


def _writing(folder: Path) -> contextlib.AbstractContextManager[None]:
    return _lock(_lock_file(folder), fcntl.LOCK_EX if fcntl is not None else 0)


def reading(folder: Path) -> contextlib.AbstractContextManager[None]:
    """Hold while reading ``folder`` in many steps: no exchange happens meanwhile."""
    return _lock(_lock_file(folder), fcntl.LOCK_SH if fcntl is not None else 0)
