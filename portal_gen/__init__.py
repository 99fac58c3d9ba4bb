"""portal-gen: a member portal generator (events, tiers and perks, testimonials, newsletter).

The public API is the app layer: ``load_portal(Run(root, today))`` validates a portal folder
and returns the resolved ``Portal``; ``generate(Run(root, today))`` also renders and writes
the staging folder.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing itself is 5 ms of a start that should take none
if TYPE_CHECKING:
    from typing import Any

    from portal_gen.app import Run, generate, load_portal
    from portal_gen.errors import DataError, InvalidDataError, PortalError

__all__ = ["DataError", "InvalidDataError", "PortalError", "Run", "generate", "load_portal"]


def __getattr__(name: str) -> Any:
    # The app layer brings every stage with it (half a second of imports), and even the
    # errors bring dataclasses: only when asked, so that `portal-gen --help` and the
    # plugin's module load stay quick.
    if name in ("Run", "generate", "load_portal"):
        from portal_gen import app

        return getattr(app, name)
    if name in ("DataError", "InvalidDataError", "PortalError"):
        from portal_gen import errors

        return getattr(errors, name)
    raise AttributeError(f"module 'portal_gen' has no attribute {name!r}")
