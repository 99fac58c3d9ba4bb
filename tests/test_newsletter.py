"""Tests for portal_gen.newsletter: which issues are published, in what order, and their errors."""

from __future__ import annotations

import datetime as dt

from conftest import PortalWriter, problems

from portal_gen.pipeline import load_portal


def _issue(title: str, date: str, extra: str = "") -> str:
    return f"---\ntitle: {title}\ndate: {date}\n{extra}---\n\nHello.\n"


def test_published_issues_newest_first_without_drafts_or_future(make_portal: PortalWriter) -> None:
    """A draft never shows; a future issue shows from its date on (the nightly build publishes it)."""
    root = make_portal(
        pages={
            "newsletter/2026-10-autumn.md": _issue("Autumn", "2026-10-03"),
            "newsletter/2026-11-winter.md": _issue("Winter", "2026-11-14"),
            "newsletter/2026-12-holidays.md": _issue("Holidays", "2026-12-01"),
            "newsletter/2026-12-draft.md": _issue("Draft", "2026-11-01", "draft: true\n"),
        }
    )
    assert [i.slug for i in load_portal(root, dt.date(2026, 11, 30)).issues] == [
        "2026-11-winter",
        "2026-10-autumn",
    ]
    assert [i.slug for i in load_portal(root, dt.date(2026, 12, 1)).issues] == [
        "2026-12-holidays",
        "2026-11-winter",
        "2026-10-autumn",
    ]


def test_front_matter_problems_point_into_the_file(make_portal: PortalWriter) -> None:
    """A missing title and an impossible date, at their lines in the Markdown file."""
    root = make_portal(
        pages={
            "newsletter/a.md": "---\ndate: 2026-10-03\n---\nHi\n",
            "newsletter/b.md": "---\ntitle: B\ndate: 2026-02-30\n---\nHi\n",
        }
    )
    assert problems(root) == [
        "content/newsletter/a.md:2:1: missing required field 'title'",
        "content/newsletter/b.md:3:1: date: '2026-02-30' is not a day in the calendar",
    ]


def test_file_name_must_make_a_good_address(make_portal: PortalWriter) -> None:
    """The file name becomes /newsletter/<slug>/, so spaces and capitals are refused."""
    root = make_portal(pages={"newsletter/November Issue.md": _issue("November", "2026-11-01")})
    assert problems(root) == [
        "content/newsletter/November Issue.md:1:1: the file name 'November Issue' becomes the issue's "
        "address; use lowercase letters, digits and hyphens, like '2026-11-winter-events.md'"
    ]
