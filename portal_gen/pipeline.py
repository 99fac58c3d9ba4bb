"""The pipeline: load, validate, model, plan, write; what the CLI and the plugin call.

Every stage before ``write`` only gathers and checks, so when any file has a problem the
staging folder is never touched and the last good site stays as it was.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from portal_gen import blocks, email, schema, starter, validate
from portal_gen.calendar import all_occurrences
from portal_gen.clock import BadTodayError
from portal_gen.errors import ContentError, DataError, InvalidDataError, Position
from portal_gen.load import Document, Sources, read_sources
from portal_gen.memo import NO_MEMO, Identity, Memo
from portal_gen.models import (
    DATA_MODELS,
    Event,
    EventsFile,
    NewsletterIssue,
    OwnerPage,
    PartnersFile,
    Portal,
    Site,
    StoriesFile,
    Testimonial,
    TestimonialsFile,
    TiersFile,
    scrub_private,
)
from portal_gen.newsletter import collect_issues, is_issue, published
from portal_gen.portal_files import UnsafeSourceError
from portal_gen.render import page_url, plan, reserved_urls
from portal_gen.write import WriteReport, write

#: The staging folder MkDocs builds from (``docs_dir`` in mkdocs.yml), relative to the root.
STAGING = Path("build") / "docs"


def staging_folder() -> str:
    """``docs_dir`` for mkdocs.yml, as ``!!python/object/apply:portal_gen.pipeline.staging_folder []``.

    MkDocs refuses a ``docs_dir`` that does not exist before any plugin can run, and the
    staging folder is generated, so it is not in git: on a fresh clone plain ``mkdocs build``
    would stop before the ``portal`` plugin generates it. YAML calls this while MkDocs (or
    Zensical) reads the file, which makes the empty folder in time. MkDocs is run from the
    portal's folder, the one holding mkdocs.yml; anywhere else nothing is made.
    """
    if Path("mkdocs.yml").is_file():
        STAGING.mkdir(parents=True, exist_ok=True)
    return STAGING.as_posix()


#: Set while portal-gen's own commands run MkDocs, so the MkDocs plugin does not generate again.
ACTIVE_ENV = "PORTAL_GEN_ACTIVE"
#: The owner's folders: never written to.
SOURCE_FOLDERS = ("data", "content", "theme_overrides")


def _owner_folders(root: Path) -> list[Path]:
    """What the writer must never write into, around or over."""
    return [root / name for name in SOURCE_FOLDERS]


#: What "today" is given as: a day (``--today``), or a moment (the clock, read by an
#: adapter) whose date in the site's zone is today.
Today = dt.date | dt.datetime


def parse_day(value: str | dt.date) -> dt.date:
    """A day written YYYY-MM-DD (as in --today, or the MkDocs plugin's ``today`` option)."""
    if isinstance(value, dt.datetime):
        # YAML reads "2026-11-23 10:00" as a moment; a day is what is meant.
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadTodayError(f"expected a day like 2026-11-23, got {value!r}") from None


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


def _validated(sources: Sources, memo: Memo = NO_MEMO) -> tuple[dict[str, Any], list[DataError]]:
    """Each data file checked against its model, then the rules that span files.

    A file that could not be read, or that has schema problems, is left out of the later
    checks, so one broken file does not drown the others' messages in "unknown tier" noise.
    """
    records: dict[str, Any] = {}
    errors: list[DataError] = []
    for name in [*DATA_MODELS, *_event_files(sources)[1:]]:
        document = _document(sources, name)
        if document.broken or (name == "site" and name not in sources.data):
            continue  # the loader has reported why
        model = DATA_MODELS.get(name, EventsFile)
        # An unchanged file is the same Document object as last run (see read_sources).
        record, problems = memo.get(
            ("schema", name), Identity(document), validate.check_schema, document, model
        )
        errors.extend(problems)
        if record is not None:
            records[name] = record

    site_zone = records["site"].timezone if "site" in records else "UTC"
    tier_ids = partner_ids = event_ids = None
    if (tiers := records.get("tiers")) is not None:
        tier_ids, problems = memo.get(
            ("tiers",), Identity(tiers), lambda: validate.check_tiers(_document(sources, "tiers"), tiers)
        )
        errors.extend(problems)
    if (partners := records.get("partners")) is not None:
        partner_ids, problems = validate.check_partners(_document(sources, "partners"), partners)
        errors.extend(problems)
    event_files = [
        (_document(sources, name), records[name]) for name in _event_files(sources) if name in records
    ]
    assets = {asset.path for asset in sources.assets}
    site_address = "site" not in records or bool(records["site"].contact.address)
    ids, problems = memo.get(
        ("events",),
        (
            tuple(Identity(record) for _, record in event_files),
            tier_ids,
            partner_ids,
            site_zone,
            assets,
            site_address,
        ),
        lambda: validate.check_events(
            event_files, tier_ids, partner_ids, site_zone, assets, site_address, memo
        ),
    )
    errors.extend(problems)
    if len(event_files) == len(_event_files(sources)):
        event_ids = ids
    if (testimonials := records.get("testimonials")) is not None:
        errors.extend(
            memo.get(
                ("testimonials",),
                (Identity(testimonials), tier_ids, event_ids),
                lambda: validate.check_testimonials(
                    _document(sources, "testimonials"), testimonials, tier_ids, event_ids
                ),
            )
        )
    if (stories := records.get("stories")) is not None:
        errors.extend(
            memo.get(
                ("stories",),
                (Identity(stories), tier_ids, event_ids),
                lambda: validate.check_stories(_document(sources, "stories"), stories, tier_ids, event_ids),
            )
        )
    return records, errors


def load_portal(root: Path, today: Today, memo: Memo = NO_MEMO) -> Portal:
    """Read and validate the portal at ``root``; raise ``InvalidDataError`` with every problem.

    With a ``memo`` (serve), what the files that did not change gave last time is reused.
    """
    sources, errors = read_sources(root, memo)
    refused = {error.position.path for error in errors if isinstance(error, UnsafeSourceError)}
    if not (root / "data").is_dir() or refused & {"data", "data/site.yml"}:
        # Without any data, every check that names a tier or an event would only add noise.
        raise InvalidDataError(errors)
    records, problems = _validated(sources, memo)
    errors.extend(problems)
    asset_paths = {asset.path for asset in sources.assets}
    page_keys = tuple(Identity(page) for page in sources.pages)
    issues, problems = memo.get(
        ("issues",), (page_keys, asset_paths), lambda: collect_issues(sources.pages, asset_paths)
    )
    errors.extend(problems)
    pages, problems = memo.get(("pages",), (page_keys, sources.assets), lambda: _owner_pages(sources))
    errors.extend(problems)
    events = tuple(
        event for name in _event_files(sources) if name in records for event in records[name].events
    )
    addresses = (
        tuple(page.path for page in pages),
        tuple(issue.slug for issue in issues),
        tuple(event.id for event in events),
    )
    errors.extend(memo.get(("clashes",), addresses, lambda: _clashes(pages, issues, events)))
    known = _known_ids(records, events)
    calls = [call for page in pages for call in page.blocks] + [c for i in issues for c in i.blocks]
    errors.extend(blocks.check(calls, known))
    site: Site | None = records.get("site")
    expected = {*DATA_MODELS, *_event_files(sources)}
    if errors or site is None or expected - records.keys():
        raise InvalidDataError(errors)

    day = resolve_today(today, ZoneInfo(site.timezone))
    # Unchanged events become last run's objects, so what was made from them is found again.
    events = memo.intern(("interned events",), events, lambda event: event.id)
    tiers: TiersFile = records["tiers"]
    partners: PartnersFile = records["partners"]
    testimonials: TestimonialsFile = records["testimonials"]
    stories: StoriesFile = records["stories"]
    consented = memo.get(
        ("shown testimonials",), Identity(testimonials), lambda: _shown_testimonials(testimonials)
    )
    shown = published(issues, day)
    shown_slugs = {issue.slug for issue in shown}
    told = memo.get(
        ("told stories",),
        Identity(stories),
        lambda: sorted(
            (scrub_private(s) for s in stories.stories if s.consent), key=lambda s: (s.date, s.id)
        ),
    )
    return Portal(
        site=site,
        today=day,
        tiers=tuple(tiers.tiers),
        perks=tuple(tiers.perks),
        partners={partner.id: partner for partner in partners.partners},
        events=events,
        occurrences=all_occurrences(events, site.timezone, day, memo),
        testimonials=tuple(consented),
        stories=tuple(reversed(told)),
        held_back=tuple(
            record.id for record in (*testimonials.testimonials, *stories.stories) if not record.consent
        ),
        issues=shown,
        pages=pages,
        unpublished=tuple(issue for issue in issues if issue.slug not in shown_slugs),
    )


def _shown_testimonials(testimonials: TestimonialsFile) -> list[Testimonial]:
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


def _owner_pages(sources: Sources) -> tuple[tuple[OwnerPage, ...], list[DataError]]:
    """Owner pages (with the data blocks found in them) and assets; issues are rendered."""
    pages: list[OwnerPage] = []
    errors: list[DataError] = []
    for page in sources.pages:
        if is_issue(page):
            continue
        calls, problems = blocks.find(page.body, page.source, page.body_line)
        errors.extend(problems)
        pages.append(OwnerPage(page.path, page.data, tuple(calls), page.head, page.body))
    pages += [OwnerPage(asset.path, asset.data) for asset in sources.assets]
    return tuple(sorted(pages, key=lambda page: page.path)), errors


def _known_ids(records: dict[str, Any], events: tuple[Event, ...]) -> dict[str, set[str]]:
    """What data blocks may name, from the files that validated (the others were reported)."""
    known: dict[str, set[str]] = {"event": {event.id for event in events if not event.proposed}}
    if "tiers" in records:
        known["tier"] = {tier.id for tier in records["tiers"].tiers}
        known["perk"] = {perk.id for perk in records["tiers"].perks}
    if "testimonials" in records:
        known["testimonial"] = {t.id for t in records["testimonials"].testimonials if t.consent}
    if "stories" in records:
        known["story"] = {story.id for story in records["stories"].stories if story.consent}
    return known


def _clashes(
    pages: tuple[OwnerPage, ...], issues: tuple[NewsletterIssue, ...], events: tuple[Event, ...]
) -> list[DataError]:
    """Owner pages that would land on the address of a generated page."""
    reserved = reserved_urls(issues, events)
    return [
        ContentError(
            Position(f"content/{page.path}"),
            "",
            f"this file would replace the generated page at {page_url(page.path)}; rename "
            "it, or change that page by overriding its template in theme_overrides/portal/",
        )
        for page in pages
        if page_url(page.path) in reserved
    ]


@dataclass
class Generated:
    """The result of ``generate``: the portal that was rendered and what was written."""

    portal: Portal
    output: Path
    report: WriteReport


def check(root: Path, today: Today) -> Portal:
    """Validate everything and render every page, and the newest issue's e-mail, in memory
    (so a broken template override fails here too), but write nothing."""
    portal = load_portal(root, today)
    plan(portal, root.resolve())
    newest = (portal.issues or portal.unpublished)[:1]
    for issue in newest:
        email.render_email(portal, root.resolve(), issue.slug)
    return portal


def generate(root: Path, today: Today, memo: Memo = NO_MEMO) -> Generated:
    """Validate everything, render everything, then write the staging folder.

    Pass the same ``memo`` to every call in a long-running process (serve): what did not
    change since the last call is reused, and the result is the same bytes either way.
    """
    root = root.resolve()
    with _collector_paused():
        portal = load_portal(root, today, memo)
        files = plan(portal, root, memo)
        output = root / STAGING
        report = write(files, output, protected=_owner_folders(root), memo=memo)
        memo.sweep()
    return Generated(portal, output, report)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while generating.

    A generate makes hundreds of thousands of short-lived objects, and each of the
    collector's full passes walks every object alive, the memo's included: in serve that
    made a one-line edit take 200 to 320 ms instead of 150 (on the benchmark portal).
    Reference counting still frees what a run drops; the collector resumes afterwards for
    the few cycles.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass
class WrittenEmail:
    """The result of ``newsletter_email``: the issue and the files written for it."""

    issue: NewsletterIssue
    service: str
    output: Path
    files: list[str]
    on_site: bool  # published: not a draft, and dated today or earlier


def newsletter_email(root: Path, slug: str, today: Today, with_eml: bool = False) -> WrittenEmail:
    """Validate everything, then write issue ``slug`` as an e-mail into ``build/email/``
    (the e-mails of other issues stay)."""
    root = root.resolve()
    portal = load_portal(root, today)
    issue = email.find_issue(portal, slug)
    files = email.email_files(portal, root, issue.slug, with_eml)
    output = root / email.EMAIL_FOLDER
    write(files, output, protected=_owner_folders(root), prune=False)
    on_site = any(shown.slug == issue.slug for shown in portal.issues)
    return WrittenEmail(issue, portal.site.newsletter_service, output, sorted(files), on_site)


def write_schemas(root: Path) -> tuple[Path, WriteReport]:
    """Write the JSON Schemas editors use into ``schemas/`` (other files there are kept)."""
    root = root.resolve()
    output = root / schema.FOLDER
    report = write(schema.json_schemas(), output, protected=_owner_folders(root), prune=False)
    return output, report


def init_portal(
    root: Path,
    name: str,
    url: str,
    timezone: str,
    today: Today,
    locale: str = "en_US",
    currency: str = "USD",
) -> list[str]:
    """Create a new portal in ``root`` (which may exist, but must not hold a portal); return
    the files written."""
    root = root.resolve()
    # The first issue is dated today where the shop is, so it is published from the start.
    day = resolve_today(today, starter.starter_zone(timezone))
    files = starter.starter_files(name, url, timezone, day, locale, currency)
    starter.check_free(root, files)
    write(files, root, prune=False, dotfiles=True)
    return list(files)
