"""YAML with positions: the node tree turned into plain values that remember where they were written.

YAML is composed (not constructed) with PyYAML's C parser, and the node tree is turned into
plain Python values here, so every value keeps the line and column it was written at and
later stages can point at ``data/events.yml:14:5``. Doing the construction ourselves also lets
us report duplicate keys (PyYAML silently keeps the last one), refuse unknown tags and cap
alias expansion.

Scalars follow the YAML 1.2 core schema rather than PyYAML's YAML 1.1 defaults: ``no`` stays
the text "no" (not false), ``10:30`` stays text (not the sexagesimal number 630) and dates
stay text that the models parse with messages an owner can act on.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from portal_gen.errors import DataError, Position, YamlSyntaxError
from portal_gen.read.yamlerrors import syntax_error
from portal_gen.read.yamlitems import Section, cut
from portal_gen.reuse import reusable

Loc = tuple[str | int, ...]

#: Past this many values in one file we assume an alias bomb rather than real data.
MAX_VALUES = 1_000_000
#: Past this depth a document is refused instead of exhausting the stack.
MAX_DEPTH = 100


class _CoreSchemaLoader(yaml.CSafeLoader):
    """C parser with the YAML 1.2 core schema's implicit types (plus merge keys)."""


_CoreSchemaLoader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("merge", r"^(?:<<)$", "<"),
):
    _CoreSchemaLoader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first))

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null")}


@dataclass
class Document:
    """One YAML document: its plain value and where each value was written.

    ``marks`` maps a location (``("events", 2, "end")``) to the position of the mapping key
    (for mapping entries) or of the value itself (for sequence items and the root);
    ``raw`` keeps each scalar as the owner typed it, for error messages.
    """

    path: str
    data: Any
    marks: dict[Loc, Position] = field(default_factory=dict)
    raw: dict[Loc, str] = field(default_factory=dict)
    #: Reading it went wrong (and was reported): later checks skip it instead of piling on.
    broken: bool = False
    #: A digest of the text it was parsed from: the document is a function of that text.
    origin: bytes = b""
    #: The text each item of a top-level list was written as, with its column (the text of
    #: items that an alias may have changed is not kept): see ``written``.
    sources: dict[Loc, tuple[int, str]] = field(default_factory=dict)
    #: Where the file's own root sits in ``data``: a file that is one event is read as the
    #: first item of an ``events:`` list, ``("events", 0)``, and its messages name its fields
    #: as written (``title``, not ``events[0].title``).
    within: Loc = ()

    def name(self, loc: Loc) -> str:
        """``loc`` as the owner reads it in this file (``events[2].end``)."""
        return format_loc(loc[len(self.within) :] if loc[: len(self.within)] == self.within else loc)

    def __fingerprint__(self) -> object:
        """What tells two documents apart (see ``incremental.fingerprint``): the text they
        were parsed from, when known, else everything."""
        if not self.origin:
            return (self.path, self.data, self.marks, self.raw, self.broken, self.within)
        return (self.path, self.origin, self.broken, self.within)

    def written(self, loc: Loc) -> Written:
        """The value at ``loc`` (an item of a top-level list), with the text it came from."""
        value = self.data
        for part in loc:
            value = value[part]
        return Written(value, self.sources.get(loc))

    def position(self, loc: Loc) -> Position:
        """The position of ``loc``, or of its nearest ancestor that was written down."""
        for end in range(len(loc), -1, -1):
            found = self.marks.get(loc[:end])
            if found is not None:
                return found
        return Position(self.path)


@dataclass(frozen=True)
class Written:
    """A value of a document and, when it is a function of it alone, the text it was parsed from.

    ``portal-gen serve`` tells such values apart by their text (see ``__fingerprint__``):
    one hash of a few hundred characters instead of a walk over everything parsed from them,
    so that the unchanged records of an edited file are found again at the cost of a lookup.
    """

    data: Any
    #: The column the text starts at (indentation is part of what YAML text means), and the text.
    source: tuple[int, str] | None

    def __fingerprint__(self) -> object:
        return self.source if self.source is not None else ("value", self.data)


def _show_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


class _Builder:
    """Turns a composed node tree into plain values, recording marks and problems."""

    def __init__(self, path: str, line_offset: int, text: str = "") -> None:
        self.document = Document(path, None)
        self.errors: list[DataError] = []
        self.line_offset = line_offset
        # A directive (%TAG) could change what the same text of an item means.
        self.text = "" if text.startswith("%") or "\n%" in text else text

    def pos(self, node: yaml.Node) -> Position:
        mark = node.start_mark
        return Position(self.document.path, mark.line + 1 + self.line_offset, mark.column + 1)

    def fail(self, node: yaml.Node, loc: Loc, message: str) -> None:
        self.errors.append(YamlSyntaxError(self.pos(node), format_loc(loc), message))

    def build(self, node: yaml.Node, loc: Loc, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            raise _TooDeep(node)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, loc)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != f"{_TAG}seq":
                self.fail(node, loc, f"unsupported YAML tag {_show_tag(node.tag)!r}; remove it")
            items = []
            for index, item in enumerate(node.value):
                self.document.marks[(*loc, index)] = self.pos(item)
                items.append(self.build(item, (*loc, index), depth + 1))
                if len(loc) == 1 and self.text:
                    self._keep_source((*loc, index), item)
            return items
        if node.tag != f"{_TAG}map":
            self.fail(node, loc, f"unsupported YAML tag {_show_tag(node.tag)!r}; remove it")
        assert isinstance(node, yaml.MappingNode)
        return self.mapping(node, loc, depth)

    def _keep_source(self, loc: Loc, node: yaml.Node) -> None:
        written = self.text[node.start_mark.index : node.end_mark.index]
        # An alias (*name) brings in a value written elsewhere: such an item is not a
        # function of its own text ("*" in a quoted text is rare; it only costs the shortcut).
        if "*" not in written:
            self.document.sources[loc] = (node.start_mark.column, written)

    def mapping(self, node: yaml.MappingNode, loc: Loc, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Position] = {}
        merged: list[tuple[yaml.Node, yaml.Node]] = []
        for key_node, value_node in node.value:
            if key_node.tag == f"{_TAG}merge":
                sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                for source in sources:
                    if not isinstance(source, yaml.MappingNode):
                        self.fail(value_node, loc, "a merge key (<<) needs a mapping or a list of mappings")
                        continue
                    merged.extend(source.value)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail(key_node, loc, "a key must be plain text, not a list or mapping")
                continue
            key = key_node.value
            if key in first_seen:
                self.fail(
                    key_node,
                    (*loc, key),
                    f"duplicate key {key!r} (first written at line {first_seen[key].line}); keep only one",
                )
                continue
            first_seen[key] = self.pos(key_node)
            self.document.marks[(*loc, key)] = self.pos(key_node)
            result[key] = self.build(value_node, (*loc, key), depth + 1)
        # Explicit keys win over merged ones, as in YAML's merge-key convention.
        for key_node, value_node in merged:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value not in result:
                self.document.marks[(*loc, key_node.value)] = self.pos(key_node)
                result[key_node.value] = self.build(value_node, (*loc, key_node.value), depth + 1)
        return result

    def scalar(self, node: yaml.ScalarNode, loc: Loc) -> Any:
        self.document.raw[loc] = node.value
        tag, text = node.tag, node.value
        if tag not in _SCALAR_TAGS:
            self.fail(node, loc, f"unsupported YAML tag {_show_tag(tag)!r}; remove it")
            return text
        kind = tag[len(_TAG) :]
        if kind == "str":
            return text
        if kind == "null":
            return None
        if kind == "bool":
            return text.lower() == "true"
        try:
            if kind == "int":
                return int(text, 0) if text[:2] in ("0o", "0x") else int(text)
            return float(text.lower().replace(".inf", "inf").replace(".nan", "nan"))
        except ValueError:
            self.fail(node, loc, f"{text!r} is not a valid {kind}")
            return text


@dataclass(frozen=True)
class _Built:
    """One item composed alone: its value, the marks, raw scalars and problems found on the
    way, and its text with its column (see ``Document.sources``)."""

    value: Any
    marks: dict[Loc, Position]
    raw: dict[Loc, str]
    errors: tuple[DataError, ...]
    source: tuple[int, str]


@reusable()
def _composed_item(chunk: str, path: str, line_offset: int, loc: Loc) -> _Built | None:
    """The item ``chunk`` holds (one item of a block list, cut from its file by
    ``yamlitems.cut``, its first line being the file's ``line_offset``-th), or None when the
    chunk does not compose alone as one such item (the file is then composed whole, which
    reports what is wrong as it always has)."""
    try:
        node = yaml.compose(chunk, Loader=_CoreSchemaLoader)
    except yaml.YAMLError:
        return None
    if not (
        isinstance(node, yaml.SequenceNode)
        and not node.flow_style
        and node.tag == f"{_TAG}seq"
        and len(node.value) == 1
    ):
        return None
    item = node.value[0]
    builder = _Builder(path, line_offset)
    builder.document.marks[loc] = builder.pos(item)
    try:
        # At the depth it has in the file: in the root mapping's list.
        value = builder.build(item, loc, depth=2)
    except _TooDeep:
        return None
    source = (item.start_mark.column, chunk[item.start_mark.index : item.end_mark.index])
    return _Built(value, builder.document.marks, builder.document.raw, tuple(builder.errors), source)


def _parse_cut(
    text: str, path: str, line_offset: int, sections: list[Section]
) -> tuple[Document, list[DataError]] | None:
    """The document, composed item by item (each item a step serve can hand back when its
    text is unchanged); None if an item does not compose alone."""
    document = Document(path, None, origin=_origin(text, path, line_offset))
    document.marks[()] = Position(path, sections[0].line + 1 + line_offset, 1)
    data: dict[str, list[Any]] = {}
    errors: list[DataError] = []
    for section in sections:
        document.marks[(section.key,)] = Position(path, section.line + 1 + line_offset, 1)
        items = data[section.key] = []
        for index, (line, chunk) in enumerate(section.items):
            loc = (section.key, index)
            built = _composed_item(chunk, path, line_offset + line, loc)
            if built is None:
                return None
            items.append(built.value)
            document.marks.update(built.marks)
            document.raw.update(built.raw)
            document.sources[loc] = built.source
            errors.extend(built.errors)
    document.data = data
    document.broken = bool(errors)
    return document, errors


def _origin(text: str, path: str, line_offset: int) -> bytes:
    return hashlib.blake2b(f"{path}\0{line_offset}\0{text}".encode(), digest_size=16).digest()


class _TooDeep(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


def _expanded_size(root: yaml.Node) -> int | None:
    """How many values the tree holds once aliases are expanded; None if an alias loops.

    Aliased nodes are the same objects in the composed tree, so memoising by identity
    makes this linear in the written size even when the expansion is astronomically large,
    and lets us refuse an alias bomb before building anything.
    """
    sizes: dict[int, int] = {}
    in_progress: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if key in sizes:
            continue
        children: list[yaml.Node] = []
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        if children_done:
            in_progress.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in children)
            continue
        if key in in_progress:
            return None
        in_progress.add(key)
        stack.append((node, True))
        for child in children:
            if id(child) in in_progress:
                return None
            if id(child) not in sizes:
                stack.append((child, False))
    return sizes[id(root)]


def parse_yaml(text: str, path: str, line_offset: int = 0) -> tuple[Document, list[DataError]]:
    """Parse one YAML document into a ``Document``; problems are returned, not raised.

    A file of lists of records is composed item by item where its text allows (see
    ``yamlitems``), which gives the same document; any other, or one whose items do not
    compose alone, is composed whole."""
    sections = cut(text) if len(text) < MAX_VALUES else None
    if sections:
        parsed = _parse_cut(text, path, line_offset, sections)
        if parsed is not None:
            return parsed
    return _parse_whole(text, path, line_offset)


def _parse_whole(text: str, path: str, line_offset: int) -> tuple[Document, list[DataError]]:
    try:
        node = yaml.compose(text, Loader=_CoreSchemaLoader)
    except yaml.YAMLError as error:
        return Document(path, None, broken=True), [syntax_error(path, text, error, line_offset)]
    builder = _Builder(path, line_offset, text)
    builder.document.origin = _origin(text, path, line_offset)
    if node is None:
        return builder.document, []
    builder.document.marks[()] = builder.pos(node)
    # Each value takes at least one character to write unless an alias repeats it, so only
    # a document with an alias, or a huge one, needs counting (the count walks every node).
    size = _expanded_size(node) if "*" in text or len(text) >= MAX_VALUES else 0
    if size is None or size > MAX_VALUES:
        if size is None:
            message = "an alias (*name) refers to a value that contains it; write the values out"
        elif "*" in text:
            message = (
                f"more than {MAX_VALUES:,} values once aliases (*name) are expanded; "
                "write the values out or remove the aliases"
            )
        else:
            message = f"more than {MAX_VALUES:,} values; split the data over several files"
        return Document(path, None, broken=True), [YamlSyntaxError(builder.pos(node), "", message)]
    try:
        builder.document.data = builder.build(node, ())
    except _TooDeep as error:
        message = f"nested more than {MAX_DEPTH} levels deep; flatten the data"
        return Document(path, None, broken=True), [YamlSyntaxError(builder.pos(error.node), "", message)]
    builder.document.broken = bool(builder.errors)
    return builder.document, builder.errors


def format_loc(loc: Loc) -> str:
    """``("events", 2, "end")`` -> ``events[2].end``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text
