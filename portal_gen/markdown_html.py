"""Markdown made into HTML outside MkDocs: owner texts (descriptions, legal lines) and
newsletter issues (feeds, e-mail, summaries), each kind with its own extensions.

A ``markdown.Markdown`` takes longer to build than a short text takes to convert, and
building one from extension *names* also searches every installed package's entry points
for each name. So each kind has one converter per thread, built from the extension classes
the names stand for, and reset before each text as Python-Markdown documents for reuse:
the HTML is the same as ``markdown.markdown(text, extensions=[...names])`` gives.
"""

from __future__ import annotations

import threading

import markdown
from markdown.extensions import Extension
from markdown.extensions.admonition import AdmonitionExtension
from markdown.extensions.attr_list import AttrListExtension
from markdown.extensions.md_in_html import MarkdownInHtmlExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension

#: Owner texts in the data, as their pages read them: ``tables`` and ``sane_lists``.
TEXT: tuple[type[Extension], ...] = (TableExtension, SaneListExtension)
#: A newsletter issue's body, with the site's extensions that matter for it: ``attr_list``,
#: ``md_in_html``, ``tables`` and ``admonition``, in that order.
ISSUE: tuple[type[Extension], ...] = (
    AttrListExtension,
    MarkdownInHtmlExtension,
    TableExtension,
    AdmonitionExtension,
)

# A converter holds the text it is converting: one per thread (serve regenerates in its own).
_converters = threading.local()


def to_html(text: str, extensions: tuple[type[Extension], ...]) -> str:
    """``text`` as HTML, with ``extensions`` (``TEXT`` or ``ISSUE``)."""
    made: dict[tuple[type[Extension], ...], markdown.Markdown] | None = getattr(_converters, "made", None)
    if made is None:
        made = _converters.made = {}
    converter = made.get(extensions)
    if converter is None:
        converter = made[extensions] = markdown.Markdown(extensions=[make() for make in extensions])
    return converter.reset().convert(text)
