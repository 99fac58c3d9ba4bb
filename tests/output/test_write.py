"""Tests for portal_gen.output.write: only changed files are touched, a failure changes nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from portal_gen.errors import OutputError
from portal_gen.output import swap, tree
from portal_gen.output.write import write


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
    """If one file cannot be written (disk full), the output is untouched and the error says what to do."""
    out = tmp_path / "out"
    write({"a.md": b"old A", "b.md": b"old B"}, out)
    before = _snapshot(out)
    real_open = open

    def disk_full_on_b(path: Path, mode: str = "r", *args: object, **kwargs: object) -> object:
        if Path(path).name == "b.md" and "x" in mode:
            raise OSError(28, "No space left on device")  # as write(2) raises it: no file name
        return real_open(path, mode, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(tree, "open", disk_full_on_b, raising=False)
    with pytest.raises(OutputError) as failure:
        write({"a.md": b"new A", "b.md": b"new B"}, out)
    assert str(failure.value) == (
        f"could not write {out / 'b.md'}: No space left on device; free some space and run again"
    )
    assert _snapshot(out) == before
    monkeypatch.undo()
    assert write({"a.md": b"new A", "b.md": b"new B"}, out).written == ["a.md", "b.md"]
    assert (out / "b.md").read_bytes() == b"new B"


def test_a_failed_exchange_leaves_the_previous_output_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the folders cannot be exchanged, readers keep the old tree and the next run succeeds."""
    out = tmp_path / "out"
    write({"a.md": b"old A", "b.md": b"old B"}, out)
    before = _snapshot(out)

    def refuse(folder: Path, new: Path) -> None:
        raise OSError(5, "Input/output error", str(folder))

    monkeypatch.setattr(swap, "exchange", refuse)
    with pytest.raises(OutputError, match=r"could not write .*out: Input/output error$"):
        write({"a.md": b"new A", "b.md": b"new B"}, out)
    assert _snapshot(out) == before
    monkeypatch.undo()
    write({"a.md": b"new A", "b.md": b"new B"}, out)
    assert (out / "a.md").read_bytes() == b"new A"


def test_unchanged_files_are_shared_with_the_spare(tmp_path: Path) -> None:
    """The previous tree is kept as a hidden spare whose unchanged files are the same inodes."""
    out = tmp_path / "out"
    write({"a.md": b"A", "b.md": b"B"}, out)
    write({"a.md": b"A", "b.md": b"B2"}, out)
    spare = swap.spare(out)
    assert spare.name == ".out.portal-gen-spare"
    assert (spare / "a.md").stat().st_ino == (out / "a.md").stat().st_ino
    assert (spare / "b.md").read_bytes() == b"B"
    write({"a.md": b"A", "b.md": b"B3"}, out)
    assert (out / "b.md").read_bytes() == b"B3"
    assert (spare / "b.md").read_bytes() == b"B2"
    assert (out / "a.md").read_bytes() == b"A"


def test_a_file_where_a_folder_goes_is_repaired(tmp_path: Path) -> None:
    """A file standing where the plan has a folder (or the reverse) is replaced, not an error."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "events").write_text("in the way")
    (out / "index.md").mkdir()
    report = write({"index.md": b"# Home\n", "events/index.md": b"# Events\n"}, out)
    assert sorted(report.written) == ["events/index.md", "index.md"]
    assert (out / "events" / "index.md").read_bytes() == b"# Events\n"
    assert (out / "index.md").read_bytes() == b"# Home\n"


def test_the_three_rename_exchange_recovers_after_a_kill(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without renameat2, a kill between the renames is finished or undone by the next run."""
    monkeypatch.setattr(swap, "_EXCHANGE", None)
    out = tmp_path / "out"
    write({"a.md": b"old"}, out)
    real_replace = os.replace
    calls: list[str] = []

    def killed_after(count: int) -> object:
        def replace(source: object, target: object) -> None:
            calls.append(str(source))
            if len(calls) > count:
                raise KeyboardInterrupt  # stands for the kill: nothing after it runs
            real_replace(source, target)  # type: ignore[arg-type]

        return replace

    for count in (1, 2):
        calls.clear()
        monkeypatch.setattr(os, "replace", killed_after(count))
        with pytest.raises(KeyboardInterrupt):
            write({"a.md": b"new" * count}, out)
        monkeypatch.setattr(os, "replace", real_replace)
        write({"a.md": b"next" * count}, out)
        assert (out / "a.md").read_bytes() == b"next" * count
        assert not list(tmp_path.glob(".out.portal-gen-parked"))


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


def test_a_linked_folder_in_the_output_is_replaced_not_followed(tmp_path: Path) -> None:
    """A symbolic link inside the output cannot send generated files elsewhere: it is replaced."""
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "index.md").write_bytes(b"# Events\n")
    out.mkdir()
    (out / "events").symlink_to(elsewhere, target_is_directory=True)
    report = write({"events/index.md": b"# Events\n"}, out)
    assert report.written == ["events/index.md"]
    assert not (out / "events").is_symlink()
    assert (out / "events" / "index.md").read_bytes() == b"# Events\n"
    assert [path.name for path in elsewhere.iterdir()] == ["index.md"]


def test_an_output_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    """build/docs as a symbolic link is refused: nothing in the folder it points to is touched."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "precious.txt").write_text("keep")
    (tmp_path / "out").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(OutputError) as failure:
        write({"index.md": b"x"}, tmp_path / "out")
    assert str(failure.value) == (
        f"{tmp_path / 'out'} is a symbolic link; portal-gen makes this folder itself and never writes "
        "through a link, so remove the link and run again"
    )
    assert [path.name for path in elsewhere.iterdir()] == ["precious.txt"]


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


def test_serve_fills_the_spare_between_saves(tmp_path: Path) -> None:
    """With a memory (serve), the first write starts filling the spare, so the first save links nothing."""
    from portal_gen.output.tree import TreeMemory

    memory = TreeMemory()
    out = tmp_path / "out"
    write({"a.md": b"A", "b/c.md": b"C"}, out, memory=memory)
    assert memory.kept.primer is not None
    memory.kept.primer.join()
    spare = swap.spare(out)
    assert (spare / "b" / "c.md").stat().st_ino == (out / "b" / "c.md").stat().st_ino
    assert write({"a.md": b"A2", "b/c.md": b"C"}, out, memory=memory).written == ["a.md"]
    assert (out / "a.md").read_bytes() == b"A2" and (spare / "a.md").read_bytes() == b"A"
