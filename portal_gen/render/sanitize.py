"""Markdown in data fields, rendered and then cleaned with nh3 to what the field needs.

Most text in the YAML files is plain and is escaped where it is printed (``formatting``). A
few fields allow Markdown (an event's description); those are rendered here and cleaned
with an allow-list, so pasted HTML cannot run a script, restyle the page or send readers to
a ``javascript:`` address. Links stay http, https or mailto; relative links to other pages
(``kids-yoga.md``, written as in any MkDocs page) are turned into the page's own address,
because MkDocs does not rewrite links inside HTML it did not render itself.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable

import nh3
from markupsafe import Markup

from portal_gen.addresses import browser_link, full_link, is_external
from portal_gen.markdown_html import TEXT, to_html
from portal_gen.model.images import content_path
from portal_gen.render.plaintext import html_to_text

#: Block-level Markdown an event description may use.
DESCRIPTION_TAGS = {
    "p", "br", "strong", "em", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li", "a",
    "h3", "h4", "h5", "hr", "img", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}


def _from_page(path: str, page_path: str) -> str:
    """A path under content/ as the Markdown of ``page_path`` would write it."""
    if is_external(path) or path.startswith(("/", "#")) or not path:
        return path
    return posixpath.relpath(path, posixpath.dirname(page_path) or ".")


def _cleaned(text: str, page_path: str, link: Callable[[str, str], str]) -> str:
    """Markdown made into HTML cleaned to the allow-list; ``link(page_path, target)`` turns
    each link into what the reader needs (an image's target is its path under content/)."""
    html = to_html(text, TEXT)

    def rewrite(tag: str, attribute: str, value: str) -> str:
        # Only link attributes are touched, never text that merely looks like one.
        if attribute == "src":
            return link(page_path, _from_page(content_path(value), page_path))
        return link(page_path, value) if attribute == "href" else value

    def cleaned(text: str, filtered: bool) -> str:
        return nh3.clean(
            text,
            tags=DESCRIPTION_TAGS,
            attributes=ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel="noopener noreferrer",
            strip_comments=True,
            attribute_filter=rewrite if filtered else None,
        )

    # nh3 does not check what the filter returns, so a second pass checks the rewritten links.
    return cleaned(cleaned(html, filtered=True), filtered=False)


def description_html(text: str, page_path: str) -> Markup:
    """An event description: Markdown made into clean HTML for the page at ``page_path``."""
    clean = _cleaned(text, page_path, browser_link)
    # A <div> keeps the HTML one block for Python-Markdown, which passes it through as is.
    return Markup(f'<div class="portal-description">\n{clean}\n</div>')


def description_text(text: str, site_url: str, page_path: str) -> str:
    """An event description as plain text, for calendars and add-to-calendar forms: they show
    text as written, so ``**January 2**`` would print its stars. Links are written out in
    full after their text (a calendar app reads the event away from the site)."""
    clean = _cleaned(text, page_path, functools.partial(full_link, site_url))
    return html_to_text(clean, width=None).strip()


def legal_html(lines: list[str], site_url: str) -> Markup:
    """The site's legal lines (inline Markdown) as HTML, one line each, links in full: they
    end every page's footer and every e-mail, wherever those are read."""
    link = functools.partial(full_link, site_url)
    shown = [_cleaned(line, "index.md", link).removeprefix("<p>").removesuffix("</p>") for line in lines]
    return Markup("<br>\n".join(shown))


def legal_text(lines: list[str], site_url: str) -> str:
    """The legal lines as plain text, links written out after their text."""
    return html_to_text(str(legal_html(lines, site_url)), width=None).strip()
