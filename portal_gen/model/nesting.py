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
#: ``- - - item``: list markers one after another open a list inside a list each.
_MARKERS = re.compile(r"^(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)+")
#: HTML blocks whose content is Markdown again (``<div markdown="1">``) nest the same way.
_MARKDOWN_HTML = re.compile(r"<(\w+)[^>]*\smarkdown(?:=|\s|>)", re.IGNORECASE)
_CLOSING = re.compile(r"</\w+\s*>")


def nesting(text: str) -> tuple[int, int]:
    """The deepest level of list indentation plus quote markers on any line outside fenced
    code, and the 1-based line where it is first reached (0 when the text is flat)."""
    deepest, where, fence, html = 0, 0, "", 0
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
        expanded = rest.expandtabs(4)
        stripped = expanded.lstrip(" ")
        depth += (len(expanded) - len(stripped)) // 4
        markers = _MARKERS.match(stripped)
        if markers:
            depth += len(re.findall(r"(?:[-*+]|\d{1,9}[.)])[ \t]+", markers.group(0))) - 1
        html = max(0, html + len(_MARKDOWN_HTML.findall(line)) - (len(_CLOSING.findall(line)) if html else 0))
        depth += html
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
