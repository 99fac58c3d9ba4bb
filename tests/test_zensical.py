"""Zensical (the Material team's successor to MkDocs) builds the same site from the generated
Markdown, without running any plugin."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLE_TODAY, copy_sample

from portal_gen.app import Run, generate

pytest.importorskip("zensical")


def _pages(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*.html")}


def test_zensical_builds_the_same_pages_as_mkdocs(built_sample: Path, tmp_path: Path) -> None:
    """After portal-gen generate, `PORTAL_GEN_DOCS_DIR=build/docs zensical build` (as mkdocs.yml
    says) reads mkdocs.yml and makes every page MkDocs made (no more, no fewer), with the
    generated content in them."""
    root = copy_sample(tmp_path / "portal")
    generate(Run(root, SAMPLE_TODAY))
    zensical = Path(sys.executable).with_name("zensical")
    result = subprocess.run(
        [str(zensical), "build"],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "PORTAL_GEN_DOCS_DIR": "build/docs"},
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert _pages(root / "site") == _pages(built_sample / "site")
    event = (root / "site" / "events" / "kids-yoga" / "index.html").read_text()
    assert "Kids&#39; yoga with Lotus Tree Yoga" in event or "Kids' yoga with Lotus Tree Yoga" in event
    assert (root / "site" / "newsletter" / "feed.xml").read_bytes() == (
        built_sample / "site" / "newsletter" / "feed.xml"
    ).read_bytes()
