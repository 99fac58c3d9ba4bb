"""The commands, composed from the stages: read, check, render, write.

The adapters (the CLI and the MkDocs plugin) build one ``Run`` (the portal's folder, the day,
whether ``serve``'s reuse is on, whether a second core may be used) and call a command with
it; nothing below reads the clock, the environment or the working directory.

Every stage before the writer only gathers and checks, so when any file has a problem the
output folders are never touched and the last good site stays as it was.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from portal_gen.check.portal import Today, assemble, resolve_today
from portal_gen.check.schema import check_schema
from portal_gen.model.portal import NewsletterIssue, Portal
from portal_gen.model.site import Site
from portal_gen.output.tree import TreeMemory, WriteReport
from portal_gen.output.write import write
from portal_gen.read.sources import SITE_FILE, read_sources
from portal_gen.read.yamldoc import parse_yaml
from portal_gen.render import mail
from portal_gen.render.environment import Templates
from portal_gen.render.pages import plan
from portal_gen.render.sanitize import legal_html
from portal_gen.reuse import reusing

# serve's session and the second core are imported by generate, which uses them:
# `portal-gen check` reads and renders, and each module it does not load is time a person
# waits for nothing. (The writer stays here: benchmarks/run.py times it as ``app.write``.)
if TYPE_CHECKING:
    from portal_gen.incremental.session import Session

__all__ = [
    "Run",
    "Today",
    "check",
    "generate",
    "init_portal",
    "load_portal",
    "newsletter_email",
    "write_schemas",
]

#: The staging folder MkDocs builds from, relative to the portal's folder.
STAGING = Path("build") / "docs"
#: Where e-mails are written, relative to the portal's folder.
EMAIL_FOLDER = Path("build") / "email"
#: The owner's folders: never written to.
SOURCE_FOLDERS = ("data", "content", "theme_overrides")


@dataclass(frozen=True)
class Run:
    """What one command runs on, decided by an adapter."""

    #: The portal's folder (the one holding data/ and mkdocs.yml).
    root: Path
    #: The day to build for, or the moment whose date in the site's zone is that day.
    today: Today
    #: ``serve``'s reuse between regenerations; None for a one-off run.
    session: Session | None = None
    #: Whether the calendars may be made on a second processor core meanwhile.
    parallel: bool = False
    #: Where compiled templates are kept between runs (the adapter's choice: the user's
    #: cache folder); None: compiled in every run.
    template_cache: Path | None = None

    @property
    def folder(self) -> Path:
        return self.root.resolve()

    def in_parallel(self) -> Run:
        """The same run, allowed a second processor core (a one-off command, not serve)."""
        return replace(self, parallel=True)


def _owner_folders(root: Path) -> list[Path]:
    """What the writer must never write into, around or over."""
    return [root / name for name in SOURCE_FOLDERS]


@contextlib.contextmanager
def _reusing(run: Run) -> Iterator[None]:
    if run.session is None:
        yield
        return
    with run.session.regeneration() as reuser, reusing(reuser):
        yield


def _read(run: Run) -> tuple[Portal, Templates]:
    sources, errors = read_sources(run.folder)
    cache = str(run.template_cache) if run.template_cache is not None else None
    return assemble(sources, errors, run.today), Templates(sources.overrides, cache)


def load_portal(run: Run) -> Portal:
    """Read and validate the portal; raise ``InvalidDataError`` with every problem."""
    with _reusing(run):
        return _read(run)[0]


def check(run: Run) -> Portal:
    """Validate everything and render every page, and the newest issue's e-mail, in memory
    (so a broken template override fails here too), but write nothing."""
    portal, templates = _read(run)
    plan(portal, templates)
    newest = (portal.issues or portal.unpublished)[:1]
    for issue in newest:
        mail.render_email(portal, templates, issue.slug)
    return portal


@dataclass
class Generated:
    """The result of ``generate``: the portal that was rendered and what was written."""

    portal: Portal
    output: Path
    report: WriteReport
    #: The templates it was rendered with (serve renders unpublished issues with them).
    templates: Templates | None = None


def generate(run: Run) -> Generated:
    """Validate everything, render everything, then write the staging folder."""
    from portal_gen.incremental.session import collector_paused
    from portal_gen.second_core import on_second_core

    root = run.folder
    output = root / STAGING
    memory: TreeMemory | None = run.session.tree_memory(output) if run.session is not None else None
    with collector_paused(), _reusing(run):
        portal, templates = _read(run)
        # The calendars need nothing the pages make: with a second core, they are made
        # there while the pages render (see ``second_core``).
        from portal_gen.render import ical  # icalendar is a tenth of a second to import: not for check

        with on_second_core(ical.calendar_files, portal, allowed=run.parallel) as calendars:
            pages = plan(portal, templates)
            files = dict(sorted({**pages, **calendars.result()}.items()))
        report = write(files, output, protected=_owner_folders(root), memory=memory)
        return Generated(portal, output, report, templates)


@dataclass
class WrittenEmail:
    """The result of ``newsletter_email``: the issue and the files written for it."""

    issue: NewsletterIssue
    service: str
    output: Path
    files: list[str]
    on_site: bool  # published: not a draft, and dated today or earlier


def newsletter_email(run: Run, slug: str, with_eml: bool = False) -> WrittenEmail:
    """Validate everything, then write issue ``slug`` as an e-mail into ``build/email/``
    (the e-mails of other issues stay)."""
    root = run.folder
    portal, templates = _read(run)
    issue = mail.find_issue(portal, slug)
    files = mail.email_files(portal, templates, issue.slug, with_eml)
    output = root / EMAIL_FOLDER
    write(files, output, protected=_owner_folders(root), prune=False)
    on_site = any(shown.slug == issue.slug for shown in portal.issues)
    return WrittenEmail(issue, portal.site.newsletter_service, output, sorted(files), on_site)


def write_schemas(run: Run) -> tuple[Path, WriteReport]:
    """Write the JSON Schemas editors use into ``schemas/`` (other files there are kept)."""
    root = run.folder
    from portal_gen.render import json_schemas

    output = root / json_schemas.FOLDER
    report = write(json_schemas.json_schemas(), output, protected=_owner_folders(root), prune=False)
    return output, report


def init_portal(
    run: Run, name: str, url: str, timezone: str, locale: str = "en_US", currency: str = "USD"
) -> list[str]:
    """Create a new portal in ``run.root`` (which may exist, but must not hold a portal);
    return the files written."""
    root = run.folder
    # The first issue is dated today where the shop is, so it is published from the start.
    from portal_gen.render import starter

    day = resolve_today(run.today, starter.starter_zone(timezone))
    files = starter.starter_files(name, url, timezone, day, locale, currency)
    starter.check_free(root, files)
    write(files, root, prune=False, dotfiles=True)
    return list(files)


@dataclass(frozen=True)
class ThemeSettings:
    """What site.yml asks of the theme around the pages: the legal lines at the end of the
    footer, whether the "Made with Material for MkDocs" notice stays, the logo and the favicon
    (paths under content/, which is where the staging folder has them, or links)."""

    legal_html: str = ""
    generator_notice: bool = True
    logo: str | None = None
    favicon: str | None = None

    def copyright(self, owned: str | None) -> str | None:
        """The footer's text: the owner's own line from mkdocs.yml, then the legal lines."""
        if not self.legal_html:
            return owned
        return f"{owned}<br>\n{self.legal_html}" if owned else self.legal_html

    def apply(self, config: MutableMapping[str, Any], layers: Sequence[Mapping[str, Any]]) -> None:
        """Set them in MkDocs' loaded ``config``: the legal lines end Material's footer, the
        notice may go, and the logo and favicon are the theme's unless mkdocs.yml (its loaded
        ``layers``) names its own; Material fills in a favicon, so only the layers can tell."""
        config["copyright"] = self.copyright(config.get("copyright"))
        config["extra"]["generator"] = self.generator_notice and config["extra"].get("generator", True)
        owned = {key for layer in layers if isinstance(layer.get("theme"), dict) for key in layer["theme"]}
        for key, value in (("logo", self.logo), ("favicon", self.favicon)):
            if value and key not in owned:
                config["theme"][key] = value


def theme_settings(root: Path) -> ThemeSettings:
    """The theme settings data/site.yml asks for; the defaults when it cannot be read (the
    build reports why, with every other problem)."""
    try:
        text = (root / SITE_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ThemeSettings()
    document, problems = parse_yaml(text, SITE_FILE)
    site, invalid = check_schema(document, Site) if not problems else (None, problems)
    if not isinstance(site, Site) or invalid:
        return ThemeSettings()
    return ThemeSettings(
        str(legal_html(site.legal, site.url)), site.generator_notice, site.logo, site.favicon or site.logo
    )


class _AnyTag(yaml.CSafeLoader):
    """Reads mkdocs.yml's own tags (``!ENV``, ``!!python/name``) as nothing: only plain
    settings are looked at here."""

    # libyaml's parser, as the data files are read (read/yamldoc.py): the pure-Python one
    # took ten times as long on the sample's mkdocs.yml, 2 ms of every `portal-gen check`.


_AnyTag.add_multi_constructor("", lambda loader, suffix, node: None)


def theme_language(root: Path) -> str | None:
    """``theme.language`` of the portal's mkdocs.yml, if it names one."""
    try:
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTag)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    theme = config.get("theme") if isinstance(config, dict) else None
    language = theme.get("language") if isinstance(theme, dict) else None
    return language if isinstance(language, str) else None
