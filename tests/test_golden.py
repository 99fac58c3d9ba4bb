"""The sample portal and the benchmark portal generate exactly the bytes pinned in tests/golden/.

The manifests were written by the code before the restructuring into stage packages, so this
pins that the restructuring changed no byte of output. When output changes on purpose,
rerun ``python scripts/update-golden.py`` and say why in the commit.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE_TODAY, copy_sample

from portal_gen.app import STAGING, Run, generate, load_portal, newsletter_email, write_schemas

GOLDEN = REPO / "tests" / "golden"
sys.path.insert(0, str(REPO / "benchmarks"))
from synthetic import write_portal  # noqa: E402


def manifest(folder: Path) -> list[str]:
    """``<sha256>  <path>`` for every file under ``folder``, in path order."""
    return [
        f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.relative_to(folder).as_posix()}"
        for path in sorted(folder.rglob("*"), key=lambda p: p.relative_to(folder).as_posix())
        if path.is_file()
    ]


def emails_and_schemas(root: Path, into: Path) -> Path:
    """Every issue's e-mail (with its .eml) and the editor schemas, gathered into ``into``."""
    portal = load_portal(Run(root, SAMPLE_TODAY))
    for issue in (*portal.issues, *portal.unpublished):
        newsletter_email(Run(root, SAMPLE_TODAY), issue.slug, with_eml=True)
    folder, _ = write_schemas(Run(root, SAMPLE_TODAY))
    into.mkdir(parents=True)
    for path in folder.glob("*.schema.json"):
        (into / path.name).write_bytes(path.read_bytes())
    (into / "email").mkdir()
    for path in (root / "build" / "email").iterdir():
        (into / "email" / path.name).write_bytes(path.read_bytes())
    return into


def _pinned(name: str) -> list[str]:
    return (GOLDEN / name).read_text(encoding="utf-8").splitlines()


def test_the_sample_generates_the_pinned_bytes(tmp_path: Path) -> None:
    """Every page, feed and calendar of the sample is the pinned byte sequence."""
    root = copy_sample(tmp_path / "portal")
    generate(Run(root, SAMPLE_TODAY, parallel=True))
    assert manifest(root / STAGING) == _pinned("sample.sha256")


def test_the_sample_writes_the_pinned_emails_and_schemas(tmp_path: Path) -> None:
    """Every issue's e-mail (HTML, text, .eml) and every editor schema is as pinned."""
    root = copy_sample(tmp_path / "portal")
    assert manifest(emails_and_schemas(root, tmp_path / "out")) == _pinned("sample-email-and-schemas.sha256")


@pytest.mark.slow
def test_the_benchmark_portal_generates_the_pinned_bytes(tmp_path: Path) -> None:
    """The benchmark portal (1,108 pages, 871 calendars) is the pinned byte sequence too."""
    root = write_portal(tmp_path / "bench")
    generate(Run(root, SAMPLE_TODAY, parallel=True))
    assert manifest(root / STAGING) == _pinned("benchmark.sha256")
