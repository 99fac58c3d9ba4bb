"""Newsletter feeds: RSS 2.0 and Atom (feedgen) and JSON Feed 1.1 (the json module).

Feed readers show an item away from the site, so each item carries the issue's full HTML
with every link and image made absolute. Everything that could change between builds is
pinned to the data: GUIDs are the issues' addresses, dates come from front matter, and the
feed's own "updated" time is the newest issue's date, never the build clock.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from html import escape, unescape
from urllib.parse import quote
from zoneinfo import ZoneInfo

from feedgen.feed import FeedGenerator

from portal_gen.addresses import (
    ATOM,
    JSON_FEED,
    NEWSLETTER,
    NEWSLETTER_TAGS,
    RSS,
    SECTION_SITEMAP,
    absolute,
    full_link,
    issue_path,
)
from portal_gen.markdown_html import ISSUE, to_html
from portal_gen.model.portal import NewsletterIssue
from portal_gen.model.site import Site
from portal_gen.reuse import reusable
from portal_gen.texts.catalogs import translations

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_LINK = re.compile(r"""\b(href|src)=("([^"]*)"|'([^']*)')""")
#: When there is no issue yet, a fixed date keeps the empty feeds reproducible.
_NO_ISSUE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def issue_url(site: Site, issue: NewsletterIssue) -> str:
    return absolute(site.url, issue_path(issue))


def absolute_url(site: Site, target: str) -> str:
    """A link as written in ``newsletter/<slug>.md``, as a full address on the site."""
    return full_link(site.url, NEWSLETTER, target)


def cover_url(site: Site, issue: NewsletterIssue) -> str | None:
    """The full address of the issue's cover image (a path under content/, or a link)."""
    return image_url(site, issue.image)


#: The favicon every site built with Material for MkDocs serves (its theme's default).
MATERIAL_FAVICON = "assets/images/favicon.png"


def image_url(site: Site, image: str | None) -> str | None:
    """The full address of an image site.yml names (a path under content/, or a link)."""
    if not image:
        return None
    return image if "://" in image else absolute_url(site, "/" + quote(image))


def issue_html(site: Site, body: str) -> str:
    """The issue's Markdown as HTML for feed readers and e-mail, links made absolute."""
    # XML cannot carry control characters at all; they are invisible in a page anyway.
    html = _CONTROL.sub("", to_html(body, ISSUE))

    def absolute(match: re.Match[str]) -> str:
        # Markdown writes some addresses as entities (an auto-linked e-mail address), and raw
        # HTML in an issue may quote with either mark: decode before judging, encode after.
        target = unescape(match[3] if match[3] is not None else match[4])
        # html.escape(quote=False) escapes what xml.sax's escape does (& < >) without the
        # urllib.request, ssl and http.client that importing xml.sax brings; '"' ends the value.
        return f'{match[1]}="{escape(absolute_url(site, target), quote=False).replace(chr(34), "&quot;")}"'

    return _LINK.sub(absolute, html)


def _published(issue: NewsletterIssue, zone: ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(issue.date, dt.time(), tzinfo=zone)


@reusable()
def newsletter_feeds(
    site: Site, published: tuple[NewsletterIssue, ...], shown: tuple[tuple[str, str], ...]
) -> dict[str, bytes]:
    """RSS, Atom and JSON Feed of the newest published issues (newest first), and the
    newsletter's sitemap; ``shown`` pairs each issue's slug with its Markdown, data blocks
    already rendered."""
    zone = ZoneInfo(site.timezone)
    bodies = dict(shown)
    issues = published[: site.newsletter_feed_items]
    archive = absolute(site.url, NEWSLETTER)
    texts = translations(site.locale)
    title = texts.gettext("%(name)s newsletter") % {"name": site.name}
    description = site.tagline or texts.gettext("News and events from %(name)s.") % {"name": site.name}
    updated = _published(issues[0], zone) if issues else _NO_ISSUE
    contents = {issue.slug: issue_html(site, bodies[issue.slug]) for issue in issues}
    email, logo = site.contact.email, image_url(site, site.logo)
    # Atom's icon and JSON Feed's favicon are the tab-sized picture; the logo stands in.
    favicon = image_url(site, site.favicon) or logo

    def generator(self_path: str, content_type: str) -> FeedGenerator:
        feed = FeedGenerator()
        feed.id(archive)
        feed.title(title)
        feed.description(description)
        # feedgen takes the last link given as RSS's channel <link>: the archive page.
        feed.link(href=absolute(site.url, self_path), rel="self")
        feed.link(href=archive, rel="alternate")
        feed.language(site.locale.split("_")[0])
        feed.updated(updated)
        feed.lastBuildDate(updated)
        feed.generator("portal-gen")
        # Atom requires an author of the feed when its entries name none (RFC 4287 4.1.1):
        # the business writes its newsletter.
        feed.author({"name": site.name, "uri": site.url, **({"email": email} if email else {})})
        if favicon:
            feed.icon(favicon)
        if logo:
            feed.logo(logo)
        for issue in issues:
            entry = feed.add_entry(order="append")
            url = issue_url(site, issue)
            entry.id(url)
            entry.guid(url, permalink=True)
            entry.title(issue.title)
            entry.link(href=url)
            entry.published(_published(issue, zone))
            entry.updated(_published(issue, zone))
            if issue.summary:
                entry.summary(issue.summary)
            for tag in issue.tags:
                entry.category(term=tag)
            entry.content(contents[issue.slug], type=content_type)
        return feed

    # RSS puts HTML in content:encoded (CDATA); Atom wants it typed as html.
    rss = generator(RSS, "CDATA").rss_str(pretty=True)
    atom = generator(ATOM, "html").atom_str(pretty=True)

    json_feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "description": description,
        "home_page_url": archive,
        "feed_url": absolute(site.url, JSON_FEED),
        "language": site.locale.replace("_", "-"),
        "authors": [{"name": site.name, "url": site.url}],
        **({"icon": logo} if logo else {}),
        "favicon": favicon or absolute(site.url, MATERIAL_FAVICON),
        "items": [
            {
                "id": issue_url(site, issue),
                "url": issue_url(site, issue),
                "title": issue.title,
                "content_html": contents[issue.slug],
                **({"summary": issue.summary} if issue.summary else {}),
                **({"tags": list(issue.tags)} if issue.tags else {}),
                **({"image": cover_url(site, issue)} if issue.image else {}),
                "date_published": _published(issue, zone).isoformat(),
            }
            for issue in issues
        ],
    }
    text = json.dumps(json_feed, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return {RSS: rss, ATOM: atom, JSON_FEED: text.encode("utf-8"), SECTION_SITEMAP: sitemap(site, published)}


def sitemap(site: Site, issues: tuple[NewsletterIssue, ...]) -> bytes:
    """A sitemap of the newsletter's pages (a sitemap may cover the folder it sits in)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{_SITEMAP_NS}">']
    latest = issues[0].date.isoformat() if issues else None
    pages = [(absolute(site.url, NEWSLETTER), latest), (absolute(site.url, NEWSLETTER_TAGS), latest)]
    pages += [(issue_url(site, issue), issue.date.isoformat()) for issue in issues]
    for url, day in pages:
        modified = f"<lastmod>{day}</lastmod>" if day else ""
        lines.append(f"  <url><loc>{escape(url, quote=False)}</loc>{modified}</url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")
