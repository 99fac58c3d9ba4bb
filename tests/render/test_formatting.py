"""Tests for portal_gen.render.formatting: locale-aware dates and money, text made safe for Markdown."""

from __future__ import annotations

import datetime as dt
import html
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import markdown
import pytest

from portal_gen.model.events import Event
from portal_gen.model.portal import Occurrence
from portal_gen.render.formatting import Formatter, link_target, markdown_text

CHICAGO = ZoneInfo("America/Chicago")


def _occurrence(start: dt.date | dt.datetime, end: dt.date | dt.datetime) -> Occurrence:
    # Only the occurrence's own times matter to the formatter.
    event = Event(id="e", title="E", start="2026-12-05")
    return Occurrence(event, start, end)


def test_money_in_the_site_locale() -> None:
    """Whole amounts drop the cents; the currency sign sits where the locale puts it."""
    assert Formatter("en_US", "USD", CHICAGO).money(Decimal("1500")) == "$1,500"
    assert Formatter("en_US", "USD", CHICAGO).money(Decimal("12.5")) == "$12.50"
    assert Formatter("de_DE", "EUR", CHICAGO).money(Decimal("1500")) == "1.500\xa0€"
    assert Formatter("en_US", "USD", CHICAGO).price(Decimal("0")) == "Free"


def test_when_a_timed_occurrence_happens() -> None:
    """A day and a time range, in the site's zone and locale."""
    start = dt.datetime(2026, 12, 5, 10, 0, tzinfo=CHICAGO)
    occurrence = _occurrence(start, start + dt.timedelta(minutes=45))
    assert (
        Formatter("en_US", "USD", CHICAGO).when(occurrence)
        == "Saturday, December 5, 2026, 10:00\u2009\u2013\u200910:45\u202fAM"
    )
    german = Formatter("de_DE", "EUR", CHICAGO)
    assert german.when(occurrence) == "Samstag, 5. Dezember 2026, 10:00\u201310:45 Uhr"


def test_when_is_shown_in_the_site_zone() -> None:
    """An event kept in another zone is shown at the site's wall-clock time."""
    start = dt.datetime(2026, 12, 5, 10, 0, tzinfo=ZoneInfo("America/New_York"))
    occurrence = _occurrence(start, start + dt.timedelta(hours=1))
    assert (
        Formatter("en_US", "USD", CHICAGO).when(occurrence)
        == "Saturday, December 5, 2026, 9:00\u2009\u2013\u200910:00\u202fAM"
    )


def test_when_all_day_and_multi_day() -> None:
    """One day reads as a date, several days as a range."""
    fmt = Formatter("en_US", "USD", CHICAGO)
    assert fmt.when(_occurrence(dt.date(2026, 12, 18), dt.date(2026, 12, 18))) == "Friday, December 18, 2026"
    assert (
        fmt.when(_occurrence(dt.date(2026, 12, 18), dt.date(2026, 12, 20)))
        == "Fri, Dec 18\u2009\u2013\u2009Sun, Dec 20, 2026"
    )


def test_markdown_text_shows_what_was_typed() -> None:
    """Emphasis, links, HTML and table pipes in data come out as the characters typed."""
    typed = "*Half* price [today](x) <b>only</b> | a_b_c"
    html = markdown.markdown(str(markdown_text(typed)), extensions=["tables"])
    # &#124; is how a browser shows "|" without it splitting a table cell.
    assert html == "<p>*Half* price [today](x) &lt;b&gt;only&lt;/b&gt; &#124; a_b_c</p>"


TYPED = [
    "# Best shop ever",
    "Learn C#",
    "- not a list",
    "+ not a list either",
    "1. not numbered",
    "===",
    "---",
    ":material-check: not an icon",
    "*Half* price [today](x) <b>only</b> `code` a_b_c {{ 7*7 }}",
    "Tom & Eli > everyone | 100%",
]
#: The Markdown extensions of the sample's mkdocs.yml that change how text is read.
EXTENSIONS = ["attr_list", "md_in_html", "tables", "pymdownx.emoji", "toc"]


@pytest.mark.parametrize("typed", TYPED)
def test_markdown_text_reads_as_typed_at_the_start_of_a_line(typed: str) -> None:
    """Line-start syntax (headings, lists, rules, setext underlines) and shortcodes stay text."""
    page = f"Text above\n{markdown_text(typed)}\n\n#### {markdown_text(typed)}\n"
    rendered = markdown.markdown(page, extensions=EXTENSIONS)
    assert rendered.count("<p>") == 1
    assert "<h4" in rendered and "<ul>" not in rendered and "<ol>" not in rendered
    assert "<svg" not in rendered and "<hr" not in rendered and "<h1" not in rendered
    text = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    assert text == f"Text above\n{typed}\n{typed}"


def test_markdown_text_keeps_one_line() -> None:
    """Newlines in a short field cannot start a heading or a list."""
    assert str(markdown_text("One\n# Two\n- three")) == "One \\# Two - three"


def test_link_target_cannot_break_out_of_the_link() -> None:
    """Spaces, parentheses and quotes are percent-encoded inside ``(...)``."""
    assert str(link_target("https://x.example/a b)(c'\"")) == "https://x.example/a%20b%29%28c%27%22"


@pytest.mark.parametrize(
    ("before", "after", "unit", "shown"),
    [
        (9, 1, "hour", ("9 hours", "1 hour", "down 8 hours (\u221289%)")),
        (1240, 985, "money", ("$1,240", "$985", "down $255 (\u221221%)")),
        (2, 3, "class", ("2 classes", "3 classes", "up 1 class (+50%)")),
        (0, 4, "story", ("0 stories", "4 stories", "up 4 stories")),
        (5, 5, None, ("5", "5", "no change")),
        (2.5, 1.25, "hour", ("2.5 hours", "1.25 hours", "down 1.25 hours (\u221250%)")),
    ],
)
def test_story_results_are_worked_out(before: float, after: float, unit: str | None, shown: tuple) -> None:
    """A result shows both values with their unit and the change, with a percentage when it has one."""
    from portal_gen.model.customers import Result

    fmt = Formatter("en_US", "USD", CHICAGO)
    result = Result(metric="m", before=before, after=after, unit=unit)
    assert (fmt.quantity(result.before, unit), fmt.quantity(result.after, unit), fmt.change(result)) == shown


@pytest.mark.parametrize(
    ("locale", "before", "after", "unit", "shown"),
    [
        (
            "de_DE",
            2300,
            1,
            {"one": "Bestellung", "other": "Bestellungen"},
            ("2.300 Bestellungen", "1 Bestellung", "2.299 Bestellungen weniger (\u2212100\xa0%)"),
        ),
        ("de_DE", 22, 9.4, "hour", ("22 Stunden", "9,4 Stunden", "12,6 Stunden weniger (\u221257\xa0%)")),
        (
            "fr_FR",
            1,
            2,
            "kilogram",
            ("1\xa0kilogramme", "2\xa0kilogrammes", "1\xa0kilogramme de plus (+100\xa0%)"),
        ),
        ("nl_NL", 3, 3, "Stuk", ("3 Stuk", "3 Stuk", "ongewijzigd")),
        (
            "es_ES",
            10,
            5,
            {"one": "pedido", "other": "pedidos"},
            ("10 pedidos", "5 pedidos", "5 pedidos menos (\u221250\xa0%)"),
        ),
    ],
)
def test_units_take_the_form_and_words_of_the_sites_language(
    locale: str, before: float, after: float, unit: object, shown: tuple
) -> None:
    """A measure CLDR knows is said in the language; an owner's unit takes the plural form the
    language's rule picks; no English "s" is added to a German word; percent signs are spaced
    as the locale spaces them."""
    from portal_gen.model.customers import Result

    fmt = Formatter(locale, "EUR", CHICAGO)
    result = Result(metric="m", before=before, after=after, unit=unit)
    got = (
        fmt.quantity(result.before, result.unit),
        fmt.quantity(result.after, result.unit),
        fmt.change(result),
    )
    assert got == shown


def test_an_event_abroad_says_its_own_time_first() -> None:
    """A Paris class is said in Paris time first, then in the site's: its own zone is where
    people go to it, over two days too. Online, or all day, it is said in the site's zone alone."""
    event = Event(id="e", title="E", start="2026-12-05 10:00", end="11:00", timezone="Europe/Paris")
    start = dt.datetime(2026, 12, 5, 10, tzinfo=ZoneInfo("Europe/Paris"))
    occurrence = Occurrence(event, start, start + dt.timedelta(hours=1))
    fmt = Formatter("en_US", "USD", CHICAGO)
    assert fmt.when(occurrence) == (
        "Saturday, December 5, 2026, 10:00\u2009\u2013\u200911:00\u202fAM Central European Time · "
        "Sat, Dec 5, 2026, 3:00\u202fAM Central Time"
    )
    assert fmt.short_when(occurrence) == fmt.when(occurrence) and fmt.abroad(occurrence)
    online = event.model_copy(update={"online": "https://meet.example/e"})
    assert fmt.when(Occurrence(online, occurrence.start, occurrence.end)) == (
        "Saturday, December 5, 2026, 3:00\u2009\u2013\u20094:00\u202fAM"
    )
    german = Formatter("de_DE", "EUR", ZoneInfo("Europe/Berlin"))
    cleveland = Event(id="c", title="C", start="2026-05-12 18:30", end="20:00", timezone="America/New_York")
    there = dt.datetime(2026, 5, 12, 18, 30, tzinfo=ZoneInfo("America/New_York"))
    assert german.when(Occurrence(cleveland, there, there + dt.timedelta(minutes=90))) == (
        "Dienstag, 12. Mai 2026, 18:30\u201320:00 Uhr Nordamerikanische Ostküstenzeit · "
        "Mi., 13. Mai 2026, 00:30 Mitteleuropäische Zeit"
    )
    fair = Event(
        id="f", title="F", start="2027-05-12 18:00", end="2027-05-13 12:00", timezone="America/New_York"
    )
    new_york = ZoneInfo("America/New_York")
    two_days = Occurrence(
        fair, dt.datetime(2027, 5, 12, 18, tzinfo=new_york), dt.datetime(2027, 5, 13, 12, tzinfo=new_york)
    )
    assert Formatter("en_US", "USD", ZoneInfo("Europe/Berlin")).when(two_days) == (
        "Wed, May 12, 2027, 6:00\u202fPM\u2009\u2013\u2009Thu, May 13, 2027, 12:00\u202fPM Eastern Time · "
        "Thu, May 13, 2027, 12:00\u202fAM Central European Time"
    )
    local = Occurrence(
        Event(id="l", title="L", start="2026-12-05"), dt.date(2026, 12, 5), dt.date(2026, 12, 5)
    )
    assert not fmt.abroad(local)


def test_a_timed_occurrence_over_several_days_has_no_seconds() -> None:
    """Two days with short times, as each locale joins a date and a time, without seconds."""
    start = dt.datetime(2027, 5, 11, 9, 0, tzinfo=CHICAGO)
    occurrence = _occurrence(start, dt.datetime(2027, 5, 13, 16, 0, tzinfo=CHICAGO))
    assert Formatter("en_US", "USD", CHICAGO).when(occurrence) == (
        "Tue, May 11, 2027, 9:00\u202fAM\u2009\u2013\u2009Thu, May 13, 2027, 4:00\u202fPM"
    )
    assert Formatter("de_DE", "EUR", CHICAGO).when(occurrence) == (
        "Di., 11. Mai 2027, 09:00\u2009\u2013\u2009Do., 13. Mai 2027, 16:00"
    )


def test_importing_the_filters_reads_no_locale_data() -> None:
    """CLDR data is read for the locales a site uses when it formats, not when the filters
    are imported (English's, for unit names, once a quantity is shown)."""
    import subprocess
    import sys

    code = (
        "import babel.localedata as data\n"
        "seen = []\n"
        "load = data.load\n"
        "data.load = lambda name, *args, **kwargs: (seen.append(name), load(name, *args, **kwargs))[1]\n"
        "import portal_gen.render.formatting\n"
        "print(seen)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_formatter_that_said_other_times_says_each_as_a_fresh_one_would() -> None:
    """The formatter's memories of days and hours never leak into another occurrence's words."""
    paris = Event(id="p", title="P", start="2026-11-01 17:00", end="18:00", timezone="Europe/Paris")
    summer = dt.datetime(2026, 10, 31, 10, tzinfo=CHICAGO)  # daylight time
    winter = dt.datetime(2026, 11, 7, 10, tzinfo=CHICAGO)  # the same wall clock, standard time
    occurrences = [
        _occurrence(summer, summer + dt.timedelta(minutes=45)),
        _occurrence(winter, winter + dt.timedelta(minutes=45)),
        _occurrence(winter, winter + dt.timedelta(hours=1)),
        Occurrence(paris, winter, winter + dt.timedelta(minutes=45)),  # the same moments, abroad
        _occurrence(dt.date(2026, 11, 7), dt.date(2026, 11, 7)),
        _occurrence(dt.date(2026, 11, 7), dt.date(2026, 11, 9)),
        _occurrence(winter, winter + dt.timedelta(days=1)),
    ]
    reused = Formatter("en_US", "USD", CHICAGO)
    for occurrence in occurrences * 2:
        fresh = Formatter("en_US", "USD", CHICAGO)
        assert reused.short_when(occurrence) == fresh.short_when(occurrence)
        assert reused.when(occurrence) == Formatter("en_US", "USD", CHICAGO).when(occurrence)
        assert reused.moment(occurrence.start) == Formatter("en_US", "USD", CHICAGO).moment(occurrence.start)
        assert reused.day(occurrence.start, occurrence) == Formatter("en_US", "USD", CHICAGO).day(
            occurrence.start, occurrence
        )
    assert reused.short_when(occurrences[0]) != reused.short_when(occurrences[3])


def test_an_average_rating_has_one_decimal_as_the_language_writes_it() -> None:
    """4.75 reads 4.8 in English and 4,8 in German; a whole 5 keeps its decimal."""
    assert Formatter("en_US", "USD", CHICAGO).average(4.75) == "4.8"
    assert Formatter("de_DE", "EUR", CHICAGO).average(4.75) == "4,8"
    assert Formatter("en_US", "USD", CHICAGO).average(5) == "5.0"
