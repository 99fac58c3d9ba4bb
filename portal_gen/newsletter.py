"""Newsletter issues: Markdown files in ``content/newsletter/`` with front matter.

An issue is published once ``today`` reaches its date and it is not a draft, so the
nightly rebuild publishes a scheduled issue by itself.
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath

from portal_gen import blocks
from portal_gen.errors import ContentError, DataError, Position
from portal_gen.load import MarkdownPage
from portal_gen.models import IssueFrontMatter, NewsletterIssue
from portal_gen.validate import check_schema
from portal_gen.values import ID_PATTERN

FOLDER = "newsletter"


def is_issue(page: MarkdownPage) -> bool:
    """Issues are the Markdown files directly inside ``content/newsletter/``."""
    path = PurePosixPath(page.path)
    return path.parent.as_posix() == FOLDER and path.name != "index.md"


def collect_issues(pages: list[MarkdownPage]) -> tuple[tuple[NewsletterIssue, ...], list[DataError]]:
    """Every issue with valid front matter (drafts and future ones too), newest first, and
    every problem found; front matter that could not be read was reported by the loader."""
    issues: list[NewsletterIssue] = []
    errors: list[DataError] = []
    for page in pages:
        if not is_issue(page) or page.front_matter.broken:
            continue
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
        record, problems = check_schema(page.front_matter, IssueFrontMatter)
        errors.extend(problems)
        calls, problems = blocks.find(page.body, page.source, page.body_line)
        errors.extend(problems)
        if not isinstance(record, IssueFrontMatter):
            continue
        issues.append(
            NewsletterIssue(
                slug,
                record.title,
                record.date,
                record.summary,
                record.draft,
                page.body,
                page.source,
                tuple(calls),
            )
        )
    issues.sort(key=lambda issue: (issue.date, issue.slug), reverse=True)
    return tuple(issues), errors


def published(issues: tuple[NewsletterIssue, ...], today: dt.date) -> tuple[NewsletterIssue, ...]:
    """The issues readers may see today: not drafts, and dated today or earlier."""
    return tuple(issue for issue in issues if not issue.draft and issue.date <= today)
