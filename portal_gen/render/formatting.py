"""Template filters: dates, times and money in the site's locale; text made safe for Markdown.

Everything a template prints goes through ``markdown_text`` unless a filter already returned
``Markup``: owner and customer text is data, so a ``*`` or ``<`` in it must show as typed
instead of turning into emphasis or HTML.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton, format_time, get_timezone_name
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal, format_percent
from babel.units import format_unit
from markupsafe import Markup

from portal_gen.model.customers import Result, UnitForms
from portal_gen.model.portal import Occurrence
from portal_gen.texts.catalogs import translations

#: Runs of ASCII white space; typographic spaces (thin, no-break) that babel uses are kept.
_LINE_BREAKS = re.compile(r"[ \t\r\n\f\v]+")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}#])")
#: What makes a line a list item or a numbered item when it starts one.
_LINE_START = re.compile(r"^([-+]|\d+\.)(?=\s|$)")
#: ``:material-check:`` would become an icon.
_SHORTCODE = re.compile(r":(?=[\w+-]+:)")


#: Texts already made safe: every ``{{ }}`` of every template passes here (47,000 times for
#: the benchmark portal), and most are the same labels and names again and again.
_SAFE: dict[str, Markup] = {}


def markdown_text(value: Any) -> Markup:
    """Plain text for Markdown, shown exactly as typed wherever a template puts it.

    The text becomes one line; inline markup (emphasis, links, code, HTML), line-start
    markup (headings, lists, a lone "---" or "===" that would underline the line above),
    emoji shortcodes and table pipes are all neutralised.
    """
    if isinstance(value, Markup):
        return value
    if type(value) is str:
        found = _SAFE.get(value)
        if found is None:
            if len(_SAFE) > 100_000:  # serve left running for months: start afresh
                _SAFE.clear()
            found = _SAFE[value] = _made_safe(value)
        return found
    return _made_safe(str(value))


def _made_safe(value: str) -> Markup:
    text = _LINE_BREAKS.sub(" ", value).strip()
    text = html.escape(text, quote=False)
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    text = _LINE_START.sub(lambda match: match[1][:-1] + "\\" + match[1][-1], text)
    if text and set(text) <= {"=", "-", " "}:
        text = text.replace("=", "&#61;").replace("-", "&#45;")
    text = _SHORTCODE.sub("&#58;", text)
    # A pipe would split a table cell; the entity renders as | everywhere.
    return Markup(text.replace("|", "&#124;"))


def meta_text(value: Any) -> str:
    """Text for page metadata (front matter): one line, HTML-escaped, because MkDocs and
    Material print metadata into the page's <head> as they find it."""
    return html.escape(_LINE_BREAKS.sub(" ", str(value)).strip(), quote=True)


def link_target(url: str) -> Markup:
    """A URL safe to put inside Markdown's ``[text](url)``: no spaces, parentheses or quotes."""
    return Markup(quote(url, safe=":/?#@!$&'*+,;=%~-._[]").replace("'", "%27"))


#: The kinds of CLDR unit a shop measures in.
_MEASURE_KINDS = {"duration", "mass", "length", "volume", "area", "speed", "temperature", "energy", "digital"}


@functools.cache
def _measures() -> dict[str, str]:
    """Units CLDR names in every language, by their short name ("hour" -> "duration-hour"):
    the measures of time, weight, length, volume and the like, not counts such as "item",
    whose CLDR word ("Elemente") is not what a shop means."""
    # Asked when a quantity is first shown, not on import: English's CLDR data takes a
    # hundredth of a second to read, which a site in another language then pays only if it
    # shows a measured quantity.
    return {
        unit.split("-", 1)[1]: unit
        for unit in map(str, Locale.parse("en").unit_display_names)
        if unit.split("-", 1)[0] in _MEASURE_KINDS
    }


def plural(unit: str) -> str:
    """The English plural of a unit owners write in the singular."""
    if unit.endswith(("s", "x", "ch", "sh")):
        return unit + "es"
    if unit.endswith("y") and unit[-2:-1] not in "aeiou":
        return unit[:-1] + "ies"
    return unit + "s"


def html_text(value: object) -> Markup:
    """Text for a raw HTML block, where Markdown is not read: escape HTML only."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(_LINE_BREAKS.sub(" ", str(value)).strip(), quote=True))


#: Remembered answers per store before it starts afresh: serve may be left running for months.
_REMEMBERED = 100_000


def _remembered(store: dict[Any, str], key: Any, make: Callable[[], str]) -> str:
    """``make()``, said once per ``key``: the same days, hours and occurrences are said on
    every card and page that shows them, and Babel's formatting is most of a card."""
    found = store.get(key)
    if found is None:
        if len(store) > _REMEMBERED:
            store.clear()
        found = store[key] = make()
    return found


class Formatter:
    """Locale-aware formatting for one site (locale, currency, zone)."""

    def __init__(self, locale: str, currency: str, zone: ZoneInfo) -> None:
        self.locale = Locale.parse(locale)
        self.texts = translations(locale)
        self.currency = currency
        self.zone = zone
        short_time = self.locale.time_formats["short"].pattern
        self.hours = "hm" if "a" in short_time else "Hm"
        # What has been said, by what it is said of (see ``_remembered``).
        self._when: dict[tuple[dt.date, dt.date, ZoneInfo | None], str] = {}
        self._short_when: dict[tuple[dt.date, dt.date], str] = {}
        self._between: dict[tuple[dt.time, dt.time], str] = {}
        self._days: dict[tuple[str, dt.date], str] = {}

    def date(self, value: dt.date, style: str = "long") -> str:
        """``November 28, 2026`` (long), ``Saturday, November 28, 2026`` (full), or a skeleton."""
        if style in ("short", "medium", "long", "full"):
            return format_date(value, style, locale=self.locale)
        return format_skeleton(style, value, locale=self.locale)

    def month(self, value: dt.date) -> str:
        """``November 2026``: the heading events are grouped under."""
        return format_skeleton("yMMMM", value, locale=self.locale)

    def time(self, value: dt.datetime) -> str:
        return format_time(value.astimezone(self.zone), "short", locale=self.locale)

    def when(self, occurrence: Occurrence) -> str:
        """When an occurrence happens, as a person would say it: in the site's zone, or for an
        event held in another zone, first in its own time, then in the site's ("Tuesday, May
        12, 2026, 6:30-8:00 PM Eastern Time · 00:30 Wed, May 13 Central European Time").
        An online event is said in the site's zone alone: it happens wherever one is."""
        there = self._elsewhere(occurrence)
        return _remembered(
            self._when, (occurrence.start, occurrence.end, there), lambda: self._said(occurrence, there)
        )

    def _said(self, occurrence: Occurrence, there: ZoneInfo | None) -> str:
        spoken = self._spoken(occurrence.start, occurrence.end, there)
        if there is None:
            return spoken
        assert isinstance(occurrence.start, dt.datetime)
        # Translators: an event's time where it is held and its zone, then the same
        # moment where the site is and the site's zone.
        return self.texts.gettext("%(there)s %(zone)s · %(here)s %(home)s") % {
            "there": spoken,
            "zone": self.zone_called(there),
            "here": self.moment(occurrence.start),
            "home": self.zone_name(),
        }

    def abroad(self, occurrence: Occurrence) -> bool:
        """Whether ``when`` says the occurrence in its own zone first (and names both zones)."""
        return self._elsewhere(occurrence) is not None

    def _elsewhere(self, occurrence: Occurrence) -> ZoneInfo | None:
        """The zone a timed event is held in, when it is not the site's and not online."""
        event = occurrence.event
        if not event.timezone or event.timezone == self.zone.key or event.online:
            return None
        return ZoneInfo(event.timezone) if isinstance(occurrence.start, dt.datetime) else None

    def said_in(self, occurrence: Occurrence) -> ZoneInfo:
        """The zone ``occurrence`` is said in first: its own abroad, else the site's."""
        return self._elsewhere(occurrence) or self.zone

    def zone_called(self, zone: ZoneInfo) -> str:
        """``Central European Time``: a zone as people call it."""
        return get_timezone_name(zone, "long", locale=self.locale, zone_variant="generic")

    def _spoken(self, start: dt.date, end: dt.date, zone: ZoneInfo | None = None) -> str:
        if isinstance(start, dt.datetime) and isinstance(end, dt.datetime):
            zone = zone or self.zone
            start, end = start.astimezone(zone), end.astimezone(zone)
            if start.date() == end.date():
                day = format_date(start.date(), "full", locale=self.locale)
                hours = self._hours(start.time(), end.time())
                return f"{day}, {hours}"

            # Babel has no interval pattern for days with times and falls back to the medium
            # date-time format, seconds and all: each end is said as a day and a short time,
            # joined the way the locale joins a date with a time and two ends of a span.
            span = str(self.locale.interval_formats.get(None, "{0} \u2013 {1}"))
            return span.replace("{0}", self.moment(start, zone)).replace("{1}", self.moment(end, zone))
        if start == end:
            return format_date(start, "full", locale=self.locale)
        return format_interval(start, end, "yMMMEd", locale=self.locale)

    def hours_between(self, start: dt.datetime, end: dt.datetime, zone: ZoneInfo | None = None) -> str:
        """``10:00-10:45 AM``: two times of one day, in the site's zone (or ``zone``)."""
        start, end = start.astimezone(zone or self.zone), end.astimezone(zone or self.zone)
        return self._hours(start.time(), end.time())

    def _skeleton(self, skeleton: str, day: dt.date) -> str:
        """A day in the locale's words for ``skeleton``: the same days come back on every
        card and page that lists them."""
        return _remembered(
            self._days, (skeleton, day), lambda: format_skeleton(skeleton, day, locale=self.locale)
        )

    def _hours(self, start: dt.time, end: dt.time) -> str:
        # A shop has few opening hours (10:00-11:00 every week), said on every card and page.
        return _remembered(
            self._between, (start, end), lambda: format_interval(start, end, self.hours, locale=self.locale)
        )

    def day(self, value: dt.date, of: Occurrence | None = None) -> str:
        """``Sat, Jan 2``: the day of a date or moment, in few words: in the site's zone, or
        in the zone ``of`` an occurrence abroad is said in first."""
        if isinstance(value, dt.datetime):
            zone = (self._elsewhere(of) if of is not None else None) or self.zone
            value = value.astimezone(zone).date()
        return self._skeleton("MMMEd", value)

    def days(self, values: Iterable[dt.date], of: Occurrence | None = None) -> str:
        """``Sat, Dec 19 and Sat, Jan 2``: days in few words, joined as the language joins them."""
        return self.and_list(self.day(value, of) for value in values)

    def moment(self, value: dt.date, zone: ZoneInfo | None = None) -> str:
        """``Sat, Jan 16, 2027, 10:00 AM`` in the site's zone (or ``zone``), or ``Sat, Jan 16,
        2027``: one point in time, such as where a moved date was."""
        if not isinstance(value, dt.datetime):
            return self._skeleton("yMMMEd", value)
        value = value.astimezone(zone or self.zone)
        day = self._skeleton("yMMMEd", value.date())
        time = format_time(value, "short", locale=self.locale)
        return str(self.locale.datetime_formats["medium"]).replace("{1}", day).replace("{0}", time)

    def short_when(self, occurrence: Occurrence) -> str:
        """``Tue, Dec 1, 8:30-9:15 AM``: when, in few words, for a card under its month."""
        if self._elsewhere(occurrence) is not None:
            return self.when(occurrence)  # its own time first, then the site's
        return _remembered(
            self._short_when, (occurrence.start, occurrence.end), lambda: self._short_spoken(occurrence)
        )

    def _short_spoken(self, occurrence: Occurrence) -> str:
        start, end = occurrence.start, occurrence.end
        if isinstance(start, dt.datetime) and isinstance(end, dt.datetime):
            start, end = start.astimezone(self.zone), end.astimezone(self.zone)
            if start.date() == end.date():
                return f"{self.day(start.date())}, {self.hours_between(start, end)}"
        elif start == end:
            return self.day(start)
        return self.when(occurrence)

    def zone_name(self) -> str:
        """``Central Time``: the site's zone as people call it."""
        return self.zone_called(self.zone)

    def money(self, amount: Decimal) -> str:
        """An amount in the site's currency; whole amounts without cents (``$500``)."""
        if amount == amount.to_integral_value():
            pattern = self.locale.currency_formats["standard"].pattern.split(";")[0]
            whole = re.sub(r"\.0+", "", pattern)
            return format_currency(
                amount, self.currency, format=whole, locale=self.locale, currency_digits=False
            )
        return format_currency(amount, self.currency, locale=self.locale)

    def and_list(self, items: Any) -> str:
        """``Family and Patron``, ``Family und Patron``: names joined as the language joins them."""
        return format_list([str(item) for item in items], locale=self.locale)

    def average(self, value: float) -> str:
        """``4.8``, ``4,8``: an average rating to one decimal, as the language writes it."""
        return format_decimal(round(value, 1), format="0.0", locale=self.locale)

    def price(self, amount: Decimal) -> str:
        return self.texts.gettext("Free") if amount == 0 else self.money(amount)

    def quantity(self, value: Decimal, unit: str | UnitForms | None) -> str:
        """``9 hours``, ``9,4 Kilogramm``, ``2.300 Bestellungen``, ``$985``: a measured amount
        with its unit, in the form the number takes in the site's language."""
        if unit == "money":
            return self.money(value)
        number = format_decimal(value, locale=self.locale)
        if unit is None:
            return number
        if isinstance(unit, UnitForms):
            return f"{number} {unit.form(self.locale.plural_form(abs(value)))}"
        measure = _measures().get(unit.lower())
        if measure is not None:
            return str(format_unit(value, measure, "long", locale=self.locale))
        if self.locale.language != "en":
            # An English plural would be wrong; the owner gives the forms when the word changes.
            return f"{number} {unit}"
        return f"{number} {unit if abs(value) == 1 else plural(unit)}"

    def change(self, result: Result) -> str:
        """``down 8 hours (\u221289%)``: how a story's number moved, in words and percent."""
        difference = result.change
        if difference == 0:
            return self.texts.gettext("no change")
        amount = self.quantity(abs(difference), result.unit)
        if difference > 0:
            words = self.texts.gettext("up %(amount)s") % {"amount": amount}
        else:
            words = self.texts.gettext("down %(amount)s") % {"amount": amount}
        if result.percent is None:
            return words
        # The locale's percent pattern ("95 %" in German) and its minus sign.
        percent = format_percent(abs(result.percent) / 100, locale=self.locale, decimal_quantization=False)
        symbols = self.locale.number_symbols.get("latn", self.locale.number_symbols)
        sign = symbols.get("plusSign", "+") if result.percent > 0 else "\u2212"
        return f"{words} ({sign}{percent})"
