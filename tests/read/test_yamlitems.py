"""Tests for portal_gen.read.yamlitems: a data file cut into its items only where that is certain."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal_gen.errors import DataError
from portal_gen.read.yamldoc import Document, _parse_whole, parse_yaml
from portal_gen.read.yamlitems import Section, cut

FILE = """\
# The shop's events.
events:
  - id: a
    title: Tea & cake
    description: |
      **Bold** and *emphasis*.

  # between items
  - id: b
    title: "B: the second"
perks:
  - id: p
"""


def test_a_file_of_lists_is_cut_into_its_items_with_their_lines() -> None:
    """Each item runs from its dash's line to the next item's, comments and blank lines included."""
    assert cut(FILE) == [
        Section(
            "events",
            1,
            (
                (2, "  - id: a\n    title: Tea & cake\n    description: |\n      **Bold** and *emphasis*.\n\n"
                 "  # between items\n"),
                (8, '  - id: b\n    title: "B: the second"\n'),
            ),
        ),
        Section("perks", 10, ((11, "  - id: p\n"),)),
    ]  # fmt: skip


def test_windows_line_ends_are_cut_too() -> None:
    """CRLF files are common; their items keep the CR."""
    sections = cut(FILE.replace("\n", "\r\n"))
    assert sections is not None
    assert sections[1] == Section("perks", 10, ((11, "  - id: p\r\n"),))


def test_shapes_that_are_not_certain_are_not_cut() -> None:
    """A value on a key's line, a list at the left edge, a line left of the dashes, a line at
    the dashes without one, a tab, a lone CR, a directive, a document marker, a repeated key, an
    empty value: all composed whole."""
    for text in [
        "name: Shop\nevents:\n  - id: a\n",
        "events:\n- id: a\n",
        "events:\n    - id: a\n  - id: b\n",
        "events:\n  - id: a\n  id: b\n",
        "events:\n  - id: a\n\ttitle: b\n",
        "events:\r  - id: a\r",
        "%YAML 1.2\n---\nevents:\n  - id: a\n",
        "events:\n  - id: a\n...\n",
        "events:\n  - id: a\nevents:\n  - id: b\n",
        "events:\n",
        "events:\n  id: a\n",
        "",
    ]:
        assert cut(text) is None, text


def _same(text: str) -> tuple[object, ...]:
    document, errors = parse_yaml(text, "data/events.yml", 2)
    whole, whole_errors = _parse_whole(text, "data/events.yml", 2)
    assert _seen(document, errors) == _seen(whole, whole_errors)
    return _seen(document, errors)


def _seen(document: Document, errors: list[DataError]) -> tuple[object, ...]:
    """All that later stages read of a parse (the kept texts aside: they only tell items apart)."""
    problems = list(map(str, errors))
    # The data by its repr: a NaN read from ".nan" is not equal to itself.
    return (repr(document.data), document.marks, document.raw, document.broken, document.origin, problems)


def test_items_composed_alone_give_the_document_composed_whole() -> None:
    """Values, positions (with a line offset), raw scalars and problems are the same, including
    a problem inside an item and an alias within one item; an alias to another item's anchor
    is composed whole."""
    _same(FILE)
    _same(FILE.replace("id: b\n", "id: b\n    id: again\n"))  # a duplicate key in an item
    _same(FILE.replace("title: Tea & cake", "title: &t Tea\n    summary: *t"))
    _same(FILE.replace('title: "B: the second"', "title: *t").replace("title: Tea", "title: &t Tea"))
    _same(FILE.replace('"B: the second"', '"B: unclosed'))  # a syntax error: the whole file's words


def test_what_a_review_found_composes_as_whole() -> None:
    """Texts where composing alone once differed: an anchor name used in two items, a
    character YAML refuses outside the items, a key too long for YAML, aliases that expand
    past the limit only over the whole file, an explicit key without a value (placed at the
    next token), and NaN."""
    bomb = "  - [&{0} [" + ",".join(["x"] * 1000) + "], " + ", ".join(["*{0}"] * 599) + "]\n"
    for text in [
        "events:\n  - &a x\n  - &a y\n",
        "events:\n  - id: &x a\nperks:\n  - id: &x b\n",
        "# caf\x01\nevents:\n  - id: a\n",
        "events:\n  # \x7f\n  - id: a\n",
        "events:\n  # \x00\n  - id: a\n",
        "k" * 1100 + ":\n  - id: a\n",
        "events:\n" + bomb.format("a") + bomb.format("b"),
        "events:\n  - ? <<\n  - b\n",
        "events:\n  - a: 1\n    ? <<\n  # c\n  - b\n",
        "events:\n  - id: a\n    n: .nan\n",
    ]:
        assert _same(text), text


#: Characters that change what YAML text means, to break a valid file in every way.
_SIGNIFICANT = st.sampled_from([*" \n-:#'\"&*!|>[]{},%@`?\\\r\t", "  ", "- ", ": ", "\n  - ", "\nx:\n"])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(FILE)), st.integers(0, 3), _SIGNIFICANT), max_size=4))
def test_any_edit_of_a_file_parses_as_it_would_whole(edits: list[tuple[int, int, str]]) -> None:
    """Whatever an owner types into a file of lists (characters added, removed, lines broken),
    parsing it item by item gives exactly what parsing it whole gives."""
    text = FILE
    for at, removed, added in edits:
        at = min(at, len(text))
        text = text[:at] + added + text[at + removed :]
    _same(text)
