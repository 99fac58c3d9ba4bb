"""The ``portal-gen`` command: a thin click adapter over the app layer.

Each command lives with its kind (``data``: check, generate, schema, init, newsletter email;
``site``: build; ``serve``: the preview); ``common`` holds the options and the translation of the core's
errors.
"""

from __future__ import annotations

import click

from portal_gen.cli import data, serve, site


@click.group(name="portal-gen")
@click.version_option(package_name="portal-gen")
def main() -> None:
    """Build a customer portal (events, member tiers, testimonials, newsletter) from YAML."""


for command in (data.check, data.generate, site.build, serve.serve, data.schema, data.init, data.newsletter):
    main.add_command(command)
