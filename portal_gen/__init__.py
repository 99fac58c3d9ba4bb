"""portal-gen: a member portal generator (events, tiers and perks, testimonials, newsletter).

The public API is the pipeline: ``load_portal`` validates a portal folder and returns the
resolved ``Portal``; ``generate`` also renders and writes the staging folder.
"""

from portal_gen.app import generate, load_portal
from portal_gen.errors import DataError, InvalidDataError, PortalError

__all__ = ["DataError", "InvalidDataError", "PortalError", "generate", "load_portal"]
