"""Tests for portal_gen.app: today, consent, private fields, clashes, and all-or-nothing output."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import SAMPLE_TODAY, PortalWriter, copy_sample, problems

from portal_gen.app import Run, generate, load_portal, resolve_today
from portal_gen.errors import InvalidDataError
from portal_gen.host import clock
from portal_gen.host.clock import BadTodayError

CHICAGO = ZoneInfo("America/Chicago")


def test_today_from_source_date_epoch_in_the_site_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    """2026-11-24 03:00 UTC is still the 23rd in Chicago; a day asked for is that day."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 11, 24, 3, tzinfo=dt.UTC).timestamp())))
    assert resolve_today(clock.now(), CHICAGO) == dt.date(2026, 11, 23)
    assert resolve_today(dt.date(2020, 1, 1), CHICAGO) == dt.date(2020, 1, 1)


def test_bad_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    """A SOURCE_DATE_EPOCH that is not a number is refused with a message."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(BadTodayError) as failure:
        clock.now()
    assert (
        str(failure.value)
        == "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, got 'yesterday'"
    )


def test_without_consent_a_testimonial_is_held_back(sample_copy: Path) -> None:
    """The sample's testimonial without consent is counted but appears nowhere in the output."""
    portal = load_portal(Run(sample_copy, SAMPLE_TODAY))
    assert [(held.id, held.reasons) for held in portal.held_back if held.kind == "testimonial"] == [
        ("laura-alterations", ("no consent",))
    ]
    result = generate(Run(sample_copy, SAMPLE_TODAY))
    text = b"".join(path.read_bytes() for path in result.output.rglob("*") if path.is_file())
    assert b"hemmed three pairs" not in text
    assert b"Laura B." not in text


def test_private_contact_fields_never_reach_the_output(sample_copy: Path) -> None:
    """Customers' e-mail addresses, phones and notes are validated but never written."""
    portal = load_portal(Run(sample_copy, SAMPLE_TODAY))
    assert all(t.contact is None for t in portal.testimonials)
    result = generate(Run(sample_copy, SAMPLE_TODAY))
    text = b"".join(path.read_bytes() for path in result.output.rglob("*") if path.is_file())
    for private in (b"maya.r@example.com", b"daniel.k@example.com", b"(312) 555-0199", b"signed form"):
        assert private not in text


def test_owner_page_may_not_replace_a_generated_page(make_portal: PortalWriter) -> None:
    """content/events/index.md would silently hide the events page: it is an error instead."""
    root = make_portal(pages={"events/index.md": "# My events\n"})
    assert problems(root) == [
        "content/events/index.md:1:1: this file would replace the generated page at /events/; "
        "rename it, or change that page by overriding its template in theme_overrides/portal/"
    ]


def test_a_clash_is_reported_with_every_other_problem(make_portal: PortalWriter) -> None:
    """A page on a generated address does not hide a bad event or a bad tier: check prints all."""
    root = make_portal(
        pages={"events/index.md": "# My events\n"},
        events="events:\n  - id: a\n    title: A\n    start: 2026-13-01\n",
        tiers="tiers:\n  - id: x\n",
    )
    assert problems(root) == [
        "content/events/index.md:1:1: this file would replace the generated page at /events/; "
        "rename it, or change that page by overriding its template in theme_overrides/portal/",
        "data/events.yml:4:5: events[0].start: '2026-13-01' is not a day in the calendar",
        "data/tiers.yml:2:5: tiers[0]: missing required field 'name'",
    ]


def test_clashes_are_found_by_address_not_file_name(make_portal: PortalWriter) -> None:
    """content/tiers.md and content/Testimonials/README.md land on generated addresses too."""
    root = make_portal(
        pages={"tiers.md": "# Tiers\n", "Testimonials/README.md": "# Hi\n", "tiers-faq.md": "# Q\n"}
    )
    assert problems(root) == [
        "content/Testimonials/README.md:1:1: this file would replace the generated page at "
        "/testimonials/; rename it, or change that page by overriding its template in "
        "theme_overrides/portal/",
        "content/tiers.md:1:1: this file would replace the generated page at /tiers/; rename it, or "
        "change that page by overriding its template in theme_overrides/portal/",
    ]


def test_bad_data_leaves_the_previous_output_untouched(sample_copy: Path) -> None:
    """After a good generate, a broken file makes generate fail and changes no byte of build/docs."""
    result = generate(Run(sample_copy, SAMPLE_TODAY))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in result.output.rglob("*") if p.is_file()}
    events = sample_copy / "data" / "events" / "damen-music-school.yml"
    events.write_text(events.read_text().replace("end: 15:30", "end: 13:30"))
    with pytest.raises(InvalidDataError) as failure:
        generate(Run(sample_copy, SAMPLE_TODAY))
    assert [str(e) for e in failure.value.errors] == [
        "data/events/damen-music-school.yml:7:5: events[0].end: 2026-12-12 13:30 is before start "
        "2026-12-12 14:00"
    ]
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in result.output.rglob("*") if p.is_file()}
    assert after == before


def test_generate_twice_rewrites_nothing(sample_copy: Path) -> None:
    """The second run finds every file unchanged."""
    first = generate(Run(sample_copy, SAMPLE_TODAY))
    second = generate(Run(sample_copy, SAMPLE_TODAY))
    assert second.report.written == [] and second.report.removed == []
    assert second.report.unchanged == len(first.report.written)


def test_generate_never_writes_into_the_owner_folders(sample_copy: Path) -> None:
    """data/, content/ and theme_overrides/ are byte for byte the same after generate."""

    def snapshot() -> dict[Path, bytes]:
        return {
            p: p.read_bytes()
            for name in ("data", "content", "theme_overrides")
            for p in (sample_copy / name).rglob("*")
            if p.is_file()
        }

    before = snapshot()
    generate(Run(sample_copy, SAMPLE_TODAY))
    assert snapshot() == before


def test_output_is_identical_across_processes(tmp_path: Path) -> None:
    """Two runs in fresh interpreters with different hash seeds write byte-identical files."""
    outputs = []
    for seed in ("1", "2"):
        root = copy_sample(tmp_path / f"run{seed}")
        subprocess.run(
            [sys.executable, "-m", "portal_gen", "generate", "--root", str(root), "--today", "2026-11-23"],
            check=True,
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        docs = root / "build" / "docs"
        outputs.append({p.relative_to(docs): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()})
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) == 49


def test_a_day_given_as_a_moment_counts_as_that_day() -> None:
    """The plugin's `today: 2026-11-23 10:00` (YAML reads a datetime) means 2026-11-23."""
    import datetime as dt

    from portal_gen.host.clock import parse_day

    assert parse_day(dt.datetime(2026, 11, 23, 10, 0)) == dt.date(2026, 11, 23)
