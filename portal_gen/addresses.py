"""Where everything the portal generates lives, and the one rule for the address it is served at.

Paths here are paths of the staging folder (``events/kids-yoga.md``); addresses are what a
browser asks for (``events/kids-yoga/``). The rule is MkDocs' with ``use_directory_urls``: a
Markdown page is served as a folder, ``index.md`` and ``README.md`` as the folder they are in,
every other file as it is. Pages, the description sanitiser, feeds, calendars, structured data
and e-mail all ask here, so that they cannot disagree about where a page is.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterable
from types import SimpleNamespace
from typing import Protocol
from urllib.parse import urlsplit

from portal_gen.reuse import reusable

#: Generated pages: path in the staging folder -> template name.
INDEX_PAGES = {
    "index.md": "pages/home.md",
    "events/index.md": "pages/events.md",
    "tiers/index.md": "pages/tiers.md",
    "testimonials/index.md": "pages/testimonials.md",
    "newsletter/index.md": "pages/newsletter.md",
    "newsletter/tags/index.md": "pages/newsletter_tags.md",
}
HOME, EVENTS, TIERS, NEWSLETTER, NEWSLETTER_TAGS = (
    "index.md",
    "events/index.md",
    "tiers/index.md",
    "newsletter/index.md",
    "newsletter/tags/index.md",
)
#: Files shipped with portal-gen that every generated site needs.
#: The stylesheet every page loads (mkdocs.yml's extra_css names it).
STYLESHEET = "assets/portal-gen.css"
#: The tiers page's calculator, loaded by that page alone (its template names it), so that
#: portals made before it need no new line in mkdocs.yml.
TIERS_SCRIPT = "assets/portal-gen-tiers.js"
STATIC_FILES = {STYLESHEET: "static/portal-gen.css", TIERS_SCRIPT: "static/portal-gen-tiers.js"}
#: The calendar of every event.
ALL_EVENTS_FEED = "events/calendar.ics"
RSS, ATOM, JSON_FEED = "newsletter/feed.xml", "newsletter/atom.xml", "newsletter/feed.json"
#: The newsletter's own sitemap. Every page links the feeds with <link rel="alternate"> for
#: feed readers to discover, and Material's JavaScript takes every such link for another
#: version of the site and asks for "sitemap.xml" beside it: this answers that request.
SECTION_SITEMAP = "newsletter/sitemap.xml"
FEED_FILES = (RSS, ATOM, JSON_FEED, SECTION_SITEMAP)
#: What MkDocs renders as a page (any case), from ``mkdocs.utils.markdown_extensions``.
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")


class _Issue(Protocol):
    @property
    def slug(self) -> str: ...


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


def issue_path(issue: _Issue) -> str:
    return f"newsletter/{issue.slug}.md"


def event_path(event: _Identified) -> str:
    return f"events/{event.id}.md"


def event_feed_path(event: _Identified) -> str:
    """One event's calendar, in the folder its page is served from."""
    return f"events/{event.id}/{event.id}.ics"


def month_path(month: dt.date) -> str:
    """The page of a month's events: the events page shows the next weeks and links the rest."""
    return f"events/months/{month:%Y-%m}.md"


def event_tag_path(tag: str) -> str:
    """The page of the coming events with one tag ("gift ideas" and "gift-ideas" share it)."""
    return f"events/tags/{'-'.join(tag.replace('-', ' ').split())}.md"


#: Generated pages that are in no navigation: each is linked from its index page. MkDocs
#: reads them as gitignore patterns; the plugin adds them to mkdocs.yml's own.
NOT_IN_NAV = ("/events/months/*.md", "/events/tags/*.md")


def tier_feed_path(tier: _Identified) -> str:
    return f"events/{tier.id}.ics"


def tag_anchor(tag: str) -> str:
    """The id of a tag's section on the tag index (tags may hold spaces)."""
    return "tag-" + "-".join(tag.replace("-", " ").split())


def is_page(path: str) -> bool:
    """Whether MkDocs renders the file at ``path`` as a page."""
    return posixpath.splitext(path)[1].lower() in MARKDOWN_SUFFIXES


def served(path: str) -> str:
    """The address (relative to the site's root) MkDocs serves the file at ``path`` from:
    ``events/yoga.md`` -> ``events/yoga/``, ``guides/README.md`` -> ``guides/``, ``index.md``
    -> ``""``, ``images/a.jpg`` -> ``images/a.jpg``."""
    if not is_page(path):
        return path
    folder, name = posixpath.split(path)
    stem = posixpath.splitext(name)[0]
    if stem in ("index", "README"):
        return f"{folder}/" if folder else ""
    return f"{folder}/{stem}/" if folder else f"{stem}/"


def compared(path: str) -> str:
    """The address of ``path`` as two files are compared for a clash: ``/tiers/`` for both
    ``tiers.md`` and ``tiers/index.md``, in lower case (macOS and Windows ignore case)."""
    return "/" + served(path).lower()


def reserved(issues: Iterable[_Issue], events: Iterable[_Identified] = ()) -> frozenset[str]:
    """Every address the generator fills (compared), so an owner page cannot silently replace one."""
    # By slugs and ids alone: serve reuses the set until one of those changes, not at every
    # edit of an event's title.
    return _reserved(tuple(issue.slug for issue in issues), tuple(event.id for event in events))


@reusable()
def _reserved(slugs: tuple[str, ...], ids: tuple[str, ...]) -> frozenset[str]:
    issues = [SimpleNamespace(slug=slug) for slug in slugs]
    events = [SimpleNamespace(id=event_id) for event_id in ids]
    paths = [
        *INDEX_PAGES,
        *STATIC_FILES,
        *map(issue_path, issues),
        *map(event_path, events),
        *map(event_feed_path, events),
        ALL_EVENTS_FEED,
        *FEED_FILES,
    ]
    return frozenset(compared(path) for path in paths)


def is_external(target: str) -> bool:
    """A link to another site or scheme (``https://``, ``mailto:``, ``//host``), not to a file here."""
    parts = urlsplit(target)
    return bool(parts.scheme or parts.netloc) or target.startswith("//")


def absolute(site_url: str, path: str) -> str:
    """The full address of the file at ``path`` (``events/yoga.md`` -> ``https://shop/events/yoga/``)."""
    return f"{site_url.rstrip('/')}/{served(path.lstrip('/'))}"


def markdown_link(from_path: str, to_path: str) -> str:
    """A Markdown link from one page of the staging folder to another file of it, written as
    MkDocs wants it (to the file, relative to the page's file: MkDocs makes it an address)."""
    return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")


def _resolved(from_path: str, link_path: str) -> str:
    """The staging path a relative link written in the page at ``from_path`` names."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(from_path), link_path))


def browser_link(from_path: str, target: str) -> str:
    """A link as written in the Markdown of the page at ``from_path`` (``../guides/README.md``,
    ``kids-yoga.md#when``), as the browser needs it from that page's address
    (``../../guides/``). For HTML MkDocs does not render itself, so does not rewrite.

    External links, anchors, absolute paths and links out of the site are kept as written.
    """
    parts = urlsplit(target)
    if is_external(target) or target.startswith(("#", "/")) or not parts.path:
        return target
    source = _resolved(from_path, parts.path)
    if source == ".." or source.startswith("../"):
        return target  # outside the site: MkDocs would not know it either
    destination = served(source) or "./"
    here = served(from_path).rstrip("/") or "."
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


def full_link(site_url: str, from_path: str, target: str) -> str:
    """A link as written in the page at ``from_path``, as a full address on the site (for feed
    readers and e-mail, which read the page away from it). External links and anchors stay."""
    parts = urlsplit(target)
    if parts.scheme or target.startswith(("#", "//")) or not target:
        return target
    path = parts.path
    if not path.startswith("/"):
        joined = posixpath.normpath(f"/{posixpath.dirname(from_path)}/{path}")
        # normpath drops a trailing slash, which folder-style addresses need.
        path = f"{joined}/" if path.endswith("/") and joined != "/" else joined
    if is_page(path):
        path = "/" + served(path.lstrip("/"))
    query = f"?{parts.query}" if parts.query else ""
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    return f"{site_url.rstrip('/')}{path}{query}{fragment}"
