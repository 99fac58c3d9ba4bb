"""``portal-gen init``: the files of a new, working portal.

The files live in ``starter_files/`` inside the package. Names starting with ``dot-`` become
dotfiles (``dot-github`` is ``.github``), because packaging tools skip hidden files; a few
``__WORDS__`` are filled in (the name goes in as a quoted YAML string, so any name is safe).
The deploy workflow and the feed links in ``theme_overrides/main.html`` are the same files
the sample portal uses.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Callable
from importlib import resources
from importlib.abc import Traversable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path, PurePosixPath
from zoneinfo import ZoneInfo

from babel import Locale
from dateutil.relativedelta import SA, relativedelta
from pydantic_core import PydanticCustomError

from portal_gen.errors import PortalError
from portal_gen.model.values import parse_currency, parse_locale, parse_text, parse_web_url, parse_zone
from portal_gen.render.json_schemas import FOLDER as SCHEMA_FOLDER
from portal_gen.render.json_schemas import json_schemas
from portal_gen.texts.catalogs import translations

#: If any of these exists, the folder already holds a portal.
PORTAL_MARKERS = ("mkdocs.yml", "data", "content")


class ExistingPortalError(PortalError):
    """``init`` was pointed at a folder that already holds a portal, or files it would replace."""


class StarterValueError(PortalError):
    """A value given to ``init`` (the address or the time zone) is not usable."""


def _files(folder: Traversable, prefix: str = "") -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for entry in folder.iterdir():
        name = "." + entry.name[len("dot-") :] if entry.name.startswith("dot-") else entry.name
        if entry.is_dir():
            found.update(_files(entry, f"{prefix}{name}/"))
        elif not name.endswith((".pyc", ".pyo")):
            found[prefix + name] = entry.read_bytes()
    return found


def _checked(option: str, parse: Callable[[str], str], value: str) -> str:
    try:
        return parse(value)
    except PydanticCustomError as error:
        message = error.message_template
        if "{got}" in message:
            shown = message.replace("{got}", repr(value))
        else:
            shown = message if ", got " in message else f"{message}, got {value!r}"
        raise StarterValueError(f"{option}: {shown}") from None


def starter_zone(timezone: str) -> ZoneInfo:
    """The ``--timezone`` given to ``init``, checked: the zone in which "today" is read."""
    return ZoneInfo(_checked("--timezone", parse_zone, timezone))


def starter_files(
    name: str,
    url: str,
    timezone: str,
    today: dt.date,
    locale: str = "en_US",
    currency: str = "USD",
) -> dict[str, bytes]:
    """Every file of a new portal, by path relative to its folder; the first newsletter issue
    and the first event are placed from ``today`` (the caller decides what day that is, so
    nothing here reads the clock)."""
    name = _checked("--name", parse_text, name)
    url = _checked("--url", parse_web_url, url)
    timezone = _checked("--timezone", parse_zone, timezone)
    locale = _checked("--locale", parse_locale, locale)
    currency = _checked("--currency", parse_currency, currency)
    try:
        release = version("portal-gen").split("+")[0]
    except PackageNotFoundError:
        release = "0.1.0"
    first_saturday = today + relativedelta(months=1, day=1, weekday=SA(1))
    words = {
        "__NAME__": json.dumps(name, ensure_ascii=False),
        "__URL__": url,
        "__TIMEZONE__": timezone,
        "__LOCALE__": locale,
        "__CURRENCY__": currency,
        "__VERSION__": release,
        "__TODAY__": today.isoformat(),
        "__EVENT_START__": f"{first_saturday.isoformat()} 10:00",
        "__ISSUE__": f"{today:%Y-%m}-welcome",
        "__NIGHTLY__": nightly_cron(ZoneInfo(timezone), today.year),
        "__LANGUAGE__": Locale.parse(locale).language,
        **_nav_labels(locale),
    }
    files: dict[str, bytes] = {}
    for path, data in _files(resources.files("portal_gen") / "starter_files").items():
        for word, value in words.items():
            path = path.replace(word, value)
            # README.md is Markdown, not YAML: the name goes in as written there.
            shown = name if path.endswith(".md") and word == "__NAME__" else value
            data = data.replace(word.encode(), shown.encode("utf-8"))
        files[path] = data
    files.update({f"{SCHEMA_FOLDER}/{file}": data for file, data in json_schemas().items()})
    return dict(sorted(files.items()))


def _nav_labels(locale: str) -> dict[str, str]:
    """The navigation's labels in the locale's language, as YAML strings, and the feeds' title."""
    texts = translations(locale)
    labels = {
        "__NAV_HOME__": texts.gettext("Home"),
        "__NAV_EVENTS__": texts.gettext("Events"),
        "__NAV_TIERS__": texts.gettext("Member tiers"),
        "__NAV_TESTIMONIALS__": texts.gettext("What customers say"),
        "__NAV_NEWSLETTER__": texts.gettext("Newsletter"),
        "__NAV_ABOUT__": texts.gettext("About us"),
    }
    words = {word: json.dumps(label, ensure_ascii=False) for word, label in labels.items()}
    # The feed links' title in theme_overrides/main.html, which feed readers show; the name
    # stays MkDocs' site_name, so renaming the site renames it.
    title = texts.gettext("%(name)s newsletter") % {"name": "\x00"}
    words["__FEED_TITLE__"] = html.escape(title).replace("\x00", "{{ config.site_name | e }}")
    return words


def nightly_cron(zone: ZoneInfo, year: int) -> str:
    """The workflow's nightly schedule: just after midnight where the shop is.

    GitHub reads cron in UTC. The run must come after local midnight (it publishes issues
    dated that day, and moves yesterday's events to past) all year round, so it is set for
    00:15 at the zone's smallest offset of the year; while clocks are ahead it runs at 01:15.
    """
    offsets = {
        dt.datetime(year, month, 1, 12, tzinfo=zone).utcoffset() or dt.timedelta() for month in range(1, 13)
    }
    smallest, largest = min(offsets), max(offsets)
    minute_of_day = (15 - int(smallest.total_seconds()) // 60) % (24 * 60)
    hour, minute = divmod(minute_of_day, 60)
    later = "" if smallest == largest else ", 01:15 while clocks are ahead"
    return f'"{minute} {hour} * * *"  # {hour:02d}:{minute:02d} UTC: 00:15 in {zone.key}{later}'


def check_free(root: Path, files: dict[str, bytes]) -> None:
    """Refuse a folder that holds a portal, or any file ``init`` would write."""
    markers = [marker for marker in PORTAL_MARKERS if (root / marker).exists()]
    if markers:
        raise ExistingPortalError(
            f"{root} already holds a portal ({', '.join(markers)}); init only creates new portals, "
            "so nothing was written"
        )

    def in_the_way(path: str) -> bool:
        # The file itself (a dangling link counts), or a file where one of its folders goes.
        target = root / path
        if target.exists() or target.is_symlink():
            return True
        parents = PurePosixPath(path).parents
        return any(
            (root / parent).is_file() or (root / parent).is_symlink()
            for parent in parents
            if str(parent) != "."
        )

    taken = sorted(path for path in files if in_the_way(path))
    if taken:
        raise ExistingPortalError(
            f"init would replace {', '.join(taken)} in {root}; move them away or pick an empty "
            "folder (nothing was written)"
        )
