"""HTML to readable plain text: the text part of a newsletter e-mail, and excerpts.

Mail clients that show plain text (and people who prefer it) should get the same issue as
the HTML part, laid out the way people write e-mail by hand: paragraphs wrapped at 72
characters, headings underlined, lists with dashes, links written out after their text,
and table rows as cells separated by vertical bars. Only the HTML that Python-Markdown and
portal-gen's templates produce needs to read well; anything else degrades to its text.
"""

from __future__ import annotations

import re
import textwrap
from html.parser import HTMLParser

WIDTH = 72
_BLOCKS = {
    "p", "div", "section", "article", "figure", "figcaption", "table", "thead", "tbody", "tr",
    "ul", "ol", "li", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "caption",
    "header", "footer", "main", "dl", "dt", "dd", "details", "summary",
}  # fmt: skip
#: Elements whose text is never shown to a reader.
_HIDDEN = {"script", "style", "head", "title", "template"}
_SPACE = re.compile(r"\s+")
#: Stands for a hard line break (<br>) until a paragraph is wrapped.
_BREAK = "\ue000"


class _Converter(HTMLParser):
    def __init__(self, links: bool = True, width: int | None = WIDTH) -> None:
        super().__init__(convert_charrefs=True)
        self.show_links = links
        # No width: a paragraph stays one line (calendar apps wrap text themselves).
        self.width = width if width is not None else 1 << 30
        self.blocks: list[str] = []  # finished blocks of text
        self.line: list[str] = []  # the inline text of the block being read
        self.prefixes: list[str] = []  # "> " for quotes, list markers
        self.lists: list[list[int]] = []  # one counter per open list; [0] for unordered
        self.links: list[str | None] = []
        self.hidden = 0
        self.pre = 0
        self.row: list[str] | None = None
        self.heading: str | None = None
        self.item_started = True  # False until the first line of a list item is out
        self.link_start = 0

    # Block structure -------------------------------------------------------------------
    def _flush(self) -> None:
        text = "".join(self.line)
        self.line = []
        if self.pre:
            if text.strip("\n"):
                self.blocks.append("\n".join("    " + line for line in text.strip("\n").split("\n")))
            return
        text = _SPACE.sub(" ", text).strip().strip(_BREAK).strip()
        if not text:
            return
        if self.row is not None:
            self.row.append(text)
            return
        if self.heading is not None:
            text = _SPACE.sub(" ", text.replace(_BREAK, " "))
            underline = "=" if self.heading in ("h1", "h2") else "-"
            self.blocks.append(self._prefix(f"{text}\n{underline * min(len(text), self.width)}"))
            return
        marker = ""
        if self.lists and self.lists[-1][0] > 0 and not self.item_started:
            marker = f"{self.lists[-1][0]}. "
        elif self.lists and not self.item_started:
            marker = "- "
        indent = "  " * (len(self.lists) - 1) if self.lists else ""
        first = indent + marker
        lines = [line.strip() for line in text.split(_BREAK)]
        wrapped = "\n".join(
            textwrap.fill(
                line,
                width=self.width - len("".join(self.prefixes)),
                initial_indent=first if number == 0 else indent + " " * len(marker),
                subsequent_indent=indent + " " * len(marker),
                break_long_words=False,
                break_on_hyphens=False,
            )
            for number, line in enumerate(lines)
        )
        self.item_started = True
        self.blocks.append(self._prefix(wrapped))

    def _prefix(self, text: str) -> str:
        quote = "".join(self.prefixes)
        return "\n".join((quote + line).rstrip() for line in text.split("\n"))

    # Parser events ---------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in _HIDDEN:
            self.hidden += 1
            return
        if tag == "br":
            # A hard line break: a new line of the same paragraph (a space inside a table cell).
            self.line.append("\n" if self.pre else " " if self.row is not None else _BREAK)
            return
        if tag in _BLOCKS:
            self._flush()
        if tag == "blockquote":
            self.prefixes.append("> ")
        elif tag in ("ul", "ol"):
            self.lists.append([1 if tag == "ol" else 0])
        elif tag == "li":
            self.item_started = False
        elif tag == "pre":
            self.pre += 1
        elif tag == "tr":
            self.row = []
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.heading = tag
        elif tag == "hr":
            self.blocks.append("-" * 24)
        elif tag == "a":
            self.links.append(attributes.get("href"))
            self.link_start = len("".join(self.line))
        elif tag == "img":
            alt = (attributes.get("alt") or "").strip()
            if alt:
                self.line.append(f"[{alt}]")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
            return
        if tag == "a" and self.links:
            href = self.links.pop()
            text = "".join(self.line)[self.link_start :].strip()
            if (
                self.show_links
                and href
                and not href.startswith("#")
                and href != text
                and f"({href})" not in text
            ):
                self.line.append(f" ({href})" if text else href)
            return
        if tag in ("td", "th") and self.row is not None:
            self._flush()
            return
        if tag not in _BLOCKS:
            return
        self._flush()
        if tag == "blockquote" and self.prefixes:
            self.prefixes.pop()
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag == "li" and self.lists and self.lists[-1][0] > 0:
            self.lists[-1][0] += 1
        elif tag == "pre":
            self.pre = max(0, self.pre - 1)
        elif tag == "tr" and self.row is not None:
            cells, self.row = self.row, None
            if cells:
                self.blocks.append(self._prefix(" | ".join(cells)))
        elif tag.startswith("h") and len(tag) == 2:
            self.heading = None

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.line.append(data)


def html_to_text(html: str, links: bool = True, width: int | None = WIDTH) -> str:
    """``html`` as plain text: blocks separated by a blank line, no tags left; ``links``
    writes each link's address after its text; paragraphs are wrapped at ``width``."""
    converter = _Converter(links, width)
    converter.feed(html)
    converter.close()
    converter._flush()
    return _join(converter.blocks)


def _join(blocks: list[str]) -> str:
    # Table rows and list items sit on consecutive lines; everything else gets a blank line.
    out: list[str] = []
    for block in blocks:
        if out and not (_tight(out[-1]) and _tight(block)):
            out.append("")
        out.append(block)
    return "\n".join(out).strip("\n") + "\n" if out else ""


def _tight(block: str) -> bool:
    first = block.lstrip("> ")
    return " | " in block or first.lstrip().startswith("- ") or bool(re.match(r"\s*\d+\. ", first))


def one_line(html: str, links: bool = True) -> str:
    """``html`` as a single line of text (for summaries made from an excerpt)."""
    return _SPACE.sub(" ", html_to_text(html, links)).strip()
