"""Tests for portal_gen.model.values: amounts and numbers have one spelling per value."""

from __future__ import annotations

from decimal import Decimal

import pytest

from portal_gen.model.values import canonical, parse_money, parse_number


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        (15, "15"),
        ("15.0", "15"),
        ("15.00", "15"),
        (12.5, "12.5"),
        ("12.50", "12.5"),
        ("1,500", "1500"),
        ("0.00", "0"),
        ("free", "0"),
    ],
)
def test_amounts_that_are_equal_print_alike(written: object, shown: str) -> None:
    """15, 15.0 and 15.00 are one amount and print as 15 (JSON-LD shows str(amount))."""
    assert str(parse_money(written)) == shown


@pytest.mark.parametrize(("written", "shown"), [("9", "9"), ("2.50", "2.5"), ("-0", "0"), ("-3.0", "-3")])
def test_numbers_that_are_equal_print_alike(written: str, shown: str) -> None:
    """Story numbers get the same single spelling, and -0 is 0."""
    assert str(parse_number(written)) == shown


def test_long_and_huge_numbers_keep_every_digit_and_stay_cheap() -> None:
    """No digit is rounded away, 1E+3 is written out, and an absurd exponent is left alone."""
    assert str(canonical(Decimal("123456789012345678901234567890.10"))) == "123456789012345678901234567890.1"
    assert str(canonical(Decimal("1E+3"))) == "1000"
    assert str(canonical(Decimal("1E+999999999"))) == "1E+999999999"


def test_a_zone_is_known_exactly_when_the_zone_database_lists_it() -> None:
    """parse_zone looks in tzdata's list before walking the system's zone folders, and still
    takes every name available_timezones() gives and nothing else."""
    from zoneinfo import available_timezones

    from pydantic_core import PydanticCustomError

    from portal_gen.model.values import parse_zone

    def known(name: str) -> bool:
        try:
            return parse_zone(name) == name
        except PydanticCustomError:
            return False

    listed = available_timezones()
    others = [
        "America",
        "Chicago",
        "Mars/Olympus",
        "posixrules",
        "posix/America/Chicago",
        "right/UTC",
        "../UTC",
    ]
    assert all(known(name) for name in listed)
    assert not any(known(name) for name in others if name not in listed)
