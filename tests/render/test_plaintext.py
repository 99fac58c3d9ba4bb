"""Tests for portal_gen.render.plaintext: HTML as the plain text a person would write in an e-mail."""

from __future__ import annotations

import markdown

from portal_gen.render.plaintext import html_to_text, one_line


def _text(source: str) -> str:
    return html_to_text(markdown.markdown(source, extensions=["tables"]))


def test_headings_paragraphs_and_wrapping() -> None:
    """Headings are underlined; paragraphs are wrapped at 72 characters, separated by a blank line."""
    assert _text("# Title\n\n## Part\n\n" + "word " * 30) == (
        "Title\n=====\n\nPart\n====\n\n"
        + "word word word word word word word word word word word word word word\n"
        + "word word word word word word word word word word word word word word\n"
        + "word word\n"
    )


def test_links_images_and_emphasis() -> None:
    """A link's address follows its text (once); an image shows its description; emphasis goes."""
    assert _text(
        "See [the events](https://x.example/events/), *soon*, at <https://x.example/>. ![A bow](b.png)"
    ) == ("See the events (https://x.example/events/), soon, at https://x.example/.\n[A bow]\n")


def test_lists_quotes_tables_and_code() -> None:
    """Lists keep their markers, quotes their '>', table rows become cells with bars, code is indented."""
    source = (
        "- one\n- two\n\n"
        "> quoted\n> text\n\n"
        "| Tier | Price |\n| --- | --- |\n| Friends | Free |\n\n"
        "    code line\n"
    )
    assert _text(source) == "- one\n- two\n\n> quoted text\n\nTier | Price\nFriends | Free\n\n    code line\n"


def test_numbered_list_and_entities() -> None:
    """Ordered lists count; entities become characters; scripts and styles are dropped."""
    html = "<ol><li>First &amp; best</li><li>Second</li></ol><script>alert(1)</script><style>p{}</style>"
    assert html_to_text(html) == "1. First & best\n2. Second\n"


def test_one_line_summary_without_addresses() -> None:
    """An excerpt becomes one line, links reduced to their text."""
    assert one_line("<p>Read <a href='https://x.example/'>this</a>\nnow.</p><p>Next.</p>", links=False) == (
        "Read this now. Next."
    )


def test_hard_line_breaks_keep_the_paragraph_and_the_table_row() -> None:
    """<br> starts a new line of the same paragraph; inside a table cell it is a space, so rows
    keep one cell per column."""
    html = (
        "<p>Until soon,<br>\nClaire</p>"
        "<table><tr><th>Perk<br><small>note</small></th><td>Yes</td></tr></table>"
    )
    assert html_to_text(html) == "Until soon,\nClaire\n\nPerk note | Yes\n"
