"""Newsletter issues: Markdown files in ``content/newsletter/`` with front matter.

An issue is published once ``today`` reaches its date and it is not a draft, so the
nightly rebuild publishes a scheduled issue by itself.
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath

from portal_gen.addresses import tag_anchor
from portal_gen.check.schema import check_schema
from portal_gen.errors import ContentError, DataError, Position, UnknownReferenceError
from portal_gen.model import blocks
from portal_gen.model.held_back import HeldBack, Reason
from portal_gen.model.issues import IssueFrontMatter
from portal_gen.model.portal import NewsletterIssue
from portal_gen.model.values import ID_PATTERN
from portal_gen.read.sources import MarkdownPage
from portal_gen.reuse import reusable

FOLDER = "newsletter"
#: Issue file names that would take the address of a generated page.
RESERVED_SLUGS = {"tags": "/newsletter/tags/ lists the issues by tag"}


def is_issue(page: MarkdownPage) -> bool:
    """Issues are the Markdown files directly inside ``content/newsletter/``."""
    path = PurePosixPath(page.path)
    return path.parent.as_posix() == FOLDER and path.name != "index.md"


def _distinct(tags: list[str]) -> tuple[str, ...]:
    """Tags in order, once each: "gift ideas" and "gift-ideas" are one topic (first spelling kept)."""
    seen: dict[str, str] = {}
    for tag in tags:
        seen.setdefault(tag_anchor(tag), tag)
    return tuple(seen.values())


def collect_issues(
    pages: list[MarkdownPage], assets: set[str] | None = None
) -> tuple[tuple[NewsletterIssue, ...], list[DataError]]:
    """Every issue with valid front matter (drafts and future ones too), newest first, and
    every problem found; front matter that could not be read was reported by the loader.
    ``assets`` are the files under content/ a cover image may name."""
    issues: list[NewsletterIssue] = []
    errors: list[DataError] = []
    shown_assets = frozenset(assets) if assets is not None else None
    for page in pages:
        if not is_issue(page) or page.front_matter.broken:
            continue
        issue, problems = issue_of(page, shown_assets)
        errors.extend(problems)
        if issue is not None:
            issues.append(issue)
    issues.sort(key=lambda issue: (issue.date, issue.slug), reverse=True)
    return tuple(issues), errors


@reusable()
def issue_of(
    page: MarkdownPage, assets: frozenset[str] | None
) -> tuple[NewsletterIssue | None, list[DataError]]:
    """One issue page: the issue (None if its front matter is wrong) and its problems."""
    errors: list[DataError] = []
    slug = PurePosixPath(page.path).stem
    if not ID_PATTERN.fullmatch(slug):
        errors.append(
            ContentError(
                Position(page.source),
                "",
                f"the file name {slug!r} becomes the issue's address; use lowercase letters, "
                "digits and hyphens, like '2026-11-winter-events.md'",
            )
        )
    elif slug in RESERVED_SLUGS:
        errors.append(
            ContentError(
                Position(page.source),
                "",
                f"the file name {slug!r} is taken: {RESERVED_SLUGS[slug]}; rename the issue",
            )
        )
    record, problems = check_schema(page.front_matter, IssueFrontMatter)
    errors.extend(problems)
    image = record.image if isinstance(record, IssueFrontMatter) else None
    if image and assets is not None and "://" not in image and image not in assets:
        errors.append(
            UnknownReferenceError(
                page.front_matter.position(("image",)),
                "image",
                f"no file content/{image}; put the image there or use an https:// link",
            )
        )
    calls, problems = blocks.find(page.body, page.source, page.body_line)
    errors.extend(problems)
    if not isinstance(record, IssueFrontMatter):
        return None, errors
    issue = NewsletterIssue(
        slug,
        record.title,
        record.date,
        record.summary,
        record.draft,
        page.body,
        page.source,
        tuple(calls),
        tags=_distinct(record.tags),
        image=record.image,
        image_alt=record.image_alt,
    )
    return issue, errors


def held_back_reasons(issue: NewsletterIssue, today: dt.date) -> tuple[Reason, ...]:
    """Why readers may not see ``issue`` today (nothing: it is published): a draft, or dated
    after today. The one place that decides."""
    reasons: list[Reason] = []
    if issue.draft:
        reasons.append("draft")
    if issue.date > today:
        reasons.append("dated after today")
    return tuple(reasons)


def published(issues: tuple[NewsletterIssue, ...], today: dt.date) -> tuple[NewsletterIssue, ...]:
    """The issues readers may see today: not drafts, and dated today or earlier."""
    return tuple(issue for issue in issues if not held_back_reasons(issue, today))


def held_back_issues(issues: tuple[NewsletterIssue, ...], today: dt.date) -> list[HeldBack]:
    """The issues readers may not see today, and why."""
    found = []
    for issue in issues:
        if reasons := held_back_reasons(issue, today):
            position = Position(issue.source)
            found.append(HeldBack("newsletter issue", issue.slug, position, reasons, issue.title, issue.date))
    return found
