"""The commands that run MkDocs: build and serve."""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from portal_gen.cli.common import (
    Failed,
    config_file,
    portal_options,
    root_option,
    run_core,
    shown,
    template_cache,
    today_of,
    today_option,
)
from portal_gen.cli.data import generate_run

if TYPE_CHECKING:
    import datetime as dt

    from portal_gen import app
    from portal_gen.host.watch import Regeneration


@click.command()
@portal_options
@click.option("--strict", is_flag=True, help="Fail on any MkDocs warning (as CI should).")
def build(run: app.Run, strict: bool) -> None:
    """Generate, then build the site with MkDocs into site/."""
    from portal_gen.output import swap

    root = run.root
    config = config_file(root)
    generate_run(run.in_parallel())
    # MkDocs builds into site/'s hidden spare, which then takes site/'s place in one step: a
    # failed, killed or interrupted build leaves the previous site/ exactly as it was.
    site = Path(os.path.abspath(root / "site"))
    if site.is_symlink():
        raise Failed(
            f"error: {shown(site)} is a symbolic link; portal-gen builds site/ itself and never "
            "writes through a link, so remove the link and run again"
        )
    # One build at a time per site/: two would clean and fill the same spare.
    with swap.one_writer(site):
        build_site(config, site, strict)


def build_site(config: Path, site: Path, strict: bool) -> None:
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
    if run_core(lambda: children.wait(child, output.feed, functools.partial(click.echo, err=True))) != 0:
        lead = output.crash or "error: mkdocs build failed (see its messages above)"
        raise Failed(f"{lead}; site/ is as it was, and the generated pages are in build/docs/")
    try:
        swap.exchange(site, spare)
        # Hidden files someone keeps in site/ (.nojekyll, .well-known/) stay there.
        carry_dot_entries(spare, site)
    except OSError as error:
        raise Failed(f"error: could not put the new site in place of {site}: {error.strerror}") from None


@click.command()
@root_option
@today_option
@click.option(
    "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Where to serve the site (IP:PORT)."
)
def serve(root: Path, today: dt.date | None, dev_addr: str) -> None:
    """Generate, serve the site with live reload, and regenerate on every save."""
    from portal_gen import app
    from portal_gen.host import children
    from portal_gen.host.watch import Watcher
    from portal_gen.incremental.session import Session

    config = config_file(root)
    staging = root / app.STAGING
    # Shared with the watcher: the first regeneration after a save reuses this generate.
    session = Session()
    try:
        generate_run(app.Run(root, today_of(today), session, template_cache=template_cache()))
    except Failed:
        if not any(staging.glob("*.md")):
            raise
        click.echo("Serving the last good version until the problems above are fixed.", err=True)
    # serve runs for days: each regeneration asks again what day it is.
    watcher = Watcher(
        root, lambda: app.generate(app.Run(root, today_of(today), session)), report_regeneration, session.tidy
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


def report_regeneration(result: Regeneration) -> None:
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
