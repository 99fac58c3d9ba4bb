"""The site's pages: ``plan(portal, templates) -> {path: bytes}`` for the staging folder.

``plan`` is pure: it reads nothing (the overrides come in ``templates``) and writes nothing;
the same portal gives the same bytes (sorted keys, no clocks). Each page is one ``render``
of a template, a step that ``portal-gen serve`` may reuse when the page would read the same
answers from the portal as last time (see ``portal_gen.reuse``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import posixpath
from importlib import resources
from typing import Any

from markupsafe import Markup

from portal_gen.addresses import (
    INDEX_PAGES,
    STATIC_FILES,
    STYLESHEET,
    absolute,
    event_feed_path,
    event_path,
    event_tag_path,
    issue_path,
    month_path,
    tag_anchor,
    tier_feed_path,
)
from portal_gen.check.issues import published
from portal_gen.model import blocks
from portal_gen.model.blocks import BlockCall
from portal_gen.model.portal import NewsletterIssue, Occurrence, Portal
from portal_gen.render import calendar_links, cms, feeds, structured
from portal_gen.render.agenda import by_month, coming_up, later_and_past, months_of
from portal_gen.render.environment import Templates, environment, render_template
from portal_gen.render.formatting import Formatter, link_target, markdown_text
from portal_gen.render.recurrence import event_when, series_view, series_when
from portal_gen.render.requirements import joining, requirement
from portal_gen.render.sanitize import description_html
from portal_gen.render.signup import signup_form
from portal_gen.render.tier_guide import calculator, calculator_json, tier_steps
from portal_gen.render.views import (
    by_tag,
    by_year,
    cover,
    fallback_name,
    interest_link,
    perk_groups,
    summarised,
)
from portal_gen.reuse import reusable


@functools.lru_cache(maxsize=65536)
def _relpath(target: str, folder: str) -> str:
    # Thousands of pages link the same few targets from the same few folders.
    return posixpath.relpath(target, folder)


@reusable()
def formatter(locale: str, currency: str, zone_name: str) -> Formatter:
    """Dates, times and money for one site (a Formatter keeps what it has formatted)."""
    from zoneinfo import ZoneInfo

    return Formatter(locale, currency, ZoneInfo(zone_name))


class Renderer:
    """Renders templates for one portal; a page's inputs are the renderer's (see
    ``__fingerprint__``), its arguments, and what it reads of the portal it shows."""

    def __init__(
        self, portal: Portal, templates: Templates, recipient: str | None = None, formal: str | None = None
    ) -> None:
        """``recipient`` is what the greeting block calls the reader: the fallback name on
        the web, a merge tag's placeholder in an e-mail; ``formal`` the placeholder of the
        e-mail's formal greeting (on the web it is the one for a reader without a name)."""
        self.portal = portal
        self.templates = templates
        self.recipient = fallback_name(portal.site) if recipient is None else Markup(recipient)
        self.formal = None if formal is None else Markup(formal)
        self.env = environment(
            templates, tuple((tier.id, tier.name) for tier in portal.tiers), locale=portal.site.locale
        )
        site = portal.site
        self.fmt = formatter(site.locale, site.currency, site.timezone)
        #: The portal as the page being rendered sees it (a recording stand-in, in serve).
        self._current: Any = portal
        #: The page being rendered, for the cards rendered inside it.
        self._page = ""
        self.helpers = {
            "requirement": lambda tier: requirement(tier, self.fmt),
            "joining": lambda tier: joining(tier, self.fmt),
            # Through the portal the page sees, so that what they look up is recorded.
            "event_by_id": lambda event_id: self._current.event_by_id(event_id),
            "event_path": event_path,
            "event_feed_path": event_feed_path,
            "tier_feed_path": tier_feed_path,
            "google_link": lambda occurrence: calendar_links.google_link(occurrence, site),
            "outlook_link": lambda occurrence: calendar_links.outlook_link(occurrence, site),
            "webcal": lambda path: calendar_links.webcal(absolute(site.url, path)),
            "google_subscribe": lambda path: calendar_links.google_subscribe_link(absolute(site.url, path)),
            "outlook_subscribe": lambda path, name: calendar_links.outlook_subscribe_link(
                absolute(site.url, path), name
            ),
            "fits_google_form": calendar_links.fits_google_form,
            "fits_outlook_form": calendar_links.fits_outlook_form,
            "event_jsonld": lambda occurrences: structured.script(
                structured.events_data(list(occurrences), site, portal.partners)
            ),
            "first_occurrence": lambda event: calendar_links.first_occurrence(event, site.timezone),
            "interest_link": lambda event: interest_link(event, site),
            "member_program_jsonld": lambda: structured.script(
                structured.member_program_data(site, portal.tiers, portal.perks)
            ),
            "perk_groups": perk_groups(portal.perks),
            "tier_steps": tier_steps(portal.tiers, portal.perks),
            "tier_calculator": lambda: calculator(portal.tiers, portal.perks, self.fmt),
            "calculator_json": calculator_json,
            # None for a link to another sign-up page, which the pages show as a button.
            "signup_form": signup_form(site.newsletter_signup),
            "event_card": self.event_card,
            # Through the portal the page sees: a series' card reads all its coming dates.
            "series": lambda occurrence: series_view(
                occurrence,
                self._current.upcoming_of(occurrence.event),
                self._current.today,
                self.fmt,
            ),
            "event_when": lambda occurrence: event_when(occurrence, self.fmt),
            "series_when": lambda occurrence: series_when(
                occurrence.event, self.fmt, occurrence.start, occurrence.end
            ),
            "members_only_events": lambda tier: self._current.members_only(tier.id),
            "months": lambda: months_of(self._current.occurrences, self._current.zone),
            "coming_up": lambda: coming_up(
                self._current.listed_upcoming, self._current.today, self._current.zone
            ),
            "month_path": month_path,
            "event_tag_path": event_tag_path,
            "later_and_past": lambda shown: later_and_past(
                self._current.occurrences, shown, self._current.today, self._current.zone
            ),
        }

    def __fingerprint__(self) -> object:
        """What every page may use without asking the portal: the templates, the site's
        settings (through ``site``, ``fmt`` and the helpers), tiers, perks and partners."""
        portal = self.portal
        return (
            self.templates,
            portal.site,
            portal.tiers,
            portal.perks,
            portal.partners,
            self.recipient,
            self.formal,
        )

    def expand_blocks(
        self, path: str, text: str, calls: tuple[BlockCall, ...], as_of: dt.date | None = None
    ) -> str:
        """Owner Markdown with its data blocks rendered by their templates; ``as_of`` sets the
        day "upcoming" counts from (a newsletter issue keeps showing what was coming up then)."""
        if not calls:
            return text
        portal = self.portal if as_of is None else self.portal.as_of(as_of)

        def render(call: BlockCall) -> str:
            return self.render(path, f"blocks/{call.name}.md", portal=portal, **call.args).decode("utf-8")

        return blocks.expand(text, calls, render)

    def event_card(self, occurrence: Occurrence, level: int = 4, as_series: bool = True) -> Markup:
        """``partials/event_card.md`` for one occurrence, on the page being rendered, its title
        a heading of ``level`` (below the page's own headings); ``as_series``: a coming date
        of a series stands for the series (a month's page shows each date as itself).

        A render of its own rather than an include, so that a long events page reuses the
        cards of the occurrences that did not change.
        """
        card = self.render(
            self._page,
            "partials/event_card.md",
            portal=self._current,
            occurrence=occurrence,
            level=level,
            as_series=as_series,
        )
        return Markup(card.decode("utf-8"))

    def stars(self, rating: int) -> Markup:
        """A rating as stars people take in at a glance, and as words for a screen reader
        (which does not read the stars themselves out)."""
        label = self.fmt.texts.gettext("rated %(rating)s out of 5") % {"rating": rating}
        empty = Markup('<span class="portal-stars__empty">{}</span>').format("★" * (5 - rating))
        return Markup('<span class="portal-stars" role="img" aria-label="{}">{}{}</span>').format(
            label, "★" * rating, empty if rating < 5 else ""
        )

    def render(self, path: str, template: str, portal: Any = None, **extra: Any) -> bytes:
        """``template`` rendered for the page at ``path``; ``extra`` goes into its context."""
        return self.page(path, template, self.portal if portal is None else portal, tuple(extra.items()))

    @reusable(tracked="portal")
    def page(self, path: str, template: str, portal: Any, extra: tuple[tuple[str, Any], ...]) -> bytes:
        """Render with ``portal`` in the context (the portal shown, or a stand-in recording
        what the page reads of it)."""
        here = posixpath.dirname(path) or "."

        def rel(target: str) -> str:
            """A link from this page to another file of the staging folder."""
            return _relpath(target, here)

        def image(source: str) -> Markup:
            """Where a picture named in the data is, from this page: a link as it is, a file
            under content/ relative to the page."""
            return link_target(source if "://" in source else rel(source))

        def tier_links(tier_ids: list[str]) -> Markup:
            """The tiers named, each linked to its section of the tiers page ("A and B")."""
            names = {tier.id: tier.name for tier in self.portal.tiers}
            target = rel("tiers/index.md")
            links = [f"[{markdown_text(names[tier_id])}]({target}#{tier_id})" for tier_id in tier_ids]
            return Markup(self.fmt.and_list(links))

        def event_link(event_id: str) -> Markup:
            """The event's title, linked to its page."""
            event = self._current.event_by_id(event_id)
            return Markup(f"[{markdown_text(event.title)}]({rel(event_path(event))})")

        context = {
            "stars": self.stars,
            "event_link": event_link,
            "portal": portal,
            "site": self.portal.site,
            "fmt": self.fmt,
            "rel": rel,
            "image": image,
            "tier_links": tier_links,
            "page_path": path,
            "by_month": lambda occurrences: by_month(occurrences, self.fmt),
            "issue_path": issue_path,
            "tag_anchor": tag_anchor,
            "description_html": description_html,
            "recipient": self.recipient,
            "formal_greeting": self.formal,
            **self.helpers,
            **dict(extra),
        }
        outer, self._current = self._current, portal
        outer_page, self._page = self._page, path
        try:
            text = render_template(self.env, template, context)
        finally:
            self._current, self._page = outer, outer_page
        return text.encode("utf-8")


def issue_body(renderer: Renderer, issue: NewsletterIssue) -> str:
    """The issue's Markdown with its data blocks rendered as of the issue's date."""
    return renderer.expand_blocks(issue_path(issue), issue.body, issue.blocks, as_of=issue.date)


@reusable()
def static_file(source: str) -> bytes:
    """A file shipped in the package (the stylesheet)."""
    return resources.files("portal_gen").joinpath(source).read_bytes()


def brand_css(color: str) -> bytes:
    """The site's brand colour in place of the sample's green: the header and links (check
    has made sure white text on it is readable)."""
    names = ("primary-fg-color", "primary-fg-color--light", "primary-fg-color--dark", "typeset-a-color")
    lines = "".join(f"  --md-{name}: {color};\n" for name in names)
    return f"\n/* The brand colour of data/site.yml. */\n:root > * {{\n{lines}}}\n".encode()


#: How many of the newest issues the search index holds in full. Every page downloads the
#: index, and 240 issues' text was 0.7 MB of the benchmark portal's; the archive page, which
#: is indexed, still finds every issue by its title and summary.
SEARCHED_ISSUES = 12


def plan(portal: Portal, templates: Templates) -> dict[str, bytes]:
    """Every page of the staging folder: generated pages, issue pages, static files, owner
    pages; the calendars are ``ical.calendar_files``."""
    renderer = Renderer(portal, templates)
    files: dict[str, bytes] = {}
    # An issue without a summary takes it from its excerpt, and the archive, the home page
    # and the feeds all show that summary.
    issues = tuple(summarised(issue) for issue in portal.issues)
    portal = dataclasses.replace(portal, issues=issues)
    renderer.portal = portal
    bodies = {issue.slug: issue_body(renderer, issue) for issue in issues}
    for path, template in INDEX_PAGES.items():
        extra: dict[str, Any] = {}
        if template == "pages/newsletter.md":
            extra["years"] = by_year(issues)
        elif template == "pages/newsletter_tags.md":
            extra["tags"] = by_tag(issues)
        files[path] = renderer.render(path, template, **extra)
    for index, issue in enumerate(issues):
        # Issues are newest first: the "previous" issue is the older one.
        newer = issues[index - 1] if index > 0 else None
        older = issues[index + 1] if index + 1 < len(issues) else None
        path = issue_path(issue)
        body = Markup(bodies[issue.slug])
        files[path] = renderer.render(
            path,
            "pages/newsletter_issue.md",
            issue=issue,
            body=body,
            newer=newer,
            older=older,
            searched=index < SEARCHED_ISSUES,
        )
    for event in portal.events:
        files[event_path(event)] = renderer.render(event_path(event), "pages/event.md", event=event)
    for tag, occurrences in portal.event_tags.items():
        path = event_tag_path(tag)
        files[path] = renderer.render(path, "pages/events_tag.md", tag=tag, occurrences=tuple(occurrences))
    months = months_of(portal.occurrences, portal.zone)
    for index, (month, occurrences) in enumerate(months):
        earlier = months[index - 1][0] if index > 0 else None
        later = months[index + 1][0] if index + 1 < len(months) else None
        path = month_path(month)
        files[path] = renderer.render(
            path,
            "pages/events_month.md",
            month=month,
            occurrences=tuple(occurrences),
            earlier=earlier,
            later=later,
        )
    shown = tuple((issue.slug, cover(issue) + bodies[issue.slug]) for issue in issues)
    files.update(feeds.newsletter_feeds(portal.site, issues, shown))
    for path, source in STATIC_FILES.items():
        files[path] = static_file(source)
    if portal.site.brand_color:
        files[STYLESHEET] += brand_css(portal.site.brand_color)
    # The browser editor, when site.yml turns it on: copied into the site as it is.
    files.update(cms.admin_files(portal))
    for page in portal.pages:
        if page.blocks:
            text = page.head + renderer.expand_blocks(page.path, page.body, page.blocks)
            files[page.path] = text.encode("utf-8")
        else:
            files[page.path] = page.data
    return files


def unpublished_issue_page(portal: Portal, templates: Templates, slug: str) -> bytes:
    """The page of unpublished issue ``slug`` (at ``issue_path``) as it will be once it is
    published: on its date, between the issues published by then (serve's preview of a
    draft). ``LookupError`` if no unpublished issue has that slug."""
    issue = next((issue for issue in portal.unpublished if issue.slug == slug), None)
    if issue is None:
        raise LookupError(f"no unpublished newsletter issue {slug!r}")
    day = max(portal.today, issue.date)
    others = published(tuple(i for i in (*portal.issues, *portal.unpublished) if i.slug != slug), day)
    issues = sorted((issue, *others), key=lambda shown: (shown.date, shown.slug), reverse=True)
    issues = [summarised(shown) for shown in issues]
    index = next(i for i, shown in enumerate(issues) if shown.slug == slug)
    renderer = Renderer(dataclasses.replace(portal.as_of(day), issues=tuple(issues)), templates)
    path = issue_path(issue)
    return renderer.render(
        path,
        "pages/newsletter_issue.md",
        issue=issues[index],
        body=Markup(issue_body(renderer, issues[index])),
        newer=issues[index - 1] if index > 0 else None,
        older=issues[index + 1] if index + 1 < len(issues) else None,
        searched=False,
    )
