"""Data blocks: live data an owner places in their own Markdown, like ``{{ upcoming_events(limit=3) }}``.

Only a call with parentheses is a block: ``{{ name(arguments) }}``. Anything else in double
braces, and everything inside code (fenced, indented or inline), is left exactly as written.
Arguments are Python-style literals (``3``, ``"patron"``, ``limit=3``), read with ``ast``,
never evaluated. Blocks are found and checked with the rest of the data, so a typo is a
``path:line:col`` error like any other; rendering then uses one template per block
(``templates/blocks/<name>.md``), which owners can override like any page template.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from portal_gen.errors import DataError, Position, UnknownReferenceError, did_you_mean


class BlockError(DataError):
    """A data block in an owner's Markdown is unknown or has a bad argument."""


@dataclass(frozen=True)
class Param:
    name: str
    kind: type
    default: Any = None
    #: What the value must name: "tier", "perk", "event", "testimonial" or "story".
    refers_to: str | None = None
    required: bool = False


@dataclass(frozen=True)
class Block:
    """One kind of block and its parameters; ``inline`` blocks sit inside a sentence."""

    name: str
    params: tuple[Param, ...]
    inline: bool = False


BLOCKS: dict[str, Block] = {
    block.name: block
    for block in (
        # The next events (only those a tier is invited to, with tier=).
        Block("upcoming_events", (Param("limit", int, 5), Param("tier", str, refers_to="tier"))),
        Block("next_event", (Param("id", str, refers_to="event", required=True),)),
        # The events only proposed ("would you come?"), each with its "I'm interested".
        Block("proposed_events", ()),
        Block("featured_testimonials", (Param("count", int, 2),)),
        Block("testimonial", (Param("id", str, refers_to="testimonial", required=True),)),
        # Customer stories with their numbers.
        Block("stories", (Param("limit", int, 3),)),
        Block("story", (Param("id", str, refers_to="story", required=True),)),
        # The perk comparison table, and what each tier asks for.
        Block("tier_table", ()),
        Block("how_to_qualify", ()),
        # A greeting by first name in the e-mail (like "Hi Maya,"), and "Hi there," on the web;
        # formal=true greets by full name ("Dear Maya Krause,"), else "Dear Sir or Madam,".
        Block("greeting", (Param("word", str, ""), Param("formal", bool, False)), inline=True),
        # One perk's title and what each tier gets, in a sentence.
        Block("perk", (Param("id", str, refers_to="perk", required=True),), inline=True),
    )
}

_CALL = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\((.*?)\)\s*\}\}")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")


@dataclass(frozen=True)
class BlockCall:
    """One block as written: where it is in the text and its arguments, checked."""

    name: str
    args: dict[str, Any]
    start: int
    end: int
    position: Position


def _code_lines(lines: list[str]) -> set[int]:
    """Indexes of lines inside fenced or indented code blocks."""
    code: set[int] = set()
    fence: str | None = None
    previous_blank = True
    in_list = False
    indented = False
    for index, line in enumerate(lines):
        if fence is not None:
            code.add(index)
            if line.strip().startswith(fence):
                fence = None
            continue
        if match := _FENCE.match(line):
            fence = match[1][0] * 3
            code.add(index)
            continue
        is_indented = line.startswith(("    ", "\t")) and bool(line.strip())
        if is_indented and not in_list and (previous_blank or indented):
            code.add(index)
            indented = True
        elif line.strip():
            indented = False
            if not is_indented:
                in_list = bool(_LIST_ITEM.match(line))
        previous_blank = not line.strip()
    return code


def find(text: str, source: str, first_line: int) -> tuple[list[BlockCall], list[DataError]]:
    """Every block call in ``text`` (a page body starting at line ``first_line`` of ``source``)."""
    calls: list[BlockCall] = []
    errors: list[DataError] = []
    lines = text.split("\n")
    code = _code_lines(lines)
    offset = 0
    for index, line in enumerate(lines):
        if index not in code:
            spans = [match.span() for match in _CODE_SPAN.finditer(line)]
            for match in _CALL.finditer(line):
                if any(start <= match.start() < end for start, end in spans):
                    continue
                position = Position(source, first_line + index, match.start() + 1)
                call, problems = _parse(match, position, offset)
                errors.extend(problems)
                if call is not None:
                    calls.append(call)
        offset += len(line) + 1
    return calls, errors


_EXPECTED: dict[type, str] = {int: "a whole number of 1 or more", bool: "true or false"}


def _literal(node: ast.expr) -> Any:
    # Owners write true and false as YAML and Jinja do.
    if isinstance(node, ast.Name) and node.id in ("true", "false", "True", "False"):
        return node.id.lower() == "true"
    if (isinstance(node, ast.Constant) and isinstance(node.value, str | int | bool)) or (
        isinstance(node, ast.Constant) and node.value is None
    ):
        return node.value
    raise ValueError(ast.unparse(node))


def _parse(match: re.Match[str], position: Position, offset: int) -> tuple[BlockCall | None, list[DataError]]:
    name, args_text = match[1], match[2]
    where = f"{name}()"

    def fail(message: str) -> tuple[None, list[DataError]]:
        return None, [BlockError(position, where, message)]

    block = BLOCKS.get(name)
    if block is None:
        return fail(f"unknown data block{did_you_mean(name, BLOCKS)}; expected one of: {', '.join(BLOCKS)}")
    try:
        tree = ast.parse(f"f({args_text})", mode="eval")
        assert isinstance(tree.body, ast.Call)
        positional = [_literal(arg) for arg in tree.body.args]
        keywords = {kw.arg: _literal(kw.value) for kw in tree.body.keywords if kw.arg}
    except SyntaxError:
        return fail(f'cannot read the arguments {args_text!r}; write them like limit=3 or "patron"')
    except ValueError:
        return fail(
            f'put text in quotes and numbers as they are, like limit=3 or "patron"; got ({args_text})'
        )
    takes = ", ".join(param.name for param in block.params) or "no arguments"
    if len(positional) > len(block.params):
        return fail(f"takes {len(block.params)} argument(s) ({takes}), got {len(positional)}")
    args = {param.name: value for param, value in zip(block.params, positional, strict=False)}
    for key, value in keywords.items():
        if key not in {param.name for param in block.params}:
            hint = did_you_mean(key, [param.name for param in block.params])
            return fail(f"has no argument {key!r}{hint}; it takes: {takes}")
        if key in args:
            return fail(f"{key} is given twice")
        args[key] = value
    for param in block.params:
        value = args.get(param.name, param.default)
        if value is None and param.required:
            return fail(f'needs {param.name}, like {name}("...")')
        too_small = param.kind is int and isinstance(value, int) and value < 1
        if value is not None and (type(value) is not param.kind or too_small):
            expected = _EXPECTED.get(param.kind, "text in quotes")
            return fail(f"{param.name} must be {expected}, got {value!r}")
        args[param.name] = value
    return BlockCall(name, args, offset + match.start(), offset + match.end(), position), []


#: Where the records that can be held back are written.
_HELD_IN = {"testimonial": "data/testimonials.yml", "story": "data/stories.yml"}


def check(
    calls: list[BlockCall], known: dict[str, set[str]], held_back: dict[str, set[str]] | None = None
) -> list[DataError]:
    """Arguments that name a tier, perk, event, testimonial or story must name a real one;
    ``known`` holds the ids of each kind whose file validated, ``held_back`` the testimonials
    and stories that are written down but may not be shown."""
    errors: list[DataError] = []
    for call in calls:
        for param in BLOCKS[call.name].params:
            value = call.args.get(param.name)
            # A kind missing from ``known`` comes from a file with problems already reported.
            if param.refers_to is None or value is None or param.refers_to not in known:
                continue
            choices = known[param.refers_to]
            if held_back and value in held_back.get(param.refers_to, set()):
                errors.append(
                    UnknownReferenceError(
                        call.position,
                        f"{call.name}()",
                        f"{param.refers_to} {value!r} is held back (no 'consent: true' in "
                        f"{_HELD_IN[param.refers_to]}); add it once the customer agrees, or "
                        "remove this block",
                    )
                )
            elif value not in choices:
                listed = ", ".join(sorted(choices)) or f"none yet (no published {param.refers_to}s)"
                errors.append(
                    UnknownReferenceError(
                        call.position,
                        f"{call.name}()",
                        f"unknown {param.refers_to} {value!r}{did_you_mean(value, choices)}; "
                        f"expected one of: {listed}",
                    )
                )
    return errors


def expand(text: str, calls: tuple[BlockCall, ...], render: Callable[[BlockCall], str]) -> str:
    """``text`` with every block replaced by what ``render`` makes of it."""
    parts: list[str] = []
    cursor = 0
    for call in sorted(calls, key=lambda call: call.start):
        parts.append(text[cursor : call.start])
        rendered = render(call).strip("\n")
        # A block that is a paragraph of its own needs blank lines around it to stay one.
        parts.append(rendered if BLOCKS[call.name].inline else f"\n\n{rendered}\n\n")
        cursor = call.end
    parts.append(text[cursor:])
    return "".join(parts)
