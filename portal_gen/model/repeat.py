"""How an event repeats: ``rrule:`` (RFC 5545's RRULE, as written) and ``repeat:`` (the same
said in words an owner writes: ``every: 2 weeks``, ``on: [saturday]``, ``until: 2027-03-27``).

``repeat:`` becomes exactly the RRULE an owner would write by hand (``Repeat.rule``), so the
pages and the calendars never tell the two apart. What it supports: every N days, weeks
(on some weekdays), months (on the start's day, on days of the month, or on the first to
fourth or last weekday) or years; until a day (or a day and time) or a number of times.
Anything else is refused with what to write instead, or ``rrule:`` for the rare rule.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from typing import Annotated, Any, NamedTuple

from pydantic import BeforeValidator, Field, PlainValidator, ValidationInfo, WithJsonSchema, field_validator
from pydantic_core import PydanticCustomError

from portal_gen.model.record import Record
from portal_gen.model.values import When, calendar_date, clock, need_text

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_ENGLISH = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: Short forms people write, beside the full names and RFC 5545's two letters.
_SHORT = {"tues": 1, "wednes": 2, "thur": 3, "thurs": 3}
_ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "last": -1,
}
_SAID = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
#: A day number every month has: a 30th would silently skip February.
LAST_SAFE_DAY = 28

_UNITS = {"day": "DAILY", "week": "WEEKLY", "month": "MONTHLY", "year": "YEARLY"}
_ADVERBS = {"daily": "day", "weekly": "week", "monthly": "month", "yearly": "year", "annually": "year"}
_EVERY = re.compile(r"(?:(\d{1,4})\s*|(other)\s+)?(day|week|month|year)s?")


def _fail(kind: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(kind, message)


class Frequency(NamedTuple):
    """``every:`` read: RRULE's FREQ and INTERVAL."""

    freq: str
    interval: int


def parse_every(value: Any) -> Frequency:
    """``week``, ``2 weeks``, ``other week``, ``fortnight``, ``weekly``, ``3 days``, ``month``..."""
    text = " ".join(value.lower().split()) if isinstance(value, str) else ""
    text = text.removeprefix("every ")
    if text == "fortnight":
        return Frequency("WEEKLY", 2)
    text = _ADVERBS.get(text, text)
    match = _EVERY.fullmatch(text)
    if match is None or (match[1] is not None and int(match[1]) < 1):
        raise _fail(
            "portal_every",
            "expected how often it repeats, like 'week', '2 weeks', 'day', 'month' or 'year', got {got}",
        )
    interval = 2 if match[2] else int(match[1] or 1)
    return Frequency(_UNITS[match[3]], interval)


def _plain(word: str) -> str:
    """Lowercase without accents or a final dot: "Sábado" and "sabado", "Sat." and "sat"."""
    decomposed = unicodedata.normalize("NFKD", word.casefold().strip().rstrip("."))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@functools.cache
def _weekday_names() -> dict[str, int]:
    """Every name a weekday is written by: English in full, in three or two letters (RFC
    5545's ``SA``), and the names in each language portal-gen has a catalog for ("samstag",
    "samedi", "sábado", "zaterdag"), read from CLDR only when an English name did not fit."""
    names = {name: index for index, name in enumerate(_ENGLISH)}
    names |= {name[:3]: index for index, name in enumerate(_ENGLISH)}
    names |= {code.lower(): index for index, code in enumerate(WEEKDAYS)}
    return names | _SHORT


@functools.cache
def _translated_weekday_names() -> dict[str, int]:
    from babel import Locale  # only when a name is not English: CLDR data costs a read per language

    from portal_gen.texts.catalogs import shipped_languages

    names: dict[str, int] = {}
    for language in shipped_languages():
        days = Locale.parse(language).days
        for context in ("format", "stand-alone"):
            for index, name in days[context]["wide"].items():
                names.setdefault(_plain(str(name)), index)
    return names


def _weekday(word: str) -> int | None:
    plain = _plain(word)
    # "saturdays" as in "on saturdays"
    for candidate in (plain, plain.removesuffix("s")):
        found = _weekday_names().get(candidate)
        if found is None:
            found = _translated_weekday_names().get(candidate)
        if found is not None:
            return found
    return None


_DAY_WORDS = (
    "a day of the week like 'saturday' (or, with every: month, 'first saturday', 'last friday' "
    "or a day of the month like 15)"
)


def parse_day(value: Any, info: ValidationInfo) -> str:
    """One entry of ``on:`` as RRULE writes it: ``SA``, ``1SA``, ``-1FR`` or a day number
    (``15``), checked against ``every:`` when that was read."""
    every = info.data.get("every")
    freq = every.freq if isinstance(every, Frequency) else None
    if freq in ("DAILY", "YEARLY"):
        unit = "day" if freq == "DAILY" else "year"
        what = "every day" if freq == "DAILY" else "on the start's date each year"
        raise _fail(
            "portal_on_unused",
            f"every: {unit} repeats {what}, so on: has nothing to choose, got {{got}}; leave out on:, "
            "or use every: week (or month) with the days",
        )
    if isinstance(value, int) and not isinstance(value, bool):
        return _day_of_month(value, freq)
    words = value.split() if isinstance(value, str) else []
    position = _ORDINALS.get(_plain(words[0])) if len(words) == 2 else None
    weekday = _weekday(words[-1]) if len(words) in (1, 2) else None
    if weekday is None or (len(words) == 2 and position is None):
        raise _fail("portal_on", f"expected {_DAY_WORDS}, got {{got}}")
    name = _ENGLISH[weekday]
    if position is None and freq == "MONTHLY":
        raise _fail(
            "portal_on_which",
            f"with every: month, say which {name} of the month, like 'first {name}' or 'last {name}', "
            f"got {{got}} (every {name} is every: week)",
        )
    if position is not None and freq == "WEEKLY":
        raise _fail(
            "portal_on_weekly",
            f"'{_SAID[position]} {name}' is for every: month; with every: week write the day alone, like "
            f"'{name}', got {{got}}",
        )
    return f"{position if position is not None else ''}{WEEKDAYS[weekday]}"


def _day_of_month(day: int, freq: str | None) -> str:
    if freq == "WEEKLY":
        raise _fail(
            "portal_on_weekly",
            "a day of the month (like 15) is for every: month; with every: week give weekdays like "
            "'saturday', got {got}",
        )
    if not 1 <= day <= LAST_SAFE_DAY:
        raise _fail(
            "portal_on_day",
            f"expected a day of the month from 1 to {LAST_SAFE_DAY}, got {{got}}; not every month has "
            "a 29th to 31st, and those months would have no date (for the end of the month, write "
            "'last friday' or the like)",
        )
    return str(day)


def _listed(value: Any) -> Any:
    """``on: saturday``, ``on: tuesday and thursday`` and ``on: [tuesday, thursday]`` alike."""
    if isinstance(value, str):
        return [part for part in re.split(r"\s*,\s*|\s+and\s+", value.strip()) if part]
    return [value] if isinstance(value, int) else value


_STRING = {"type": "string"}
Every = Annotated[Frequency, PlainValidator(parse_every), WithJsonSchema(_STRING)]
RepeatDay = Annotated[str, PlainValidator(parse_day), WithJsonSchema({"type": ["string", "integer"]})]


#: ``on:`` in an editor: one day (``saturday``, ``first saturday``) or a list of them.
_DAYS = {
    "anyOf": [
        {"type": "string"},
        {"type": "integer"},
        {"type": "array", "items": {"type": ["string", "integer"]}},
    ]
}


class Repeat(Record):
    """How often an event happens again, said in words: the same as an rrule."""

    every: Every = Field(
        description=(
            "How often: day, week, month or year, or a number of them (2 weeks, 3 days, other week)."
        ),
        examples=["2 weeks"],
    )
    on: Annotated[list[RepeatDay], BeforeValidator(_listed), WithJsonSchema(_DAYS)] = Field(
        default=[],
        description=(
            "Which days: weekdays for every: week (saturday); for every: month, which one of the "
            "month (first saturday, last friday) or days of the month (1, 15). Without it, the "
            "start's day."
        ),
        examples=[["saturday"]],
    )
    until: When | None = Field(
        default=None,
        description="The last day it may happen (that whole day), or a day and time.",
        examples=["2027-03-27"],
    )
    times: Annotated[int, Field(ge=1)] | None = Field(
        default=None, description="How many dates in all, the first included, instead of until.", examples=[8]
    )

    @field_validator("on")
    @classmethod
    def _one_kind_of_day(cls, days: list[str]) -> list[str]:
        numbered = [day for day in days if day.isdigit()]
        if numbered and len(numbered) != len(days):
            raise _fail(
                "portal_on_mixed",
                "give either days of the month (like 15) or weekdays (like 'first saturday'), not both; "
                "make two events, one for each kind",
            )
        return days

    @field_validator("times")
    @classmethod
    def _until_or_times(cls, times: int | None, info: ValidationInfo) -> int | None:
        if times is not None and info.data.get("until") is not None:
            raise _fail(
                "portal_repeat_end",
                "give either until or times, not both; keep the one you mean and delete the other",
            )
        return times

    def rule(self) -> str:
        """The RRULE an owner would write for it, its parts in RFC 5545's order."""
        parts = [f"FREQ={self.every.freq}"]
        if self.until is not None:
            parts.append(f"UNTIL={until_text(self.until)}")
        if self.times is not None:
            parts.append(f"COUNT={self.times}")
        if self.every.interval > 1:
            parts.append(f"INTERVAL={self.every.interval}")
        if self.on and self.on[0].isdigit():
            parts.append("BYMONTHDAY=" + ",".join(sorted(set(self.on), key=int)))
        elif self.on:
            # In the week's order, each once: the same rule (and bytes) however they are listed.
            parts.append("BYDAY=" + ",".join(sorted(set(self.on), key=_week_order)))
        return ";".join(parts)


def _week_order(day: str) -> tuple[int, int]:
    """Monday first; on one weekday, the first of the month before the last (1SA, -1SA)."""
    position = int(day[:-2] or 0)
    return WEEKDAYS.index(day[-2:]), position if position > 0 else 5 - position


def until_text(until: dt.date | dt.datetime) -> str:
    """UNTIL as RFC 5545 writes a day or a wall-clock time (in the event's zone: the feed turns
    it into UTC, see ``calendar_links.rule_for_feed``)."""
    if isinstance(until, dt.datetime):
        return until.strftime("%Y%m%dT%H%M%S")
    return until.strftime("%Y%m%d")


def start_problem(repeat: Repeat, start: dt.date | dt.datetime) -> tuple[str, str] | None:
    """What in ``repeat`` does not fit the event's ``start`` (the field and the message): dates
    the rule would silently skip, or an ``until`` before the first date."""
    day = start.date() if isinstance(start, dt.datetime) else start
    if repeat.until is not None:
        until = repeat.until
        # A day includes all of it; a time is compared with the start's.
        before = (
            until < start
            if isinstance(until, dt.datetime) and isinstance(start, dt.datetime)
            else (until.date() if isinstance(until, dt.datetime) else until) < day
        )
        if before:
            shown = f"{show_when(until)} is before start {show_when(start)}"
            return "until", f"{shown}; give the last date the series has"
    if repeat.every.freq == "MONTHLY" and not repeat.on and day.day > LAST_SAFE_DAY:
        return "every", (
            f"start is on day {day.day}, which not every month has, and those months would have no "
            f"date; add on: with the day it means, like 'last {_ENGLISH[day.weekday()]}', or start on day "
            f"{LAST_SAFE_DAY} or earlier"
        )
    if repeat.every.freq == "YEARLY" and (day.month, day.day) == (2, 29):
        return "every", "start is on February 29, which only leap years have; start on February 28 or March 1"
    return None


def show_when(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


_RULE_PART = re.compile(r"[A-Z]+=[A-Z0-9,+\-]+")
_UNTIL = re.compile(r"\d{8}(?:T\d{6}Z?)?")
#: UNTIL the way every other field writes a day or a time: 2027-03-27, 2027-03-27 18:00.
_UNTIL_WRITTEN = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?")


def parse_rrule(value: Any) -> str:
    """An RFC 5545 recurrence rule such as ``FREQ=WEEKLY;BYDAY=SA;COUNT=8``; its UNTIL may also
    be written as other fields write a day (``2027-03-27``) or a day and time, and is kept in
    RFC 5545's form (a wall-clock time in the event's zone, as ``20270327T180000``).

    Only its shape is checked here; ``occurrences`` checks it against the event's start.
    """
    need_text(value, "a rule like 'FREQ=WEEKLY;BYDAY=SA;COUNT=8'")
    text = value.strip().upper().removeprefix("RRULE:")
    parts = [_written_until(part) for part in text.split(";")]
    if not all(_RULE_PART.fullmatch(part) for part in parts) or not any(
        part.startswith("FREQ=") for part in parts
    ):
        raise _fail(
            "portal_rrule",
            "expected a repeat rule like 'FREQ=WEEKLY;BYDAY=SA;COUNT=8' (it needs FREQ=, and "
            "parts joined by ';')",
        )
    fields = dict(part.split("=", 1) for part in parts)
    if "COUNT" in fields and "UNTIL" in fields:
        raise _fail("portal_rrule_end", "give either COUNT or UNTIL, not both, got {got}")
    if "UNTIL" in fields and not _UNTIL.fullmatch(fields["UNTIL"]):
        raise _fail(
            "portal_rrule_until",
            "UNTIL is written like 2027-03-27 (that whole day), 2027-03-27 18:00 or 20270327, got {got}",
        )
    for key in ("COUNT", "INTERVAL"):
        if key in fields and (not fields[key].isdigit() or int(fields[key]) < 1):
            raise _fail("portal_rrule_number", f"{key} must be a whole number of 1 or more, got {{got}}")
    return ";".join(parts)


def _written_until(part: str) -> str:
    key, _, value = part.strip().partition("=")
    if key != "UNTIL" or (match := _UNTIL_WRITTEN.fullmatch(value.strip())) is None:
        return part
    year, month, day, hour, minute, second = match.groups()
    date = calendar_date(year, month, day)
    if hour is None:
        return f"UNTIL={until_text(date)}"
    return f"UNTIL={until_text(dt.datetime.combine(date, clock(hour, minute, second)))}"


RecurrenceRule = Annotated[str, PlainValidator(parse_rrule), WithJsonSchema(_STRING)]
