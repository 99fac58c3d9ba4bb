"""Everything read, checked, then assembled into the one ``Portal`` the renderer receives.

A file that could not be read, or that has schema problems, is left out of the checks that
span files, so one broken file does not drown the others' messages in "unknown tier" noise.
Either every problem is raised together (``InvalidDataError``), or a portal comes back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from portal_gen.addresses import compared, reserved, tier_feed_path
from portal_gen.check import rules
from portal_gen.check.issues import collect_issues, held_back_issues, is_issue, published
from portal_gen.check.schema import check_schema
from portal_gen.errors import ContentError, DataError, InvalidDataError, Position, UnknownReferenceError
from portal_gen.model import blocks
from portal_gen.model.customers import StoriesFile, Story, Testimonial, TestimonialsFile
from portal_gen.model.events import Event, EventsFile, PartnersFile
from portal_gen.model.held_back import HeldBack
from portal_gen.model.images import link_targets
from portal_gen.model.occurrences import all_occurrences
from portal_gen.model.portal import NewsletterIssue, OwnerPage, Portal
from portal_gen.model.record import Record, scrub_private
from portal_gen.model.records import DATA_MODELS
from portal_gen.model.site import Site
from portal_gen.model.tiers import TiersFile
from portal_gen.read.portal_files import UnsafeSourceError
from portal_gen.read.sources import SITE_FILE, Document, MarkdownPage, Sources
from portal_gen.reuse import reusable

#: What "today" is given as: a day (``--today``), or a moment (the clock, read by an
#: adapter) whose date in the site's zone is today.
Today = dt.date | dt.datetime


def resolve_today(today: Today, zone: ZoneInfo) -> dt.date:
    """The day ``today`` names where the site is."""
    if isinstance(today, dt.datetime):
        return today.astimezone(zone).date()
    return today


def _document(sources: Sources, name: str) -> Document:
    return sources.data.get(name) or Document(f"data/{name}.yml", None)


def _event_files(sources: Sources) -> list[str]:
    """``events`` and then each ``events/<stem>`` in name order."""
    return ["events", *sorted(name for name in sources.data if name.startswith("events/"))]


@reusable()
def schema_checked(document: Document, name: str) -> tuple[Record | None, list[DataError]]:
    """One data file against the model of its name (``events/<stem>`` are events files)."""
    return check_schema(document, DATA_MODELS.get(name, EventsFile))


@dataclass(frozen=True)
class _Ids:
    """The ids each kind of record defines, from the files that validated (None: not known)."""

    tiers: set[str] | None = None
    partners: set[str] | None = None
    events: set[str] | None = None


def validated(sources: Sources) -> tuple[dict[str, Any], list[DataError]]:
    """Each data file checked against its model, then the rules that span files."""
    records: dict[str, Any] = {}
    errors: list[DataError] = []
    for name in [*DATA_MODELS, *_event_files(sources)[1:]]:
        document = _document(sources, name)
        if document.broken or (name == "site" and name not in sources.data):
            continue  # the loader has reported why
        record, problems = schema_checked(document, name)
        errors.extend(problems)
        if record is not None:
            records[name] = record

    site_zone = records["site"].timezone if "site" in records else "UTC"
    assets = {asset.path for asset in sources.assets}
    if (site := records.get("site")) is not None:
        errors.extend(rules.check_site(_document(sources, "site"), site, assets))
    tier_ids = partner_ids = event_ids = None
    if (tiers := records.get("tiers")) is not None:
        tier_ids, problems = rules.check_tiers(_document(sources, "tiers"), tiers)
        errors.extend(problems)
    if (partners := records.get("partners")) is not None:
        partner_ids, problems = rules.check_partners(_document(sources, "partners"), partners)
        errors.extend(problems)
    event_files = [
        (_document(sources, name), records[name]) for name in _event_files(sources) if name in records
    ]
    site_address = "site" not in records or bool(records["site"].contact.address)
    site_country = records["site"].country if "site" in records else None
    ids, problems = rules.check_events(
        event_files, tier_ids, partner_ids, site_zone, assets, site_address, site_country
    )
    errors.extend(problems)
    if len(event_files) == len(_event_files(sources)):
        event_ids = ids
    if (testimonials := records.get("testimonials")) is not None:
        errors.extend(
            rules.check_testimonials(_document(sources, "testimonials"), testimonials, tier_ids, event_ids)
        )
    if (stories := records.get("stories")) is not None:
        errors.extend(rules.check_stories(_document(sources, "stories"), stories, tier_ids, event_ids))
    return records, errors


def assemble(sources: Sources, read_errors: list[DataError], today: Today) -> Portal:
    """The portal ``sources`` describe on ``today``; raise ``InvalidDataError`` with every
    problem (``read_errors`` are the reader's)."""
    errors = list(read_errors)
    refused = {error.position.path for error in errors if isinstance(error, UnsafeSourceError)}
    if not sources.has_data or refused & {"data", SITE_FILE}:
        # Without any data, every check that names a tier or an event would only add noise.
        raise InvalidDataError(errors)
    records, problems = validated(sources)
    errors.extend(problems)
    asset_paths = {asset.path for asset in sources.assets}
    issues, problems = collect_issues(sources.pages, asset_paths)
    errors.extend(problems)
    pages, problems = owner_pages(sources)
    errors.extend(problems)
    events = tuple(
        event for name in _event_files(sources) if name in records for event in records[name].events
    )
    errors.extend(clashes(pages, issues, events))
    if (site_record := records.get("site")) is not None:
        errors.extend(own_site_links(sources, records, site_record, pages, issues, events))
    calls = [call for page in pages for call in page.blocks] + [c for i in issues for c in i.blocks]
    every_event_file = all(name in records for name in _event_files(sources))
    errors.extend(blocks.check(calls, known_ids(records, events, every_event_file), held_back_ids(records)))
    site: Site | None = records.get("site")
    expected = {*DATA_MODELS, *_event_files(sources)}
    if errors or site is None or expected - records.keys():
        raise InvalidDataError(errors)

    day = resolve_today(today, ZoneInfo(site.timezone))
    tiers: TiersFile = records["tiers"]
    partners: PartnersFile = records["partners"]
    testimonials: TestimonialsFile = records["testimonials"]
    stories: StoriesFile = records["stories"]
    shown = published(issues, day)
    shown_slugs = {issue.slug for issue in shown}
    return Portal(
        site=site,
        today=day,
        tiers=tiers.resolved_tiers(),
        perks=tuple(tiers.perks),
        partners={partner.id: partner for partner in partners.partners},
        events=events,
        occurrences=all_occurrences(events, site.timezone, day),
        testimonials=tuple(shown_testimonials(testimonials)),
        stories=tuple(reversed(told_stories(stories))),
        held_back=(
            *without_consent(sources, testimonials, stories),
            *held_back_issues(issues, day),
        ),
        issues=shown,
        pages=pages,
        unpublished=tuple(issue for issue in issues if issue.slug not in shown_slugs),
        warnings=tuple(
            sorted(
                rules.testimonial_warnings(_document(sources, "testimonials"), testimonials, events),
                key=DataError.sort_key,
            )
        ),
        event_lists=tuple(
            name.removeprefix("events/")
            for name in _event_files(sources)[1:]
            if not sources.data[name].within
        ),
    )


def without_consent(sources: Sources, testimonials: TestimonialsFile, stories: StoriesFile) -> list[HeldBack]:
    """The testimonials and stories written down without ``consent: true``, in file order:
    the site leaves them out (``shown_testimonials``, ``told_stories``)."""
    quoted, told = _document(sources, "testimonials"), _document(sources, "stories")
    return [
        *(
            HeldBack(
                "testimonial",
                t.id,
                quoted.position(("testimonials", i)),
                ("no consent",),
                t.shown_author,
                t.date,
            )
            for i, t in enumerate(testimonials.testimonials)
            if not t.consent
        ),
        *(
            HeldBack("story", s.id, told.position(("stories", i)), ("no consent",), s.title, s.date)
            for i, s in enumerate(stories.stories)
            if not s.consent
        ),
    ]


@reusable()
def shown_testimonials(testimonials: TestimonialsFile) -> list[Testimonial]:
    """Testimonials with consent, newest first, without their private fields.

    The shown name is settled before private fields are dropped: it may come from contact.name.
    """
    return sorted(
        (
            scrub_private(t.model_copy(update={"author": t.shown_author}))
            for t in testimonials.testimonials
            if t.consent
        ),
        key=lambda t: (t.date, t.id),
        reverse=True,
    )


@reusable()
def told_stories(stories: StoriesFile) -> list[Story]:
    """Stories with consent, oldest first, without their private fields."""
    return sorted((scrub_private(s) for s in stories.stories if s.consent), key=lambda s: (s.date, s.id))


def owner_pages(sources: Sources) -> tuple[tuple[OwnerPage, ...], list[DataError]]:
    """Owner pages (with the data blocks found in them) and assets; issues are rendered."""
    pages: list[OwnerPage] = []
    errors: list[DataError] = []
    for page in sources.pages:
        if is_issue(page):
            continue
        owner_page, problems = owner_page_of(page)
        errors.extend(problems)
        pages.append(owner_page)
    pages += [OwnerPage(asset.path, asset.data) for asset in sources.assets]
    return tuple(sorted(pages, key=lambda page: page.path)), errors


@reusable()
def owner_page_of(page: MarkdownPage) -> tuple[OwnerPage, list[DataError]]:
    """An owner's Markdown page with the data blocks found in it."""
    calls, problems = blocks.find(page.body, page.source, page.body_line)
    return OwnerPage(page.path, page.data, tuple(calls), page.head, page.body), problems


def known_ids(
    records: dict[str, Any], events: tuple[Event, ...], every_event_file: bool = True
) -> dict[str, set[str]]:
    """What data blocks may name, from the files that validated. A kind whose file has
    problems is left out: they were reported, and a block naming one of its records would
    only add a false "unknown" (``every_event_file``: all event files validated)."""
    known: dict[str, set[str]] = {}
    if every_event_file:
        known["event"] = {event.id for event in events if not event.proposed}
    if "tiers" in records:
        known["tier"] = {tier.id for tier in records["tiers"].tiers}
        known["perk"] = {perk.id for perk in records["tiers"].perks}
    if "testimonials" in records:
        known["testimonial"] = {t.id for t in records["testimonials"].testimonials if t.consent}
    if "stories" in records:
        known["story"] = {story.id for story in records["stories"].stories if story.consent}
    return known


def held_back_ids(records: dict[str, Any]) -> dict[str, set[str]]:
    """Testimonials and stories written down but not shown (no ``consent: true``)."""
    held: dict[str, set[str]] = {}
    if "testimonials" in records:
        held["testimonial"] = {t.id for t in records["testimonials"].testimonials if not t.consent}
    if "stories" in records:
        held["story"] = {story.id for story in records["stories"].stories if not story.consent}
    return held


def own_site_links(
    sources: Sources,
    records: dict[str, Any],
    site: Site,
    pages: tuple[OwnerPage, ...],
    issues: tuple[NewsletterIssue, ...],
    events: tuple[Event, ...],
) -> list[DataError]:
    """Links in the data to the site's own address that are no page or file of it (in link
    fields and in the links of Markdown texts): a registration link written before the page
    existed, or mistyped, is a 404 for customers."""
    base = urlsplit(site.url)
    root = base.path if base.path.endswith("/") else base.path + "/"
    known = reserved(issues, events) | {compared(page.path) for page in pages} | {"/"}
    if (tier_file := records.get("tiers")) is not None:
        known |= {compared(tier_feed_path(tier)) for tier in tier_file.tiers}

    def missing(url: str) -> bool:
        parts = urlsplit(url)
        if parts.hostname != base.hostname or not (parts.path + "/").startswith(root):
            return False
        path = "/" + parts.path[len(root) :].lower()
        return not ({path, path.rstrip("/") + "/", path.rstrip("/")} & known)

    links: list[tuple[Document, tuple[str | int, ...], str | None]] = []

    def written(document: Document, loc: tuple[str | int, ...], markdown: str | None) -> None:
        links.extend((document, loc, url) for url in link_targets(markdown or ""))

    site_file = _document(sources, "site")
    signup = site.newsletter_signup
    if signup is not None:
        # Written as a bare address (the shorthand) or under link:, named as the owner wrote it.
        shorthand = isinstance((site_file.data or {}).get("newsletter_signup"), str)
        link_loc = ("newsletter_signup",) if shorthand else ("newsletter_signup", "link")
        links += [(site_file, link_loc, signup.link)]
        links += [(site_file, ("newsletter_signup", "privacy_policy"), signup.privacy_policy)]
    links += [(site_file, ("interest_form",), site.interest_form)]
    written(site_file, ("description",), site.description)
    if (partners := records.get("partners")) is not None:
        document = _document(sources, "partners")
        links += [(document, ("partners", i, "url"), p.url) for i, p in enumerate(partners.partners)]
    if (tiers := records.get("tiers")) is not None:
        document = _document(sources, "tiers")
        for key, items in (("tiers", tiers.tiers), ("perks", tiers.perks)):
            for index, item in enumerate(items):
                written(document, (key, index, "description"), item.description)
    for name in _event_files(sources):
        if name in records:
            document = _document(sources, name)
            for index, event in enumerate(records[name].events):
                links.append((document, ("events", index, "registration"), event.registration))
                links.append((document, ("events", index, "online"), event.online))
                written(document, ("events", index, "description"), event.description)
    errors: list[DataError] = []
    for document, loc, url in links:
        if url and missing(url):
            errors.append(
                UnknownReferenceError(
                    document.position(loc),
                    document.name(loc),
                    f"{url} is on this site's address but no page of it is there; link a page "
                    "that exists (its address as the browser shows it) or a form elsewhere",
                )
            )
    return errors


def clashes(
    pages: tuple[OwnerPage, ...], issues: tuple[NewsletterIssue, ...], events: tuple[Event, ...]
) -> list[DataError]:
    """Owner pages that would land on the address of a generated page."""
    taken = reserved(issues, events)
    return [
        ContentError(
            Position(f"content/{page.path}"),
            "",
            f"this file would replace the generated page at {compared(page.path)}; rename "
            "it, or change that page by overriding its template in theme_overrides/portal/",
        )
        for page in pages
        if compared(page.path) in taken
    ]
