"""Tests for portal_gen.write: only changed files are touched, stale ones go, failures change nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from portal_gen.errors import OutputError
from portal_gen.write import write


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        path.relative_to(folder).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_first_write_creates_everything(tmp_path: Path) -> None:
    """Folders are created as needed and the report lists every file."""
    report = write({"index.md": b"# Home\n", "events/index.md": b"# Events\n"}, tmp_path / "out")
    assert sorted(report.written) == ["events/index.md", "index.md"]
    assert (tmp_path / "out" / "events" / "index.md").read_bytes() == b"# Events\n"


def test_unchanged_files_are_not_touched(tmp_path: Path) -> None:
    """Same bytes: same modification time, so watchers and live reload see nothing."""
    out = tmp_path / "out"
    write({"a.md": b"A", "b.md": b"B"}, out)
    os.utime(out / "a.md", ns=(1_000_000_000, 1_000_000_000))
    report = write({"a.md": b"A", "b.md": b"B2"}, out)
    assert report.written == ["b.md"]
    assert report.unchanged == 1
    assert (out / "a.md").stat().st_mtime_ns == 1_000_000_000
    assert (out / "b.md").read_bytes() == b"B2"


def test_stale_files_and_empty_folders_are_removed(tmp_path: Path) -> None:
    """A page no longer planned disappears, and so does its emptied folder."""
    out = tmp_path / "out"
    write({"a.md": b"A", "old/page.md": b"P"}, out)
    report = write({"a.md": b"A"}, out)
    assert report.removed == ["old/page.md"]
    assert not (out / "old").exists()


def test_a_failure_leaves_the_previous_output_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If one file cannot be written (disk full), no file is replaced and no temporary file is left."""
    out = tmp_path / "out"
    write({"a.md": b"old A", "b.md": b"old B"}, out)
    before = _snapshot(out)
    real_write_bytes = Path.write_bytes

    def disk_full_on_b(path: Path, data: bytes) -> int:
        if path.name.startswith("b.md"):
            raise OSError(28, "No space left on device", str(path))
        return real_write_bytes(path, data)

    monkeypatch.setattr(Path, "write_bytes", disk_full_on_b)
    with pytest.raises(OutputError, match="No space left on device"):
        write({"a.md": b"new A", "b.md": b"new B"}, out)
    assert _snapshot(out) == before


def test_a_failure_while_staging_leaves_the_previous_output_whole(tmp_path: Path) -> None:
    """A file cannot be staged where a folder of the same name stands: nothing changes."""
    out = tmp_path / "out"
    write({"a.md": b"old A", "b.md": b"old B"}, out)
    (out / "c.md.portal-gen-tmp").mkdir()
    before = _snapshot(out)
    with pytest.raises(OutputError):
        write({"a.md": b"new A", "b.md": b"new B", "c.md": b"C"}, out)
    assert _snapshot(out) == before


@pytest.mark.parametrize("name", ["../escape.md", "/etc/passwd", "a/../../b.md", ".hidden", "a\\b.md"])
def test_paths_outside_the_output_are_refused(tmp_path: Path, name: str) -> None:
    """A generated path can never climb out of the output folder."""
    with pytest.raises(OutputError, match="generated paths must stay inside the output folder"):
        write({name: b"x"}, tmp_path / "out")
    assert not (tmp_path / "escape.md").exists()


def test_owner_folders_are_protected(tmp_path: Path) -> None:
    """Output inside (or around) content/ or data/ is refused before anything is written."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "about.md").write_text("mine")
    for out in (content, content / "docs", tmp_path):
        with pytest.raises(OutputError, match="overlaps the owner's folder"):
            write({"index.md": b"x"}, out, protected=[content])
    assert (content / "about.md").read_text() == "mine"
    assert not (content / "index.md").exists()


def test_a_failure_while_swapping_puts_every_old_file_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If a rename fails after others succeeded, the renamed files get their old bytes back."""
    out = tmp_path / "out"
    write({"a.md": b"old A", "b.md": b"old B", "c.md": b"old C"}, out)
    before = _snapshot(out)
    real_replace = os.replace

    def fail_on_c(source: os.PathLike[str] | str, target: os.PathLike[str] | str) -> None:
        if str(source).endswith("c.md.portal-gen-tmp"):
            raise OSError(5, "Input/output error", str(target))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", fail_on_c)
    with pytest.raises(OutputError, match=r"could not replace .*c\.md: Input/output error"):
        write({"a.md": b"new A", "b.md": b"new B", "c.md": b"new C"}, out)
    assert {name: data for name, (data, _) in _snapshot(out).items()} == {
        name: data for name, (data, _) in before.items()
    }


def test_never_writes_through_a_linked_folder(tmp_path: Path) -> None:
    """A symbolic link inside the output cannot send generated files elsewhere."""
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    elsewhere.mkdir()
    out.mkdir()
    (out / "events").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(OutputError) as failure:
        write({"events/index.md": b"# Events\n"}, out)
    assert str(failure.value) == (
        f"refusing to write 'events/index.md' through the symbolic link {out.resolve() / 'events'}; "
        "remove the link (generated folders must be real folders)"
    )
    assert list(elsewhere.iterdir()) == []


def test_a_stale_link_is_removed_without_touching_what_it_points_to(tmp_path: Path) -> None:
    """Removing a stale linked folder removes the link, not the files behind it."""
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.md").write_text("keep")
    out.mkdir()
    (out / "old").symlink_to(elsewhere, target_is_directory=True)
    report = write({"index.md": b"# Home\n"}, out)
    assert report.removed == ["old"]
    assert not (out / "old").exists()
    assert (elsewhere / "keep.md").read_text() == "keep"


def test_top_level_dotfiles_are_left_alone(tmp_path: Path) -> None:
    """A dotfile someone put in the staging folder (an editor's, say) survives every write."""
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / ".gitignore").write_text("*\n")
    report = write({"index.md": b"hi"}, tmp_path / "out")
    assert report.removed == []
    assert (tmp_path / "out" / ".gitignore").read_text() == "*\n"


def test_without_prune_other_files_stay(tmp_path: Path) -> None:
    """E-mails are written one issue at a time: writing one keeps the others."""
    write({"a.html": b"a"}, tmp_path / "out")
    report = write({"b.html": b"b"}, tmp_path / "out", prune=False)
    assert (report.written, report.removed) == (["b.html"], [])
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.html", "b.html"]


def test_top_level_dot_folders_are_left_alone(tmp_path: Path) -> None:
    """An editor's folder (.obsidian/) in the output is not ours: nothing in it is removed."""
    (tmp_path / "out" / ".obsidian").mkdir(parents=True)
    (tmp_path / "out" / ".obsidian" / "app.json").write_text("{}")
    report = write({"index.md": b"hi"}, tmp_path / "out")
    assert report.removed == []
    assert (tmp_path / "out" / ".obsidian" / "app.json").read_text() == "{}"
