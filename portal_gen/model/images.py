"""The images a Markdown text shows (and the pages it links), and where the files behind them live.

An owner names a picture the same way everywhere in the data: a path under ``content/``
(``images/yoga.jpg``, as ``image:`` takes it) or a full link. That holds inside an event's
``description`` as well, so the check can find the file and the page can link it from its
own address.
"""

from __future__ import annotations

import html
import posixpath
import re
from functools import lru_cache

from portal_gen.addresses import is_external
from portal_gen.markdown_html import TEXT, to_html

_IMG_SRC = re.compile(r'<img[^>]*?\ssrc="([^"]*)"')
_HREF = re.compile(r'<a[^>]*?\shref="([^"]*)"')


@lru_cache(maxsize=4096)
def _html(text: str) -> str:
    # Read as the page reads it, so a link in a code span or an escaped bracket is no link.
    return to_html(text, TEXT)


def content_path(src: str) -> str:
    """An image's ``src`` as a path under content/; links elsewhere are kept as written."""
    if is_external(src) or src.startswith(("/", "#")) or not src:
        return src
    return posixpath.normpath(src)


def image_sources(text: str) -> list[str]:
    """The images a Markdown text shows (``![..](src)`` and ``<img src>``), as written."""
    return _IMG_SRC.findall(_html(text))


def link_targets(text: str) -> list[str]:
    """The addresses a Markdown text links (``[..](href)``, ``<https://..>``, ``<a href>``)."""
    return [html.unescape(href) for href in _HREF.findall(_html(text))]


def missing_images(text: str, asset_paths: set[str]) -> list[str]:
    """The images of ``text`` that name a file under content/ that is not there."""
    missing = []
    for src in image_sources(text):
        if is_external(src) or src.startswith(("/", "#")) or not src:
            continue
        if (path := content_path(src)) not in asset_paths:
            missing.append(path)
    return missing
