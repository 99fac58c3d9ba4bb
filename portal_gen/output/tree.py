"""The staging folder as a whole: the new tree is made in its spare, then the two are exchanged.

The spare (see ``swap``) holds the tree of the run before last. To bring it to the plan, a
file whose bytes equal the visible tree's is hard-linked to it (the two trees share such
files, so unchanged files keep their inode and modification time across the exchange and
watchers see only real changes); a changed file is written anew. A file in the spare is
never rewritten in place (it is unlinked first), because it may be shared with the visible
tree. Since the spare is ours and hidden, a file where a folder goes (or the reverse) or a
link in it is simply replaced, so a damaged tree repairs itself on the next run.
"""

from __future__ import annotations

import errno
import os
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

from portal_gen.errors import OutputError
from portal_gen.output import swap

#: What the writer remembers of one tree: each file's bytes as written and its (size, inode, mtime).
Known = dict[str, tuple[bytes, tuple[int, int, int]]]


@dataclass
class WriteReport:
    """What a write changed, relative to the output folder."""

    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0

    def summary(self) -> str:
        return f"{len(self.written)} written, {len(self.removed)} removed, {self.unchanged} unchanged"


def existing(out_dir: Path) -> set[str]:
    """Files (and symbolic links, as themselves) under ``out_dir``, never following a link.

    Dotfiles and dot-folders at the top (an editor's settings, say) are not counted:
    portal-gen never writes such names, so it must not remove them either.
    """
    found: set[str] = set()
    for folder, dirs, names in os.walk(out_dir):
        base = Path(folder)
        if base == out_dir:
            dirs[:] = [name for name in dirs if not name.startswith(".")]  # not ours either
        links = [name for name in dirs if (base / name).is_symlink()]
        for name in [*names, *links]:
            if base == out_dir and name.startswith("."):
                continue
            found.add((base / name).relative_to(out_dir).as_posix())
    return found


def signature(path: str | Path) -> tuple[int, int, int]:
    """What changes when anyone else rewrites, replaces or removes a file."""
    try:
        info = os.lstat(path)
    except OSError:
        return (-1, -1, -1)
    return (info.st_size, info.st_ino, info.st_mtime_ns)


def same_bytes(target: Path, data: bytes) -> bool:
    """Compare sizes first: most changed files differ in length, and stat is cheap."""
    if not target.is_file() or target.is_symlink():
        return False
    return target.stat().st_size == len(data) and target.read_bytes() == data


def _linked_folders(out_dir: Path, names: set[str]) -> set[str]:
    return {name for name in names if os.path.isdir(out_dir / name) and os.path.islink(out_dir / name)}


def _through(name: str, linked: set[str]) -> bool:
    """Is ``name`` reached through one of the ``linked`` folders?"""
    return bool(linked) and any(folder in linked for folder in folders_of(name))


@dataclass
class _Kept:
    """What the writer knows of a staging folder and its spare after a write."""

    visible: Known = field(default_factory=dict)  # the files readers see
    spare: Known = field(default_factory=dict)  # the files in the spare ({}: walk it)
    #: Brings a missing or unknown spare up to date between saves (see ``_prime``).
    primer: threading.Thread | None = None
    #: The inodes of the folder and its spare when this was recorded.
    identity: tuple[int, int] = (-1, -1)


class TreeMemory:
    """What a long-running writer (serve) remembers between writes of one folder: the bytes it
    left in the folder and its spare, with each file's (size, inode, mtime). A file whose
    planned bytes are the ones written last time, and which still has that signature, is not
    read back to compare; anything else is looked at on disk."""

    def __init__(self) -> None:
        self.kept = _Kept()


def replace_tree(files: dict[str, bytes], out_dir: Path, memory: TreeMemory | None = None) -> WriteReport:
    """Make ``out_dir`` hold exactly ``files`` (top-level dot entries aside), in one exchange."""
    kept = memory.kept if memory is not None else _Kept()
    if kept.primer is not None:
        kept.primer.join()
    with swap.one_writer(out_dir):
        return _replace(files, out_dir, memory, kept)


def _identity(out_dir: Path) -> tuple[int, int]:
    """Which folders are the visible tree and the spare now (another process may have
    exchanged them since serve's last save)."""
    return (signature(out_dir)[1], signature(swap.spare(out_dir))[1])


def _replace(files: dict[str, bytes], out_dir: Path, memory: TreeMemory | None, kept: _Kept) -> WriteReport:
    swap.recover(out_dir)
    spare = swap.spare(out_dir)
    if kept.identity != _identity(out_dir):
        kept = _Kept()  # someone else wrote here: know nothing, look at the disk
    visible, spare_known = kept.visible, kept.spare
    if memory is not None:
        memory.kept = _Kept()  # until this write has finished, trust nothing

    # Compare with what readers see now: the report, and whether anything is to do at all.
    present = set(visible) if visible else existing(out_dir)
    linked = set() if visible else _linked_folders(out_dir, present)
    unchanged: Known = {}
    changed: list[str] = []
    base = str(out_dir)  # joined as text: pathlib's joins were a tenth of a save
    for name, data in files.items():
        before = visible.get(name)
        if (
            before is not None
            and (before[0] is data or before[0] == data)
            and signature(os.path.join(base, name)) == before[1]
        ):
            unchanged[name] = before
        elif name in present and not _through(name, linked) and same_bytes(out_dir / name, data):
            unchanged[name] = (data, signature(out_dir / name))
        else:
            changed.append(name)
    removed = sorted(present - files.keys())
    report = WriteReport(written=changed, removed=removed, unchanged=len(unchanged))
    if not changed and not removed:
        after = _Kept(unchanged, spare_known)
    else:
        existed = out_dir.exists()
        try:
            _fill_spare(files, out_dir, spare, unchanged, changed, spare_known)
            swap.exchange(out_dir, spare)
        except OSError as error:
            # The visible tree was not touched; the spare is redone from scratch next time.
            raise OutputError(could_not("write", error, out_dir)) from error
        carry_dot_entries(spare, out_dir)
        written: Known = {name: (files[name], signature(os.path.join(base, name))) for name in changed}
        after = _Kept({**unchanged, **written}, visible if existed else {})
    after.identity = _identity(out_dir)
    if memory is None:
        return report
    if not after.spare:
        # The next save would have to link every file into a missing or unknown spare (a
        # third of a second on the benchmark portal); do it now, while the owner reads.
        after.primer = threading.Thread(target=_prime, args=(out_dir, after), daemon=True)
        after.primer.start()
    memory.kept = after
    return report


def _prime(out_dir: Path, kept: _Kept) -> None:
    """Make the spare a copy of the visible tree (by hard links) and record it as known."""
    files = {name: data for name, (data, _) in kept.visible.items()}
    with swap.one_writer(out_dir):
        if kept.identity != _identity(out_dir):
            return  # another process wrote meanwhile; the next save will look at the disk
        try:
            _fill_spare(files, out_dir, swap.spare(out_dir), kept.visible, [], {})
        except OSError:
            return  # the next save fills the spare itself and reports any problem
        kept.spare = dict(kept.visible)
        kept.identity = _identity(out_dir)


def could_not(verb: str, error: OSError, path: Path) -> str:
    """One line for a failed write: the file we were at (an ENOSPC names none), and what to do."""
    where = error.filename or path
    hint = "; free some space and run again" if error.errno == errno.ENOSPC else ""
    return f"could not {verb} {where}: {error.strerror}{hint}"


def folders_of(name: str) -> list[str]:
    """The folders above a generated path, outermost first: ``a/b/c.md`` -> ``a``, ``a/b``."""
    parts = name.split("/")[:-1]
    return ["/".join(parts[:end]) for end in range(1, len(parts) + 1)]


def _fill_spare(
    files: dict[str, bytes],
    out_dir: Path,
    spare: Path,
    unchanged: Known,
    changed: list[str],
    spare_known: Known,
) -> None:
    """Bring the spare to the plan: link what is unchanged, write what changed, drop the rest."""
    if spare.is_symlink() or (spare.exists() and not spare.is_dir()):
        spare.unlink()
    spare.mkdir(parents=True, exist_ok=True)
    there = set(spare_known) if spare_known else existing(spare)
    stale = there - files.keys()
    for name in stale:
        _remove(spare / name)
    made: set[str] = set()
    for name, (_, shown) in unchanged.items():
        known = spare_known.get(name)
        if known is not None and known[1] == shown:
            continue  # already the visible file itself (the path is made only past this test)
        target = spare / name
        if known is None and signature(target) == shown:
            continue
        _make_parent(spare, name, made)
        _remove(target)
        try:
            os.link(out_dir / name, target)
        except OSError:
            # No hard links here (some file systems, or a cross-device spare): copy instead.
            target.write_bytes(files[name])
    for name in changed:
        target = spare / name
        _make_parent(spare, name, made)
        _remove(target)
        try:
            with open(target, "xb") as handle:
                handle.write(files[name])
        except OSError as error:
            # A full disk fails in write(2), which names no file: name the one readers will see.
            error.filename = str(out_dir / name)
            raise
    if stale:
        _remove_empty_folders(spare)


def _make_parent(spare: Path, name: str, made: set[str]) -> None:
    """The folders of ``name`` in the spare, replacing any file or link where one goes."""
    if name.rpartition("/")[0] in made:
        return
    for partial in folders_of(name):
        if partial in made:
            continue
        path = spare / partial
        if path.is_symlink() or (path.exists() and not path.is_dir()):
            path.unlink()
        if not path.is_dir():
            path.mkdir()
        made.add(partial)


def _remove(path: Path) -> None:
    """Remove a file, a link (never what it points to) or a folder where a file goes."""
    if path.is_symlink() or not path.is_dir():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path)


def _remove_empty_folders(folder: Path) -> None:
    # Bottom up, so a folder emptied by removing its empty sub-folders goes too.
    for base, _, _ in os.walk(folder, topdown=False):
        if base != str(folder) and not os.listdir(base):
            os.rmdir(base)


def carry_dot_entries(old: Path, new: Path) -> None:
    """Top-level dot entries (an editor's settings) are not ours: they stay in the visible tree."""
    if not old.is_dir():
        return  # there was no old tree
    for entry in os.listdir(old):
        if entry.startswith(".") and not os.path.lexists(new / entry):
            os.replace(old / entry, new / entry)
