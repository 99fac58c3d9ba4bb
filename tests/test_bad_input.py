"""A corpus of broken inputs (see bad_inputs.py): each is refused with exit code 1, its exact
``path:line:col`` messages and no traceback, and leaves the previous build/ and site/ as
they were, byte for byte."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from bad_inputs import CASES, Change
from click.testing import CliRunner

from portal_gen.cli import main

EXPECTED = {
    "yaml-unclosed-flow": [
        "data/tiers.yml:2:1: invalid YAML: did not find expected node content (while parsing a flow node)",
    ],
    "yaml-bad-indent": [
        "data/partners.yml:3:4: invalid YAML: did not find expected '-' indicator (while parsing a block collection started at line 2, column 3)",
    ],
    "yaml-tab-indent": [
        "data/partners.yml:2:1: invalid YAML: a tab was found here; indent with spaces, not tabs",
    ],
    "yaml-duplicate-key": [
        "data/site.yml:50:1: name: duplicate key 'name' (first written at line 4); keep only one",
    ],
    "yaml-unknown-tag": [
        "data/partners.yml:1:11: partners: unsupported YAML tag '!!python/object:os.system'; remove it",
    ],
    "yaml-two-documents": [
        "data/partners.yml:2:1: invalid YAML: but found another document (expected a single document in the stream started at line 1, column 1)",
    ],
    "yaml-alias-bomb": [
        "data/partners.yml:1:1: more than 1,000,000 values once aliases (*name) are expanded; write the values out or remove the aliases",
    ],
    "yaml-deep-nesting": [
        "data/partners.yml:1:111: nested more than 100 levels deep; flatten the data",
    ],
    "yaml-huge-file": [
        "data/partners.yml:1:1: the file is 8,400,010 bytes; a data file may be at most 8,000,000 bytes; that is far more than records take: look for text pasted in by mistake",
    ],
    "yaml-huge-events-file": [
        "data/events.yml:1:1: the file is 8,800,008 bytes; a data file may be at most 8,000,000 bytes; move some of its events into files of their own in data/events/ (each starting with events:, for example data/events/2027.yml for next year's)",
    ],
    "binary-junk": [
        "data/partners.yml:2:118: byte 0x80 is not valid UTF-8 text; save the file with the UTF-8 encoding",
    ],
    "not-utf8": [
        "data/partners.yml:3:14: byte 0xe9 is not valid UTF-8 text; save the file with the UTF-8 encoding",
    ],
    "bom-then-mistake": [
        "data/partners.yml:2:5: partners[0]: missing required field 'name'",
        "data/partners.yml:3:5: partners[0].nam: unknown field (did you mean 'name'?); expected one of: id, name, url, blurb",
    ],
    "empty-site-file": [
        "data/site.yml:1:1: missing required field 'name'",
        "data/site.yml:1:1: missing required field 'timezone'",
        "data/site.yml:1:1: missing required field 'url'",
    ],
    "site-not-a-mapping": [
        "data/site.yml:1:1: expected lines of 'key: value' such as 'name: ...', got a list",
    ],
    "missing-data-folder": [
        "data:1:1: no data folder; a portal keeps its YAML files in data/ (start with data/site.yml)",
    ],
    "missing-site-file": [
        "data/site.yml:1:1: file missing; every portal needs data/site.yml with at least name, url and timezone",
    ],
    "wrong-type-threshold": [
        "data/tiers.yml:17:5: tiers[1].threshold: expected an amount like 12.50 (or free), got 'lots'",
    ],
    "wrong-type-list": [
        "data/events.yml:101:5: events[6].tiers: expected a list (lines starting with '- '), got 'family'",
    ],
    "wrong-type-bool": [
        "data/testimonials.yml:11:5: testimonials[0].featured: expected true or false, got 'maybe'",
    ],
    "missing-title": [
        "data/events.yml:10:5: events[0]: missing required field 'title'",
    ],
    "missing-name": [
        "data/site.yml:4:1: missing required field 'name'",
    ],
    "unknown-key": [
        "data/events.yml:10:5: events[0]: missing required field 'title'",
        "data/events.yml:11:5: events[0].titel: unknown field (did you mean 'title'?); expected one of: id, title, status, start, end, duration, timezone, rrule, repeat, exceptions, extra_dates, changes, cards, location, online, summary, description, notice, tiers, price, capacity, partner, registration, image, image_alt, tags, updated, sequence",
    ],
    "unknown-key-site": [
        "data/site.yml:50:1: timezon: unknown field (did you mean 'timezone'?); expected one of: name, url, timezone, locale, currency, tagline, description, brand_color, legal, texts, generator_notice, logo, cover, cover_alt, favicon, contact, newsletter_signup, interest_form, calendar_past_days, newsletter_feed_items, newsletter_service, newsletter_fallback_name, editor",
    ],
    "negative-capacity": [
        "data/events/extra.yml:6:5: events[0].capacity: must be 1 or more, got -3",
    ],
    "fractional-capacity": [
        "data/events/extra.yml:6:5: events[0].capacity: expected a whole number, got 2.5",
    ],
    "rating-out-of-range": [
        "data/testimonials.yml:12:5: testimonials[0].rating: must be 5 or less, got 9",
    ],
    "bad-url": [
        "data/site.yml:5:1: url: expected a full link starting with https://, got 'brambleandbloom.example'",
    ],
    "javascript-url": [
        "data/site.yml:50:1: interest_form: expected a full link starting with https:// or mailto:, got 'javascript:alert(1)'",
    ],
    "bad-email": [
        "data/site.yml:17:3: contact.email: expected an e-mail address like hello@example.com, got 'hello-at-example'",
    ],
    "bad-colour": [
        "data/tiers.yml:16:5: tiers[1].color: expected a colour as a hex code like '#2e7d32' (in quotes), got 'green'",
    ],
    "id-path-traversal": [
        "data/events/extra.yml:2:5: events[0].id: expected an id of lowercase letters, digits and hyphens, like 'kids-yoga', got '../x'",
    ],
    "id-absolute": [
        "data/events/extra.yml:2:5: events[0].id: expected an id of lowercase letters, digits and hyphens, like 'kids-yoga', got '/etc/passwd'",
    ],
    "id-with-slash": [
        "data/events/extra.yml:2:5: events[0].id: expected an id of lowercase letters, digits and hyphens, like 'kids-yoga', got 'a/b'",
    ],
    "id-uppercase-space": [
        "data/events/extra.yml:2:5: events[0].id: expected an id of lowercase letters, digits and hyphens, like 'kids-yoga', got 'Kids Yoga'",
    ],
    "duplicate-id": [
        "data/events/extra.yml:2:5: events[0].id: duplicate id 'kids-yoga' (also used at data/events.yml:10:5); give each one its own id",
    ],
    "duplicate-partner-id": [
        "data/partners.yml:18:5: partners[3].id: duplicate id 'lotus-tree-yoga' (also used at line 4); give each one its own id",
    ],
    "unknown-tier": [
        "data/events.yml:101:21: events[6].tiers[1]: unknown tier 'gold'; expected one of: family, friends, patron",
    ],
    "unknown-partner": [
        "data/events.yml:35:5: events[0].partner: unknown partner 'lotus-yoga' (did you mean 'lotus-tree-yoga'?); expected one of: damen-music-school, lotus-tree-yoga, wicker-park-pediatrics",
    ],
    "unknown-event-in-testimonial": [
        "data/testimonials.yml:10:5: testimonials[0].event: unknown event 'kid-yoga' (did you mean 'kids-yoga'?); expected one of: autumn-story-time, early-years-talk, first-piano-lesson, holiday-wrapping-days, kids-yoga, teddy-bear-clinic, teen-line-preview, tennis-introduction, winter-story-time",
    ],
    "unknown-block": [
        "content/about.md:26:1: upcoming_event(): unknown data block (did you mean 'upcoming_events'?); expected one of: upcoming_events, next_event, proposed_events, featured_testimonials, testimonial, stories, story, tier_table, how_to_qualify, greeting, perk",
    ],
    "impossible-date": [
        "data/testimonials.yml:8:5: testimonials[0].date: '2026-02-30' is not a day in the calendar",
    ],
    "impossible-time": [
        "data/events/extra.yml:4:5: events[0].start: '2026-12-05 25:00' has no such time of day; use 00:00 to 23:59",
    ],
    "end-before-start": [
        "data/events/extra.yml:5:5: events[0].end: 2026-12-05 09:00 is before start 2026-12-05 10:00",
    ],
    "bad-zone": [
        "data/site.yml:6:1: timezone: unknown time zone 'Chicago'; expected an IANA name such as 'America/Chicago' or 'Europe/Paris'",
    ],
    "bad-event-zone": [
        "data/events/extra.yml:6:5: events[0].timezone: unknown time zone 'Mars/Olympus'; expected an IANA name such as 'America/Chicago' or 'Europe/Paris'",
    ],
    "bad-rrule": [
        "data/events/extra.yml:6:5: events[0].rrule: 'FREQ=FORTNIGHTLY' is not a repeat rule we can read (invalid 'FREQ': FORTNIGHTLY); expected something like 'FREQ=WEEKLY;BYDAY=SA;COUNT=8'",
    ],
    "rrule-count-and-until": [
        "data/events/extra.yml:6:5: events[0].rrule: give either COUNT or UNTIL, not both, got 'FREQ=WEEKLY;COUNT=3;UNTIL=20270101'",
    ],
    "repeat-and-rrule": [
        "data/events/extra.yml:7:5: events[0].repeat: give either rrule or repeat, not both; keep repeat and delete the rrule line, or the other way round",
    ],
    "repeat-until-before-start": [
        "data/events/extra.yml:6:27: events[0].repeat.until: 2026-11-28 is before start 2026-12-05 10:00; give the last date the series has",
    ],
    "time-12-hour": [
        "data/events/extra.yml:4:5: events[0].start: write '2026-12-05 7pm' on the 24-hour clock with a colon: 2026-12-05 19:00",
    ],
    "newsletter-bad-date": [
        "content/newsletter/2026-12-extra.md:3:1: date: '2026-13-01' is not a day in the calendar",
    ],
    "newsletter-no-front-matter-title": [
        "content/newsletter/2026-12-extra.md:2:1: missing required field 'title'",
    ],
}


def _apply(root: Path, changes: dict[str, Change]) -> None:
    for path, change in changes.items():
        target = root / path
        if change is None:
            shutil.rmtree(target) if target.is_dir() else target.unlink()
        elif isinstance(change, bytes | str):
            target.parent.mkdir(parents=True, exist_ok=True)
            data = change if isinstance(change, bytes) else change.encode("utf-8")
            target.write_bytes(data)
        else:
            target.write_text(change(target.read_text(encoding="utf-8")), encoding="utf-8")


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for folder in ("build", "site")
        for path in (root / folder).rglob("*")
        if path.is_file()
    }


def test_corpus_is_large_and_every_case_has_its_messages() -> None:
    """At least 40 broken inputs, each with the messages it must produce."""
    assert len(CASES) >= 40
    assert set(CASES) == set(EXPECTED)


@pytest.mark.parametrize("case", list(CASES))
def test_broken_input_is_refused_and_the_last_good_site_stays(
    built_sample: Path, tmp_path: Path, case: str
) -> None:
    """Exit 1, the exact problems then a summary line, no traceback, quickly; build/ and site/
    are untouched."""
    root = tmp_path / "portal"
    shutil.copytree(built_sample, root, ignore=shutil.ignore_patterns("email"))
    before = _snapshot(root)
    assert before
    _apply(root, CASES[case])
    started = time.perf_counter()
    result = CliRunner().invoke(main, ["build", "--root", str(root), "--today", "2026-11-23"])
    took = time.perf_counter() - started
    assert result.exit_code == 1
    assert result.stdout == ""
    problems = EXPECTED[case]
    summary = f"{len(problems)} problem{'s' if len(problems) > 1 else ''} found; nothing was written."
    assert result.stderr.splitlines() == [*problems, summary]
    assert "Traceback" not in result.stderr
    assert _snapshot(root) == before
    # Refused without reading further (alias bombs, huge and deep files included); a loose
    # bound, only to catch a hang.
    assert took < 10
