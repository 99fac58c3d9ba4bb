"""What every ``portal-gen`` command shares: the options, the day, and how the core's errors
reach a person (exit code 1, one ``path:line:col: message`` line per problem, no traceback;
click's own usage errors keep exit code 2)."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    import datetime as dt

    from portal_gen import app

# The stages (app and below), and what starts MkDocs, are imported by the commands that use
# them, not here: they are half a second of imports, and `portal-gen --help` or a mistyped
# option should answer at once.


class Failed(click.ClickException):
    """Exit 1 after the problems were printed; ``error`` is the core's, if it was one."""

    def __init__(self, message: str, error: Exception | None = None) -> None:
        super().__init__(message)
        self.error = error

    def show(self, file: Any = None) -> None:
        click.echo(self.message, err=True)


def run_core(action: Callable[[], Any]) -> Any:
    """Call the core and translate its errors for a person at a terminal."""
    # Imported here, as the stages are: `portal-gen --help` needs none of them.
    from portal_gen.errors import InvalidDataError, PortalError
    from portal_gen.host import clock

    try:
        return action()
    except InvalidDataError as failure:
        for problem in failure.errors:
            click.echo(str(problem), err=True)
        raise Failed(str(failure), failure) from None
    except clock.BadTodayError as failure:
        raise click.UsageError(str(failure)) from None
    except PortalError as failure:
        raise Failed(f"error: {failure}", failure) from None
    except KeyboardInterrupt:
        raise Interrupted() from None


def show_warnings(warnings: Any) -> None:
    """Each of the portal's warnings on its own line, as the problems are printed: a person
    sees them and a build goes on."""
    for warning in warnings:
        click.echo(str(warning), err=True)


class Interrupted(click.ClickException):
    """Ctrl-C or SIGTERM: every output folder still holds its last complete version."""

    exit_code = 130

    def __init__(self) -> None:
        super().__init__("interrupted; build/docs/ and site/ hold their last complete version")

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {self.message}", err=True)


class Day(click.ParamType):  # type: ignore[type-arg]  # generic only in click's stubs of 8.2
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
root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default="current folder",
    help="The portal folder (the one holding data/ and mkdocs.yml).",
)


#: ``--today``: every command that reads or writes dated data (``init`` dates its first issue).
today_option = click.option(
    "--today",
    type=Day(),
    default=None,
    help="Pretend it is this day (YYYY-MM-DD). Default: SOURCE_DATE_EPOCH if set, else today.",
)


def today_of(asked: dt.date | None) -> app.Today:
    """The day asked for, else the moment it is (SOURCE_DATE_EPOCH or the clock): the CLI is
    where the clock is read, so nothing below it does."""
    from portal_gen.host import clock

    if asked is not None:
        return asked
    try:
        return clock.now()
    except clock.BadTodayError as failure:
        raise click.UsageError(str(failure)) from None


def template_cache() -> Path:
    """Where compiled templates are kept between commands: the user's cache folder (the
    XDG rule), read here because nothing below the CLI reads the environment."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "portal-gen" / "templates"


def portal_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--root`` and ``--today``, shared by every command that reads the data."""

    @root_option
    @today_option
    @functools.wraps(command)
    def wrapper(root: Path, today: dt.date | None, **kwargs: Any) -> Any:
        from portal_gen import app

        return command(run=app.Run(root, today_of(today), template_cache=template_cache()), **kwargs)

    return wrapper


def config_file(root: Path) -> Path:
    config = root / "mkdocs.yml"
    if not config.is_file():
        raise Failed(
            f"error: {shown(config)} not found; a portal needs mkdocs.yml beside data/ "
            "(copy the sample's and change site_name and site_url)"
        )
    return config


def count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number} {singular if number == 1 else plural or singular + 's'}"


def shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
