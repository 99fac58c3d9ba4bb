"""Value types the owner writes in YAML: ids, dates and times, durations, money, zones, links.

Each type parses the forms an owner would naturally type and, when it cannot, raises a
``PydanticCustomError`` saying what was expected. ``validate`` shows the received value as the
owner wrote it: in place of ``{got}`` where a message has one, else after it (", got ...").
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import MAX_EMAX, MIN_EMIN, Context, Decimal, InvalidOperation
from importlib import resources
from typing import Annotated, Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, available_timezones

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, get_timezone_name
from babel.numbers import format_currency, is_currency
from pydantic import BeforeValidator, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from portal_gen.model.nesting import message as nesting_message
from portal_gen.model.nesting import too_deep

#: Control characters other than tab and line breaks.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
ID_PATTERN = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?")
#: Dates outside these years are typing slips, and far years overflow zone arithmetic.
YEARS = range(1900, 3000)


def _fail(kind: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(kind, message)


def need_text(value: Any, expected: str) -> None:
    if not isinstance(value, str):
        raise _fail("portal_text", f"expected {expected}")


def parse_id(value: Any) -> str:
    """Ids become URLs (``/events/<id>/``), so they are lowercase words joined by hyphens."""
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        raise _fail(
            "portal_id",
            "expected an id of lowercase letters, digits and hyphens, like 'kids-yoga'",
        )
    return value


def parse_text(value: Any) -> str:
    """Text fields must be text; a number or a date written bare is almost always a slip."""
    if not isinstance(value, str):
        raise _fail("portal_text", "expected text (put it in quotes if it looks like a number)")
    value = value.strip()
    if not value:
        raise _fail("portal_text_empty", "expected some text, got an empty value")
    if bad := _CONTROL.search(value):
        # Invisible, and refused by XML (feeds) and by mail headers.
        raise _fail(
            "portal_text_control",
            f"contains the invisible control character U+{ord(bad[0]):04X}; delete it and retype that spot",
        )
    return str(value)


_WORDS = re.compile(r"[^\W\d_](?:[\w .'\u2019-]{0,38}[\w.])?")


def parse_markdown(value: Any) -> str:
    """Text that is shown as Markdown (a description): not nested past what can be rendered."""
    text = parse_text(value)
    deep = too_deep(text)
    if deep is not None:
        raise _fail("portal_nesting", nesting_message(deep[0]))
    return text


def parse_words(value: Any) -> str:
    """A few plain words (like 'there' or 'neighbor'): they go inside an e-mail service's merge
    tag, where braces, quotes or stars would break its syntax."""
    text = parse_text(value)
    if not _WORDS.fullmatch(text) or "_" in text:
        raise _fail(
            "portal_words",
            "expected a few plain words like 'there' or 'neighbor', got {got}; " + _words_fix(text),
        )
    return text


def _words_fix(text: str) -> str:
    """Which rule of plain words ``text`` breaks first, said so it can be fixed."""
    bad = next((char for char in text if not (char.isalnum() or char in " .'\u2019-") or char == "_"), None)
    if bad is not None:
        return (
            f"remove {bad!r}: only letters, digits, spaces, apostrophes, hyphens and dots fit in a merge tag"
        )
    if len(text) > 40:
        return "keep it to 40 characters or fewer"
    if not text[0].isalpha():
        return "start with a letter"
    return "end with a letter, a digit or a dot"


_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")


def calendar_date(year: str, month: str, day: str) -> dt.date:
    if int(year) not in YEARS:
        raise _fail("portal_date_year", "{got} has a year outside 1900 to 2999; check the year")
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        raise _fail("portal_date_impossible", "{got} is not a day in the calendar") from None


def clock(hour: str, minute: str, second: str | None) -> dt.time:
    try:
        return dt.time(int(hour), int(minute), int(second or 0))
    except ValueError:
        raise _fail("portal_time_impossible", "{got} has no such time of day; use 00:00 to 23:59") from None


def parse_date(value: Any) -> dt.date:
    """A calendar date written ``2026-03-07``."""
    if isinstance(value, str) and (match := _DATE.match(value.strip())):
        return calendar_date(*match.groups())
    raise _fail("portal_date", "expected a date like 2026-03-07")


#: Times as people say them: 7pm, 7:30 p.m., 7 PM, 19h, 19h30, after an optional day. Data
#: files write one form (24-hour, hours:minutes), so these are refused, with that form.
_SPOKEN = re.compile(
    r"(?:(\d{4}-\d{2}-\d{2})[T ]\s*)?(?:(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s*m\.?|(\d{1,2})h(\d{2})?)",
    re.IGNORECASE,
)


def _spoken_time(text: str, day_needed: bool) -> PydanticCustomError | None:
    """The error for a time written as it is said (``7pm``, ``19h``), naming the 24-hour form
    to write instead; None when ``text`` is not one."""
    match = _SPOKEN.fullmatch(text)
    if match is None:
        return None
    day, hour12, minute12, half, hour24, minute24 = match.groups()
    if half is not None:
        if not 1 <= int(hour12) <= 12:
            return None
        hour = int(hour12) % 12 + (12 if half.lower() == "p" else 0)
        minute = int(minute12 or 0)
    else:
        hour, minute = int(hour24), int(minute24 or 0)
    if hour > 23 or minute > 59:
        return None
    fix = f"{hour:02d}:{minute:02d}"
    if day is not None:
        fix = f"{day} {fix}"
    elif day_needed:
        return _fail(
            "portal_time_spoken",
            f"write {{got}} as a day and a time on the 24-hour clock, like 2026-03-07 {fix}",
        )
    return _fail("portal_time_spoken", f"write {{got}} on the 24-hour clock with a colon: {fix}")


def parse_when(value: Any) -> dt.date | dt.datetime:
    """A day (all-day) or a day and a wall-clock time, in the event's zone."""
    if isinstance(value, str):
        text = value.strip()
        if match := _DATE.match(text):
            return calendar_date(*match.groups())
        if match := _DATETIME.match(text):
            year, month, day, hour, minute, second = match.groups()
            return dt.datetime.combine(calendar_date(year, month, day), clock(hour, minute, second))
        if spoken := _spoken_time(text, day_needed=True):
            raise spoken
    raise _fail("portal_when", "expected a date like 2026-03-07 or a date and time like 2026-03-07 10:00")


def parse_end(value: Any) -> dt.date | dt.datetime | dt.time:
    """An end: a full date/time, or just a time (the same day as the start)."""
    if isinstance(value, str) and (match := _TIME.match(value.strip())):
        return clock(*match.groups())
    if isinstance(value, str) and (spoken := _spoken_time(value.strip(), day_needed=False)):
        raise spoken
    try:
        return parse_when(value)
    except PydanticCustomError:
        raise _fail(
            "portal_end",
            "expected a time like 11:30, a date like 2026-03-07 or a date and time like 2026-03-07 11:30",
        ) from None


_DURATION_PART = re.compile(
    r"(\d+(?:\.\d+)?)\s*(days?|d|hours?|hrs?|h|minutes?|mins?|m)(?![a-z])", re.IGNORECASE
)
_ISO_DURATION = re.compile(r"^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$", re.IGNORECASE)


MAX_DURATION = dt.timedelta(days=366)


def parse_duration(value: Any) -> dt.timedelta:
    """``90 minutes``, ``1h30m``, ``1 hour 30 min``, ``2 days`` or ISO 8601 ``PT1H30M``."""
    text = value.strip() if isinstance(value, str) else ""
    total = dt.timedelta()
    if match := _ISO_DURATION.match(text):
        days, hours, minutes = (min(int(part or 0), 10**6) for part in match.groups())
        total = dt.timedelta(days=days, hours=hours, minutes=minutes)
    elif text and not _DURATION_PART.sub("", text).replace(",", "").replace("and", "").strip():
        for amount, unit in _DURATION_PART.findall(text):
            # Capped before building the timedelta, which overflows past 999,999,999 days.
            spelled = float(amount) * {"d": 24 * 60, "h": 60, "m": 1}[unit[0].lower()]
            total += dt.timedelta(minutes=min(spelled, MAX_DURATION / dt.timedelta(minutes=1) + 1))
    if total > MAX_DURATION:
        raise _fail("portal_duration_long", "{got} is longer than a year; split it into several events")
    if total <= dt.timedelta():
        raise _fail(
            "portal_duration",
            "expected a duration with its unit, like '90 minutes', '1h30m' or '2 days'",
        )
    return total


_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def parse_money(value: Any) -> Decimal:
    """An amount in the site's currency; ``free`` means zero. Floats go through ``str`` so
    that 12.1 stays 12.1 and does not become 12.0999999999999996447286321199499070644378662109375."""
    if isinstance(value, str) and value.strip().lower() == "free":
        return Decimal(0)
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _fail("portal_money", "expected an amount like 12.50 (or free)")
    text = str(value).strip()
    if _GROUPED.fullmatch(text):
        text = text.replace(",", "")
    elif "," in text:
        # "12,50" is twelve and a half in much of the world: never guess a hundredfold.
        raise _fail("portal_money_comma", "write amounts with a dot for cents, like 12.50, got {got}")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise _fail("portal_money", "expected an amount like 12.50 (or free)") from None
    if not amount.is_finite() or amount < 0:
        raise _fail("portal_money_negative", "expected an amount of zero or more")
    return canonical(amount)


def canonical(number: Decimal) -> Decimal:
    """One spelling per value: ``15``, ``15.0`` and ``15.00`` all become 15, ``12.50`` becomes
    12.5. Decimals that compare equal must print alike (in JSON-LD, say), or reusing a page
    because its amount is "equal" would show the old spelling."""
    if number.is_zero():
        return Decimal(0)  # not -0
    # Enough precision for every digit written, so nothing is rounded away.
    exact = Context(prec=max(28, len(number.as_tuple().digits) + 1), Emax=MAX_EMAX, Emin=MIN_EMIN)
    if number == number.to_integral_value() and number.adjusted() < 40:
        # Written out in full (1E+3 -> 1000), short of absurd sizes (1e5000 stays as it is).
        return number.quantize(Decimal(1), context=Context(prec=42))
    return number.normalize(exact)


@functools.cache
def _zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


@functools.cache
def _packaged_zone_names() -> frozenset[str]:
    """The zones the tzdata package lists: the part of ``available_timezones()`` it reads
    first, from one file, before it walks the system's zone folders (a hundredth of a second,
    on every run); empty without the package."""
    try:
        listed = resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8")
    except (ImportError, OSError):
        return frozenset()
    return frozenset(line.strip() for line in listed.splitlines() if line.strip())


def parse_zone(value: Any) -> str:
    """An IANA time zone name, from the zone database (not 'America', not 'localtime')."""
    need_text(value, "a time zone name such as 'America/Chicago'")
    # Every name tzdata lists is one of available_timezones(): only another name (a typo, or
    # a zone only the system has) needs the whole set.
    if value in _packaged_zone_names() or value in _zone_names():
        return str(value)
    raise _fail(
        "portal_zone",
        "unknown time zone {got}; expected an IANA name such as 'America/Chicago' or 'Europe/Paris'",
    )


def parse_locale(value: Any) -> str:
    """A locale such as ``en_US`` or ``de-DE`` that babel can format dates and money in."""
    need_text(value, "a locale name such as 'en_US'")
    try:
        locale = Locale.parse(value, sep="-" if "-" in value else "_")
        # CLDR's 'root' is the fallback every locale inherits from, not a language: a page
        # cannot say lang="root", and no catalog translates into it. Newer Babel releases
        # format dates in it, so the data check below no longer refuses it by itself.
        if locale.language == "root":
            raise ValueError(value)
        # Some parseable locales ('root') lack the data the pages need; find out now, not
        # in the middle of rendering.
        format_date(dt.date(2026, 1, 31), "full", locale=locale)
        format_currency(Decimal("1.5"), "USD", locale=locale)
        get_timezone_name(ZoneInfo("UTC"), "long", locale=locale, zone_variant="generic")
        return str(locale)
    except (UnknownLocaleError, ValueError, KeyError, TypeError):
        pass
    raise _fail("portal_locale", "unknown locale {got}; expected a name such as 'en_US' or 'fr_FR'")


def parse_currency(value: Any) -> str:
    """An ISO 4217 currency code such as USD or EUR."""
    need_text(value, "a currency code such as 'USD'")
    if is_currency(value.upper()):
        return str(value.upper())
    raise _fail("portal_currency", "unknown currency {got}; expected an ISO 4217 code such as 'USD' or 'EUR'")


def _url(value: Any, schemes: tuple[str, ...], example: str) -> str:
    if isinstance(value, str):
        text = value.strip()
        parts = urlsplit(text)
        scheme = parts.scheme.lower()
        # A web link needs a host; an e-mail link needs an address.
        target = "@" in parts.path if scheme == "mailto" else parts.netloc
        if scheme in schemes and target and not any(char.isspace() for char in text):
            return text
    raise _fail("portal_url", f"expected a full link starting with {example}")


def parse_web_url(value: Any) -> str:
    """A page on the web: http or https only."""
    return _url(value, ("http", "https"), "https://")


def parse_link(value: Any) -> str:
    """Somewhere a customer can click: a web page or an e-mail address (mailto:)."""
    return _url(value, ("http", "https", "mailto"), "https:// or mailto:")


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def parse_email(value: Any) -> str:
    if isinstance(value, str) and _EMAIL.match(value.strip()):
        return value.strip()
    raise _fail("portal_email", "expected an e-mail address like hello@example.com")


def parse_included(value: Any) -> bool | str:
    """A perk's value for one tier: yes/no (true/false) or a short text like 'over $50'."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip():
        text = value.strip()
        return {"yes": True, "no": False}.get(text.lower(), text)
    raise _fail("portal_included", "expected yes, no or a short text like 'over $50'")


def parse_image(value: Any) -> str:
    """An image: a web address, or a path to a file under content/ (like images/yoga.jpg)."""
    need_text(value, "an image path like 'images/yoga.jpg' or an https:// link")
    text = value.strip()
    if urlsplit(text).scheme:
        return parse_web_url(text)
    if text.startswith("/") or ".." in text.split("/") or "\\" in text:
        raise _fail("portal_image", "expected a path inside content/, like 'images/yoga.jpg', got {got}")
    return str(text)


_TAG = re.compile(r"[a-z0-9](?:[a-z0-9 -]{0,30}[a-z0-9])?")


def parse_tag(value: Any) -> str:
    """A short lowercase label such as 'kids' or 'music'."""
    if isinstance(value, str) and _TAG.fullmatch(value.strip()):
        return value.strip()
    raise _fail("portal_tag", "expected a short lowercase tag like 'kids' or 'music'")


def parse_number(value: Any) -> Decimal:
    """A measured amount (hours, items, dollars), written as a plain number."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _fail("portal_number", "expected a number like 9 or 2.5")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise _fail("portal_number", "expected a number like 9 or 2.5") from None
    if not number.is_finite():
        raise _fail("portal_number", "expected a number like 9 or 2.5")
    return canonical(number)


_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")


def parse_color(value: Any) -> str:
    """A colour as a hex code, like #2e7d32."""
    if isinstance(value, str) and _COLOR.fullmatch(value.strip()):
        return value.strip().lower()
    raise _fail("portal_color", "expected a colour as a hex code like '#2e7d32' (in quotes)")


_ICON = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def parse_icon(value: Any) -> str:
    """A Material Design icon name, like 'star' or 'crown-outline'."""
    if isinstance(value, str) and _ICON.fullmatch(value.strip()):
        return value.strip()
    raise _fail("portal_icon", "expected a Material Design icon name like 'star' or 'crown-outline'")


# How each type looks in the JSON Schemas that editors use (``portal-gen schema``): only what
# an editor can check as you type; the parsers above stay the authority.
_STRING = {"type": "string"}
_DAY = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_WHEN = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}([T ]\d{1,2}:\d{2}(:\d{2})?)?$"}
_NUMBER = {"type": ["number", "string"]}


def _schema(schema: dict[str, Any]) -> WithJsonSchema:
    return WithJsonSchema(schema)


Id = Annotated[
    str, PlainValidator(parse_id), _schema({"type": "string", "pattern": f"^{ID_PATTERN.pattern}$"})
]
Text = Annotated[str, PlainValidator(parse_text), _schema({"type": "string", "minLength": 1})]
MarkdownText = Annotated[str, PlainValidator(parse_markdown), _schema({"type": "string", "minLength": 1})]
Words = Annotated[
    str, PlainValidator(parse_words), _schema({"type": "string", "pattern": f"^{_WORDS.pattern}$"})
]
Day = Annotated[dt.date, PlainValidator(parse_date), _schema(_DAY)]
When = Annotated[dt.date | dt.datetime, PlainValidator(parse_when), _schema(_WHEN)]
End = Annotated[
    dt.date | dt.datetime | dt.time,
    PlainValidator(parse_end),
    _schema({"anyOf": [_WHEN, {"type": "string", "pattern": r"^\d{1,2}:\d{2}(:\d{2})?$"}]}),
]
Duration = Annotated[dt.timedelta, PlainValidator(parse_duration), _schema(_STRING)]
Money = Annotated[Decimal, PlainValidator(parse_money), _schema(_NUMBER)]
ZoneName = Annotated[str, PlainValidator(parse_zone), _schema(_STRING)]
LocaleName = Annotated[
    str, PlainValidator(parse_locale), _schema({"type": "string", "pattern": r"^[a-z]{2,3}(_[A-Z]{2})?$"})
]
Currency = Annotated[
    str, PlainValidator(parse_currency), _schema({"type": "string", "pattern": "^[A-Za-z]{3}$"})
]
WebUrl = Annotated[str, PlainValidator(parse_web_url), _schema({"type": "string", "pattern": "^https?://"})]
Link = Annotated[str, PlainValidator(parse_link), _schema(_STRING)]
Email = Annotated[
    str, PlainValidator(parse_email), _schema({"type": "string", "pattern": "^[^@\\s]+@[^@\\s]+$"})
]
Included = Annotated[bool | str, PlainValidator(parse_included), _schema({"type": ["boolean", "string"]})]
Image = Annotated[str, PlainValidator(parse_image), _schema(_STRING)]
Tag = Annotated[str, PlainValidator(parse_tag), _schema({"type": "string", "pattern": f"^{_TAG.pattern}$"})]
Number = Annotated[Decimal, PlainValidator(parse_number), _schema(_NUMBER)]
Color = Annotated[
    str, PlainValidator(parse_color), _schema({"type": "string", "pattern": f"^{_COLOR.pattern}$"})
]
Icon = Annotated[
    str, PlainValidator(parse_icon), _schema({"type": "string", "pattern": f"^{_ICON.pattern}$"})
]


def _name_only(value: Any) -> Any:
    return {"name": value} if isinstance(value, str) else value


#: Lets a location be written as one line of text or as a mapping with name and address.
NameShorthand = BeforeValidator(_name_only)
