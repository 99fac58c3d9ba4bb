"""Tests for portal_gen.output.swap: a folder is exchanged whole, and never while a reader holds it."""

from __future__ import annotations

import threading
from pathlib import Path
from types import SimpleNamespace

from portal_gen.mkdocs_plugin import PortalPlugin
from portal_gen.output import swap
from portal_gen.output.write import write


def _folders(tmp_path: Path) -> tuple[Path, Path]:
    folder, new = tmp_path / "docs", swap.spare(tmp_path / "docs")
    for path, text in ((folder, "old"), (new, "new")):
        path.mkdir()
        (path / "index.md").write_text(text)
    return folder, new


def test_exchange_swaps_the_two_trees(tmp_path: Path) -> None:
    """After the exchange the folder holds the new tree and the spare the old one."""
    folder, new = _folders(tmp_path)
    swap.exchange(folder, new)
    assert (folder / "index.md").read_text() == "new"
    assert (new / "index.md").read_text() == "old"


def test_exchange_waits_for_a_reader(tmp_path: Path) -> None:
    """While a reader (an MkDocs build) holds the folder, the exchange waits; then it happens."""
    folder, new = _folders(tmp_path)
    release = threading.Event()
    holding = threading.Event()

    def reader() -> None:
        with swap.reading(folder):
            holding.set()
            release.wait(10)

    threading.Thread(target=reader).start()
    assert holding.wait(10)
    writer = threading.Thread(target=swap.exchange, args=(folder, new))
    writer.start()
    writer.join(0.5)
    assert writer.is_alive(), "the exchange did not wait for the reader"
    assert (folder / "index.md").read_text() == "old"
    release.set()
    writer.join(10)
    assert (folder / "index.md").read_text() == "new"


def test_the_plugin_holds_the_staging_folder_for_a_whole_build(tmp_path: Path) -> None:
    """From MkDocs' pre_build to post_build (or a build error), no exchange of docs_dir happens."""
    folder, new = _folders(tmp_path)
    plugin = PortalPlugin()
    config = SimpleNamespace(docs_dir=str(folder))
    for end in ("post_build", "build_error"):
        plugin.on_pre_build(config=config)  # type: ignore[arg-type]
        writer = threading.Thread(target=swap.exchange, args=(folder, new))
        writer.start()
        writer.join(0.5)
        assert writer.is_alive()
        if end == "post_build":
            plugin.on_post_build(config=config)  # type: ignore[arg-type]
        else:
            plugin.on_build_error(error=RuntimeError("x"))
        writer.join(10)
        assert not writer.is_alive()


def test_a_second_writer_waits_for_the_first(tmp_path: Path) -> None:
    """Two writers of one folder (serve and a generate in another terminal) take turns."""
    out = tmp_path / "out"
    write({"a.md": b"A"}, out)
    done = threading.Event()
    with swap.one_writer(out):
        other = threading.Thread(target=lambda: (write({"a.md": b"B"}, out), done.set()))
        other.start()
        other.join(0.5)
        assert not done.is_set(), "the second writer did not wait"
        assert (out / "a.md").read_bytes() == b"A"
    other.join(10)
    assert (out / "a.md").read_bytes() == b"B"
