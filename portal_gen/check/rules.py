"""The rules that span records and files: unique ids, references that exist, thresholds that
rise, event times that make sense.

Nothing here raises for a data problem: every function returns the ``DataError`` it found,
each pointing at the line and column the owner wrote, so one run reports every mistake.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from portal_gen.check.signup import check_signup
from portal_gen.errors import (
    DataError,
    DuplicateIdError,
    EndBeforeStartError,
    Position,
    RepeatedQuoteWarning,
    SchemaError,
    TestimonialBeforeEventWarning,
    UnknownReferenceError,
    did_you_mean,
)
from portal_gen.model.colors import AA_NORMAL, contrast_with_white, passing_shade
from portal_gen.model.customers import StoriesFile, TestimonialsFile
from portal_gen.model.events import Event, EventsFile, PartnersFile
from portal_gen.model.images import missing_images
from portal_gen.model.occurrences import check_dates
from portal_gen.model.postal import PostalAddress
from portal_gen.model.site import Site
from portal_gen.model.spans import EndNotAfterStartError, EventTimeError, event_span
from portal_gen.model.tiers import TiersFile
from portal_gen.read.yamldoc import Document, Loc
from portal_gen.reuse import reusable


class _Checker:
    """Collects rule violations for one document, with positions."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.errors: list[DataError] = []

    def add(self, kind: type[DataError], loc: Loc, message: str) -> None:
        self.errors.append(kind(self.document.position(loc), self.document.name(loc), message))

    def unique_ids(
        self, key: str, records: Iterable[Any], seen: dict[str, Position] | None = None
    ) -> set[str]:
        """Report every id used before (in this file, or in ``seen`` from earlier files)."""
        seen = {} if seen is None else seen
        ids: set[str] = set()
        for index, record in enumerate(records):
            here = self.document.position((key, index, "id"))
            first = seen.get(record.id)
            if first is not None:
                where = f"line {first.line}" if first.path == here.path else str(first)
                self.add(
                    DuplicateIdError,
                    (key, index, "id"),
                    f"duplicate id {record.id!r} (also used at {where}); give each one its own id",
                )
            else:
                seen[record.id] = here
            ids.add(record.id)
        return ids

    def postal_code(self, loc: Loc, address: PostalAddress | None, country: str | None) -> None:
        """Report a postal code that its country (and region) does not use."""
        problem = address.postal_code_problem(country) if address else None
        if problem:
            self.add(
                SchemaError,
                (*loc, "postal_code"),
                f"{problem}; correct it, or give the country the address is in (like 'country: CA')",
            )

    def reference(self, loc: Loc, value: str, kind: str, known: set[str] | None, where: str) -> None:
        """Report ``value`` unless it is one of ``known`` (None: that file had problems)."""
        if known is None or value in known:
            return
        if known:
            hint = f"{did_you_mean(value, sorted(known))}; expected one of: {', '.join(sorted(known))}"
        else:
            hint = f"; there are no {kind}s yet (they are listed in {where})"
        self.add(UnknownReferenceError, loc, f"unknown {kind} {value!r}{hint}")


def check_site(document: Document, site: Site, asset_paths: set[str]) -> list[DataError]:
    """The images site.yml names exist."""
    check = _Checker(document)
    for field, image in (("logo", site.logo), ("favicon", site.favicon), ("cover", site.cover)):
        if image and "://" not in image and image not in asset_paths:
            check.add(
                UnknownReferenceError,
                (field,),
                f"no file content/{image}; put the image there or use an https:// link",
            )
    check.postal_code(("contact", "address"), site.contact.address, site.country)
    if site.brand_color and contrast_with_white(site.brand_color) < AA_NORMAL:
        check.add(
            SchemaError,
            ("brand_color",),
            f"white text on {site.brand_color} has a contrast of "
            f"{contrast_with_white(site.brand_color):.1f}:1, below the 4.5:1 pages need to be "
            f"readable (WCAG AA); use a darker shade, such as '{passing_shade(site.brand_color)}'",
        )
    return check.errors + check_signup(document, site)


def check_tiers(document: Document, tiers: TiersFile) -> tuple[set[str], list[DataError]]:
    """Unique ids, thresholds rising tier by tier, perks naming real tiers."""
    check = _Checker(document)
    tier_ids = check.unique_ids("tiers", tiers.tiers)
    check.unique_ids("perks", tiers.perks)
    for index, tier in enumerate(tiers.tiers):
        if tier.id == "calendar":
            check.add(
                SchemaError,
                ("tiers", index, "id"),
                "the id 'calendar' is taken by the feed of all events (/events/calendar.ics); choose another",
            )
    for index, (lower, higher) in enumerate(zip(tiers.tiers, tiers.tiers[1:], strict=False), 1):
        if higher.threshold <= lower.threshold:
            check.add(
                SchemaError,
                ("tiers", index, "threshold"),
                f"{higher.threshold} is not above {lower.threshold}, the threshold of "
                f"{lower.name!r}; list tiers from the lowest threshold to the highest",
            )
    for index, perk in enumerate(tiers.perks):
        for tier_id in perk.tiers:
            check.reference(("perks", index, "tiers", tier_id), tier_id, "tier", tier_ids, "data/tiers.yml")
    return tier_ids, check.errors


def check_events(
    files: list[tuple[Document, EventsFile]],
    tier_ids: set[str] | None,
    partner_ids: set[str] | None,
    site_zone: str,
    asset_paths: set[str],
    site_address: bool = True,
    site_country: str | None = None,
) -> tuple[set[str], list[DataError]]:
    """Across events.yml and data/events/*.yml: unique ids; times that exist, end after they
    start and repeat by a readable rule; tiers, partners and images that exist."""
    seen: dict[str, Position] = {}
    event_ids: set[str] = set()
    errors: list[DataError] = []
    for document, events in files:
        check = _Checker(document)
        event_ids |= check.unique_ids("events", events.events, seen)
        for index, event in enumerate(events.events):
            loc: Loc = ("events", index)
            for position, tier_id in enumerate(event.tiers):
                check.reference((*loc, "tiers", position), tier_id, "tier", tier_ids, "data/tiers.yml")
            if event.partner is not None:
                check.reference((*loc, "partner"), event.partner, "partner", partner_ids, "data/partners.yml")
            if event.image and "://" not in event.image and event.image not in asset_paths:
                check.add(
                    UnknownReferenceError,
                    (*loc, "image"),
                    f"no file content/{event.image}; put the image there or use an https:// link",
                )
            for path in missing_images(event.description or "", asset_paths):
                check.add(
                    UnknownReferenceError,
                    (*loc, "description"),
                    f"an image names content/{path}, which is not there; put the image there "
                    "or use an https:// link",
                )
            if event.location is not None:
                check.postal_code((*loc, "location", "address"), event.location.address, site_country)
            if not (event.location or event.online or site_address or event.proposed):
                # Customers (and search engines) need to know where to go.
                check.add(
                    SchemaError,
                    loc,
                    "needs a location (like 'location: In the shop') or an online link, or a "
                    "contact.address in data/site.yml",
                )
            problem = time_problem(event, site_zone)
            if problem is not None:
                kind = EndBeforeStartError if isinstance(problem, EndNotAfterStartError) else SchemaError
                field_loc: Loc = loc if problem.field is None else (*loc, problem.field)
                if problem.index is not None:
                    field_loc = (*field_loc, problem.index)
                if problem.subfield is not None:
                    field_loc = (*field_loc, problem.subfield)
                check.add(kind, field_loc, problem.message)
        errors.extend(check.errors)
    return event_ids, errors


@reusable()
def time_problem(event: Event, site_zone: str) -> EventTimeError | None:
    """What is wrong with the event's times, if anything."""
    if event.start is None and event.proposed:
        return None
    try:
        event_span(event, site_zone)
        check_dates(event, site_zone)
    except EventTimeError as problem:
        return problem.with_traceback(None)  # may be kept for reuse: do not keep the frames alive
    return None


def check_partners(document: Document, partners: PartnersFile) -> tuple[set[str], list[DataError]]:
    check = _Checker(document)
    return check.unique_ids("partners", partners.partners), check.errors


def _check_refs(
    check: _Checker, key: str, records: Iterable[Any], tier_ids: set[str] | None, event_ids: set[str] | None
) -> None:
    for index, record in enumerate(records):
        if record.event is not None:
            check.reference((key, index, "event"), record.event, "event", event_ids, "data/events.yml")
        if record.tier is not None:
            check.reference((key, index, "tier"), record.tier, "tier", tier_ids, "data/tiers.yml")


def check_testimonials(
    document: Document,
    testimonials: TestimonialsFile,
    tier_ids: set[str] | None,
    event_ids: set[str] | None,
) -> list[DataError]:
    """Unique ids, a name to show, and references to events and tiers that exist."""
    check = _Checker(document)
    check.unique_ids("testimonials", testimonials.testimonials)
    _check_refs(check, "testimonials", testimonials.testimonials, tier_ids, event_ids)
    for index, testimonial in enumerate(testimonials.testimonials):
        if not testimonial.author and not (testimonial.contact and testimonial.contact.name):
            check.add(
                SchemaError,
                ("testimonials", index),
                "missing required field 'author' (or give contact.name, and the first name and "
                "initial are shown)",
            )
    return check.errors


def testimonial_warnings(
    document: Document, testimonials: TestimonialsFile, events: Iterable[Event]
) -> list[DataError]:
    """What is allowed but looks mistaken: the same quote twice (a customer counted twice
    makes every count and average on the page a little untrue), and a testimonial dated
    before the event it is about first took place."""
    check = _Checker(document)
    first_days = {
        event.id: event.start.date() if isinstance(event.start, dt.datetime) else event.start
        for event in events
        if event.start is not None
    }
    seen: dict[str, int] = {}
    for index, testimonial in enumerate(testimonials.testimonials):
        words = " ".join(testimonial.quote.split()).casefold()
        first = seen.setdefault(words, index)
        if first != index:
            line = document.position(("testimonials", first, "quote")).line
            check.add(
                RepeatedQuoteWarning,
                ("testimonials", index, "quote"),
                f"the same quote as testimonials[{first}] (line {line}); keep one of them, or "
                "give this one the customer's own words",
            )
        day = first_days.get(testimonial.event or "")
        if day is not None and testimonial.date < day:
            check.add(
                TestimonialBeforeEventWarning,
                ("testimonials", index, "date"),
                f"{testimonial.date.isoformat()} is before the first date of {testimonial.event!r} "
                f"({day.isoformat()}); check the date, or the event it is about",
            )
    return check.errors


def check_stories(
    document: Document,
    stories: StoriesFile,
    tier_ids: set[str] | None,
    event_ids: set[str] | None,
) -> list[DataError]:
    """Unique ids and references to events and tiers that exist."""
    check = _Checker(document)
    check.unique_ids("stories", stories.stories)
    _check_refs(check, "stories", stories.stories, tier_ids, event_ids)
    return check.errors
