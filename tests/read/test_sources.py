"""Tests for portal_gen.read.sources: YAML and front matter in, values with positions out."""

from __future__ import annotations

from pathlib import Path

import pytest

from portal_gen.errors import Position
from portal_gen.read.sources import parse_markdown, parse_yaml, read_sources

EVENTS = """\
events:
  - id: yoga
    title: Kids' yoga
    start: 2026-03-01 10:00
    end: 10:45
  - id: piano
    title: Piano
"""


def test_every_value_knows_its_line_and_column() -> None:
    """Mapping entries point at their key, sequence items at the item."""
    document, errors = parse_yaml(EVENTS, "data/events.yml")
    assert errors == []
    assert document.position(("events", 0, "end")) == Position("data/events.yml", 5, 5)
    assert document.position(("events", 1)) == Position("data/events.yml", 6, 5)
    assert document.position(("events", 1, "title")) == Position("data/events.yml", 7, 5)


def test_missing_location_falls_back_to_the_nearest_written_parent() -> None:
    """A field that was never written is reported where its record starts."""
    document, _ = parse_yaml(EVENTS, "data/events.yml")
    assert document.position(("events", 1, "start")) == Position("data/events.yml", 6, 5)


def test_scalars_follow_the_yaml_1_2_core_schema() -> None:
    """'no' stays text, 10:30 stays text, dates stay text; true, numbers and null are typed."""
    document, errors = parse_yaml(
        "a: no\nb: 10:30\nc: 2026-03-01\nd: true\ne: 12\nf: 12.5\ng: ~\nh: 0x1F\n", "x.yml"
    )
    assert errors == []
    assert document.data == {
        "a": "no",
        "b": "10:30",
        "c": "2026-03-01",
        "d": True,
        "e": 12,
        "f": 12.5,
        "g": None,
        "h": 31,
    }


def test_raw_text_is_kept_for_messages() -> None:
    """A number keeps the digits as typed (the leading zero of a postal code)."""
    document, _ = parse_yaml("zip: 02134\n", "x.yml")
    assert document.data == {"zip": 2134}
    assert document.raw[("zip",)] == "02134"


def test_duplicate_keys_are_reported_not_silently_overwritten() -> None:
    """PyYAML keeps the last duplicate; we report it with both lines."""
    _, errors = parse_yaml("events:\n  - id: a\n    title: A\n    id: b\n", "data/events.yml")
    assert [str(e) for e in errors] == [
        "data/events.yml:4:5: events[0].id: duplicate key 'id' (first written at line 2); keep only one"
    ]


def test_syntax_errors_point_at_the_problem() -> None:
    """An unclosed flow list is reported with its position."""
    _, errors = parse_yaml("tiers: [friends, family\n", "data/tiers.yml")
    assert [str(e) for e in errors] == [
        "data/tiers.yml:2:1: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence "
        "started at line 1, column 8)"
    ]


def test_tabs_get_a_hint() -> None:
    """Indenting with a tab says so, since the YAML message alone does not."""
    _, errors = parse_yaml("events:\n\t- id: a\n", "data/events.yml")
    assert [str(e) for e in errors] == [
        "data/events.yml:2:1: invalid YAML: a tab was found here; indent with spaces, not tabs"
    ]


def test_unsupported_tags_are_refused() -> None:
    """Only plain YAML types are accepted: no !!binary, no Python objects."""
    _, errors = parse_yaml("a: !!binary aGk=\nb: !!python/name:os.system\n", "x.yml")
    assert [str(e) for e in errors] == [
        "x.yml:1:4: a: unsupported YAML tag '!!binary'; remove it",
        "x.yml:2:4: b: unsupported YAML tag '!!python/name:os.system'; remove it",
    ]


def test_alias_bomb_is_refused_before_expansion() -> None:
    """A billion-laughs document is refused at once instead of filling memory."""
    lines = ["a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]"]
    for index in range(8):
        name, previous = chr(98 + index), chr(97 + index)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    document, errors = parse_yaml("\n".join(lines) + "\n", "x.yml")
    assert document.data is None
    assert [str(e) for e in errors] == [
        "x.yml:1:1: more than 1,000,000 values once aliases (*name) are expanded; "
        "write the values out or remove the aliases"
    ]


def test_aliases_and_merge_keys_work_within_limits() -> None:
    """A shared block merged into records; explicit keys win over merged ones."""
    document, errors = parse_yaml(
        "base: &base {price: 10, location: Shop}\nevent:\n  <<: *base\n  price: 12\n", "x.yml"
    )
    assert errors == []
    assert document.data["event"] == {"price": 12, "location": "Shop"}


def test_deep_nesting_is_refused() -> None:
    """Hundreds of nested lists are refused with a message, not a crash."""
    _, errors = parse_yaml("[" * 150 + "]" * 150, "x.yml")
    assert [str(e) for e in errors] == ["x.yml:1:102: nested more than 100 levels deep; flatten the data"]


def test_front_matter_positions_count_from_the_top_of_the_file() -> None:
    """Front matter starts on line 2 of the file, and so do its positions."""
    page, errors = parse_markdown(
        "---\ntitle: Autumn\ndate: 2026-10-03\n---\n\nHello.\n", "newsletter/a.md", "content/newsletter/a.md"
    )
    assert errors == []
    assert page.front_matter.data == {"title": "Autumn", "date": "2026-10-03"}
    assert page.front_matter.position(("date",)) == Position("content/newsletter/a.md", 3, 1)
    assert page.body == "\nHello.\n"
    assert page.body_line == 5


def test_front_matter_without_an_end_is_an_error() -> None:
    """A missing closing --- would swallow the page; it is reported instead."""
    _, errors = parse_markdown("---\ntitle: A\n\nHello\n", "a.md", "content/a.md")
    assert [str(e) for e in errors] == [
        "content/a.md:1:1: front matter starts with '---' but has no closing '---' line"
    ]


def test_bom_is_ignored_and_bad_bytes_are_reported(tmp_path: Path) -> None:
    """A UTF-8 byte-order mark is not content; bytes that are not UTF-8 are an error with a place."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "site.yml").write_bytes(b"\xef\xbb\xbfname: Shop\n")
    (tmp_path / "data" / "tiers.yml").write_bytes(b"tiers:\n  - name: Caf\xe9\n")
    sources, errors = read_sources(tmp_path)
    assert sources.data["site"].data == {"name": "Shop"}
    assert [str(e) for e in errors] == [
        "data/tiers.yml:2:14: byte 0xe9 is not valid UTF-8 text; save the file with the UTF-8 encoding"
    ]


def test_missing_data_folder_and_site_file(tmp_path: Path) -> None:
    """No data/ at all, and data/ without site.yml, each get a message saying what to add."""
    _, errors = read_sources(tmp_path)
    assert [str(e) for e in errors] == [
        "data:1:1: no data folder; a portal keeps its YAML files in data/ (start with data/site.yml)"
    ]
    (tmp_path / "data").mkdir()
    _, errors = read_sources(tmp_path)
    assert [str(e) for e in errors] == [
        "data/site.yml:1:1: file missing; every portal needs data/site.yml with at least name, url "
        "and timezone"
    ]


def test_unknown_data_files_are_reported(tmp_path: Path) -> None:
    """A misspelt file name would otherwise be ignored without a word."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "site.yml").write_text("name: Shop\n")
    (tmp_path / "data" / "event.yml").write_text("events: []\n")
    (tmp_path / "data" / "tiers.yaml").write_text("tiers: []\n")
    _, errors = read_sources(tmp_path)
    assert [str(e) for e in errors] == [
        "data/event.yml:1:1: unknown data file 'event.yml'; expected one of: site.yml, tiers.yml, "
        "events.yml, testimonials.yml, stories.yml, partners.yml",
        "data/tiers.yaml:1:1: unknown data file 'tiers.yaml'; rename it to tiers.yml",
    ]


def test_content_pages_and_assets_are_read_in_a_stable_order(tmp_path: Path) -> None:
    """Hidden files are skipped; Markdown becomes pages, everything else assets."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "site.yml").write_text("name: Shop\n")
    content = tmp_path / "content"
    (content / "img").mkdir(parents=True)
    (content / "b.md").write_text("# B\n")
    (content / "a.md").write_text("# A\n")
    (content / "img" / "logo.png").write_bytes(b"\x89PNG")
    (content / ".draft.md").write_text("secret\n")
    sources, errors = read_sources(tmp_path)
    assert errors == []
    assert [page.path for page in sources.pages] == ["a.md", "b.md"]
    assert [(asset.path, asset.data) for asset in sources.assets] == [("img/logo.png", b"\x89PNG")]


def test_an_events_file_ten_times_the_benchmark_portals_is_read(tmp_path: Path) -> None:
    """A large shop may keep one big events.yml (2.1 MB here, as the 10x benchmark portal's): it is
    read, not refused."""
    from portal_gen.read.sources import read_yaml_file

    item = "  - id: e{n}\n    title: Evening talk number {n}\n    start: 2027-01-01 18:00\n"
    text = "events:\n" + "".join(item.format(n=n) for n in range(27_000))
    path = tmp_path / "data" / "events.yml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    assert len(text) > 2_000_000  # the old limit
    document, errors = read_yaml_file(path, tmp_path)
    assert errors == [] and len(document.data["events"]) == 27_000


def test_a_file_of_data_events_may_be_one_event_named_by_its_file(sample_copy: Path) -> None:
    """data/events/<id>.yml holding one event (as the browser editor writes it) is that event;
    without an id it takes the file's name, and problems name its fields as written."""
    from conftest import SAMPLE_TODAY

    from portal_gen.app import Run, load_portal
    from portal_gen.errors import InvalidDataError

    events = sample_copy / "data" / "events"
    (events / "pottery-night.yml").write_text(
        "title: Pottery night\nstart: 2026-12-14 18:00\nend: '20:00'\nsummary: ''\n", encoding="utf-8"
    )
    portal = load_portal(Run(sample_copy, SAMPLE_TODAY))
    event = portal.event_by_id("pottery-night")
    assert event is not None and event.title == "Pottery night" and event.summary is None
    assert "pottery-night" not in portal.event_lists and "damen-music-school" in portal.event_lists
    (events / "bad.yml").write_text("id: bad\ntitle: Bad\nstart: 2026-12-40 18:00\n", encoding="utf-8")
    with pytest.raises(InvalidDataError) as raised:
        load_portal(Run(sample_copy, SAMPLE_TODAY))
    assert [str(error) for error in raised.value.errors] == [
        "data/events/bad.yml:3:1: start: '2026-12-40 18:00' is not a day in the calendar"
    ]
