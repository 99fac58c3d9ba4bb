"""Tests for portal_gen.read.yamlerrors: a new owner's usual YAML slips, made in the sample
where owners make them, get the fix through portal-gen check, word for word."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLE_TODAY, copy_sample

from portal_gen.cli import main


def _check_with(tmp_path: Path, path: str, old: str, new: str) -> tuple[int, list[str]]:
    """``portal-gen check`` on a copy of the sample with ``old`` replaced by ``new`` in ``path``."""
    root = copy_sample(tmp_path / "portal")
    target = root / path
    text = target.read_text(encoding="utf-8")
    assert old in text, old
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--root", str(root), "--today", str(SAMPLE_TODAY)])
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr.splitlines()


@pytest.mark.parametrize(
    ("path", "old", "new", "message"),
    [
        pytest.param(
            "data/events.yml",
            "  - id: autumn-story-time\n    title: Autumn story time\n",
            "  - title: Yoga: for kids\n    id: autumn-story-time\n",
            "data/events.yml:41:16: invalid YAML: a colon inside a text ends the text early; put the text "
            'in double quotes: title: "Yoga: for kids"',
            id="colon-in-a-list-item",
        ),
        pytest.param(
            "data/testimonials.yml",
            "quote: Story time was the calmest hour of our weekend. Thank you for the cider!",
            "quote: 'Story time was the calmest hour of our weekend. We'll be back!'",
            "data/testimonials.yml:33:64: invalid YAML: an apostrophe inside a text in single quotes ends "
            "the text early; write it twice (quote: 'Story time was the calmest hour of our weekend. "
            "We''ll be back!') or use double quotes instead",
            id="apostrophe-in-a-testimonial",
        ),
        pytest.param(
            "data/events.yml",
            "      name: The studio above the shop\n      address: 1834",
            "      name: Studio: upstairs\n      address: 1834",
            "data/events.yml:27:19: invalid YAML: a colon inside a text ends the text early; put the text "
            'in double quotes: name: "Studio: upstairs"',
            id="colon-in-a-nested-mapping",
        ),
        pytest.param(
            "data/site.yml",
            "testimonials_title: What families say",
            "testimonials_title: Families: in their words",
            "data/site.yml:46:31: invalid YAML: a colon inside a text ends the text early; put the text in "
            'double quotes: testimonials_title: "Families: in their words"',
            id="colon-in-site-texts",
        ),
        pytest.param(
            "data/events.yml",
            "title: Holiday gift-wrapping days",
            "title: Gift wrapping: table #2",
            "data/events.yml:66:25: invalid YAML: a colon inside a text ends the text early; put the text "
            'in double quotes: title: "Gift wrapping: table #2"',
            id="colon-then-a-hash-in-the-text",
        ),
        pytest.param(
            "data/events.yml",
            "title: Holiday gift-wrapping days",
            "title: Gift wrapping: all week  # ask Claire",
            "data/events.yml:66:25: invalid YAML: a colon inside a text ends the text early; put the text "
            'in double quotes: title: "Gift wrapping: all week"  # ask Claire',
            id="colon-then-a-comment",
        ),
    ],
)
def test_usual_slips_get_the_fix_where_owners_make_them(
    tmp_path: Path, path: str, old: str, new: str, message: str
) -> None:
    """A colon in a text (in a list item, a nested mapping, before a # of the text or a
    comment) and an apostrophe in single quotes each say what to write instead."""
    code, lines = _check_with(tmp_path, path, old, new)
    assert code == 1
    assert lines == [message, "1 problem found; nothing was written."]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "start: 2026-10-17 11:00\n    end: 11:45",
            "start: 2026-10-17 11am\n    end: 11:45",
            "data/events.yml:43:5: events[1].start: write '2026-10-17 11am' on the 24-hour clock with a "
            "colon: 2026-10-17 11:00",
        ),
        (
            "start: 2026-10-17 11:00\n    end: 11:45",
            "start: 2026-10-17 7pm\n    end: 7:45pm",
            "data/events.yml:43:5: events[1].start: write '2026-10-17 7pm' on the 24-hour clock with a "
            "colon: 2026-10-17 19:00\n"
            "data/events.yml:44:5: events[1].end: write '7:45pm' on the 24-hour clock with a colon: 19:45",
        ),
        (
            "start: 2026-10-17 11:00\n    end: 11:45",
            "start: 2026-10-17 7 P.M.\n    end: 12 am",
            "data/events.yml:43:5: events[1].start: write '2026-10-17 7 P.M.' on the 24-hour clock with a "
            "colon: 2026-10-17 19:00\n"
            "data/events.yml:44:5: events[1].end: write '12 am' on the 24-hour clock with a colon: 00:00",
        ),
        (
            "start: 2026-10-17 11:00\n    end: 11:45",
            "start: 2026-10-17 19h\n    end: 20h30",
            "data/events.yml:43:5: events[1].start: write '2026-10-17 19h' on the 24-hour clock with a "
            "colon: 2026-10-17 19:00\n"
            "data/events.yml:44:5: events[1].end: write '20h30' on the 24-hour clock with a colon: 20:30",
        ),
        (
            "start: 2026-10-17 11:00\n    end: 11:45",
            "start: 7pm\n    end: 11:45",
            "data/events.yml:43:5: events[1].start: write '7pm' as a day and a time on the 24-hour clock, "
            "like 2026-03-07 19:00",
        ),
    ],
)
def test_times_written_as_they_are_said_get_the_24_hour_form(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    """7pm, 7:45pm, 7 P.M., 12 am, 19h and 20h30 are refused with the time to write instead."""
    code, lines = _check_with(tmp_path, "data/events.yml", old, new)
    assert code == 1
    count = message.count("\n") + 1
    assert lines == [
        *message.split("\n"),
        f"{count} problem{'s' if count > 1 else ''} found; nothing was written.",
    ]
