"""What moment it is, for the adapters (the CLI and the MkDocs plugin) only.

Nothing below the adapters reads the clock or the environment: they pass the pipeline either
the day asked for (``--today``) or the moment read here, and the pipeline takes that
moment's date in the site's zone. Reproducible builds set ``SOURCE_DATE_EPOCH``.
"""

from __future__ import annotations

import datetime as dt
import os

from portal_gen.errors import PortalError


class BadTodayError(PortalError):
    """``--today`` or ``SOURCE_DATE_EPOCH`` does not name a day."""


def now() -> dt.datetime:
    """``SOURCE_DATE_EPOCH`` if set, else the wall clock, as an aware moment."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return dt.datetime.now(dt.UTC)
    try:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise BadTodayError(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, got {epoch!r}"
        ) from None


def parse_day(value: str | dt.date) -> dt.date:
    """A day given as YYYY-MM-DD (the MkDocs plugin's ``today`` option; YAML may already have
    read it as a date or a moment)."""
    if isinstance(value, dt.datetime):
        # YAML reads "2026-11-23 10:00" as a moment; a day is what is meant.
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadTodayError(f"expected a day like 2026-11-23, got {value!r}") from None
