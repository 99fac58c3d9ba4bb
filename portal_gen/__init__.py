"""portal-gen: a member portal generator (events, tiers and perks, testimonials, newsletter).

The public API is the app layer: ``load_portal(Run(root, today))`` validates a portal folder
and returns the resolved ``Portal``; ``generate(Run(root, today))`` also renders and writes
the staging folder.
"""

from portal_gen.app import Run, generate, load_portal
from portal_gen.errors import DataError, InvalidDataError, PortalError

__all__ = ["DataError", "InvalidDataError", "PortalError", "Run", "generate", "load_portal"]
