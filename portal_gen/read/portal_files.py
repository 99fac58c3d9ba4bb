"""Which files of a portal folder may be read: ordinary files inside the portal, nothing else.

A portal is a git repository that CI builds and publishes. A symbolic link committed into
``content/`` (say to ``../.git/config``, where the checkout keeps the job's token, or to
``/proc/self/environ``) would otherwise be copied onto the public site, and one in ``data/``
would be quoted into the build log as error messages. So every file is reached here first:
a link is followed only when what it points at is inside the portal folder, a link to
anything outside is refused without reading it, and named pipes, devices and sockets (which
could block a build or read a device) are refused too. Nothing is skipped silently except
hidden names (``.git``, editor files), which portal-gen and MkDocs never publish.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath

from portal_gen.errors import DataError, Position


class UnsafeSourceError(DataError):
    """A file in the portal folder is a link out of it, a dangling link, or not an ordinary file."""


_KINDS = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


#: The folders portal-gen and MkDocs write into, relative to the portal.
GENERATED = ("build", "site")


def _inside(target: str, root: str) -> bool:
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def _name(path: Path, root: Path) -> str:
    return PurePosixPath(path.relative_to(root)).as_posix()


def portal_files(folder: Path, root: Path) -> tuple[list[Path], list[DataError]]:
    """The ordinary files below ``folder`` (a folder of the portal at ``root``), in path order,
    reached through the portal (so a message can name them as the owner sees them), and a
    problem for each entry that may not be read. ``folder`` itself may be a link inside the
    portal; a missing ``folder`` has no files."""
    real_root = os.path.realpath(root)
    # What portal-gen and MkDocs write: a link into them would publish the last output again.
    generated = [os.path.join(real_root, name) for name in GENERATED]
    files: list[Path] = []
    errors: list[DataError] = []

    def refuse(path: Path, message: str) -> None:
        errors.append(UnsafeSourceError(Position(_name(path, root)), "", message))

    def visit(path: Path, chain: frozenset[tuple[int, int]]) -> None:
        if path.is_symlink():
            target = os.path.realpath(path)
            if not os.path.exists(target):
                refuse(path, "a symbolic link to something that does not exist; remove the link")
                return
            if not _inside(target, real_root):
                # Never name or read the target: the message goes into CI logs.
                refuse(
                    path,
                    "a symbolic link to a file or folder outside the portal folder; portal-gen "
                    "reads only files inside the portal, so replace the link with a copy",
                )
                return
            parts = os.path.relpath(target, real_root).split(os.sep)
            if any(part.startswith(".") and part != os.curdir for part in parts):
                # .git sits inside the portal and holds the checkout's credentials.
                refuse(
                    path,
                    "a symbolic link into a hidden file or folder of the portal (such as .git); "
                    "hidden files are never published, so replace the link with a copy",
                )
                return
            if any(_inside(target, folder) for folder in generated):
                refuse(
                    path,
                    "a symbolic link into build/ or site/, which portal-gen writes; link to your "
                    "own files instead",
                )
                return
            if _inside(os.path.realpath(path.parent), target):
                refuse(path, "a symbolic link to a folder that contains it; remove the link")
                return
        try:
            info = os.stat(path)
        except FileNotFoundError:
            return  # removed while we looked: the next run sees the folder as it is then
        except OSError as error:
            refuse(path, f"cannot be read ({error.strerror}); remove it or fix its links")
            return
        if stat.S_ISDIR(info.st_mode):
            here = (info.st_dev, info.st_ino)
            if here in chain:
                # Links that lead round through other folders back here (a -> b, b -> a).
                refuse(path, "a symbolic link to a folder that contains it; remove the link")
                return
            try:
                names = sorted(os.listdir(path))
            except OSError as error:
                refuse(path, f"the folder cannot be read ({error.strerror}); check its permissions")
                return
            for name in names:
                if not name.startswith("."):
                    visit(path / name, chain | {here})
        elif stat.S_ISREG(info.st_mode):
            files.append(path)
        else:
            kind = _KINDS.get(stat.S_IFMT(info.st_mode), "not an ordinary file")
            refuse(path, f"{kind}, not an ordinary file; portal-gen reads only files and folders, remove it")

    if folder.exists() or folder.is_symlink():
        visit(folder, frozenset())
    return sorted(files), errors
