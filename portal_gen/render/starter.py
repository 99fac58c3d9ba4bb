"""``portal-gen init``: the files of a new, working portal.

The files live in ``starter_files/`` inside the package. Names starting with ``dot-`` become
dotfiles (``dot-github`` is ``.github``), because packaging tools skip hidden files; a few
``__WORDS__`` are filled in (the name goes in as a quoted YAML string, so any name is safe).
The words customers will read until the owner writes their own (the first event, the tiers,
the navigation) are marked ``[[ _("...") ]]`` and come in the locale's language.
The deploy workflow and ``theme_overrides/main.html`` (feed links, search on demand) are the
same files the sample portal uses.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Callable
from decimal import Decimal
from importlib import resources
from importlib.abc import Traversable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path, PurePosixPath
from zoneinfo import ZoneInfo

import jinja2
from babel import Locale
from dateutil.relativedelta import SA, relativedelta
from pydantic_core import PydanticCustomError

from portal_gen.errors import PortalError
from portal_gen.model.values import parse_currency, parse_locale, parse_text, parse_web_url, parse_zone
from portal_gen.render.formatting import Formatter
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
    }
    speaking = _speaking(locale, currency, timezone)
    files: dict[str, bytes] = {}
    for path, data in _files(resources.files("portal_gen") / "starter_files").items():
        data = _in_language(speaking, path, data)
        for word, value in words.items():
            path = path.replace(word, value)
            # README.md is Markdown, not YAML: the name goes in as written there.
            shown = name if path.endswith(".md") and word == "__NAME__" else value
            data = data.replace(word.encode(), shown.encode("utf-8"))
        files[path] = data
    files.update({f"{SCHEMA_FOLDER}/{file}": data for file, data in json_schemas().items()})
    return dict(sorted(files.items()))


#: The files whose words for customers are in the locale's language: they mark them
#: ``[[ _("...") ]]``, a syntax of their own because the newsletter issue and main.html
#: hold Jinja for later (``{{ greeting() }}``). babel.cfg extracts them with it.
_TRANSLATED = (".yml", ".md", ".html")


def _speaking(locale: str, currency: str, timezone: str) -> dict[str, jinja2.Environment]:
    """An environment per kind of file, each writing a translated text as that file needs
    it: a quoted string in YAML, escaped in HTML, as written in Markdown."""
    fmt = Formatter(locale, currency, ZoneInfo(timezone))
    made: dict[str, jinja2.Environment] = {}
    for suffix, finalize in (
        (".yml", lambda text: json.dumps(text, ensure_ascii=False)),
        (".html", html.escape),
        (".md", str),
    ):
        env = jinja2.Environment(
            block_start_string="[%",
            block_end_string="%]",
            variable_start_string="[[",
            variable_end_string="]]",
            comment_start_string="[#",
            comment_end_string="#]",
            finalize=finalize,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            extensions=["jinja2.ext.i18n"],
        )
        env.install_gettext_translations(translations(locale), newstyle=True)  # type: ignore[attr-defined]
        env.globals["money"] = lambda amount: fmt.money(Decimal(amount))
        # For the YAML front matter of a Markdown page.
        env.filters["yaml"] = lambda value: json.dumps(value, ensure_ascii=False)
        made[suffix] = env
    return made


def _in_language(speaking: dict[str, jinja2.Environment], path: str, data: bytes) -> bytes:
    """A starter file with its marked words in the locale's language."""
    suffix = PurePosixPath(path).suffix
    if suffix not in _TRANSLATED or path == "README.md" or b"[[" not in data:
        return data
    return speaking[suffix].from_string(data.decode("utf-8")).render().encode("utf-8")


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
