"""portal-gen: a member portal generator (events, tiers and perks, testimonials, newsletter).

The public API is the app layer: ``load_portal(Run(root, today))`` validates a portal folder
and returns the resolved ``Portal``; ``generate(Run(root, today))`` also renders and writes
the staging folder.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from portal_gen.errors import DataError, InvalidDataError, PortalError

if TYPE_CHECKING:
    from portal_gen.app import Run, generate, load_portal

__all__ = ["DataError", "InvalidDataError", "PortalError", "Run", "generate", "load_portal"]


def __getattr__(name: str) -> Any:
    # The app layer brings every stage with it (half a second of imports): only when asked,
    # so that `portal-gen --help` and the plugin's module load stay quick.
    if name in ("Run", "generate", "load_portal"):
        from portal_gen import app

        return getattr(app, name)
    raise AttributeError(f"module 'portal_gen' has no attribute {name!r}")
