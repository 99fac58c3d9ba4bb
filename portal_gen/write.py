"""The only writer: puts a plan (path -> bytes) into the staging folder.

Files whose bytes are unchanged are not touched (so MkDocs' live reload and file watchers
see only real changes), files no longer planned are removed, and nothing is replaced until
every new file has been written to a temporary name beside its target: a failure part way
leaves the previous output whole.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from portal_gen.errors import OutputError
from portal_gen.memo import NO_MEMO, Memo, same

_TEMP_SUFFIX = ".portal-gen-tmp"
_BACKUP_SUFFIX = ".portal-gen-old"


@dataclass
class WriteReport:
    """What a write changed, relative to the output folder."""

    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0

    def summary(self) -> str:
        return f"{len(self.written)} written, {len(self.removed)} removed, {self.unchanged} unchanged"


def _check_path(name: str, dotfiles: bool = False) -> None:
    """Refuse anything that could land outside the output folder (or be hidden in it)."""
    # Plain string tests (not pathlib): this runs for each of thousands of files per save.
    hidden = name.startswith(".") and not dotfiles
    if not name or name.startswith("/") or ".." in name.split("/") or "\\" in name or hidden:
        raise OutputError(f"refusing to write {name!r}: generated paths must stay inside the output folder")


def _inside(path: Path, other: Path) -> bool:
    return path == other or other in path.parents


def _existing(out_dir: Path) -> set[str]:
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


def _refuse_links(out_dir: Path, name: str, checked: set[str]) -> None:
    """Writing through a linked folder would put files outside the output folder."""
    folder = name.rpartition("/")[0]
    if not folder or folder in checked:
        return
    parts = folder.split("/")
    for end in range(1, len(parts) + 1):
        parent = "/".join(parts[:end])
        if parent in checked:
            continue
        checked.add(parent)
        if os.path.islink(os.path.join(out_dir, parent)):
            raise OutputError(
                f"refusing to write {name!r} through the symbolic link {out_dir / parent}; "
                "remove the link (generated folders must be real folders)"
            )


def write(
    files: dict[str, bytes],
    out_dir: Path,
    protected: Iterable[Path] = (),
    prune: bool = True,
    dotfiles: bool = False,
    memo: Memo = NO_MEMO,
) -> WriteReport:
    """Make ``out_dir`` hold exactly ``files``, changing only what differs; without ``prune``,
    other files already there are kept (e-mails of other issues, say). Names starting with a
    dot are refused unless ``dotfiles`` (``init`` writes ``.gitignore`` and ``.github/``).

    ``protected`` are the owner's source folders: the output may be neither one of them nor
    inside or around one, so a misconfiguration can never delete an owner's work.

    With a ``memo`` (serve), the writer remembers what it left in ``out_dir``: a file whose
    planned bytes are the ones it wrote last time, and which still has the size, inode and
    modification time it had then, is not read back to compare. Files that appear in
    ``out_dir`` from elsewhere while serving are left for the next fresh generate to remove.
    """
    out_dir = out_dir.resolve()
    for source in protected:
        source = source.resolve()
        if _inside(out_dir, source) or _inside(source, out_dir):
            raise OutputError(
                f"refusing to write generated files to {out_dir}: it overlaps the owner's folder {source}"
            )
    checked: set[str] = set()
    for name in files:
        _check_path(name, dotfiles)
        _refuse_links(out_dir, name, checked)

    slot = ("written", out_dir)
    kept = memo.peek(slot)
    known: dict[str, tuple[bytes, tuple[int, int, int]]] = kept[1] if kept is not None else {}
    memo.put(slot, None, {})  # until this write has finished, trust nothing about out_dir
    report = WriteReport()
    existing = set(known) if known else _existing(out_dir)
    staged: list[tuple[Path, Path]] = []
    made: set[Path] = set()
    now: dict[str, tuple[bytes, tuple[int, int, int]]] = {}
    try:
        for name, data in files.items():
            before = known.get(name)
            if (
                before is not None
                and same(before[0], data)
                and _signature(os.path.join(out_dir, name)) == before[1]
            ):
                report.unchanged += 1
                now[name] = before
                continue
            target = out_dir / name
            if name in existing and _same_bytes(target, data):
                report.unchanged += 1
                if memo.enabled:
                    now[name] = (data, _signature(target))
                continue
            if target.parent not in made:
                # One mkdir per folder, not per file: on some file systems a mkdir of a folder
                # that exists costs as much as making it.
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            temp = target.with_name(target.name + _TEMP_SUFFIX)
            temp.write_bytes(data)
            staged.append((temp, target))
            report.written.append(name)
    except OSError as error:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise OutputError(f"could not write {error.filename}: {error.strerror}") from error

    _swap_in(staged)
    if memo.enabled:
        for name in report.written:
            now[name] = (files[name], _signature(out_dir / name))
    if prune:
        try:
            for name in sorted(existing - files.keys()):
                (out_dir / name).unlink(missing_ok=True)
                report.removed.append(name)
            if report.removed or not known:
                _remove_empty_folders(out_dir)
        except OSError as error:
            # The new site is complete; only leftovers remain, and the next run retries them.
            raise OutputError(
                f"could not remove the stale file {error.filename}: {error.strerror}"
            ) from error
    elif known:
        # Other files are kept without prune, so what is known stays known.
        now = {**known, **now}
    memo.put(slot, None, now)
    return report


def _signature(path: str | Path) -> tuple[int, int, int]:
    """What changes when anyone else rewrites, replaces or removes a file."""
    try:
        info = os.lstat(path)
    except OSError:
        return (-1, -1, -1)
    return (info.st_size, info.st_ino, info.st_mtime_ns)


def _swap_in(staged: list[tuple[Path, Path]]) -> None:
    """Rename every staged file into place, keeping each old file until all have moved, so a
    failure part way puts every old file back."""
    swapped: list[tuple[Path, Path | None]] = []
    try:
        for temp, target in staged:
            backup = None
            if target.exists() or target.is_symlink():
                backup = target.with_name(target.name + _BACKUP_SUFFIX)
                os.replace(target, backup)
                swapped.append((target, backup))
                os.replace(temp, target)
            else:
                os.replace(temp, target)
                swapped.append((target, None))
    except OSError as error:
        for target, backup in reversed(swapped):
            if backup is None:
                target.unlink(missing_ok=True)
            else:
                if target.exists() and not target.is_dir():
                    target.unlink()
                os.replace(backup, target)
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise OutputError(f"could not replace {error.filename}: {error.strerror}") from error
    for _, backup in swapped:
        if backup is not None:
            if backup.is_dir() and not backup.is_symlink():
                shutil.rmtree(backup)
            else:
                backup.unlink()


def _same_bytes(target: Path, data: bytes) -> bool:
    """Compare sizes first: most changed files differ in length, and stat is cheap."""
    if not target.is_file() or target.is_symlink():
        return False
    return target.stat().st_size == len(data) and target.read_bytes() == data


def _remove_empty_folders(out_dir: Path) -> None:
    ours = (
        p for p in out_dir.rglob("*") if p.is_dir() and not p.relative_to(out_dir).parts[0].startswith(".")
    )
    for folder in sorted(ours, key=lambda p: -len(p.parts)):
        if not any(folder.iterdir()):
            folder.rmdir()
