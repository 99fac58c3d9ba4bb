"""Tests for what the site holds back (``Portal.held_back``), and for the page of an
unpublished issue as it will look once published."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import SAMPLE_TODAY

from portal_gen.app import Run, _read, load_portal
from portal_gen.check.issues import held_back_reasons, published
from portal_gen.errors import Position
from portal_gen.model.held_back import HeldBack
from portal_gen.render.environment import Templates
from portal_gen.render.pages import unpublished_issue_page

NEXT_WEEK = """\
---
title: Advent calendar week
date: 2026-11-30
---

Hello neighbors, the advent calendar opens on Monday.
"""


def _with_next_week_issue(root: Path) -> None:
    (root / "content" / "newsletter" / "2026-11-advent.md").write_text(NEXT_WEEK, encoding="utf-8")


def test_the_sample_holds_back_a_testimonial_and_a_draft(sample_copy: Path) -> None:
    """Each held-back record and issue comes with where it is written, its reasons and its date."""
    portal = load_portal(Run(sample_copy, SAMPLE_TODAY))
    assert portal.held_back == (
        HeldBack(
            "testimonial",
            "laura-alterations",
            Position("data/testimonials.yml", 47, 5),
            ("no consent",),
            "Laura B.",
            dt.date(2026, 7, 2),
        ),
        HeldBack(
            "newsletter issue",
            "2026-12-holiday-wrapping",
            Position("content/newsletter/2026-12-holiday-wrapping.md"),
            ("draft", "dated after today"),
            "Holiday wrapping days",
            dt.date(2026, 12, 1),
        ),
    )


def test_an_issue_dated_next_week_is_held_back_until_that_day(sample_copy: Path) -> None:
    """An issue dated after today is held back for its date alone, and published on that day."""
    _with_next_week_issue(sample_copy)
    portal = load_portal(Run(sample_copy, SAMPLE_TODAY))
    held = [held for held in portal.held_back if held.id == "2026-11-advent"]
    assert [(h.reasons, h.date) for h in held] == [(("dated after today",), dt.date(2026, 11, 30))]
    issue = next(issue for issue in portal.unpublished if issue.slug == "2026-11-advent")
    assert held_back_reasons(issue, dt.date(2026, 11, 30)) == ()
    assert published((issue,), dt.date(2026, 11, 30)) == (issue,)


def test_a_story_without_consent_is_held_back_with_its_title(sample_copy: Path) -> None:
    """A story without consent is listed by id and title, for no consent."""
    stories = sample_copy / "data" / "stories.yml"
    text = stories.read_text(encoding="utf-8")
    stories.write_text(text.replace("    consent: true\n", "    consent: false\n", 1), encoding="utf-8")
    portal = load_portal(Run(sample_copy, SAMPLE_TODAY))
    held = [(h.kind, h.reasons) for h in portal.held_back if h.kind == "story"]
    assert held == [("story", ("no consent",))]


def test_an_unpublished_issue_renders_as_it_will_look(sample_copy: Path) -> None:
    """A next-week issue's page is its published page: its title, body, and the issue before it."""
    _with_next_week_issue(sample_copy)
    portal, templates = _read(Run(sample_copy, SAMPLE_TODAY))
    page = unpublished_issue_page(portal, templates, "2026-11-advent").decode("utf-8")
    assert "# Advent calendar week" in page
    assert "the advent calendar opens on Monday." in page
    assert "(2026-11-yoga-piano-and-a-preview.md)" in page  # the older issue, linked as published


def test_only_unpublished_issues_have_a_preview_page(sample_copy: Path) -> None:
    """Asking for a published issue's preview is refused with its reason."""
    portal = load_portal(Run(sample_copy, SAMPLE_TODAY))
    with pytest.raises(LookupError) as refused:
        unpublished_issue_page(portal, Templates(), "2026-11-yoga-piano-and-a-preview")
    assert str(refused.value) == "no unpublished newsletter issue '2026-11-yoga-piano-and-a-preview'"
