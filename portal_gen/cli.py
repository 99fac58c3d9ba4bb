"""The ``portal-gen`` command: a thin click adapter over the pipeline.

Core errors become exit code 1 with one ``path:line:col: message`` line per problem and no
traceback; click's own usage errors keep exit code 2.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    import datetime as dt

    from portal_gen import app
    from portal_gen.host.watch import Regeneration

# The stages (app and below), and what starts MkDocs, are imported by the commands that use
# them, not here: they are half a second of imports, and `portal-gen --help` or a mistyped
# option should answer at once.


class _Failed(click.ClickException):
    """Exit 1 after the problems were printed."""

    def show(self, file: Any = None) -> None:
        click.echo(self.message, err=True)


def _run(action: Callable[[], Any]) -> Any:
    """Call the core and translate its errors for a person at a terminal."""
    # Imported here, as the stages are: `portal-gen --help` needs none of them.
    from portal_gen.errors import InvalidDataError, PortalError
    from portal_gen.host import clock

    try:
        return action()
    except InvalidDataError as failure:
        for problem in failure.errors:
            click.echo(str(problem), err=True)
        raise _Failed(str(failure)) from None
    except clock.BadTodayError as failure:
        raise click.UsageError(str(failure)) from None
    except PortalError as failure:
        raise _Failed(f"error: {failure}") from None
    except KeyboardInterrupt:
        raise _Interrupted() from None


class _Interrupted(click.ClickException):
    """Ctrl-C or SIGTERM: every output folder still holds its last complete version."""

    exit_code = 130

    def __init__(self) -> None:
        super().__init__("interrupted; build/docs/ and site/ hold their last complete version")

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {self.message}", err=True)


class _Day(click.ParamType):  # type: ignore[type-arg]  # generic only in click's stubs of 8.2
    """A calendar day written YYYY-MM-DD."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        import datetime as dt

        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"expected a day like 2026-11-23, got {value!r}", param, ctx)


#: ``--root``: every command but ``init`` works on a portal folder.
_root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default="current folder",
    help="The portal folder (the one holding data/ and mkdocs.yml).",
)


#: ``--today``: every command that reads or writes dated data (``init`` dates its first issue).
_today_option = click.option(
    "--today",
    type=_Day(),
    default=None,
    help="Pretend it is this day (YYYY-MM-DD). Default: SOURCE_DATE_EPOCH if set, else today.",
)


def _today(asked: dt.date | None) -> app.Today:
    """The day asked for, else the moment it is (SOURCE_DATE_EPOCH or the clock): the CLI is
    where the clock is read, so nothing below it does."""
    from portal_gen.host import clock

    if asked is not None:
        return asked
    try:
        return clock.now()
    except clock.BadTodayError as failure:
        raise click.UsageError(str(failure)) from None


def _template_cache() -> Path:
    """Where compiled templates are kept between commands: the user's cache folder (the
    XDG rule), read here because nothing below the CLI reads the environment."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "portal-gen" / "templates"


def _portal_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--root`` and ``--today``, shared by every command that reads the data."""

    @_root_option
    @_today_option
    @functools.wraps(command)
    def wrapper(root: Path, today: dt.date | None, **kwargs: Any) -> Any:
        from portal_gen import app

        return command(run=app.Run(root, _today(today), template_cache=_template_cache()), **kwargs)

    return wrapper


@click.group(name="portal-gen")
@click.version_option(package_name="portal-gen")
def main() -> None:
    """Build a customer portal (events, member tiers, testimonials, newsletter) from YAML."""


@main.command()
@_portal_options
def check(run: app.Run) -> None:
    """Validate the data, pages and templates; write nothing."""
    from babel import Locale

    from portal_gen import app
    from portal_gen.render.structured import tiers_without_benefit
    from portal_gen.texts.catalogs import has_catalog, shipped_languages

    portal = _run(lambda: app.check(run))
    click.echo(
        f"OK: {_count(len(portal.events), 'event')}, {_count(len(portal.tiers), 'tier')}, "
        f"{_count(len(portal.perks), 'perk')}, {_count(len(portal.testimonials), 'testimonial')}, "
        f"{_count(len(portal.stories), 'story', 'stories')}, "
        f"{_count(len(portal.issues), 'newsletter issue')} "
        f"(today is {portal.today.isoformat()})."
    )
    if portal.held_back:
        ids = ", ".join(portal.held_back)
        click.echo(f"Held back until the customer gives consent (consent: true): {ids}")
    if unnamed := tiers_without_benefit(portal.tiers, portal.perks):
        names = ", ".join(tier.id for tier in unnamed)
        click.echo(
            f"Left out of the member programme search engines see (no perk of theirs names a benefit): "
            f"{names}. Give a perk these tiers get a 'benefit:' (shipping, price, returns or points) "
            "in data/tiers.yml."
        )
    language, spoken = Locale.parse(portal.site.locale).language, app.theme_language(run.root)
    if spoken is not None and spoken.split("-")[0].split("_")[0] != language:
        click.echo(
            f"mkdocs.yml's theme.language is {spoken!r} but data/site.yml's locale is "
            f"{portal.site.locale}: Material's own words (search, table of contents) are not in the "
            f"pages' language. Set theme.language: {language} in mkdocs.yml."
        )
    if not has_catalog(portal.site.locale):
        name = Locale.parse(portal.site.locale).get_language_name("en")
        click.echo(
            f"portal-gen speaks no {name} yet: the words it adds to your pages (headings, "
            f"buttons, labels) are in English. Shipped: {', '.join(shipped_languages())}."
        )


@main.command()
@_portal_options
def generate(run: app.Run) -> None:
    """Write the Markdown pages MkDocs builds from (build/docs/)."""
    _generate(run.in_parallel())


def _generate(run: app.Run) -> None:
    from portal_gen import app

    result = _run(lambda: app.generate(run))
    click.echo(f"Generated {_shown(result.output)}: {result.report.summary()}.")


@main.command()
@_portal_options
@click.option("--strict", is_flag=True, help="Fail on any MkDocs warning (as CI should).")
def build(run: app.Run, strict: bool) -> None:
    """Generate, then build the site with MkDocs into site/."""
    from portal_gen.output import swap

    root = run.root
    config = _config_file(root)
    _generate(run.in_parallel())
    # MkDocs builds into site/'s hidden spare, which then takes site/'s place in one step: a
    # failed, killed or interrupted build leaves the previous site/ exactly as it was.
    site = Path(os.path.abspath(root / "site"))
    if site.is_symlink():
        raise _Failed(
            f"error: {_shown(site)} is a symbolic link; portal-gen builds site/ itself and never "
            "writes through a link, so remove the link and run again"
        )
    # One build at a time per site/: two would clean and fill the same spare.
    with swap.one_writer(site):
        _build_site(config, site, strict)


def _build_site(config: Path, site: Path, strict: bool) -> None:
    from portal_gen import app
    from portal_gen.host import children
    from portal_gen.host.mkdocs_output import MkDocsOutput
    from portal_gen.output import swap
    from portal_gen.output.tree import carry_dot_entries

    swap.recover(site)
    spare = swap.spare(site)
    if spare.is_symlink() or spare.is_file():
        spare.unlink()
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config)]
    command += ["--site-dir", str(spare)]
    if strict:
        command.append("--strict")
    output = MkDocsOutput(str(spare), str(site))
    staging = config.parent / app.STAGING
    child = children.start(command, staging, piped=True)
    if _run(lambda: children.wait(child, output.feed, functools.partial(click.echo, err=True))) != 0:
        lead = output.crash or "error: mkdocs build failed (see its messages above)"
        raise _Failed(f"{lead}; site/ is as it was, and the generated pages are in build/docs/")
    try:
        swap.exchange(site, spare)
        # Hidden files someone keeps in site/ (.nojekyll, .well-known/) stay there.
        carry_dot_entries(spare, site)
    except OSError as error:
        raise _Failed(f"error: could not put the new site in place of {site}: {error.strerror}") from None


@main.command()
@_root_option
@_today_option
@click.option(
    "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Where to serve the site (IP:PORT)."
)
def serve(root: Path, today: dt.date | None, dev_addr: str) -> None:
    """Generate, serve the site with live reload, and regenerate on every save."""
    from portal_gen import app
    from portal_gen.host import children
    from portal_gen.host.watch import Watcher
    from portal_gen.incremental.session import Session

    config = _config_file(root)
    staging = root / app.STAGING
    # Shared with the watcher: the first regeneration after a save reuses this generate.
    session = Session()
    try:
        _generate(app.Run(root, _today(today), session, template_cache=_template_cache()))
    except _Failed:
        if not any(staging.glob("*.md")):
            raise
        click.echo("Serving the last good version until the problems above are fixed.", err=True)
    # serve runs for days: each regeneration asks again what day it is.
    watcher = Watcher(
        root, lambda: app.generate(app.Run(root, _today(today), session)), _report_regeneration, session.tidy
    )
    watcher.start()
    # MkDocs' own log names only build/docs; say what the owner's saves are watched in.
    click.echo("Watching data/, content/ and theme_overrides/: each save regenerates the site.")
    command = [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(config), "--dev-addr", dev_addr]
    try:
        children.wait(children.start(command, staging))
    except KeyboardInterrupt:
        pass  # Ctrl-C is how serve is stopped
    finally:
        watcher.stop()


def _report_regeneration(result: Regeneration) -> None:
    from portal_gen.errors import InvalidDataError, PortalError

    took = f"{result.seconds * 1000:.0f} ms after the save"
    if result.generated is not None:
        click.echo(f"Regenerated {took}: {result.generated.report.summary()}.")
    elif isinstance(result.error, InvalidDataError):
        for problem in result.error.errors:
            click.echo(str(problem), err=True)
        click.echo(f"{result.error} The site keeps showing the last good version.", err=True)
    elif isinstance(result.error, PortalError):
        click.echo(f"error: {result.error} The site keeps showing the last good version.", err=True)
    else:
        # A bug in portal-gen: show it in full, and keep watching.
        import traceback

        click.echo("".join(traceback.format_exception(result.error)), err=True)


@main.command()
@_root_option
@_today_option
def schema(root: Path, today: dt.date | None) -> None:
    """Write JSON Schemas for the data files into schemas/, for editors to check YAML as you type."""
    # The schemas do not depend on the day: --today is accepted like everywhere, and no
    # clock is read for it.
    import datetime as dt

    from portal_gen import app

    run = app.Run(root, today if today is not None else dt.date.min)
    output, report = _run(lambda: app.write_schemas(run))
    click.echo(f"Wrote {_shown(output)}: {report.summary()}.")
    click.echo("Point a data file at its schema with a first line like:")
    click.echo("# yaml-language-server: $schema=../schemas/events.schema.json")


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), required=False)
@click.option(
    "--root",
    "root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The folder to create the portal in (the same as FOLDER).",
)
@click.option("--name", default="My Shop", show_default=True, help="The business's name.")
@click.option(
    "--url", default="https://example.com/", show_default=True, help="Where the site will be published."
)
@click.option(
    "--timezone", default="UTC", show_default=True, help="The shop's time zone, like America/Chicago."
)
@click.option(
    "--locale", default="en_US", show_default=True, help="Language and region for dates, like en_GB."
)
@click.option("--currency", default="USD", show_default=True, help="Currency of prices, like GBP.")
@_today_option
def init(
    folder: Path | None,
    root: Path | None,
    name: str,
    url: str,
    timezone: str,
    locale: str,
    currency: str,
    today: dt.date | None,
) -> None:
    """Create a new portal in FOLDER (or --root), ready to build, preview and publish."""
    from portal_gen import app

    if folder is not None and root is not None and folder != root:
        raise click.UsageError("give the folder once: as FOLDER or as --root")
    folder = folder or root
    if folder is None:
        raise click.UsageError("say where to create the portal: portal-gen init FOLDER")
    run = app.Run(folder, _today(today))
    written = _run(lambda: app.init_portal(run, name, url, timezone, locale, currency))
    # Say the command the way it runs here: an owner may not have the virtualenv activated.
    import shutil

    command = "portal-gen" if shutil.which("portal-gen") else f"{sys.executable} -m portal_gen"
    click.echo(f"Created a portal in {_shown(folder)} ({_count(len(written), 'file')}). Next:")
    click.echo(f"  cd {_shown(folder)}")
    click.echo(f"  {command} serve     # preview at http://127.0.0.1:8000/")
    click.echo("Then edit data/site.yml, and read README.md there for publishing.")


@main.group()
def newsletter() -> None:
    """Newsletter tools."""


@newsletter.command("email")
@click.argument("slug")
@_portal_options
@click.option("--eml", is_flag=True, help="Also write a .eml file that any mail client opens.")
def email_command(run: app.Run, slug: str, eml: bool) -> None:
    """Write issue SLUG as an e-mail (HTML and plain text) into build/email/."""
    from portal_gen import app

    result = _run(lambda: app.newsletter_email(run, slug, eml))
    for name in result.files:
        click.echo(f"Wrote {_shown(result.output / name)}")
    click.echo(f"Merge tags are written for {result.service} (newsletter_service in data/site.yml).")
    issue = result.issue
    if issue.draft:
        click.echo("Note: this issue is a draft; it is not on the website until you remove 'draft: true'.")
    elif not result.on_site:
        click.echo(f"Note: this issue appears on the website on {issue.date.isoformat()}.")


def _config_file(root: Path) -> Path:
    config = root / "mkdocs.yml"
    if not config.is_file():
        raise _Failed(
            f"error: {_shown(config)} not found; a portal needs mkdocs.yml beside data/ "
            "(copy the sample's and change site_name and site_url)"
        )
    return config


def _count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number} {singular if number == 1 else plural or singular + 's'}"


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
