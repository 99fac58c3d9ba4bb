"""Tests for portal_gen.model.postal: an address is read and written as its country writes it."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from portal_gen.model.postal import Address, PostalAddress

_READ = TypeAdapter(Address)


def test_one_line_is_the_street_alone_and_assumes_no_country() -> None:
    """A one-line address is kept as written; no country is guessed for it."""
    address = _READ.validate_python("1834 N Damen Ave, Chicago, IL 60647")
    assert address.text("US") == "1834 N Damen Ave, Chicago, IL 60647"
    assert address.schema_org("US") == {
        "@type": "PostalAddress",
        "streetAddress": "1834 N Damen Ave, Chicago, IL 60647",
    }


@pytest.mark.parametrize(
    ("parts", "default", "line"),
    [
        (
            {"street": "1834 N Damen Ave", "locality": "Chicago", "region": "IL", "postal_code": "60647"},
            "US",
            "1834 N Damen Ave, Chicago, IL 60647",
        ),
        (
            {"street": "Hohe Str. 12", "locality": "Köln", "postal_code": "50667"},
            "DE",
            "Hohe Str. 12, 50667 Köln",
        ),
        (
            {"street": "10 Downing St", "locality": "London", "postal_code": "SW1A 1AA", "country": "gb"},
            "US",
            "10 Downing St, London, SW1A 1AA, United Kingdom",
        ),
        (
            {"street": "1 Main St", "locality": "Springfield", "postal_code": "62701"},
            "US",
            "1 Main St, Springfield 62701",
        ),
        (
            {
                "street": "神宮前1-2-3",
                "locality": "渋谷区",
                "region": "東京都",
                "postal_code": "150-0001",
                "country": "JP",
            },
            None,
            "〒150-0001, 東京都, 神宮前1-2-3, 渋谷区, Japan",
        ),
    ],
)
def test_parts_are_written_in_the_order_of_the_country(parts: dict, default: str | None, line: str) -> None:
    """Postal code before the town in Germany, after it in the US and UK; a missing region
    leaves no stray comma; a part the country's format has no place for is kept by the street."""
    assert _READ.validate_python(parts).text(default) == line


def test_parts_become_a_structured_postal_address_with_the_site_country() -> None:
    """schema.org gets each part, and the country of the locale when the address names none."""
    address = PostalAddress(street="Hohe Str. 12", locality="Köln", postal_code="50667")
    assert address.schema_org("DE") == {
        "@type": "PostalAddress",
        "streetAddress": "Hohe Str. 12",
        "addressLocality": "Köln",
        "postalCode": "50667",
        "addressCountry": "DE",
    }


@pytest.mark.parametrize(
    ("address", "default", "problem"),
    [
        (
            PostalAddress(street="x", locality="Köln", postal_code="5066"),
            "DE",
            "'5066' is not a postal code in DE; one there looks like 26133 or 53225",
        ),
        (
            PostalAddress(street="x", locality="Chicago", region="IL", postal_code="90210"),
            "US",
            "'90210' is not a postal code in IL, US; one there looks like 60000 or 62999",
        ),
        (PostalAddress(street="x", locality="Chicago", region="IL", postal_code="60647-1234"), "US", None),
        (PostalAddress(street="x", postal_code="sw1a 1aa", country="GB"), "US", None),
        (PostalAddress(street="x", postal_code="5066"), None, None),
    ],
)
def test_a_postal_code_is_checked_against_its_country_and_region(
    address: PostalAddress, default: str | None, problem: str | None
) -> None:
    """Google's data says what a country's (and a US state's) codes look like; without a
    country nothing is claimed."""
    assert address.postal_code_problem(default) == problem


def test_a_country_is_its_two_letter_code() -> None:
    """Lowercase is accepted; a code that is no country is refused with an example."""
    assert PostalAddress(street="x", country="de").country == "DE"
    with pytest.raises(ValidationError) as failure:
        PostalAddress(street="x", country="Germany")
    assert failure.value.errors()[0]["msg"] == "expected a country's two-letter code, like US, DE or FR"


def test_an_address_abroad_names_its_country_in_the_sites_language() -> None:
    """As on an envelope: a German site names Austria ("Österreich") after a Vienna address,
    and no country after a German one."""
    vienna = PostalAddress(street="Trabrennstraße 7", locality="Wien", postal_code="1020", country="AT")
    assert vienna.text("DE", "de_DE") == "Trabrennstraße 7, 1020 Wien, Österreich"
    assert vienna.text("AT", "de_AT") == "Trabrennstraße 7, 1020 Wien"
