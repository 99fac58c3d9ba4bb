"""Tests for portal_gen.read.yamldoc: the text each list item was written as."""

from __future__ import annotations

from portal_gen.incremental.fingerprint import Fingerprints
from portal_gen.read.yamldoc import Written, parse_yaml

EVENTS = """\
events:
  - id: café
    title: "Crêpes 🥞 and tea"
  - id: piano
    title: Piano
"""


def test_each_item_of_a_top_level_list_keeps_its_text_and_column() -> None:
    """The text is cut by characters, so accents and emoji before an item do not shift it."""
    document, errors = parse_yaml(EVENTS, "data/events.yml")
    assert errors == []
    assert document.sources[("events", 0)] == (4, 'id: café\n    title: "Crêpes 🥞 and tea"\n  ')
    assert document.sources[("events", 1)][1].startswith("id: piano\n    title: Piano")
    assert document.written(("events", 1)) == Written(
        {"id": "piano", "title": "Piano"}, document.sources[("events", 1)]
    )


def test_an_item_with_an_alias_keeps_no_text() -> None:
    """An alias brings in a value written elsewhere: the item is not a function of its text."""
    document, _ = parse_yaml(
        "events:\n  - id: a\n    title: &t Tea\n  - id: b\n    title: *t\n", "data/events.yml"
    )
    assert ("events", 0) in document.sources
    assert ("events", 1) not in document.sources
    assert document.written(("events", 1)) == Written({"id": "b", "title": "Tea"}, None)


def test_a_document_with_a_directive_keeps_no_text() -> None:
    """A %TAG directive could change what the same item text means."""
    document, errors = parse_yaml("%YAML 1.2\n---\nevents:\n  - id: a\n", "data/events.yml")
    assert errors == []
    assert document.sources == {}


def test_nested_lists_keep_no_text() -> None:
    """Only the items of a top-level list are kept (the unit that is validated alone)."""
    document, _ = parse_yaml("events:\n  - id: a\n    tags: [x, y]\n", "data/events.yml")
    assert list(document.sources) == [("events", 0)]


def test_a_written_value_is_told_apart_by_its_text_and_column() -> None:
    """Same text and column: same fingerprint; another column, or no text, differ."""
    fingerprints = Fingerprints()
    same = fingerprints.of_all([Written({"a": 1}, (4, "a: 1"))])
    assert fingerprints.of_all([Written({"a": 2}, (4, "a: 1"))]) == same
    assert fingerprints.of_all([Written({"a": 1}, (2, "a: 1"))]) != same
    assert fingerprints.of_all([Written({"a": 1}, None)]) != same
    assert fingerprints.of_all([Written({"a": 1}, None)]) == fingerprints.of_all([Written({"a": 1}, None)])


def test_a_colon_inside_a_text_is_explained_with_the_fix() -> None:
    """The parser's "mapping values are not allowed" becomes what to write instead."""
    _, errors = parse_yaml('events:\n  - id: a\n    title: Talk: the "basics"\n', "data/events.yml")
    assert [str(error) for error in errors] == [
        "data/events.yml:3:16: invalid YAML: a colon inside a text ends the text early; put the text in "
        'double quotes: title: "Talk: the \\"basics\\""'
    ]


def test_an_apostrophe_inside_single_quotes_is_explained_with_the_fix() -> None:
    """'It's great' ends at the apostrophe: write it twice, or use double quotes."""
    _, errors = parse_yaml("testimonials:\n  - id: a\n    quote: 'It's great'\n", "data/testimonials.yml")
    assert [str(error) for error in errors] == [
        "data/testimonials.yml:3:16: invalid YAML: an apostrophe inside a text in single quotes ends the "
        "text early; write it twice (quote: 'It''s great') or use double quotes instead"
    ]


def test_other_syntax_errors_keep_the_parsers_words() -> None:
    """An unclosed bracket still says where it was opened."""
    _, errors = parse_yaml("tags: [a, b\nother: 1\n", "data/x.yml")
    assert str(errors[0]).startswith("data/x.yml:")
    assert "started at line 1" in str(errors[0])
