"""Tests for portal_gen.preview.panel: the problems and the held-back link every page of the
preview shows, worded as the terminal words them."""

from __future__ import annotations

from pathlib import Path

import jinja2

from portal_gen.errors import InvalidDataError, OutputError, Position, SchemaError
from portal_gen.preview.panel import (
    MARK,
    PREVIEW_FOLDER,
    Notes,
    PreviewFailed,
    Problems,
    decorate,
    problems_of,
)

PAGE = b'<html><body class="md"><p>Open daily.</p></body></html>'


def test_data_problems_are_listed_as_check_prints_them() -> None:
    """Each problem is one file:line:col line, under check's summary and what the site shows."""
    error = InvalidDataError(
        [
            SchemaError(Position("data/events.yml", 11, 5), "events[0].titel", "unknown field"),
            SchemaError(Position("data/events.yml", 10, 5), "events[0]", "missing required field 'title'"),
        ]
    )
    assert problems_of(error) == Problems(
        "2 problems found; nothing was written. The site keeps showing the last good version.",
        (
            "data/events.yml:10:5: events[0]: missing required field 'title'",
            "data/events.yml:11:5: events[0].titel: unknown field",
        ),
    )


def test_other_errors_are_one_line() -> None:
    """A problem that is not in the data is said in one line, as the terminal says it."""
    assert problems_of(OutputError("build/docs is a file")) == Problems(
        "error: build/docs is a file The site keeps showing the last good version."
    )


def test_a_broken_theme_override_names_its_file_and_line(tmp_path: Path) -> None:
    """MkDocs failing on a template's mistake says the file (from the portal) and the line."""
    main = tmp_path / "theme_overrides" / "main.html"
    main.parent.mkdir()
    main.write_text("<p>\n{% if %}\n", encoding="utf-8")
    loader = jinja2.FileSystemLoader(str(main.parent))
    try:
        jinja2.Environment(loader=loader).get_template("main.html")
    except jinja2.TemplateSyntaxError as error:
        failed = PreviewFailed(error, tmp_path)
    assert str(failed) == (
        "MkDocs could not build the site: theme_overrides/main.html:2: "
        "Expected an expression, got 'end of statement block'"
    )


def test_the_problems_come_first_in_the_page_and_the_link_last() -> None:
    """The alert opens the body (the keyboard reaches it first); the held-back link ends it."""
    notes = Notes(Problems("1 problem found; nothing was written.", ("data/site.yml:1:1: <bad>",)), 2)
    body = decorate(PAGE, notes, "/shop/")
    assert body.startswith(b'<html><body class="md"><section id="portal-gen-preview-problems" role="alert"')
    assert b"data/site.yml:1:1: &lt;bad&gt;</li>" in body  # the owner's text is escaped
    assert b'<p>Open daily.</p><nav id="portal-gen-preview-bar" aria-label="Preview"' in body
    assert b'href="/shop/.portal-gen/held-back/"' in body and b">Preview: held back (2)</a>" in body
    assert body.endswith(b"</nav></body></html>")


def test_without_problems_only_the_link_is_added() -> None:
    """After a good save a page carries no alert."""
    body = decorate(PAGE, Notes(None, 0), "/")
    assert b'role="alert"' not in body and b">Preview: held back (0)</a>" in body


def test_nothing_of_the_preview_reaches_build_or_generate(built_sample: Path) -> None:
    """build's site/ and generate's build/docs/ hold no preview page, note, link or script."""
    for folder in (built_sample / "site", built_sample / "build" / "docs"):
        files = [path for path in folder.rglob("*") if path.is_file()]
        assert files
        assert [path for path in files if PREVIEW_FOLDER.strip("/") in path.relative_to(folder).parts] == []
        for path in files:
            data = path.read_bytes()
            assert MARK.encode() not in data and b"Preview: held back" not in data, path
            assert b"/.portal-gen/" not in data, path
