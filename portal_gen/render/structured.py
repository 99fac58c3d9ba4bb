"""schema.org structured data (JSON-LD) for search engines.

Serialised so that no value can end the ``<script>`` element it sits in: ``<``, ``>`` and
``&`` are written as JSON unicode escapes, which parse back to the same characters.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

from markupsafe import Markup

from portal_gen.addresses import TIERS, absolute, event_path
from portal_gen.model.events import Partner
from portal_gen.model.portal import Occurrence
from portal_gen.model.site import Site
from portal_gen.model.tiers import Perk, Tier
from portal_gen.render.formatting import Formatter
from portal_gen.render.requirements import requirement
from portal_gen.texts.catalogs import translations


def _status(occurrence: Occurrence) -> str:
    """schema.org's eventStatus of one date: cancelled, moved (rescheduled) or as planned."""
    if occurrence.cancelled:
        return "EventCancelled"
    return "EventRescheduled" if occurrence.moved_from is not None else "EventScheduled"


def _address(site: Site, path_or_url: str) -> str:
    """A content path (images/yoga.jpg) as a full address on the site; a link as it is."""
    return path_or_url if "://" in path_or_url else absolute(site.url, path_or_url)


def _iso(value: dt.date | dt.datetime) -> str:
    return value.isoformat()


def event_data(occurrence: Occurrence, site: Site, partners: dict[str, Partner]) -> dict[str, Any]:
    """An Event with Google's required fields and the recommended ones the data has."""
    event = occurrence.event
    places: list[dict[str, Any]] = []
    if occurrence.location is not None:
        address = event.street_address(site.contact.address, occurrence.location)
        place: dict[str, Any] = {"@type": "Place", "name": occurrence.location.name}
        if address:
            place["address"] = address.schema_org(site.country)
        places.append(place)
    if event.online:
        places.append({"@type": "VirtualLocation", "url": event.online})
    if not places and site.contact.address:
        places.append(
            {"@type": "Place", "name": site.name, "address": site.contact.address.schema_org(site.country)}
        )
    mode = "Mixed" if len(places) > 1 and event.online else ("Online" if event.online else "Offline")
    organizers: list[dict[str, Any]] = [{"@type": "Organization", "name": site.name, "url": site.url}]
    if event.partner:
        partner = partners[event.partner]
        organizers.append(
            {"@type": "Organization", "name": partner.name, **({"url": partner.url} if partner.url else {})}
        )
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": _iso(occurrence.start),
        "endDate": _iso(occurrence.end),
        "eventStatus": f"https://schema.org/{_status(occurrence)}",
        "eventAttendanceMode": f"https://schema.org/{mode}EventAttendanceMode",
        "location": places[0] if len(places) == 1 else places,
        "organizer": organizers[0] if len(organizers) == 1 else organizers,
        "url": absolute(site.url, event_path(event)),
        "offers": {
            "@type": "Offer",
            "price": str(event.price),
            "priceCurrency": site.currency,
            "url": occurrence.registration
            if occurrence.registration and "://" in occurrence.registration
            else absolute(site.url, event_path(event)),
            "availability": f"https://schema.org/{'Discontinued' if occurrence.cancelled else 'InStock'}",
        },
    }
    if occurrence.moved_from is not None and not occurrence.cancelled:
        data["previousStartDate"] = _iso(occurrence.moved_from)
    if event.summary:
        data["description"] = event.summary
    if event.image:
        data["image"] = [_address(site, event.image)]
    return data


def events_data(
    occurrences: list[Occurrence], site: Site, partners: dict[str, Partner]
) -> dict[str, Any] | list[dict[str, Any]]:
    """One Event per date (search engines list each date of a series as an event of its own)."""
    data = [event_data(occurrence, site, partners) for occurrence in occurrences]
    return data[0] if len(data) == 1 else data


def script(data: dict[str, Any] | list[dict[str, Any]]) -> Markup:
    """A ``<script type="application/ld+json">`` element that data cannot break out of."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">\n{text}\n</script>')


_BENEFITS = {
    "shipping": "TierBenefitLoyaltyShipping",
    "price": "TierBenefitLoyaltyPrice",
    "returns": "TierBenefitLoyaltyReturns",
    "points": "TierBenefitLoyaltyPoints",
}


def _benefits(tier: Tier, perks: tuple[Perk, ...]) -> list[str]:
    return sorted(
        {f"https://schema.org/{_BENEFITS[p.benefit]}" for p in perks if p.benefit and p.value(tier.id)}
    )


def tiers_without_benefit(tiers: tuple[Tier, ...], perks: tuple[Perk, ...]) -> list[Tier]:
    """Tiers search engines cannot be told about: Google requires each member tier to name a
    benefit, and none of their perks says which (``benefit:``)."""
    return [tier for tier in tiers if not _benefits(tier, perks)]


def member_program_data(site: Site, tiers: tuple[Tier, ...], perks: tuple[Perk, ...]) -> dict[str, Any]:
    """The tiers as a schema.org MemberProgram, attached to the business (Organization);
    tiers without a benefit are left out, and with them a programme that would have none."""
    url = absolute(site.url, TIERS)
    organization: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": site.name,
        "url": site.url,
    }
    program_tiers = []
    fmt = Formatter(site.locale, site.currency, ZoneInfo(site.timezone))
    for tier in tiers:
        benefits = _benefits(tier, perks)
        if not benefits:
            continue
        entry: dict[str, Any] = {"@type": "MemberProgramTier", "@id": f"{url}#{tier.id}", "name": tier.name}
        entry["hasTierBenefit"] = benefits
        if tier.price is not None:
            entry["hasTierRequirement"] = {
                "@type": "UnitPriceSpecification",
                "price": str(tier.price),
                "priceCurrency": site.currency,
            }
        elif tier.threshold > 0 and tier.basis not in (None, "spend", "purchases"):
            # A balance, visits or points are no amount spent: said in words, as schema.org allows.
            entry["hasTierRequirement"] = requirement(tier, fmt)
        elif tier.threshold > 0:
            entry["hasTierRequirement"] = {
                "@type": "MonetaryAmount",
                "value": str(tier.threshold),
                "currency": site.currency,
            }
        program_tiers.append(entry)
    if not program_tiers:
        return organization
    texts = translations(site.locale)
    return {
        **organization,
        "hasMemberProgram": {
            "@type": "MemberProgram",
            "name": texts.gettext("%(name)s member tiers") % {"name": site.name},
            "description": texts.gettext(
                "Every customer of %(name)s gets the same service; higher tiers add services."
            )
            % {"name": site.name},
            "url": url,
            "hasTiers": program_tiers,
        },
    }
