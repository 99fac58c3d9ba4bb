"""Property-based tests: whatever an owner types, portal-gen answers with a portal or with data
errors, never with an unexpected exception (a traceback)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import yaml
from conftest import files_for
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from portal_gen.app import Run, load_portal
from portal_gen.check.schema import check_schema
from portal_gen.errors import DataError, InvalidDataError
from portal_gen.model.records import DATA_MODELS
from portal_gen.read.sources import MarkdownPage, parse_markdown
from portal_gen.read.yamldoc import Document, parse_yaml

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Words that mean something somewhere in the data, so generated documents hit real rules.
WORDS = st.sampled_from(
    ["id", "title", "name", "start", "end", "events", "tiers", "perks", "rrule", "threshold", "date",
     "quote", "consent", "status", "proposed", "2026-12-05 10:00", "10:00", "FREQ=WEEKLY;COUNT=3",
     "yes", "no", "null", "~", "", "UTC", "America/Chicago", "https://x.example/", "kids-yoga", "-1", "0"]
)  # fmt: skip
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    WORDS,
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(WORDS, st.text(max_size=10)), children, max_size=5),
    ),
    max_leaves=25,
)


@SETTINGS
@given(st.text(max_size=400))
def test_any_text_parses_to_a_document_or_errors(text: str) -> None:
    """The YAML reader never raises: it returns a document and a list of problems."""
    document, errors = parse_yaml(text, "data/x.yml")
    assert isinstance(document, Document)
    assert all(isinstance(error, DataError) for error in errors)
    assert all(str(error).startswith("data/x.yml:") for error in errors)


@SETTINGS
@given(st.text(max_size=300))
def test_any_markdown_file_splits_into_front_matter_and_body(text: str) -> None:
    """A Markdown file with any front matter gives a page and problems, never an exception."""
    page, errors = parse_markdown("---\n" + text, "newsletter/x.md", "content/newsletter/x.md")
    assert isinstance(page, MarkdownPage)
    assert all(isinstance(error, DataError) for error in errors)


@SETTINGS
@given(st.sampled_from(sorted(DATA_MODELS)), VALUES)
def test_any_data_validates_to_a_record_or_errors(name: str, data: object) -> None:
    """Any structure in any data file is either a record or positioned problems."""
    document = Document(f"data/{name}.yml", data)
    record, errors = check_schema(document, DATA_MODELS[name])
    assert (record is None) == bool(errors)
    assert all(str(error).startswith(f"data/{name}.yml:") for error in errors)


RULES = ["FREQ=DAILY;COUNT=3", "FREQ=WEEKLY;COUNT=4", "FREQ=MONTHLY;BYDAY=1SA;COUNT=3", "nonsense",
         "FREQ=YEARLY;INTERVAL=0", "FREQ=WEEKLY;UNTIL=20271231", "FREQ=HOURLY;COUNT=5"]  # fmt: skip
#: Mostly sensible values (so portals get rendered), sometimes anything at all.
MOMENTS = st.datetimes(dt.datetime(2026, 1, 1), dt.datetime(2027, 12, 31)).map(
    lambda d: f"{d:%Y-%m-%d %H:%M}"
)
PLAIN = st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=20).filter(str.strip)
EVENT_FIELDS = st.fixed_dictionaries(
    {
        "id": st.sampled_from(["a", "b", "kids-yoga"]),
        "title": st.one_of(PLAIN, PLAIN, PLAIN, st.text(max_size=5)),
        "start": st.one_of(MOMENTS, MOMENTS, MOMENTS, st.dates().map(str), WORDS),
        "duration": st.sampled_from(["45 minutes", "2 hours", "1 day", "45 minutes", "0 minutes", "lots"]),
    },
    optional={
        "rrule": st.sampled_from(RULES),
        "exceptions": st.lists(st.dates().map(str), max_size=2),
        "status": st.sampled_from(["scheduled", "cancelled", "proposed", "scheduled", "maybe"]),
        "timezone": st.sampled_from(["UTC", "Europe/Paris", "Mars/Base", "America/Sao_Paulo"]),
        "tiers": st.lists(st.sampled_from(["friends", "friends", "gold"]), max_size=2),
        "description": st.text(max_size=40),
        "location": st.one_of(PLAIN, st.fixed_dictionaries({"name": PLAIN})),
    },
)  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(EVENT_FIELDS, max_size=3, unique_by=lambda event: event["id"]),
    st.one_of(PLAIN, st.text(max_size=9)),
)
def test_any_events_give_a_portal_that_renders_or_data_errors(events: list[dict], title: str) -> None:
    """A whole portal with generated events and an issue: it loads and renders every page, or
    it is refused with data errors."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "data").mkdir()
        (root / "data" / "site.yml").write_text(
            "name: Shop\nurl: https://shop.example/\ntimezone: America/Chicago\n"
            "contact: {address: 1 Main St}\n"
        )
        (root / "data" / "tiers.yml").write_text("tiers:\n  - {id: friends, name: Friends}\n")
        (root / "data" / "events.yml").write_text(yaml.safe_dump({"events": events}, allow_unicode=True))
        issue = root / "content" / "newsletter" / "2026-11-issue.md"
        issue.parent.mkdir(parents=True)
        issue.write_text(
            "---\n"
            + yaml.safe_dump({"title": title or "x", "date": "2026-11-01"}, allow_unicode=True)
            + "---\n{{ upcoming_events() }}\n"
        )
        try:
            portal = load_portal(Run(root, dt.date(2026, 11, 23)))
        except InvalidDataError as failure:
            assert failure.errors
            event("refused with data errors")
            return
        event("rendered")
        files = files_for(portal, root)
        assert "events/index.md" in files
