"""A data file cut, as text, into the items of its lists, where each item means alone what it
means in the file.

Most data files are a few keys, each holding a long list of records (``events:``, then
hundreds of items). Composing such a file item by item gives the same document, and lets
``portal-gen serve`` compose again only the item an owner edited (composing the whole of a
200 kB file was a seventh of a save). The cut is made only where the text's shape makes it
certain: every line at the left edge is a bare ``key:``, each key holds a block list whose
dashes stand in one column, every other line of the list is indented further, and nothing in
the file (an anchor, an explicit key, a character YAML refuses, a directive, a document
marker, a tab, a line break other than ``\\n`` or ``\\r\\n``) lets one item's meaning
depend on another's text or on text outside the items. Anything else is composed whole, as
is a file with an item that does not compose alone (an alias, with no anchor beside it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: What makes a file unsafe to cut, anywhere in it:
#: - an anchor (``&name`` where a value may start; "Tom & Eli" and "Q&A" are none): two
#:   items may not share a name, which no item alone can tell, and without anchors no alias
#:   composes alone, so aliases (and how far they expand) are the whole file's to check;
#: - an explicit key (``? `` where a key may start; French "Pourquoi ?" is none): an empty
#:   value after it is placed at the next token, another item's in the file and the end of
#:   the text in a chunk;
#: - a character YAML does not allow (the reader refuses it even in a comment, and comments
#:   outside the items are composed nowhere else), a tab, an odd line break or byte-order mark;
#: - a directive or document marker at the start of a line.
_UNSAFE = re.compile(
    r"(?:^|[ \[{,:-])&[^ \r\n]|(?:^[ ]*(?:-[ ]+)*|[\[{,][ ]*)\?(?:[ \r\n]|$)"
    r"|[^\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\x85\u2028\u2029\ufeff]"
    r"|\r(?!\n)|^(?:%|---|\.\.\.)",
    re.MULTILINE,
)
#: A line that starts at the left edge with something other than a comment.
_LEFT_EDGE = re.compile(r"^(?=[^ #\r\n]).*$", re.MULTILINE)
#: A bare key (YAML allows a simple key of at most 1,024 characters; these are far shorter).
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]{0,199}):[ ]*\r?")
#: The first line of a list's first item, and its indentation.
_FIRST_ITEM = re.compile(r"^( +)-(?:[ ]|\r?$)", re.MULTILINE)
#: A line with content (not blank, not a comment).
_CONTENT = re.compile(r"^( *)(?=[^ #\r\n])", re.MULTILINE)


@dataclass(frozen=True)
class Section:
    """One key of the file and the text of each item of its list."""

    key: str
    #: The key's line (counted from 0).
    line: int
    #: Each item: its first line (from 0), and its text from the start of that line to the
    #: start of the next item's (comments and blank lines after it included).
    items: tuple[tuple[int, str], ...]


def cut(text: str) -> list[Section] | None:
    """The sections of ``text``, or None where it cannot be cut for certain (see the module)."""
    if _UNSAFE.search(text):
        return None
    keys = list(_LEFT_EDGE.finditer(text))
    if not keys or _CONTENT.search(text, 0, keys[0].start()):
        return None  # no key, or something indented before the first
    sections: list[Section] = []
    seen: set[str] = set()
    lines_before = text.count("\n", 0, keys[0].start())
    for number, key in enumerate(keys):
        named = _KEY.fullmatch(key.group())
        if named is None or named[1] in seen:
            return None
        seen.add(named[1])
        body_start = key.end() + 1
        body_end = keys[number + 1].start() if number + 1 < len(keys) else len(text)
        items = _items(text, body_start, body_end, lines_before + 1)
        if items is None:
            return None
        sections.append(Section(named[1], lines_before, items))
        lines_before += text.count("\n", key.start(), body_end)
    return sections


def _items(text: str, start: int, end: int, first_line: int) -> tuple[tuple[int, str], ...] | None:
    """The items of the block list between ``start`` and ``end`` (its first line being
    ``first_line``), or None if that text is not one list whose items can be cut apart."""
    first = _CONTENT.search(text, start, end)
    if first is None:
        return None  # an empty value: composed whole
    dash = _FIRST_ITEM.match(text, first.start(), end)
    if dash is None:
        return None  # not a block list
    indent = len(dash[1])
    starts: list[int] = []
    for line in _CONTENT.finditer(text, first.start(), end):
        depth = len(line[1])
        if depth > indent:
            continue
        rest = text[line.end() : line.end() + 2]
        if depth < indent or not (rest == "- " or rest.rstrip("\r\n") == "-"):
            return None  # a line left of the dashes, or at them but no dash: not for certain
        starts.append(line.start())
    items: list[tuple[int, str]] = []
    line_number = first_line + text.count("\n", start, starts[0])
    for index, begin in enumerate(starts):
        finish = starts[index + 1] if index + 1 < len(starts) else end
        chunk = text[begin:finish]
        items.append((line_number, chunk))
        line_number += chunk.count("\n")
    return tuple(items)
