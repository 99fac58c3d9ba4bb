"""Markdown in data fields, rendered and then cleaned with nh3 to what the field needs.

Most text in the YAML files is plain and is escaped where it is printed (``formatting``). A
few fields allow Markdown (an event's description); those are rendered here and cleaned
with an allow-list, so pasted HTML cannot run a script, restyle the page or send readers to
a ``javascript:`` address. Links stay http, https or mailto; relative links to other pages
(``kids-yoga.md``, written as in any MkDocs page) are turned into the page's own address,
because MkDocs does not rewrite links inside HTML it did not render itself.
"""

from __future__ import annotations

import posixpath
from urllib.parse import urlsplit

import markdown
import nh3
from markupsafe import Markup

#: Block-level Markdown an event description may use.
DESCRIPTION_TAGS = {
    "p", "br", "strong", "em", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li", "a",
    "h3", "h4", "h5", "hr", "img", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}


def _page_url(path: str) -> str:
    """The folder address MkDocs gives ``path`` (``events/yoga.md`` is ``events/yoga/``)."""
    stem = path[: -len(".md")] if path.endswith(".md") else path
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/"


def _relative(target: str, page_path: str) -> str:
    """A link written in the page at ``page_path`` (a staging path), as the browser needs it."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith(("#", "/")) or not parts.path:
        return target
    source = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), parts.path))
    if source.startswith("../"):
        return target  # outside the site: nh3 keeps it harmless, MkDocs would not know it either
    destination = (_page_url(source) if source.endswith(".md") else source) or "./"
    here = _page_url(page_path).rstrip("/") or "."
    relative = posixpath.relpath(destination, here)
    if destination.endswith("/") and not relative.endswith("/"):
        relative += "/"
    if ":" in relative.split("/", 1)[0]:
        # "javascript:x/" would read as an address with a scheme; "./" keeps it a path.
        relative = "./" + relative
    return (
        relative
        + (f"?{parts.query}" if parts.query else "")
        + (f"#{parts.fragment}" if parts.fragment else "")
    )


def description_html(text: str, page_path: str) -> Markup:
    """An event description: Markdown made into clean HTML for the page at ``page_path``."""
    html = markdown.markdown(text, extensions=["tables", "sane_lists"])

    def rewrite(tag: str, attribute: str, value: str) -> str:
        # Only link attributes are touched, never text that merely looks like one.
        return _relative(value, page_path) if attribute in ("href", "src") else value

    options = {
        "tags": DESCRIPTION_TAGS,
        "attributes": ATTRIBUTES,
        "url_schemes": URL_SCHEMES,
        "link_rel": "noopener noreferrer",
        "strip_comments": True,
    }
    # nh3 does not check what the filter returns, so a second pass checks the rewritten links.
    clean = nh3.clean(nh3.clean(html, attribute_filter=rewrite, **options), **options)
    # A <div> keeps the HTML one block for Python-Markdown, which passes it through as is.
    return Markup(f'<div class="portal-description">\n{clean}\n</div>')
