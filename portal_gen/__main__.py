"""``python -m portal_gen``: the same command as ``portal-gen``."""

from portal_gen.cli import main

main(prog_name="portal-gen")
