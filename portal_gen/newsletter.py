"""Newsletter issues: Markdown files in ``content/newsletter/`` with front matter.

An issue is published once ``today`` reaches its date and it is not a draft, so the
nightly rebuild publishes a scheduled issue by itself.
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath

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


def collect_issues(
    pages: list[MarkdownPage], today: dt.date
) -> tuple[tuple[NewsletterIssue, ...], list[DataError]]:
    """Published issues, newest first, and every problem in their front matter."""
    issues: list[NewsletterIssue] = []
    errors: list[DataError] = []
    for page in pages:
        if not is_issue(page):
            continue
        slug = PurePosixPath(page.path).stem
        if not ID_PATTERN.match(slug):
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
        if record is None or problems:
            continue
        assert isinstance(record, IssueFrontMatter)
        if record.draft or record.date > today:
            continue
        issues.append(
            NewsletterIssue(slug, record.title, record.date, record.summary, page.body, page.source)
        )
    issues.sort(key=lambda issue: (issue.date, issue.slug), reverse=True)
    return tuple(issues), errors
