"""The commands on the data: check, generate, schema, init and newsletter email."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from portal_gen.cli.common import (
    count,
    portal_options,
    root_option,
    run_core,
    show_warnings,
    shown,
    today_of,
    today_option,
)

if TYPE_CHECKING:
    import datetime as dt

    from portal_gen import app


@click.command()
@portal_options
def check(run: app.Run) -> None:
    """Validate the data, pages and templates; write nothing."""
    from babel import Locale

    from portal_gen import app
    from portal_gen.render.structured import tiers_without_benefit
    from portal_gen.texts.catalogs import has_catalog, shipped_languages

    portal = run_core(lambda: app.check(run))
    show_warnings(portal.warnings)
    click.echo(
        f"OK: {count(len(portal.events), 'event')}, {count(len(portal.tiers), 'tier')}, "
        f"{count(len(portal.perks), 'perk')}, {count(len(portal.testimonials), 'testimonial')}, "
        f"{count(len(portal.stories), 'story', 'stories')}, "
        f"{count(len(portal.issues), 'newsletter issue')} "
        f"(today is {portal.today.isoformat()})."
    )
    if unconsented := [held.id for held in portal.held_back if "no consent" in held.reasons]:
        ids = ", ".join(unconsented)
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


@click.command()
@portal_options
def generate(run: app.Run) -> None:
    """Write the Markdown pages MkDocs builds from (build/docs/)."""
    generate_run(run.in_parallel())


def generate_run(run: app.Run) -> app.Generated:
    from portal_gen import app

    result: app.Generated = run_core(lambda: app.generate(run))
    show_warnings(result.portal.warnings)
    click.echo(f"Generated {shown(result.output)}: {result.report.summary()}.")
    return result


@click.command()
@root_option
@today_option
def schema(root: Path, today: dt.date | None) -> None:
    """Write JSON Schemas for the data files into schemas/, for editors to check YAML as you type."""
    # The schemas do not depend on the day: --today is accepted like everywhere, and no
    # clock is read for it.
    import datetime as dt

    from portal_gen import app

    run = app.Run(root, today if today is not None else dt.date.min)
    output, report = run_core(lambda: app.write_schemas(run))
    click.echo(f"Wrote {shown(output)}: {report.summary()}.")
    click.echo("Point a data file at its schema with a first line like:")
    click.echo("# yaml-language-server: $schema=../schemas/events.schema.json")


@click.command()
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
@today_option
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
    run = app.Run(folder, today_of(today))
    written = run_core(lambda: app.init_portal(run, name, url, timezone, locale, currency))
    # Say the command the way it runs here: an owner may not have the virtualenv activated.
    import shutil

    command = "portal-gen" if shutil.which("portal-gen") else f"{sys.executable} -m portal_gen"
    click.echo(f"Created a portal in {shown(folder)} ({count(len(written), 'file')}). Next:")
    click.echo(f"  cd {shown(folder)}")
    click.echo(f"  {command} serve     # preview at http://127.0.0.1:8000/")
    click.echo("Then edit data/site.yml, and read README.md there for publishing.")


@click.group()
def newsletter() -> None:
    """Newsletter tools."""


@newsletter.command("email")
@click.argument("slug")
@portal_options
@click.option("--eml", is_flag=True, help="Also write a .eml file that any mail client opens.")
def email_command(run: app.Run, slug: str, eml: bool) -> None:
    """Write issue SLUG as an e-mail (HTML and plain text) into build/email/."""
    from portal_gen import app

    result = run_core(lambda: app.newsletter_email(run, slug, eml))
    for name in result.files:
        click.echo(f"Wrote {shown(result.output / name)}")
    click.echo(f"Merge tags are written for {result.service} (newsletter_service in data/site.yml).")
    issue = result.issue
    if issue.draft:
        click.echo("Note: this issue is a draft; it is not on the website until you remove 'draft: true'.")
    elif not result.on_site:
        click.echo(f"Note: this issue appears on the website on {issue.date.isoformat()}.")
