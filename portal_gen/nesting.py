"""How deeply a Markdown text nests lists and quotes, so that too deep is refused up front.

Python-Markdown (ours for descriptions, MkDocs' for pages) parses nested blocks by
recursion; a list nested a few hundred levels deep exhausts Python's stack and ends the
build with a traceback thousands of lines long. No page a person reads nests anywhere near
``MAX_NESTING`` levels, so a text that does is refused as data with one clear line.
"""

from __future__ import annotations

import re

#: The deepest nesting of lists and quotes accepted (the recursion gives out at about 250).
MAX_NESTING = 100

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_QUOTES = re.compile(r"^(?:[ \t]*>)+")


def nesting(text: str) -> tuple[int, int]:
    """The deepest level of list indentation plus quote markers on any line outside fenced
    code, and the 1-based line where it is first reached (0 when the text is flat)."""
    deepest, where, fence = 0, 0, ""
    for number, line in enumerate(text.splitlines(), start=1):
        opening = _FENCE.match(line)
        if opening:
            marker = opening.group(1)
            if not fence:
                fence = marker[0] * 3
            elif marker.startswith(fence):
                fence = ""
            continue
        if fence:
            continue
        quotes = _QUOTES.match(line)
        depth = quotes.group(0).count(">") if quotes else 0
        rest = line[quotes.end() :] if quotes else line
        indent = len(rest.expandtabs(4)) - len(rest.expandtabs(4).lstrip(" "))
        depth += indent // 4
        if depth > deepest:
            deepest, where = depth, number
    return deepest, where


def too_deep(text: str) -> tuple[int, int] | None:
    """``(depth, line)`` when ``text`` nests deeper than ``MAX_NESTING``, else None."""
    depth, line = nesting(text)
    return (depth, line) if depth > MAX_NESTING else None


def message(depth: int) -> str:
    return (
        f"lists or quotes are nested {depth} levels deep; at most {MAX_NESTING} levels can be "
        "shown, so flatten them"
    )
