"""Tests for portal_gen.preview.held_back: the list of what the site holds back, in the
owner's words, and an unpublished issue's preview in the site's theme."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE_TODAY

from portal_gen.app import STAGING, Run, generate
from portal_gen.host.handoff import ACTIVE_ENV, DOCS_DIR_ENV
from portal_gen.preview.held_back import HeldBackPages, listing, why
from portal_gen.preview.site import PreviewSite


@pytest.fixture
def pages(sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> HeldBackPages:
    """The held-back pages of a generated sample copy, before its site is built."""
    monkeypatch.setenv(ACTIVE_ENV, "1")
    monkeypatch.setenv(DOCS_DIR_ENV, str(sample_copy / STAGING))
    site = PreviewSite(
        sample_copy / "mkdocs.yml", sample_copy / STAGING, tmp_path / "served", "http://127.0.0.1:8000/"
    )
    held_back = HeldBackPages(site)
    held_back.generated = generate(Run(sample_copy, SAMPLE_TODAY))
    return held_back


def test_each_reason_is_said_for_the_owner(pages: HeldBackPages) -> None:
    """A draft dated after today gets both reasons, in the owner's words, with its date."""
    assert pages.generated is not None
    issue = pages.generated.portal.held_back[1]
    assert why(issue) == [
        "a draft: remove the line draft: true to publish it",
        "dated 2026-12-01: not on the site before that day",
    ]


def test_the_list_links_each_issue_preview(pages: HeldBackPages) -> None:
    """The list says where each is written and links the issue's preview by its slug."""
    status, body = pages.answer(".portal-gen/held-back/") or (0, b"")
    assert status == 200
    assert b"<code>data/testimonials.yml:47:5</code>" in body
    link = '<a href="2026-12-holiday-wrapping/">Preview “Holiday wrapping days” as it will look</a>'
    assert link.encode() in body


def test_before_a_good_run_the_list_says_it_is_not_known() -> None:
    """When the first run had problems, the page says the list waits for them to be fixed."""
    assert b"<p>Not known until the data has no problems.</p>" in listing(None)


def test_only_held_back_issues_have_previews(pages: HeldBackPages) -> None:
    """A published issue, an unknown slug or a deeper path is no preview page."""
    assert pages.answer(".portal-gen/held-back/2026-11-yoga-piano-and-a-preview/") is None
    assert pages.answer(".portal-gen/held-back/laura-alterations/") is None
    assert pages.answer(".portal-gen/held-back/2026-12-holiday-wrapping/x/") is None
    assert pages.answer(".portal-gen/other/") is None


def test_an_issue_preview_waits_for_the_first_build(pages: HeldBackPages) -> None:
    """Before MkDocs has built the site once, the preview says so instead of failing."""
    status, body = pages.answer(".portal-gen/held-back/2026-12-holiday-wrapping/") or (0, b"")
    assert status == 503 and b"<p>The site has not been built yet; try again shortly.</p>" in body


def test_an_issue_preview_is_in_the_sites_theme(pages: HeldBackPages) -> None:
    """After a build, the draft is rendered by MkDocs with the site's nav and stylesheet, and a notice."""
    pages.site.build()
    status, body = pages.answer(".portal-gen/held-back/2026-12-holiday-wrapping/") or (0, b"")
    assert status == 200
    assert b'id="portal-gen-preview-notice" role="status"' in body
    assert b'href="../../../assets/portal-gen.css"' in body and b"Holiday wrapping days" in body
    assert not (pages.site.folder / ".portal-gen").exists()  # rendered for the answer, never written
