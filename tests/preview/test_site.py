"""Tests for portal_gen.preview.site: after a save, the served site equals a fresh MkDocs build,
whether the save re-rendered a few pages or needed a full build."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SAMPLE_TODAY

from portal_gen.app import STAGING, Run, generate
from portal_gen.host.handoff import ACTIVE_ENV, DOCS_DIR_ENV
from portal_gen.incremental.session import Session
from portal_gen.output.tree import WriteReport
from portal_gen.preview.site import PreviewSite

URL = "http://127.0.0.1:8000/"
TITLE = "title: Kids' yoga with Lotus Tree Yoga\n"


class _Portal:
    """A copy of the sample, generated with serve's session, and its preview site built once."""

    def __init__(self, root: Path, folder: Path) -> None:
        self.root, self.session = root, Session()
        self.staging = root / STAGING
        generate(Run(root, SAMPLE_TODAY, self.session))
        self.site = PreviewSite(root / "mkdocs.yml", self.staging, folder, URL)
        self.site.build()

    def save(self, relative: str, old: str, new: str) -> WriteReport:
        """Edit an owner's file as a save does, regenerate, and update the site."""
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        report = generate(Run(self.root, SAMPLE_TODAY, self.session)).report
        self.site.update(report.written, report.removed)
        return report


def _hand_off(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As serve hands off to the MkDocs it runs: the portal plugin does not generate again.
    monkeypatch.setenv(ACTIVE_ENV, "1")
    monkeypatch.setenv(DOCS_DIR_ENV, str(root / STAGING))
    # The sitemap's dates are the build's day: the same for both builds compared.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")


@pytest.fixture
def portal(sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[_Portal]:
    _hand_off(sample_copy, monkeypatch)
    yield _Portal(sample_copy, tmp_path / "served")


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _fresh(portal: _Portal, tmp_path: Path) -> dict[str, bytes]:
    """What a fresh build of the staging folder as it is now makes."""
    fresh = PreviewSite(portal.root / "mkdocs.yml", portal.staging, tmp_path / "fresh", URL)
    fresh.build()
    return _tree(fresh.folder)


def _assert_same(served: dict[str, bytes], fresh: dict[str, bytes]) -> None:
    assert sorted(served) == sorted(fresh)
    differing = [name for name in served if served[name] != fresh[name]]
    assert differing == []


def test_an_event_title_edit_rerenders_only_its_pages(portal: _Portal, tmp_path: Path) -> None:
    """An event's new title: a few pages are rendered again, and the site equals a fresh build."""
    report = portal.save("data/events.yml", TITLE, "title: Kids' yoga in the snow\n")
    assert "events/kids-yoga.md" in report.written
    assert portal.site.last == "pages"
    page = (portal.site.folder / "events" / "kids-yoga" / "index.html").read_text(encoding="utf-8")
    assert "Kids&#39; yoga in the snow" in page or "Kids' yoga in the snow" in page
    _assert_same(_tree(portal.site.folder), _fresh(portal, tmp_path))


def test_the_search_index_finds_the_new_words(portal: _Portal, tmp_path: Path) -> None:
    """A sentence added to the owner's page is in the search index, which keeps every other page."""
    before = (portal.site.folder / "search" / "search_index.json").read_text(encoding="utf-8")
    portal.save("content/about.md", "\n", "\n\nWe also repair zippers on Saturdays.\n\n")
    assert portal.site.last == "pages"
    after = (portal.site.folder / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "repair zippers" in after and "repair zippers" not in before
    _assert_same(_tree(portal.site.folder), _fresh(portal, tmp_path))


def test_a_newsletter_issue_edit_equals_a_fresh_build(portal: _Portal, tmp_path: Path) -> None:
    """A line added to a newsletter issue: its page, the archive and the feeds change, nothing else."""
    issue = "content/newsletter/2026-11-yoga-piano-and-a-preview.md"
    text = (portal.root / issue).read_text(encoding="utf-8")
    last_line = text.rstrip("\n").rsplit("\n", 1)[1]
    portal.save(issue, last_line, last_line + "\n\nSee you at the shop!")
    assert portal.site.last == "pages"
    _assert_same(_tree(portal.site.folder), _fresh(portal, tmp_path))


def _retitle_about(portal: _Portal) -> None:
    text = (portal.root / "content" / "about.md").read_text(encoding="utf-8")
    heading = next(line for line in text.splitlines() if line.startswith("# "))
    portal.save("content/about.md", heading, "# Who we are")


def test_a_new_heading_under_a_named_nav_entry_rerenders_one_page(portal: _Portal, tmp_path: Path) -> None:
    """mkdocs.yml names the page in the nav ("About us: about.md"), so a new heading is in its page alone."""
    _retitle_about(portal)
    assert portal.site.last == "pages"
    _assert_same(_tree(portal.site.folder), _fresh(portal, tmp_path))


def test_a_renamed_page_in_the_nav_builds_everything(
    sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A nav entry titled by its page's heading is in every page's nav: the save builds the whole site."""
    config = sample_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - About us: about.md", "  - about.md"))
    _hand_off(sample_copy, monkeypatch)
    portal = _Portal(sample_copy, tmp_path / "served")
    _retitle_about(portal)
    assert portal.site.last == "full"
    fresh = _fresh(portal, tmp_path)
    assert b"Who we are" in fresh["index.html"]  # the nav of another page shows the new title
    _assert_same(_tree(portal.site.folder), fresh)


def test_a_new_page_builds_everything(portal: _Portal, tmp_path: Path) -> None:
    """A new page changes the file list (and maybe the nav): the save builds the whole site."""
    (portal.root / "content" / "opening-hours.md").write_text("# Opening hours\n\nDaily.\n", encoding="utf-8")
    report = generate(Run(portal.root, SAMPLE_TODAY, portal.session)).report
    portal.site.update(report.written, report.removed)
    assert portal.site.last == "full"
    assert (portal.site.folder / "opening-hours" / "index.html").is_file()
    _assert_same(_tree(portal.site.folder), _fresh(portal, tmp_path))


def test_a_removed_page_builds_everything(portal: _Portal, tmp_path: Path) -> None:
    """A page removed leaves no stale copy in the served site."""
    (portal.root / "content" / "newsletter" / "2026-10-autumn-at-the-shop.md").unlink()
    report = generate(Run(portal.root, SAMPLE_TODAY, portal.session)).report
    assert report.removed
    portal.site.update(report.written, report.removed)
    assert portal.site.last == "full"
    assert not (portal.site.folder / "newsletter" / "2026-10-autumn-at-the-shop").exists()
    _assert_same(_tree(portal.site.folder), _fresh(portal, tmp_path))


def test_a_theme_override_edit_builds_everything(portal: _Portal, tmp_path: Path) -> None:
    """A file of the theme's folder shows on every page: editing it builds the whole site."""
    main = portal.root / "theme_overrides" / "main.html"
    text = main.read_text(encoding="utf-8")
    main.write_text(text + "\n{# edited #}\n", encoding="utf-8")
    os.utime(main, ns=(main.stat().st_atime_ns, main.stat().st_mtime_ns + 1_000_000_000))
    portal.site.update([], [])
    assert portal.site.last == "full"
    _assert_same(_tree(portal.site.folder), _fresh(portal, tmp_path))


def test_a_failed_full_build_keeps_the_site_shown(portal: _Portal) -> None:
    """MkDocs failing on a broken theme override raises, and the folder shown stays whole."""
    shown, pages = portal.site.folder, _tree(portal.site.folder)
    main = portal.root / "theme_overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8") + "\n{% if %}\n", encoding="utf-8")
    with pytest.raises(Exception, match="Expected an expression"):
        portal.site.update([], [])
    assert portal.site.folder == shown
    assert _tree(shown) == pages
