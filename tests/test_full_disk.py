"""A full disk gives one clear line, exit 1, no traceback, and the previous output intact."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO

NEW_DAY, OLD_DAY = "2027-02-20", "2026-11-23"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 16 MB tmpfs (mounting one needs root on Linux; elsewhere the test is skipped)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root on Linux")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(mount)], capture_output=True, text=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"this machine does not let the test mount a tmpfs: {mounted.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _portal_gen(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "portal_gen", *args, "--root", str(root)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def _fill(disk: Path, leave: int) -> Path:
    """Fill the disk until only about ``leave`` bytes are free."""
    filler = disk / "filler"
    free = shutil.disk_usage(disk).free
    with open(filler, "wb") as handle:
        handle.write(b"\0" * max(free - leave, 0))
    return filler


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_generate_on_a_full_disk_says_so_once_and_keeps_the_last_output(small_disk: Path) -> None:
    """No space for the new pages: one line naming a file and what to do; build/docs unchanged;
    once space is freed the next run succeeds."""
    root = small_disk / "portal"
    root.mkdir()
    for name in ("data", "content", "theme_overrides"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root)
    assert _portal_gen(root, "generate", "--today", OLD_DAY).returncode == 0
    before = _tree(root / "build" / "docs")
    filler = _fill(small_disk, leave=8_000)
    result = _portal_gen(root, "generate", "--today", NEW_DAY)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"error: could not write {root / 'build' / 'docs'}/")
    assert line.endswith(": No space left on device; free some space and run again")
    assert _tree(root / "build" / "docs") == before
    filler.unlink()
    assert _portal_gen(root, "generate", "--today", NEW_DAY).returncode == 0
    assert _tree(root / "build" / "docs") != before


def test_build_on_a_full_disk_says_so_once_and_keeps_the_last_site(small_disk: Path) -> None:
    """MkDocs running out of space: its traceback becomes one line naming site/, site/ unchanged."""
    root = small_disk / "portal"
    root.mkdir()
    for name in ("data", "content", "theme_overrides"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root)
    assert _portal_gen(root, "build", "--today", OLD_DAY).returncode == 0
    before = _tree(root / "site")
    _fill(small_disk, leave=300_000)
    result = _portal_gen(root, "build", "--today", OLD_DAY)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "  File " not in result.stderr
    last = result.stderr.splitlines()[-1]
    assert last.startswith(f"error: mkdocs could not write {root / 'site'}/")
    assert last.endswith(
        ": No space left on device; free some space and run again; site/ is as it was, and the "
        "generated pages are in build/docs/"
    )
    assert _tree(root / "site") == before
