"""What a YAML parser's complaint means, said so that an owner can fix it: where, and how."""

from __future__ import annotations

import re

import yaml

from portal_gen.errors import Position, YamlSyntaxError


def _position(path: str, mark: yaml.Mark | None) -> Position:
    if mark is None:
        return Position(path)
    return Position(path, mark.line + 1, mark.column + 1)


def syntax_error(path: str, text: str, error: yaml.YAMLError, line_offset: int) -> YamlSyntaxError:
    """The parser's complaint as ``path:line:col: invalid YAML: ...``, in an owner's words where
    the usual causes are known."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    position = _position(path, mark)
    if line_offset:
        position = Position(path, position.line + line_offset, position.column)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    context_mark = getattr(error, "context_mark", None)
    message = f"invalid YAML: {problem}"
    if context and context_mark is not None and context_mark.line != getattr(mark, "line", None):
        # An unclosed bracket is noticed far below it; say where it was opened.
        opened = context_mark.line + 1 + line_offset
        message += f" ({context} started at line {opened}, column {context_mark.column + 1})"
    elif context:
        message += f" ({context})"
    if mark is not None and _char_at(text, mark.line, mark.column) == "\t":
        # The parser's own words about tabs mean little to an owner; the fix is simple.
        message = "invalid YAML: a tab was found here; indent with spaces, not tabs"
    elif mark is not None and (hint := _hint(problem, _line(text, mark.line))) is not None:
        message = f"invalid YAML: {hint}"
    return YamlSyntaxError(position, "", message)


_ENTRY = re.compile(r"^\s*(?:- )?([\w-]+:)\s+(.*?)\s*$")
#: Where a comment starts: a # after a space, and before a space or the end of the line. A #
#: followed by more ("table #2") is part of the text the owner meant, and goes in the quotes.
_COMMENT = re.compile(r"\s+#(?=\s|$)")


def _hint(problem: str, line: str) -> str | None:
    """What the usual causes of a parser's complaint mean, with the fix, for the line it is on:
    a colon inside a text, an apostrophe inside single quotes. The fix is the key and its
    value as they should be written (without the "- " of a list item, which stays as it is),
    with the line's comment kept after it."""
    entry = _ENTRY.match(line)
    if entry is None:
        return None
    key, value = entry[1], entry[2]
    text, comment = _without_comment(value)
    if problem.startswith("mapping values are not allowed") and not value.startswith(("'", '"')):
        quoted = text.replace("\\", "\\\\").replace('"', '\\"')
        return (
            "a colon inside a text ends the text early; put the text in double quotes: "
            f'{key} "{quoted}"{comment}'
        )
    if value.startswith("'") and re.search(r"\w'\w", value):
        if not text.endswith("'"):
            text, comment = value, ""  # the # is inside the quotes: text, not a comment
        doubled = "'" + text.strip("'").replace("'", "''") + "'"
        return (
            "an apostrophe inside a text in single quotes ends the text early; write it twice "
            f"({key} {doubled}{comment}) or use double quotes instead"
        )
    return None


def _without_comment(value: str) -> tuple[str, str]:
    """The value and the comment after it (with two spaces before it), or no comment."""
    found = _COMMENT.search(value)
    if found is None:
        return value, ""
    return value[: found.start()], "  " + value[found.start() :].strip()


def _line(text: str, line: int) -> str:
    lines = text.split("\n")
    return lines[line] if line < len(lines) else ""


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    if line < len(lines) and column < len(lines[line]):
        return lines[line][column]
    return ""
