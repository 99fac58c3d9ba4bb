"""Tests for portal_gen.model.nesting: Markdown nested past what can be rendered is one clear error."""

from __future__ import annotations

from click.testing import CliRunner
from conftest import PortalWriter, copy_sample, problems

from portal_gen.cli import main
from portal_gen.model.nesting import nesting


def _deep_list(levels: int, indent: str = "") -> str:
    return "\n".join(indent + "    " * level + "- item" for level in range(levels))


def test_lists_quotes_and_fenced_code_are_measured() -> None:
    """List indentation and quote markers add up; fenced code does not count."""
    assert nesting("flat\n") == (0, 0)
    assert nesting("- a\n    - b\n        - c\n") == (2, 3)
    assert nesting("> > > quoted\n") == (3, 1)
    assert nesting("> - a\n>     - b\n") == (2, 2)
    assert nesting("```\n" + "    " * 300 + "code\n```\n") == (0, 0)
    assert nesting("- " * 300 + "item\n") == (299, 1)
    assert nesting('<div markdown="1">\n' * 3 + "x\n" + "</div>\n" * 3) == (3, 3)


def test_a_page_nested_too_deep_is_refused_where_it_gets_too_deep(tmp_path: object) -> None:
    """A content page with 260 nested list levels: one line at the line that reaches 101, exit 1."""
    root = copy_sample(tmp_path / "portal")  # type: ignore[operator]
    (root / "content" / "deep.md").write_text("---\ntitle: Deep\n---\n\nIntro\n\n" + _deep_list(260) + "\n")
    result = CliRunner().invoke(main, ["build", "--root", str(root), "--today", "2026-11-23"])
    assert result.exit_code == 1
    assert result.stderr == (
        "content/deep.md:266:1: lists or quotes are nested 259 levels deep; at most 100 levels can be "
        "shown, so flatten them\n1 problem found; nothing was written.\n"
    )


def test_a_description_nested_too_deep_is_refused(make_portal: PortalWriter) -> None:
    """An event description is Markdown too: the same limit, named at the field."""
    description = _deep_list(150, indent="              ")
    root = make_portal(
        events=f"""\
        events:
          - id: a
            title: A
            start: 2026-12-05 10:00
            description: |
{description}
        """
    )
    assert problems(root) == [
        "data/events.yml:5:5: events[0].description: lists or quotes are nested 149 levels deep; at "
        "most 100 levels can be shown, so flatten them"
    ]
