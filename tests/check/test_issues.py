"""Tests for portal_gen.check.issues: which issues are published, in what order, and their errors."""

from __future__ import annotations

import datetime as dt

from conftest import PortalWriter, problems

from portal_gen.app import Run, load_portal


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
    assert [i.slug for i in load_portal(Run(root, dt.date(2026, 11, 30))).issues] == [
        "2026-11-winter",
        "2026-10-autumn",
    ]
    assert [i.slug for i in load_portal(Run(root, dt.date(2026, 12, 1))).issues] == [
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


def test_tag_cover_and_reserved_name_problems(make_portal: PortalWriter) -> None:
    """Tags must be short lowercase words in a list; a cover image must exist; 'tags.md' is the
    tag index's address; unknown fields get a suggestion."""
    root = make_portal(
        pages={
            "newsletter/a.md": "---\ntitle: A\ndate: 2026-01-01\ntags: [Kids!, music]\n---\nHi\n",
            "newsletter/b.md": "---\ntitle: B\ndate: 2026-01-02\ntags: kids\n---\nHi\n",
            "newsletter/c.md": "---\ntitle: C\ndate: 2026-01-03\nimage: images/nope.jpg\n---\nHi\n",
            "newsletter/d.md": "---\ntitle: D\ndate: 2026-01-04\nsumary: x\n---\nHi\n",
            "newsletter/tags.md": "---\ntitle: T\ndate: 2026-01-05\n---\nHi\n",
        }
    )
    assert problems(root) == [
        "content/newsletter/a.md:4:8: tags[0]: expected a short lowercase tag like 'kids' or 'music', "
        "got 'Kids!'",
        "content/newsletter/b.md:4:1: tags: expected a list (lines starting with '- '), got 'kids'",
        "content/newsletter/c.md:4:1: image: no file content/images/nope.jpg; put the image there or use "
        "an https:// link",
        "content/newsletter/d.md:4:1: sumary: unknown field (did you mean 'summary'?); expected one of: "
        "title, date, summary, tags, image, image_alt, draft",
        "content/newsletter/tags.md:1:1: the file name 'tags' is taken: /newsletter/tags/ lists the issues "
        "by tag; rename the issue",
    ]


def test_tags_and_cover_reach_the_issue(make_portal: PortalWriter) -> None:
    """Tags keep their order without repeats (spellings that share an address count as one);
    the cover image and its description are kept."""
    root = make_portal(
        pages={
            "images/cover.jpg": "not really a jpeg",
            "newsletter/a.md": "---\ntitle: A\ndate: 2026-01-01\n"
            "tags: [music, gift ideas, kids, music, gift-ideas]\n"
            "image: images/cover.jpg\nimage_alt: A piano\n---\nHi\n",
        }
    )
    (issue,) = load_portal(Run(root, dt.date(2026, 1, 2))).issues
    assert (issue.tags, issue.image, issue.image_alt) == (
        ("music", "gift ideas", "kids"),
        "images/cover.jpg",
        "A piano",
    )


def test_unpublished_issues_are_kept_apart(make_portal: PortalWriter) -> None:
    """Drafts and future issues are not on the site, but the portal knows them (for e-mail previews)."""
    root = make_portal(
        pages={
            "newsletter/now.md": _issue("Now", "2026-01-01"),
            "newsletter/later.md": _issue("Later", "2026-03-01"),
            "newsletter/draft.md": _issue("Draft", "2026-01-01", "draft: true\n"),
        }
    )
    portal = load_portal(Run(root, dt.date(2026, 2, 1)))
    assert [i.slug for i in portal.issues] == ["now"]
    assert [i.slug for i in portal.unpublished] == ["later", "draft"]
