"""Tests for portal_gen.render.structured: schema.org Event JSON-LD on event pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import SAMPLE_TODAY, PortalWriter, files_of


def _jsonld(page: bytes) -> dict:
    match = re.search(rb'<script type="application/ld\+json">\n(.*?)\n</script>', page, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match[1])


def test_event_page_has_google_required_and_recommended_fields(sample_copy: Path) -> None:
    """name, startDate with offset, Place with address; end, status, mode, offers, organizer."""
    files = files_of(sample_copy, SAMPLE_TODAY)
    data = _jsonld(files["events/first-piano-lesson.md"])
    assert data["@type"] == "Event"
    assert data["name"] == "Your child's first piano lesson"
    assert data["startDate"] == "2026-12-12T14:00:00-06:00"
    assert data["endDate"] == "2026-12-12T15:30:00-06:00"
    assert data["location"] == {
        "@type": "Place",
        "name": "Damen Avenue Music School",
        "address": {"@type": "PostalAddress", "streetAddress": "2011 N Damen Ave, Chicago, IL 60647"},
    }
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["offers"]["price"] == "0" and data["offers"]["priceCurrency"] == "USD"
    assert [o["name"] for o in data["organizer"]] == ["Bramble & Bloom", "Damen Avenue Music School"]


def test_an_event_in_the_shop_gets_the_shops_address_in_parts(sample_copy: Path) -> None:
    """The shop's address, written in parts in site.yml, is a full PostalAddress with the
    country of the locale."""
    data = _jsonld(files_of(sample_copy, SAMPLE_TODAY)["events/holiday-wrapping-days.md"])
    first = data[0] if isinstance(data, list) else data
    assert first["location"] == {
        "@type": "Place",
        "name": "In the shop",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "1834 N Damen Ave",
            "addressLocality": "Chicago",
            "addressRegion": "IL",
            "postalCode": "60647",
            "addressCountry": "US",
        },
    }


def test_recurring_event_describes_every_upcoming_date(sample_copy: Path) -> None:
    """For a repeating class the JSON-LD is one Event per date still to come, in order."""
    files = files_of(sample_copy, SAMPLE_TODAY)
    data = _jsonld(files["events/kids-yoga.md"])
    assert isinstance(data, list)
    starts = [event["startDate"] for event in data]
    assert starts[0] == "2026-12-05T10:00:00-06:00"
    assert "2027-03-27T10:00:00-05:00" in starts and "2027-01-02T10:00:00-06:00" not in starts
    assert len(starts) == 8 and starts == sorted(starts)
    assert {event["name"] for event in data} == {"Kids' yoga with Lotus Tree Yoga"}


def test_cancelled_event_says_so(sample_copy: Path) -> None:
    """eventStatus follows the data."""
    files = files_of(sample_copy, SAMPLE_TODAY)
    assert _jsonld(files["events/winter-story-time.md"])["eventStatus"] == "https://schema.org/EventCancelled"
    assert b"application/ld+json" not in files["events/tennis-introduction.md"]


def test_online_event_and_data_that_tries_to_end_the_script(make_portal: PortalWriter) -> None:
    """A VirtualLocation for online events; '</script>' in a title cannot close the element."""
    root = make_portal(
        events="""\
        events:
          - id: webinar
            title: "Sleep tips </script><script>alert(1)</script>"
            start: 2026-05-01 19:00
            end: 20:00
            online: https://meet.example/sleep
        """
    )
    page = files_of(root, SAMPLE_TODAY)["events/webinar.md"]
    script = page.split(b'<script type="application/ld+json">', 1)[1].split(b"</script>", 1)[0]
    assert b"<" not in script
    data = _jsonld(page)
    assert data["name"] == "Sleep tips </script><script>alert(1)</script>"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://meet.example/sleep"}
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"


def test_tiers_page_has_a_member_program(sample_copy: Path) -> None:
    """MemberProgram with a MemberProgramTier per tier, spend requirements and shipping benefits."""
    data = _jsonld(files_of(sample_copy, SAMPLE_TODAY)["tiers/index.md"])
    assert data["@type"] == "Organization"
    program = data["hasMemberProgram"]
    assert program["@type"] == "MemberProgram"
    tiers = {tier["name"]: tier for tier in program["hasTiers"]}
    assert list(tiers) == ["Friends", "Family", "Patron"]
    assert "hasTierRequirement" not in tiers["Friends"]
    assert tiers["Patron"]["hasTierRequirement"] == {
        "@type": "MonetaryAmount",
        "value": "1500",
        "currency": "USD",
    }
    assert tiers["Family"]["hasTierBenefit"] == ["https://schema.org/TierBenefitLoyaltyShipping"]
    assert all(tier["@type"] == "MemberProgramTier" for tier in tiers.values())


def test_tiers_no_perk_names_a_benefit_for_are_left_out(make_portal: PortalWriter) -> None:
    """Google requires a benefit per tier: a tier without one is left out, and with no tier
    left the business is described without a member programme."""
    tiers = """\
tiers:
  - id: basic
    name: Basic
    threshold: 0
  - id: plus
    name: Plus
    threshold: 100
perks:
  - id: ship
    title: Free shipping
    benefit: shipping
    tiers:
      plus: yes
"""
    data = _jsonld(files_of(make_portal(tiers=tiers), SAMPLE_TODAY)["tiers/index.md"])
    assert [tier["name"] for tier in data["hasMemberProgram"]["hasTiers"]] == ["Plus"]
    none = _jsonld(
        files_of(make_portal(tiers=tiers.replace("    benefit: shipping\n", "")), SAMPLE_TODAY)[
            "tiers/index.md"
        ]
    )
    assert none == {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": "Test Shop",
        "url": "https://shop.example/",
    }
