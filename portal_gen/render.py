"""Rendering: the Jinja environment, template lookup, and ``plan(portal) -> {path: bytes}``.

``plan`` is pure: it reads nothing but templates and writes nothing; the same portal gives
the same bytes (sorted keys, no clocks). One template per page type lives in
``portal_gen/templates/pages/``, repeated cards in ``partials/``; an owner overrides any of
them by placing a file with the same relative name under ``theme_overrides/portal/``.

Templates are Markdown with Jinja inside and keep the ``.md`` ending on purpose: MkDocs
copies every other file it finds in the theme's ``custom_dir`` into the published site, but
skips Markdown and HTML, so an owner's overrides never leak onto the web.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import posixpath
import traceback
from collections.abc import Iterable
from importlib import resources
from itertools import groupby
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
import markdown
from markupsafe import Markup

from portal_gen import blocks, feeds, ical, structured
from portal_gen.blocks import BlockCall
from portal_gen.errors import TemplateRenderError
from portal_gen.formatting import Formatter, html_text, link_target, markdown_text, meta_text
from portal_gen.memo import NO_MEMO, Memo, Reads, same
from portal_gen.models import Event, NewsletterIssue, Occurrence, Perk, Portal, Site
from portal_gen.newsletter import MORE, tag_anchor
from portal_gen.parallel import Background
from portal_gen.plaintext import one_line
from portal_gen.sanitize import description_html

#: Where owners put template overrides, relative to the portal root.
OVERRIDES = Path("theme_overrides") / "portal"
#: Generated pages: path in the staging folder -> template name.
INDEX_PAGES = {
    "index.md": "pages/home.md",
    "events/index.md": "pages/events.md",
    "tiers/index.md": "pages/tiers.md",
    "testimonials/index.md": "pages/testimonials.md",
    "newsletter/index.md": "pages/newsletter.md",
    "newsletter/tags/index.md": "pages/newsletter_tags.md",
}
#: Files shipped with portal-gen that every generated site needs.
STATIC_FILES = {"assets/portal-gen.css": "static/portal-gen.css"}


@functools.lru_cache(maxsize=65536)
def _relpath(target: str, folder: str) -> str:
    # Thousands of pages link the same few targets from the same few folders.
    return posixpath.relpath(target, folder)


def issue_path(issue: NewsletterIssue) -> str:
    return f"newsletter/{issue.slug}.md"


def event_path(event: Event) -> str:
    return f"events/{event.id}.md"


def page_url(path: str) -> str:
    """The address MkDocs gives a file of the staging folder, lowercased for comparison
    (``tiers.md`` and ``tiers/index.md`` both become ``/tiers/``; macOS ignores case)."""
    posix = PurePosixPath(path)
    if posix.suffix.lower() != ".md":
        return "/" + path.lower()
    parts = [] if posix.parent.as_posix() == "." else [posix.parent.as_posix()]
    if posix.stem.lower() not in ("index", "readme"):
        parts.append(posix.stem)
    return ("/" + "/".join(parts) + "/").lower().replace("//", "/")


def reserved_urls(issues: Iterable[NewsletterIssue], events: Iterable[Event] = ()) -> set[str]:
    """Every address the generator fills, so an owner page cannot silently replace one."""
    events = list(events)
    paths = [
        *INDEX_PAGES,
        *STATIC_FILES,
        *map(issue_path, issues),
        *map(event_path, events),
        *map(ical.event_feed_path, events),
        ical.ALL_EVENTS_FEED,
        *feeds.FEED_FILES,
    ]
    return {page_url(path) for path in paths}


def interest_link(event: Event, site: Site) -> str:
    """Where "I'm interested" goes: the owner's form, else an e-mail to the shop."""
    if site.interest_form:
        return site.interest_form
    address = site.contact.email or ""
    return f"mailto:{address}?" + urlencode({"subject": f"I'm interested: {event.title}"}, quote_via=quote)


def environment(root: Path | None, markdown_pages: bool = True) -> jinja2.Environment:
    """Jinja with the owner's overrides first, then the defaults shipped in the package.

    Page templates are Markdown and escape values for Markdown too; without
    ``markdown_pages`` (the e-mail templates) ``.html`` escapes for HTML and ``.txt`` not at all.
    """
    loaders: list[jinja2.BaseLoader] = []
    if root is not None and (root / OVERRIDES).is_dir():
        loaders.append(jinja2.FileSystemLoader(root / OVERRIDES))
    loaders.append(jinja2.PackageLoader("portal_gen", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        # Pages are Markdown that may hold HTML: escape for both, unless a filter says the
        # value is already markup.
        autoescape=True if markdown_pages else jinja2.select_autoescape(["html"]),
        finalize=markdown_text if markdown_pages else None,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Templates do not change while a plan runs; a long-running serve makes a new
        # environment when an override changes (see ``_overrides``), so skip the stat per page.
        auto_reload=False,
    )
    env.filters["url"] = link_target
    env.filters["paragraphs"] = paragraphs
    env.filters["html"] = html_text
    env.filters["meta_text"] = meta_text
    return env


def paragraphs(text: str | None) -> list[Markup]:
    """Plain text split on blank lines, each paragraph escaped for Markdown."""
    if not text:
        return []
    return [markdown_text(part) for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]


def by_month(occurrences: Iterable[Occurrence], fmt: Formatter) -> list[tuple[str, list[Occurrence]]]:
    """Occurrences under month headings, keeping their order."""
    return [
        (fmt.month(first_day), list(group))
        for first_day, group in groupby(occurrences, key=lambda o: o.first_day(fmt.zone).replace(day=1))
    ]


def perk_groups(perks: Iterable[Perk]) -> list[tuple[str | None, list[Perk]]]:
    """Perks under their categories, in the order the owner first used each category."""
    groups: dict[str | None, list[Perk]] = {}
    for perk in perks:
        groups.setdefault(perk.category, []).append(perk)
    return list(groups.items())


def by_year(issues: Iterable[NewsletterIssue]) -> list[tuple[int, list[NewsletterIssue]]]:
    return [(year, list(group)) for year, group in groupby(issues, key=lambda issue: issue.date.year)]


def template_error(error: Exception, root: Path | None) -> TemplateRenderError | None:
    """Name the template file and line an error came from, the way data errors do.

    None when a non-Jinja error did not come from an owner's override: data is validated
    before rendering, so that is a bug in portal-gen and deserves its traceback.
    """
    overrides = str(root / OVERRIDES) if root is not None else None
    homes = [str(resources.files("portal_gen") / "templates"), *([overrides] if overrides else [])]
    where = ""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if any(frame.filename.startswith(home) for home in homes):
            if not isinstance(error, jinja2.TemplateError) and not (
                overrides and frame.filename.startswith(overrides)
            ):
                return None
            where = _display_path(frame.filename, root) + f":{frame.lineno}:1: "
            break
    if isinstance(error, jinja2.TemplateSyntaxError) and error.filename:
        where = _display_path(error.filename, root) + f":{error.lineno}:1: "
    detail = f"nothing is known by {error.args[0]!r}" if isinstance(error, KeyError) else str(error)
    return TemplateRenderError(f"{where}template error: {detail}")


def _display_path(filename: str, root: Path | None) -> str:
    path = Path(filename)
    if root is not None and path.is_relative_to(root):
        return path.relative_to(root).as_posix()
    return path.as_posix()


def by_tag(issues: Iterable[NewsletterIssue]) -> list[tuple[str, str, list[NewsletterIssue]]]:
    """Each tag (by name) with its anchor and its issues, newest first."""
    tagged: dict[str, tuple[str, list[NewsletterIssue]]] = {}
    for issue in issues:
        for tag in issue.tags:
            # "gift ideas" and "gift-ideas" share an anchor, so they share a section.
            tagged.setdefault(tag_anchor(tag), (tag, []))[1].append(issue)
    return [(tag, anchor, found) for anchor, (tag, found) in sorted(tagged.items(), key=lambda i: i[1][0])]


def cover(issue: NewsletterIssue) -> str:
    """The issue's cover image as Markdown, written from ``newsletter/<slug>.md``."""
    if not issue.image:
        return ""
    target = issue.image if "://" in issue.image else f"../{issue.image}"
    return f"![{markdown_text(issue.image_alt or '')}]({link_target(target)})\n\n"


def _summarised(issue: NewsletterIssue) -> NewsletterIssue:
    return dataclasses.replace(issue, summary=excerpt_summary(issue))


def excerpt_summary(issue: NewsletterIssue) -> str | None:
    """The summary from front matter, else what the owner wrote before ``<!-- more -->``,
    in one line: data blocks (a greeting, a list of events) are left out of a summary."""
    more = MORE.search(issue.body)
    if issue.summary or more is None:
        return issue.summary
    end = more.start()
    head = blocks.expand(issue.body[:end], tuple(c for c in issue.blocks if c.end <= end), lambda _: "")
    return one_line(markdown.markdown(head, extensions=feeds.EXTENSIONS), links=False) or None


#: What a template can be called; an editor's swap and backup files are not templates.
_TEMPLATE_SUFFIXES = (".md", ".html", ".txt")


def _overrides(root: Path | None) -> tuple[tuple[str, bytes], ...]:
    """The owner's template overrides, as written: a new environment is made when they change."""
    folder = root / OVERRIDES if root is not None else None
    if folder is None or not folder.is_dir():
        return ()
    found = []
    for path in sorted(folder.rglob("*")):
        if path.suffix not in _TEMPLATE_SUFFIXES or path.name.startswith("."):
            continue
        try:
            found.append((path.relative_to(folder).as_posix(), path.read_bytes()))
        except OSError:
            continue  # removed while we looked (an editor's save): the next save regenerates
    return tuple(found)


class Renderer:
    def __init__(
        self, portal: Portal, root: Path | None, recipient: str | None = None, memo: Memo = NO_MEMO
    ) -> None:
        """``recipient`` is what the greeting block calls the reader: the fallback name on
        the web, a merge tag's placeholder in an e-mail. With a ``memo``, a page whose inputs
        are the same as last run is not rendered again."""
        self.portal = portal
        self.root = root
        self.memo = memo
        self.recipient = portal.site.newsletter_fallback_name if recipient is None else Markup(recipient)
        overrides = _overrides(root) if memo.enabled else ()
        self.env = memo.get(("environment", root), overrides, environment, root)
        # What every page may use without asking the portal: the templates, site settings
        # through ``site``, ``fmt`` and the helpers, tier names through ``tier_name``, perks
        # and partners through helpers. Kept as last run's tuple when equal, so that each
        # page compares it by identity.
        base = (overrides, portal.site, portal.tiers, portal.perks, portal.partners, self.recipient)
        self._base_key = memo.get(("base key",), base, lambda: base)
        site = portal.site
        self.fmt = memo.get(
            ("formatter",),
            (site.locale, site.currency, portal.zone),
            Formatter,
            site.locale,
            site.currency,
            portal.zone,
        )
        tiers = {tier.id: tier for tier in portal.tiers}
        self.env.filters["tier_name"] = lambda tier_id: tiers[tier_id].name
        #: The portal as the page being rendered sees it (recording what it reads, with a memo).
        self._current: Any = portal
        #: How many times each (path, template) was rendered in this plan: a page may hold
        #: the same block twice.
        self._renders: dict[tuple[str, str], int] = {}
        #: The page being rendered and the portal it shows (a newsletter issue's is the portal
        #: as of its date), for parts rendered inside it.
        self._page = ""
        self._page_portal = portal
        self.helpers = {
            # Through the portal the page sees, so that what they look up is recorded.
            "event_by_id": lambda event_id: self._current.event_by_id(event_id),
            "event_path": event_path,
            "event_feed_path": ical.event_feed_path,
            "tier_feed_path": ical.tier_feed_path,
            "google_link": lambda occurrence: ical.google_link(occurrence, site),
            "outlook_link": lambda occurrence: ical.outlook_link(occurrence, site),
            "webcal": lambda path: ical.webcal(f"{site.url.rstrip('/')}/{path}"),
            "event_jsonld": lambda occurrence: structured.script(
                structured.event_data(occurrence, site, portal.partners)
            ),
            "first_occurrence": lambda event: ical.first_occurrence(event, site.timezone),
            "interest_link": lambda event: interest_link(event, site),
            "member_program_jsonld": lambda: structured.script(
                structured.member_program_data(site, portal.tiers, portal.perks)
            ),
            "perk_groups": perk_groups(portal.perks),
            "event_card": self.event_card,
            "members_only_events": lambda tier: self._current.members_only(tier.id),
        }

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

    def event_card(self, occurrence: Occurrence) -> Markup:
        """``partials/event_card.md`` for one occurrence, on the page being rendered.

        A card of its own rather than an include, so that a long events page reuses the
        cards of the occurrences that did not change.
        """
        slot = (self._page, occurrence.event.id, occurrence.start)
        card = self.render(
            self._page, "partials/event_card.md", slot=slot, portal=self._page_portal, occurrence=occurrence
        )
        return Markup(card.decode("utf-8"))

    def render(self, path: str, template: str, slot: Any = None, **extra: Any) -> bytes:
        """``template`` rendered for the page at ``path``; ``extra`` goes into its context.

        With a memo, the bytes of last run are reused when the template, the arguments, the
        site settings every page uses, and every answer the page got from the portal are
        the same (``Reads``); otherwise the page is rendered and what it read recorded.
        """
        portal = extra.pop("portal", self.portal)
        if not self.memo.enabled:
            return self._render(path, template, portal, portal, extra)
        if slot is None:
            count = self._renders[path, template] = self._renders.get((path, template), -1) + 1
            slot = (path, template, count)
        slot = ("render", template, slot)
        outer = self._current
        key = (self._base_key, portal.today, tuple(extra.items()))
        kept = self.memo.peek(slot)
        if kept is not None and same(kept[0], key) and Reads.still_true(kept[1][0], portal):
            log, data = kept[1]
            self.memo.keep(slot)
        else:
            reads = Reads(portal)
            with self.memo.computing(slot):
                data = self._render(path, template, reads, portal, extra)
            log = reads.log
            self.memo.put(slot, key, (log, data))
        if isinstance(outer, Reads):
            outer.extend(log, portal)  # a card inside a page: the page depends on what the card read
        return data  # type: ignore[no-any-return]

    def _render(self, path: str, template: str, portal: Any, shown: Portal, extra: dict[str, Any]) -> bytes:
        """Render with ``portal`` in the context (``shown``, or a ``Reads`` standing in for it)."""
        here = posixpath.dirname(path) or "."

        def rel(target: str) -> str:
            """A link from this page to another file of the staging folder."""
            return _relpath(target, here)

        context = {
            "portal": portal,
            "site": self.portal.site,
            "fmt": self.fmt,
            "rel": rel,
            "page_path": path,
            "by_month": lambda occurrences: by_month(occurrences, self.fmt),
            "issue_path": issue_path,
            "tag_anchor": tag_anchor,
            "description_html": description_html,
            "recipient": self.recipient,
            **self.helpers,
            **extra,
        }
        outer, self._current = self._current, portal
        outer_page, self._page, outer_portal, self._page_portal = self._page, path, self._page_portal, shown
        try:
            text = self.env.get_template(template).render(context)
        except (jinja2.TemplateError, LookupError, TypeError, ValueError, AttributeError) as error:
            # An owner's override asking for something that is not there: name its line.
            reported = template_error(error, self.root)
            if reported is None:
                raise
            raise reported from error
        finally:
            self._current, self._page, self._page_portal = outer, outer_page, outer_portal
        return text.encode("utf-8")


def issue_body(renderer: Renderer, issue: NewsletterIssue) -> str:
    """The issue's Markdown with its data blocks rendered as of the issue's date."""
    return renderer.expand_blocks(issue_path(issue), issue.body, issue.blocks, as_of=issue.date)


def plan(portal: Portal, root: Path | None = None, memo: Memo = NO_MEMO) -> dict[str, bytes]:
    """Every file of the staging folder: generated pages, issue pages, static files, owner pages.

    ``root`` is only used to find template overrides; without it the defaults render. With a
    ``memo`` (serve), what has the same inputs as last run is not made again.
    """
    # A one-off generate makes the feeds on another core while the pages render; with a
    # memo (serve) they are made in place, from what did not change.
    with Background(ical.calendar_files, portal, memo, fork=not memo.enabled) as calendars:
        return _plan(portal, root, memo, calendars)


def _plan(
    portal: Portal, root: Path | None, memo: Memo, calendars: Background[dict[str, bytes]]
) -> dict[str, bytes]:
    renderer = Renderer(portal, root, memo=memo)
    files: dict[str, bytes] = {}
    # An issue without a summary takes it from its excerpt, and the archive, the home page
    # and the feeds all show that summary.
    issues = tuple(memo.get(("summary", issue.slug), issue, _summarised, issue) for issue in portal.issues)
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
            path, "pages/newsletter_issue.md", issue=issue, body=body, newer=newer, older=older
        )
    for event in portal.events:
        files[event_path(event)] = renderer.render(event_path(event), "pages/event.md", event=event)
    files.update(calendars.result())
    shown = {issue.slug: cover(issue) + bodies[issue.slug] for issue in issues}
    files.update(
        memo.get(
            ("newsletter feeds",),
            (portal.site, issues, shown),
            lambda: feeds.newsletter_feeds(portal, shown),
        )
    )
    package = resources.files("portal_gen")
    for path, source in STATIC_FILES.items():
        files[path] = memo.get(("static", path), source, package.joinpath(source).read_bytes)
    for page in portal.pages:
        if page.blocks:
            text = page.head + renderer.expand_blocks(page.path, page.body, page.blocks)
            files[page.path] = text.encode("utf-8")
        else:
            files[page.path] = page.data
    return dict(sorted(files.items()))
