"""``portal-gen build``: generate, then MkDocs builds site/ in a child process."""

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
    run_core,
    shown,
)
from portal_gen.cli.data import generate_run

if TYPE_CHECKING:
    from portal_gen import app


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
