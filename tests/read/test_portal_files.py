"""Tests for portal_gen.read.portal_files: only ordinary files inside the portal are read or published."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLE_TODAY, copy_sample, problems

from portal_gen.cli import main

OUTSIDE = (
    "a symbolic link to a file or folder outside the portal folder; portal-gen reads only files "
    "inside the portal, so replace the link with a copy"
)


@pytest.fixture
def portal(tmp_path: Path) -> Path:
    """The sample portal, with a secret beside it and a .git/config inside it."""
    root = copy_sample(tmp_path / "portal")
    (tmp_path / "secret.txt").write_text("extraheader = AUTHORIZATION: basic c2VjcmV0\n")
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("extraheader = AUTHORIZATION: basic c2VjcmV0\n")
    return root


def _check(root: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", "--root", str(root), "--today", str(SAMPLE_TODAY)])
    return result.exit_code, result.stderr


def test_a_link_out_of_the_portal_is_refused_by_name_and_never_read(portal: Path) -> None:
    """content/notes.txt -> ../../secret.txt stops the build; neither the target nor its text is shown."""
    (portal / "content" / "notes.txt").symlink_to(portal.parent / "secret.txt")
    code, err = _check(portal)
    assert code == 1
    assert err == f"content/notes.txt:1:1: {OUTSIDE}\n1 problem found; nothing was written.\n"
    assert not (portal / "build").exists() and not (portal / "site").exists()


@pytest.mark.parametrize("target", ["/etc/passwd", "/proc/self/environ"])
def test_links_to_system_files_are_refused(portal: Path, target: str) -> None:
    """Absolute links to system files (the build's own environment included) are refused."""
    (portal / "content" / "x.txt").symlink_to(target)
    assert problems(portal) == [f"content/x.txt:1:1: {OUTSIDE}"]


def test_a_link_into_git_is_refused(portal: Path) -> None:
    """../.git/config is inside the checkout but holds its credentials: refused like outside."""
    (portal / "content" / "notes.txt").symlink_to("../.git/config")
    assert problems(portal) == [
        "content/notes.txt:1:1: a symbolic link into a hidden file or folder of the portal (such as "
        ".git); hidden files are never published, so replace the link with a copy"
    ]


def test_a_data_file_linked_out_of_the_portal_is_refused_without_noise(portal: Path) -> None:
    """data/partners.yml -> a file outside: one line, and no 'unknown partner' for every event."""
    (portal / "data" / "partners.yml").unlink()
    (portal / "data" / "partners.yml").symlink_to(portal.parent / "secret.txt")
    assert problems(portal) == [f"data/partners.yml:1:1: {OUTSIDE}"]


def test_a_linked_folder_out_of_the_portal_is_refused(portal: Path, tmp_path: Path) -> None:
    """A symlinked data/events/ pointing elsewhere is refused, not silently dropped."""
    elsewhere = tmp_path / "more-events"
    shutil.move(portal / "data" / "events", elsewhere)
    (portal / "data" / "events").symlink_to(elsewhere, target_is_directory=True)
    assert problems(portal) == [f"data/events:1:1: {OUTSIDE}"]


def test_links_inside_the_portal_are_followed(portal: Path) -> None:
    """A linked file or folder whose target is inside the portal is read as if it were there."""
    (portal / "pages").mkdir()
    (portal / "pages" / "visit.md").write_text("# Visit us\n")
    (portal / "content" / "more").symlink_to("../pages", target_is_directory=True)
    code, err = _check(portal)
    assert code == 0, err
    assert (portal / "build" / "docs" / "more" / "visit.md").read_text() == "# Visit us\n"


def test_dangling_links_loops_and_pipes_are_named(portal: Path) -> None:
    """Nothing is skipped silently: each odd entry gets its own line."""
    (portal / "content" / "gone.png").symlink_to("nowhere.png")
    (portal / "content" / "loop").symlink_to("..", target_is_directory=True)
    os.mkfifo(portal / "content" / "pipe")
    assert problems(portal) == [
        "content/gone.png:1:1: a symbolic link to something that does not exist; remove the link",
        "content/loop:1:1: a symbolic link to a folder that contains it; remove the link",
        "content/pipe:1:1: a named pipe, not an ordinary file; portal-gen reads only files and folders, "
        "remove it",
    ]


def test_a_theme_override_linked_out_of_the_portal_is_refused(portal: Path) -> None:
    """MkDocs publishes theme_overrides' other files and renders its HTML: links there are refused too."""
    (portal / "theme_overrides" / "env.txt").symlink_to("/proc/self/environ")
    assert problems(portal) == [f"theme_overrides/env.txt:1:1: {OUTSIDE}"]


def test_a_whole_file_read_as_one_value_is_quoted_only_in_part(portal: Path) -> None:
    """A password file saved as partners.yml: the message quotes a short, escaped start of it."""
    lines = [f"user{n}:x:{n}:{n}:User {n}:/home/user{n}:/bin/sh" for n in range(40)]
    (portal / "data" / "partners.yml").write_text("\n".join(lines) + "\n")
    (message,) = problems(portal)
    assert message == (
        "data/partners.yml:1:1: expected the file to start with 'partners:' followed by the list, got "
        "'user0:x:0:0:User 0:/home/user0:/bin/sh user1:x:1:1:User 1:/h' (and 1,649 more "
        "characters); put 'partners:' on the first line and indent the list under it"
    )


def test_a_loop_through_two_links_is_named(portal: Path) -> None:
    """content/a -> ../other and other/b -> ../content lead round: refused, not followed forever."""
    (portal / "other").mkdir()
    (portal / "content" / "a").symlink_to("../other", target_is_directory=True)
    (portal / "other" / "b").symlink_to("../content", target_is_directory=True)
    assert problems(portal) == [
        "content/a/b:1:1: a symbolic link to a folder that contains it; remove the link"
    ]


def test_a_link_into_the_generated_folders_is_refused(portal: Path) -> None:
    """content/old -> ../build would publish the last output inside the next: refused."""
    (portal / "build").mkdir()
    (portal / "content" / "old").symlink_to("../build", target_is_directory=True)
    assert problems(portal) == [
        "content/old:1:1: a symbolic link into build/ or site/, which portal-gen writes; link to "
        "your own files instead"
    ]


def test_a_refused_site_file_is_the_only_problem(portal: Path) -> None:
    """data/site.yml linked out of the portal: one line, not every page's 'unknown perk' as well."""
    (portal / "data" / "site.yml").unlink()
    (portal / "data" / "site.yml").symlink_to(portal.parent / "secret.txt")
    assert problems(portal) == [f"data/site.yml:1:1: {OUTSIDE}"]
