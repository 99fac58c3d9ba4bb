"""How the events pages list dates: the next weeks in full on the events page, the other
months on pages of their own, under month headings."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from itertools import groupby
from zoneinfo import ZoneInfo

from portal_gen.model.occurrences import sort_key
from portal_gen.model.portal import Occurrence
from portal_gen.render.formatting import Formatter


def by_month(occurrences: Iterable[Occurrence], fmt: Formatter) -> list[tuple[str, list[Occurrence]]]:
    """Occurrences under month headings, keeping their order."""
    return [
        (fmt.month(first_day), list(group))
        for first_day, group in groupby(occurrences, key=lambda o: o.first_day(fmt.zone).replace(day=1))
    ]


def months_of(occurrences: Iterable[Occurrence], zone: ZoneInfo) -> list[tuple[dt.date, list[Occurrence]]]:
    """Occurrences (in time order) by the month they start in, in time order: what each
    month's page lists."""
    months: dict[dt.date, list[Occurrence]] = {}
    for occurrence in occurrences:
        months.setdefault(occurrence.first_day(zone).replace(day=1), []).append(occurrence)
    return list(months.items())


def coming_up(listed: Iterable[Occurrence], today: dt.date, zone: ZoneInfo) -> list[Occurrence]:
    """What the events page shows in full: the listed occurrences of the next
    ``COMING_UP_DAYS``, at least ``COMING_UP_FEW`` of them (a small business's whole season)
    and at most ``COMING_UP_MANY`` (a page a phone loads quickly); the rest are on their
    month's page."""
    last = today + dt.timedelta(days=COMING_UP_DAYS)
    shown: list[Occurrence] = []
    for occurrence in listed:
        if len(shown) >= COMING_UP_MANY or (
            len(shown) >= COMING_UP_FEW and occurrence.first_day(zone) > last
        ):
            break
        shown.append(occurrence)
    return shown


#: How far ahead the events page shows each event, and how many it shows at least and at most.
#: At most 30: the benchmark portal's /events/ then scores a median of 90 for Lighthouse's
#: mobile performance (benchmarks/events_page.py); with 60 it scored 74 (71 to 84).
COMING_UP_DAYS, COMING_UP_FEW, COMING_UP_MANY = 45, 12, 30


@dataclasses.dataclass(frozen=True)
class MonthLink:
    """A month's page as the events page links it, with how many of its dates it counts."""

    month: dt.date
    dates: int


def later_and_past(
    occurrences: Iterable[Occurrence], shown: list[Occurrence], today: dt.date, zone: ZoneInfo
) -> tuple[list[MonthLink], list[MonthLink]]:
    """The months with dates after the last one the events page ``shown`` (soonest first,
    counting their dates to come) and the months with past dates (most recent first, counting
    those): a month that is both is counted in each for what it holds of each."""
    last = sort_key(shown[-1], zone) if shown else None
    coming: dict[dt.date, int] = {}
    past: dict[dt.date, int] = {}
    later: set[dt.date] = set()
    for occurrence in occurrences:
        month = occurrence.first_day(zone).replace(day=1)
        if occurrence.last_day(zone) < today:
            past[month] = past.get(month, 0) + 1
            continue
        coming[month] = coming.get(month, 0) + 1
        if last is None or sort_key(occurrence, zone) > last:
            later.add(month)
    return (
        [MonthLink(month, count) for month, count in coming.items() if month in later],
        [MonthLink(month, count) for month, count in reversed(past.items())],
    )
