"""Texts that name a tier say it as a tier, so a tier called 'Members' (the starter's) or
'Premium Members' (a bank's) never makes 'Members members', in English or in German."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import MINIMAL_SITE, PortalWriter, files_of, templates_of

from portal_gen.app import Run, load_portal
from portal_gen.render.mail import render_email

TODAY = dt.date(2026, 11, 23)
ISSUE = "2026-11-news"

_TIERS = """\
tiers:
  - {{id: friends, name: Friends}}
  - {{id: members, name: {name}, threshold: 500}}
perks:
  - {{id: early, title: Early access, tiers: {{members: yes}}}}
"""
_EVENTS = """\
events:
  - {id: preview, title: Preview, start: 2026-12-05 10:00, end: "11:00", tiers: [members]}
  - {id: fair, title: Fair, start: 2026-12-06 10:00, end: "11:00", tiers: [friends, members]}
"""
_TESTIMONIALS = """\
testimonials:
  - {id: ann, author: Ann, quote: Lovely shop., date: 2026-11-02, consent: true, tier: members}
"""
_STORIES = """\
stories:
  - id: ben
    customer: Ben
    title: A winter wardrobe
    date: 2026-10-01
    situation: Too many trips.
    solution: One visit.
    results:
      - {metric: Trips, before: 3, after: 1, unit: trip}
    tier: members
    consent: true
"""
_ISSUE = """\
---
title: News
date: 2026-11-20
---
{{ upcoming_events(limit=5) }}

{{ next_event("preview") }}

{{ testimonial("ann") }}

{{ stories(limit=1) }}
"""


def _portal(make_portal: PortalWriter, tier: str, locale: str = "en_US") -> Path:
    return make_portal(
        site=MINIMAL_SITE + f"locale: {locale}\n",
        tiers=_TIERS.format(name=tier),
        events=_EVENTS,
        testimonials=_TESTIMONIALS,
        stories=_STORIES,
        pages={f"newsletter/{ISSUE}.md": _ISSUE},
    )


def _everything(root: Path) -> tuple[dict[str, str], str]:
    """Every generated file and the issue's e-mail (HTML and text), as words a reader sees:
    calendar lines unfolded, links and tags reduced to their text, emphasis and runs of
    white space dropped."""
    files = {
        path: data.decode()
        for path, data in files_of(root, TODAY).items()
        if not path.endswith((".css", ".js"))
    }
    mail = render_email(load_portal(Run(root, TODAY)), templates_of(root), ISSUE)
    texts = [*files.values(), mail.html, mail.text]
    shown = "\n".join(text.replace("\r\n ", "").replace("\\", "") for text in texts)
    shown = re.sub(r"<[^>]*>", " ", shown)
    shown = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", shown)
    return files, re.sub(r"\s+", " ", shown.replace("*", ""))


@pytest.mark.parametrize(
    ("tier", "locale", "doubled"),
    [
        ("Members", "en_US", r"\bMembers members?\b"),
        ("Premium Members", "en_US", r"\bMembers members?\b"),
        ("Mitglieder", "de_DE", r"\bMitglieder Mitglied(?:er)?\b|\bMitglied(?:er)? Mitglieder\b"),
    ],
)
def test_no_page_calendar_or_email_doubles_a_tier_named_members(
    make_portal: PortalWriter, tier: str, locale: str, doubled: str
) -> None:
    """No generated page, calendar or e-mail of the portal says the tier's name beside 'members'."""
    _, shown = _everything(_portal(make_portal, tier, locale))
    assert tier in shown
    assert re.findall(r".{0,40}(?:" + doubled + r").{0,40}", shown, re.IGNORECASE) == []


def test_the_english_texts_name_the_tier_as_a_tier(make_portal: PortalWriter) -> None:
    """Event card, event page, home, story, testimonial and calendar name, word for word."""
    files, _ = _everything(_portal(make_portal, "Members"))
    tiers = "../tiers/index.md"
    card = '<span class="portal-badge">For the Members tier</span>'
    assert card in files["events/index.md"]
    assert '<span class="portal-badge">For the Friends and Members tiers</span>' in files["events/index.md"]
    preview = files["events/preview.md"]
    assert f"**Who:** members of the [Members]({tiers}#members) tier" in preview
    assert (
        f"members of the [Friends]({tiers}#friends) and [Members]({tiers}#members) tiers"
        in files["events/fair.md"]
    )
    assert "Subscribe to the events of the Members tier" in preview
    home = files["index.md"]
    assert "*(for the Members tier)*" in home and "*(for the Friends and Members tiers)*" in home
    stories = files["testimonials/index.md"]
    assert "**Ben**, Members tier, " in stories
    assert "[How to reach the Members tier :octicons-arrow-right-24:](../tiers/index.md#members)" in stories
    assert f", member of the [Members]({tiers}#members) tier</figcaption>" in stories
    calendar = files["events/members.ics"]
    assert "X-WR-CALNAME:Test Shop: events of the Members tier\r\n" in calendar
    assert "The events Test Shop invites the members of its Members tier to." in calendar.replace("\r\n ", "")


def test_the_german_texts_name_the_tier_as_a_stufe(make_portal: PortalWriter) -> None:
    """The same places in German: 'Stufe Mitglieder', never 'Mitglieder Mitglieder'."""
    files, _ = _everything(_portal(make_portal, "Mitglieder", "de_DE"))
    tiers = "../tiers/index.md"
    assert '<span class="portal-badge">Für die Stufe Mitglieder</span>' in files["events/index.md"]
    assert (
        '<span class="portal-badge">Für die Stufen Friends und Mitglieder</span>' in files["events/index.md"]
    )
    preview = files["events/preview.md"]
    assert f"**Für wen:** Mitglieder der Stufe [Mitglieder]({tiers}#members)" in preview
    fair = files["events/fair.md"]
    assert f"Mitglieder der Stufen [Friends]({tiers}#friends) und [Mitglieder]({tiers}#members)" in fair
    assert "Veranstaltungen der Stufe Mitglieder abonnieren" in preview
    home = files["index.md"]
    assert "*(für die Stufe Mitglieder)*" in home and "*(für die Stufen Friends und Mitglieder)*" in home
    stories = files["testimonials/index.md"]
    assert "**Ben**, Stufe Mitglieder, " in stories
    assert (
        "[So erreichen Sie die Stufe Mitglieder :octicons-arrow-right-24:](../tiers/index.md#members)"
        in stories
    )
    assert f", Mitglied der Stufe [Mitglieder]({tiers}#members)</figcaption>" in stories
    calendar = files["events/members.ics"]
    assert "X-WR-CALNAME:Test Shop: Veranstaltungen der Stufe Mitglieder\r\n" in calendar
    unfolded = calendar.replace("\r\n ", "")
    assert (
        "Die Veranstaltungen, zu denen Test Shop die Mitglieder seiner Stufe Mitglieder einlädt." in unfolded
    )
