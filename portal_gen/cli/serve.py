"""``portal-gen serve``: generate, build the site in this process, serve it, and after each
save regenerate and rebuild only the pages that changed, so the browser shows the edit
within a second (see ``portal_gen.preview``)."""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import click

from portal_gen.cli.common import Failed, config_file, root_option, template_cache, today_of, today_option
from portal_gen.cli.data import generate_run

if TYPE_CHECKING:
    import datetime as dt

    from portal_gen import app
    from portal_gen.host.watch import Regeneration
    from portal_gen.preview.panel import Problems


@click.command()
@root_option
@today_option
@click.option(
    "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Where to serve the site (IP:PORT)."
)
def serve(root: Path, today: dt.date | None, dev_addr: str) -> None:
    """Generate, serve the site with live reload, and regenerate on every save."""
    from portal_gen import app
    from portal_gen.host.handoff import hand_off_in_process
    from portal_gen.host.watch import Watcher
    from portal_gen.incremental.session import Session
    from portal_gen.preview.held_back import HeldBackPages
    from portal_gen.preview.panel import Notes, PreviewFailed, problems_of
    from portal_gen.preview.server import PreviewServer
    from portal_gen.preview.site import PreviewSite

    config = config_file(root)
    host, port = _address(dev_addr)
    staging = root / app.STAGING
    # Shared with the watcher: the first regeneration after a save reuses this generate.
    session = Session()
    cache = template_cache()

    def run() -> app.Run:
        # One recipe for every run of the session: a run with other templates (say, without
        # the compiled ones) fingerprints apart, and the first save rendered every page again.
        # today_of each time: serve runs for days.
        return app.Run(root, today_of(today), session, template_cache=cache)

    first: app.Generated | None = None
    problems: Problems | None = None
    try:
        first = generate_run(run())
    except Failed as failed:
        if not any(staging.glob("*.md")):
            raise
        problems = problems_of(failed.error) if failed.error is not None else None
        click.echo("Serving the last good version until the problems above are fixed.", err=True)
    # MkDocs runs here: its portal plugin must not generate again, and its docs_dir is ours.
    hand_off_in_process(staging)
    _show_mkdocs_warnings()
    mount = urlsplit(_site_url(config)).path or "/"
    folder = Path(tempfile.mkdtemp(prefix="portal-gen-serve-"))
    try:
        site = PreviewSite(config, staging, folder, f"http://{host}:{port}{mount}")
        held_back = HeldBackPages(site)
        try:
            server = PreviewServer((host, port), lambda: site.folder, mount, held_back.answer)
        except OSError as error:
            raise Failed(
                f"error: cannot serve on {host}:{port}: {error.strerror}; stop what uses it, "
                f"or pass another address, for example --dev-addr {host}:{port + 1}"
            ) from None
        with server:
            click.echo("Building the site...", err=True)
            try:
                site.build()
            except Exception as error:
                raise Failed(f"error: MkDocs could not build the site: {error}") from None

            def shown(generated: app.Generated) -> Notes:
                held_back.generated = generated
                return Notes(held_back=len(generated.portal.held_back))

            # The first run's problems are shown in the browser too.
            server.show(shown(first) if first is not None else Notes(problems))

            def regenerate() -> app.Generated:
                generated = app.generate(run())
                notes = shown(generated)  # a good save: its problems are gone once the site is
                try:
                    site.update(
                        generated.report.written, generated.report.removed, lambda: server.changing(notes)
                    )
                except Exception as error:
                    raise PreviewFailed(error, root) from error
                return generated

            def report(result: Regeneration) -> None:
                if result.error is not None:
                    server.show(Notes(problems_of(result.error), server.notes.held_back))
                report_regeneration(result)

            watcher = Watcher(root, regenerate, report, session.tidy)
            watcher.start()
            # MkDocs' log would name only build/docs; say what the owner's saves are watched in.
            click.echo(f"Serving the site on http://{host}:{port}{mount} (Ctrl-C stops).", err=True)
            click.echo("Watching data/, content/ and theme_overrides/: each save regenerates the site.")
            try:
                server.serve_forever()
            except KeyboardInterrupt:
                pass  # Ctrl-C is how serve is stopped
            finally:
                watcher.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _address(dev_addr: str) -> tuple[str, int]:
    host, _, port = dev_addr.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        expected = f"expected IP:PORT, like 127.0.0.1:8000, got {dev_addr!r}"
        raise click.BadParameter(expected, param_hint="--dev-addr")
    return host.strip("[]"), int(port)


def _site_url(config: Path) -> str:
    """site_url of mkdocs.yml, whose path is where the site is served."""
    from mkdocs.config import load_config

    return load_config(config_file=str(config)).site_url or "/"


class _MkDocsMessages(logging.Handler):
    """MkDocs' warnings as its own command prints them."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"{record.levelname:<8}-  {record.getMessage()}", err=True)


def _show_mkdocs_warnings() -> None:
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.WARNING)
    logger.addHandler(_MkDocsMessages())
    logger.propagate = False


def report_regeneration(result: Regeneration) -> None:
    from portal_gen.errors import InvalidDataError, PortalError
    from portal_gen.preview.panel import PreviewFailed

    took = f"{result.seconds * 1000:.0f} ms after the save"
    if result.generated is not None:
        click.echo(f"Regenerated {took}: {result.generated.report.summary()}.")
    elif isinstance(result.error, InvalidDataError):
        for problem in result.error.errors:
            click.echo(str(problem), err=True)
        click.echo(f"{result.error} The site keeps showing the last good version.", err=True)
    elif isinstance(result.error, PortalError | PreviewFailed):
        click.echo(f"error: {result.error} The site keeps showing the last good version.", err=True)
    else:
        # A bug in portal-gen: show it in full, and keep watching.
        import traceback

        click.echo("".join(traceback.format_exception(result.error)), err=True)
