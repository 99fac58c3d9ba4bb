"""The ``portal-gen`` command: a thin click adapter over the app layer.

Each command lives with its kind (``data``: check, generate, schema, init, newsletter email;
``site``: build; ``serve``: the preview); ``common`` holds the options and the translation of the core's
errors. A command's module is imported when that command runs, not before: ``portal-gen
--help`` loads click and this module alone, and ``check`` never loads what ``serve`` needs.
"""

from __future__ import annotations

import importlib

import click

#: Each command: where it is defined (``module:attribute``), imported only when it runs, and
#: the first line of its help, which ``portal-gen --help`` lists without importing it (a test
#: holds each line equal to the command's own).
COMMANDS: dict[str, tuple[str, str]] = {
    "build": ("portal_gen.cli.site:build", "Generate, then build the site with MkDocs into site/."),
    "check": ("portal_gen.cli.data:check", "Validate the data, pages and templates; write nothing."),
    "generate": (
        "portal_gen.cli.data:generate",
        "Write the Markdown pages MkDocs builds from (build/docs/).",
    ),
    "init": (
        "portal_gen.cli.data:init",
        "Create a new portal in FOLDER (or --root), ready to build, preview and publish.",
    ),
    "newsletter": ("portal_gen.cli.data:newsletter", "Newsletter tools."),
    "schema": (
        "portal_gen.cli.data:schema",
        "Write JSON Schemas for the data files into schemas/, for editors to check YAML as you type.",
    ),
    "serve": (
        "portal_gen.cli.serve:serve",
        "Generate, serve the site with live reload, and regenerate on every save.",
    ),
}


class LazyGroup(click.Group):
    """A group whose commands are imported by name when one runs (click's lazy-loading
    pattern), and whose help lists them from ``COMMANDS`` without importing any."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, attribute = COMMANDS[cmd_name][0].split(":")
        command = getattr(importlib.import_module(module), attribute)
        assert isinstance(command, click.Command)
        return command

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as error:
            # click (8.4 and later) suggests close names from the commands a group holds, and
            # this one holds none until one runs: suggest from COMMANDS instead.
            no_such = getattr(click.exceptions, "NoSuchCommand", None)
            if no_such is None or not isinstance(error, no_such):
                raise
            raise no_such(error.command_name, possibilities=COMMANDS, ctx=ctx) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # click's own listing asks every command for its help, which imports them all: this
        # lists stand-ins that carry the same help, shortened the same way.
        limit = formatter.width - 6 - max(map(len, COMMANDS))
        rows = [
            (name, click.Command(name, help=COMMANDS[name][1]).get_short_help_str(limit))
            for name in sorted(COMMANDS)
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(name="portal-gen", cls=LazyGroup)
@click.version_option(package_name="portal-gen")
def main() -> None:
    """Build a customer portal (events, member tiers, testimonials, newsletter) from YAML."""
