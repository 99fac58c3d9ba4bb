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
from pathlib import Path, PurePosixPath

from portal_gen.errors import OutputError

_TEMP_SUFFIX = ".portal-gen-tmp"


@dataclass
class WriteReport:
    """What a write changed, relative to the output folder."""

    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0

    def summary(self) -> str:
        return f"{len(self.written)} written, {len(self.removed)} removed, {self.unchanged} unchanged"


def _check_path(name: str) -> None:
    """Refuse anything that could land outside the output folder."""
    path = PurePosixPath(name)
    if not name or path.is_absolute() or ".." in path.parts or "\\" in name or name.startswith("."):
        raise OutputError(f"refusing to write {name!r}: generated paths must stay inside the output folder")


def _inside(path: Path, other: Path) -> bool:
    return path == other or other in path.parents


def _existing(out_dir: Path) -> set[str]:
    if not out_dir.is_dir():
        return set()
    return {
        path.relative_to(out_dir).as_posix()
        for path in out_dir.rglob("*")
        if path.is_file() or path.is_symlink()
    }


def write(files: dict[str, bytes], out_dir: Path, protected: Iterable[Path] = ()) -> WriteReport:
    """Make ``out_dir`` hold exactly ``files``, changing only what differs.

    ``protected`` are the owner's source folders: the output may be neither one of them nor
    inside or around one, so a misconfiguration can never delete an owner's work.
    """
    out_dir = out_dir.resolve()
    for source in protected:
        source = source.resolve()
        if _inside(out_dir, source) or _inside(source, out_dir):
            raise OutputError(
                f"refusing to write generated files to {out_dir}: it overlaps the owner's folder {source}"
            )
    for name in files:
        _check_path(name)

    report = WriteReport()
    existing = _existing(out_dir)
    staged: list[tuple[Path, Path]] = []
    try:
        for name, data in files.items():
            target = out_dir / name
            if name in existing and _same_bytes(target, data):
                report.unchanged += 1
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            temp = target.with_name(target.name + _TEMP_SUFFIX)
            temp.write_bytes(data)
            staged.append((temp, target))
            report.written.append(name)
    except OSError as error:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise OutputError(f"could not write {error.filename}: {error.strerror}") from error

    # Everything is on disk under temporary names: now swap them in and drop stale files.
    for temp, target in staged:
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        os.replace(temp, target)
    for name in sorted(existing - files.keys()):
        (out_dir / name).unlink(missing_ok=True)
        report.removed.append(name)
    _remove_empty_folders(out_dir)
    return report


def _same_bytes(target: Path, data: bytes) -> bool:
    """Compare sizes first: most changed files differ in length, and stat is cheap."""
    if not target.is_file() or target.is_symlink():
        return False
    return target.stat().st_size == len(data) and target.read_bytes() == data


def _remove_empty_folders(out_dir: Path) -> None:
    for folder in sorted((p for p in out_dir.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
        if not any(folder.iterdir()):
            folder.rmdir()
