"""Tests for portal_gen.read.yamldoc: the text each list item was written as."""

from __future__ import annotations

from portal_gen.incremental.fingerprint import Fingerprints
from portal_gen.incremental.session import Session
from portal_gen.read.yamldoc import Written, parse_yaml
from portal_gen.reuse import reusing

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
    assert document.sources[("events", 0)] == (4, 'id: café\n    title: "Crêpes 🥞 and tea"\n')
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


def _parsed_in_a_session(texts: list[str]) -> tuple[list[tuple[object, ...]], Session]:
    session = Session()
    parsed = []
    for text in texts:
        with session.regeneration() as reuser, reusing(reuser):
            document, errors = parse_yaml(text, "data/events.yml")
        parsed.append((document.data, document.marks, document.raw, document.sources, list(map(str, errors))))
    return parsed, session


def test_items_built_again_in_a_session_equal_a_fresh_parse() -> None:
    """serve builds the items of a saved file one by one and reuses the unchanged ones: the
    values, positions, raw scalars and problems equal a fresh parse, after each edit."""
    texts = [
        EVENTS,
        EVENTS.replace("title: Piano", "title: Piano lessons"),  # one item edited
        EVENTS.replace("title: Piano", "title: Piano\n    title: Again"),  # a problem in it
        "events:\n  - id: new\n" + EVENTS.split("\n", 1)[1],  # all items move down a line
        "events: [{id: a, title: Tea}, {id: b, title: Cake}]\n",  # a list in flow style
        "events: [{id: a, title: Tea}, {id: b, title: Pie}]\n",
    ]
    parsed, session = _parsed_in_a_session(texts)
    session.tidy()
    for text, served in zip(texts, parsed, strict=True):
        document, errors = parse_yaml(text, "data/events.yml")
        fresh = (document.data, document.marks, document.raw, document.sources, list(map(str, errors)))
        assert served == fresh
    assert parsed[2][4] == [
        "data/events.yml:6:5: events[1].title: duplicate key 'title' (first written at line 5); keep only one"
    ]


def test_an_edit_builds_only_the_item_it_changed() -> None:
    """Editing one record of a file reuses the others' built values."""
    _, session = _parsed_in_a_session([EVENTS, EVENTS.replace("title: Piano", "title: Organ")])
    assert (session.reused, session.computed) == (1, 1)
    session.tidy()
