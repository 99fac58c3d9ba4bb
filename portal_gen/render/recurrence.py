"""How often a series happens, said in the interface language: "Every other Saturday".

Calendar apps have their own words for a rule; pages need them too, so a customer reads one
card for the series instead of a card per date. The common rules (daily, weekly on some
days, monthly on a day or on the first to fourth or last weekday, yearly) each have a whole
sentence in the catalog, so every language can say it its way; any other rule gets no
sentence, and the card lists the dates instead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from babel.dates import format_skeleton

from portal_gen.model.events import Event
from portal_gen.model.occurrences import endless, skipped_starts
from portal_gen.model.portal import Occurrence
from portal_gen.model.spans import wall_key
from portal_gen.render.formatting import Formatter
from portal_gen.texts.catalogs import N_, PLURAL

_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


#: "Every month on the first Saturday", by the position BYDAY gives (1SA, -1FR).
_NTH = {
    1: N_("Every month on the first %(weekday)s"),
    2: N_("Every month on the second %(weekday)s"),
    3: N_("Every month on the third %(weekday)s"),
    4: N_("Every month on the fourth %(weekday)s"),
    -1: N_("Every month on the last %(weekday)s"),
}
_EVERY_WEEKS = PLURAL.ngettext("Every %(count)s week on %(days)s", "Every %(count)s weeks on %(days)s")
_EVERY_DAYS = PLURAL.ngettext("Every %(count)s day", "Every %(count)s days")


def _parts(rule: str) -> dict[str, str]:
    return dict(part.partition("=")[::2] for part in rule.split(";"))


def _weekday_name(code: str, fmt: Formatter) -> str:
    return str(fmt.locale.days["format"]["wide"][_WEEKDAYS.index(code)])


def rule_in_words(event: Event, fmt: Formatter) -> str | None:
    """``Every other Saturday``, ``Every month on the first Tuesday``; None for a rule these
    words do not cover (BYSETPOS, several months, hours...) or an event that only has extra
    dates."""
    if event.rule is None or event.start is None:
        return None
    parts = _parts(event.rule)
    texts = fmt.texts
    interval = int(parts.get("INTERVAL", "1"))
    known = {"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "WKST"}
    if set(parts) - known:
        return None
    start = event.start.date() if isinstance(event.start, dt.datetime) else event.start
    frequency = parts["FREQ"]
    days = parts.get("BYDAY")
    if frequency == "DAILY" and not days and "BYMONTHDAY" not in parts:
        if interval == 1:
            return texts.gettext("Every day")
        return texts.ngettext(*_EVERY_DAYS, interval) % {"count": interval}
    if frequency == "WEEKLY" and "BYMONTHDAY" not in parts:
        codes = days.split(",") if days else [_WEEKDAYS[start.weekday()]]
        if not all(code in _WEEKDAYS for code in codes):
            return None
        codes.sort(key=_WEEKDAYS.index)
        names = fmt.and_list(_weekday_name(code, fmt) for code in codes)
        if interval == 1:
            return texts.gettext("Every %(days)s") % {"days": names}
        if interval == 2:
            return texts.gettext("Every other %(days)s") % {"days": names}
        return texts.ngettext(*_EVERY_WEEKS, interval) % {"count": interval, "days": names}
    if frequency == "MONTHLY" and interval == 1:
        if days and "BYMONTHDAY" not in parts and "," not in days:
            position, code = days[:-2], days[-2:]
            if code in _WEEKDAYS and position.lstrip("+-").isdigit() and int(position) in _NTH:
                return texts.gettext(_NTH[int(position)]) % {"weekday": _weekday_name(code, fmt)}
            return None
        if not days:
            day = parts.get("BYMONTHDAY", str(start.day))
            if day.isdigit():
                return texts.gettext("Every month on day %(day)s") % {"day": day}
        return None
    if frequency == "YEARLY" and interval == 1 and not days and "BYMONTHDAY" not in parts:
        on = format_skeleton("MMMMd", start, locale=fmt.locale)
        return texts.gettext("Every year on %(date)s") % {"date": on}
    return None


def series_when(event: Event, fmt: Formatter, start: dt.date, end: dt.date) -> str | None:
    """``Every other Saturday, 10:00-10:45 AM``: the rule in words with the hours of one of
    its dates (``start`` to ``end``, in the site's zone); None when the rule has no words."""
    rule = rule_in_words(event, fmt)
    if rule is None:
        return None
    if not isinstance(start, dt.datetime) or not isinstance(end, dt.datetime):
        return rule
    # The rule names the days where the event is held: an event abroad is said in its own
    # zone (its hours named by that zone), lest its Tuesdays read as Mondays.
    occurrence = Occurrence(event, start, end)
    zone = fmt.said_in(occurrence)
    start, end = start.astimezone(zone), end.astimezone(zone)
    if start.date() != end.date():
        return rule
    hours = fmt.hours_between(start, end, zone)
    if zone != fmt.zone:
        hours = f"{hours} {fmt.zone_called(zone)}"
    return fmt.texts.gettext("%(rule)s, %(hours)s") % {"rule": rule, "hours": hours}


@dataclass(frozen=True)
class SeriesView:
    """What a series' one card says: how often, the next date, how many are left, and the
    coming dates that are skipped, cancelled or changed."""

    #: The rule in words with the usual hours, or None when it has no words.
    rule: str | None
    next: Occurrence
    #: The dates that take place from the next one on; None for a rule without end.
    remaining: int | None
    last: Occurrence | None
    #: Coming dates that will not take place: cancelled, or skipped by ``exceptions``.
    not_on: tuple[dt.date | dt.datetime, ...]
    #: Coming dates that take place, changed (moved, elsewhere, or with a notice).
    changed: tuple[Occurrence, ...]


def series_view(
    next_date: Occurrence, coming: list[Occurrence], today: dt.date, fmt: Formatter
) -> SeriesView:
    """The card of the series ``next_date`` belongs to, from its ``coming`` dates (not ended
    by ``today``, cancelled ones included); the usual hours are those of an unchanged date."""
    event = next_date.event
    usual = next((o for o in coming if o.change is None), next_date)
    taking_place = [o for o in coming if not o.cancelled and wall_key(o.start) >= wall_key(next_date.start)]
    bounded = not endless(event)
    zone = ZoneInfo(event.timezone) if event.timezone else fmt.zone
    skipped = [
        start.replace(tzinfo=zone) if isinstance(start, dt.datetime) else start
        for start in skipped_starts(event, fmt.zone.key)
        if (start.date() if isinstance(start, dt.datetime) else start) >= today
    ]
    cancelled = [o.start for o in coming if o.cancelled and not event.cancelled]
    return SeriesView(
        rule=series_when(event, fmt, usual.start, usual.end),
        next=next_date,
        remaining=len(taking_place) if bounded else None,
        last=taking_place[-1] if bounded and taking_place else None,
        not_on=tuple(sorted([*cancelled, *skipped], key=wall_key)),
        changed=tuple(o for o in coming if o.change is not None and not o.cancelled),
    )


def event_when(occurrence: Occurrence, fmt: Formatter) -> str:
    """When a date of an event is, for a list: a series as its rule and next date
    ("Every other Saturday, 10:00-10:45 AM; next Sat, Dec 5"), a moved date with where it
    was, a cancelled one marked."""
    event, texts = occurrence.event, fmt.texts
    rule = None
    if event.series and occurrence.change is None:
        rule = series_when(event, fmt, occurrence.start, occurrence.end)
    if rule:
        day = fmt.day(occurrence.start, occurrence)
        text = texts.gettext("%(rule)s; next %(date)s") % {"rule": rule, "date": day}
    else:
        text = fmt.when(occurrence)
        if occurrence.moved_from is not None:
            moved = texts.gettext("moved from %(date)s") % {"date": fmt.moment(occurrence.moved_from)}
            text = f"{text} ({moved})"
    if occurrence.cancelled:
        return texts.gettext("%(when)s (cancelled)") % {"when": text}
    return text
