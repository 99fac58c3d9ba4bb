"""Tests for portal_gen.mkdocs_plugin: plain ``mkdocs build`` and ``mkdocs serve`` generate first."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE_TODAY

from portal_gen import mkdocs_plugin

SAMPLE_FILES = ["mkdocs.yml", "data", "content", "theme_overrides", "build"]


def _fresh_clone(root: Path) -> Path:
    """The sample's files as a fresh clone has them: sources, and no generated pages."""
    tracked = subprocess.run(
        ["git", "ls-files", *SAMPLE_FILES], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    assert not [name for name in tracked if name.startswith("build/")]  # generated, never in git
    for name in tracked:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / name, root / name)
    return root


def _mkdocs(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "PORTAL_GEN_ACTIVE"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["SOURCE_DATE_EPOCH"] = "1795413600"  # 2026-11-23 in Chicago
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args], cwd=root, capture_output=True, text=True, env=env
    )


def test_plain_mkdocs_build_works_on_a_fresh_clone(tmp_path: Path) -> None:
    """No build/ folder yet: mkdocs.yml names content/ (which exists) as docs_dir, and the
    plugin generates the pages into build/docs and builds from there."""
    root = _fresh_clone(tmp_path)
    assert not (root / "build").exists()
    result = _mkdocs(root, "build", "--strict")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert (root / "site" / "events" / "kids-yoga" / "index.html").is_file()
    assert (root / "site" / "newsletter" / "feed.xml").is_file()


def test_mkdocs_build_works_from_another_folder(tmp_path: Path) -> None:
    """`mkdocs build -f shop/mkdocs.yml` from the folder above a fresh clone: nothing depends
    on where MkDocs is started (the site goes where mkdocs.yml says, beside it)."""
    root = _fresh_clone(tmp_path / "shop")
    result = _mkdocs(tmp_path, "build", "--strict", "-f", "shop/mkdocs.yml")
    assert result.returncode == 0, result.stderr
    assert (root / "site" / "events" / "kids-yoga" / "index.html").is_file()
    assert (root / "build" / "docs" / "events" / "kids-yoga.md").is_file()
    assert not (tmp_path / "build").exists() and not (tmp_path / "site").exists()


def test_bad_data_stops_mkdocs_with_the_same_messages(tmp_path: Path) -> None:
    """The plugin reports path:line:col problems as a plugin error: exit 1, no traceback."""
    root = _fresh_clone(tmp_path)
    (root / "data" / "tiers.yml").write_text("tiers: [\n")
    result = _mkdocs(root, "build")
    assert result.returncode == 1
    assert (
        "data/tiers.yml:2:1: invalid YAML: did not find expected node content (while parsing a flow node)\n"
        "1 problem found; nothing was written." in result.stderr
    )
    assert "Traceback" not in result.stderr


class _Server:
    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)


def _plugin(
    root: Path, monkeypatch: pytest.MonkeyPatch, today: str | None = None
) -> tuple[mkdocs_plugin.PortalPlugin, object]:
    from mkdocs.config import load_config

    monkeypatch.chdir(root)  # MkDocs is run from the portal's folder

    plugin = mkdocs_plugin.PortalPlugin()
    errors, warnings = plugin.load_config({"today": today} if today else {})
    assert (errors, warnings) == ([], [])
    config = load_config(str(root / "mkdocs.yml"))
    return plugin, config


def test_serve_watches_the_owners_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """mkdocs serve also watches data/, content/ and theme_overrides/, so a save rebuilds."""
    root = _fresh_clone(tmp_path)
    monkeypatch.delenv("PORTAL_GEN_ACTIVE", raising=False)
    plugin, config = _plugin(root, monkeypatch)
    server = plugin.on_serve(_Server(), config=config, builder=None)
    assert server.watched == [str(root.resolve() / name) for name in ("data", "content", "theme_overrides")]


def test_today_option_and_standing_aside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``today`` pins the day like --today; under portal-gen's own commands nothing is generated."""
    root = _fresh_clone(tmp_path)
    plugin, config = _plugin(root, monkeypatch, "2030-01-01")
    monkeypatch.setenv("PORTAL_GEN_ACTIVE", "1")
    plugin.on_config(config)
    assert not (root / "build" / "docs" / "index.md").exists()
    monkeypatch.delenv("PORTAL_GEN_ACTIVE")
    plugin.on_config(config)
    assert "Nothing is scheduled just now" in (root / "build" / "docs" / "index.md").read_text()
    plugin, config = _plugin(root, monkeypatch, str(SAMPLE_TODAY))
    plugin.on_config(config)
    assert "Nothing is scheduled just now" not in (root / "build" / "docs" / "index.md").read_text()


def test_plugin_stays_thin() -> None:
    """The plugin is an adapter over the pipeline: it stays under 100 lines."""
    assert len(Path(mkdocs_plugin.__file__).read_text().splitlines()) < 100


def test_legal_lines_end_every_pages_footer_and_the_notice_can_go(tmp_path: Path) -> None:
    """site.yml's legal lines (a link among them) are in Material's footer of every page,
    after mkdocs.yml's own copyright; generator_notice: false removes "Made with Material"."""
    root = _fresh_clone(tmp_path)
    site = root / "data" / "site.yml"
    site.write_text(
        site.read_text()
        + "legal:\n  - Member FDIC · Equal Housing Lender\n  - '[Impressum](https://brambleandbloom.example/about/)'\n"
        + "generator_notice: false\n"
    )
    config = root / "mkdocs.yml"
    config.write_text(config.read_text() + "copyright: © 2026 Bramble & Bloom\n")
    result = _mkdocs(root, "build", "--strict")
    assert result.returncode == 0, result.stderr
    for page in ("index.html", "events/kids-yoga/index.html", "newsletter/index.html"):
        html = (root / "site" / page).read_text()
        assert (
            "© 2026 Bramble & Bloom<br>\nMember FDIC · Equal Housing Lender<br>\n"
            '<a href="https://brambleandbloom.example/about/" rel="noopener noreferrer">Impressum</a>'
        ) in html, page
        assert "Made with" not in html


def test_site_logo_and_favicon_are_the_themes_unless_mkdocs_yml_names_its_own(tmp_path: Path) -> None:
    """site.yml's logo heads every page and is the favicon too; a favicon of its own wins over
    the logo, and mkdocs.yml's own theme.logo wins over site.yml's."""
    root = _fresh_clone(tmp_path)
    (root / "content" / "images").mkdir(exist_ok=True)
    (root / "content" / "images" / "logo.png").write_bytes(b"\x89PNG")
    (root / "content" / "images" / "tab.png").write_bytes(b"\x89PNG")
    site = root / "data" / "site.yml"
    site.write_text(site.read_text() + "logo: images/logo.png\n")
    assert _mkdocs(root, "build", "--strict").returncode == 0
    html = (root / "site" / "events" / "index.html").read_text()
    assert '<img src="../images/logo.png" alt="logo">' in html
    assert '<link rel="icon" href="../images/logo.png">' in html
    site.write_text(site.read_text() + "favicon: images/tab.png\n")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("theme:\n", "theme:\n  logo: images/tab.png\n", 1))
    result = _mkdocs(root, "build", "--strict")
    assert result.returncode == 0, result.stderr
    html = (root / "site" / "events" / "index.html").read_text()
    assert '<img src="../images/tab.png" alt="logo">' in html
    assert '<link rel="icon" href="../images/tab.png">' in html
