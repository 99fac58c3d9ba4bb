"""The only writer: puts a plan (path -> bytes) on disk.

Files whose bytes are unchanged are not touched (so MkDocs' live reload and file watchers
see only real changes). The staging folder is replaced as a whole (see ``tree``); other
outputs (e-mails, schemas, a new portal) are added to a folder all or nothing, each file
written to a temporary name beside its target first.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from portal_gen.errors import OutputError
from portal_gen.output.tree import TreeMemory, WriteReport, could_not, folders_of, replace_tree, same_bytes

_TEMP_SUFFIX = ".portal-gen-tmp"
_BACKUP_SUFFIX = ".portal-gen-old"


def _check_path(name: str, dotfiles: bool = False) -> None:
    """Refuse anything that could land outside the output folder (or be hidden in it)."""
    # Plain string tests (not pathlib): this runs for each of thousands of files per save.
    hidden = name.startswith(".") and not dotfiles
    if not name or name.startswith("/") or ".." in name.split("/") or "\\" in name or hidden:
        raise OutputError(f"refusing to write {name!r}: generated paths must stay inside the output folder")


def _inside(path: Path, other: Path) -> bool:
    return path == other or other in path.parents


def _refuse_links(out_dir: Path, name: str, checked: set[str]) -> None:
    """Writing through a linked folder would put files outside the output folder."""
    if name.rpartition("/")[0] in checked:
        return
    for parent in folders_of(name):
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
    memory: TreeMemory | None = None,
) -> WriteReport:
    """Make ``out_dir`` hold exactly ``files``, changing only what differs; without ``prune``,
    other files already there are kept (e-mails of other issues, say). Names starting with a
    dot are refused unless ``dotfiles`` (``init`` writes ``.gitignore`` and ``.github/``).

    With ``prune`` (the staging folder), the new tree is made in the folder's spare and the
    two are exchanged at once (see ``swap``): whatever the moment of a kill, ``out_dir`` is
    the old tree or the new one. Without it, each file is staged beside its target and all
    are renamed into place only when every one is written.

    ``protected`` are the owner's source folders: the output may be neither one of them nor
    inside or around one, so a misconfiguration can never delete an owner's work.

    With a ``memory`` (serve), the writer remembers what it left in ``out_dir`` and its spare
    (see ``tree.TreeMemory``).
    """
    out_dir = Path(os.path.abspath(out_dir))
    for source in protected:
        source = source.resolve()
        if _inside(out_dir.resolve(), source) or _inside(source, out_dir.resolve()):
            raise OutputError(
                f"refusing to write generated files to {out_dir}: it overlaps the owner's folder {source}"
            )
    if out_dir.is_symlink():
        raise OutputError(
            f"{out_dir} is a symbolic link; portal-gen makes this folder itself and never writes "
            "through a link, so remove the link and run again"
        )
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir} is a file, not a folder; move it away and run again")
    for name in files:
        _check_path(name, dotfiles)
    if prune:
        return replace_tree(files, out_dir, memory)
    return _add(files, out_dir)


def _add(files: dict[str, bytes], out_dir: Path) -> WriteReport:
    """Write ``files`` into ``out_dir`` beside what is there, all or nothing."""
    checked: set[str] = set()
    for name in files:
        _refuse_links(out_dir, name, checked)
    report = WriteReport()
    staged: list[tuple[Path, Path]] = []
    made: set[Path] = set()
    target = out_dir
    try:
        for name, data in files.items():
            target = out_dir / name
            if same_bytes(target, data):
                report.unchanged += 1
                continue
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            temp = target.with_name(target.name + _TEMP_SUFFIX)
            temp.write_bytes(data)
            staged.append((temp, target))
            report.written.append(name)
    except OSError as error:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        target.with_name(target.name + _TEMP_SUFFIX).unlink(missing_ok=True)
        raise OutputError(could_not("write", error, target)) from error
    _swap_in(staged)
    return report


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
        raise OutputError(could_not("replace", error, target)) from error
    for _, backup in swapped:
        if backup is not None:
            if backup.is_dir() and not backup.is_symlink():
                shutil.rmtree(backup)
            else:
                backup.unlink()
