"""Tests for portal_gen.markdown_html: a reused converter gives what a new one would."""

from __future__ import annotations

import markdown

from portal_gen.markdown_html import ISSUE, TEXT, to_html

#: Texts in an order where anything one left behind would show in the next: a reference
#: definition, raw HTML (stashed), Markdown inside HTML, attributes, an admonition, a table.
TEXTS = [
    "See [the shop][shop].\n\n[shop]: https://example.com/shop",
    "Is [the shop][shop] linked here?\n\n<div markdown>*inside*</div>\n\n<p>raw</p>",
    '# Title {: #top .big }\n\n!!! note "Bring"\n    a mat\n\n| a | b |\n|---|---|\n| 1 | 2 |',
    "1. one\n2. two\n\n* a\n* b\n\n<https://example.com/> and ![cat](images/cat.jpg)",
    "Plain words with *emphasis* and `code`.",
]


def test_a_reused_converter_gives_what_a_new_one_gives() -> None:
    """Each text's HTML equals markdown.markdown's with the extensions named, whatever came before."""
    for extensions, names in (
        (TEXT, ["tables", "sane_lists"]),
        (ISSUE, ["attr_list", "md_in_html", "tables", "admonition"]),
    ):
        for text in TEXTS + TEXTS[::-1]:
            assert to_html(text, extensions) == markdown.markdown(text, extensions=names)
