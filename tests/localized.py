"""Portals in another language, made as ``init`` makes them with their data in that language,
and what of portal-gen's English would show through on them."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from babel.messages.pofile import read_po

from portal_gen.render.starter import starter_files
from portal_gen.texts.catalogs import translations

REPO = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 12, 3)
PLACEHOLDER = re.compile(r"%\(\w+\)s")

#: What differs from the starter, per locale: data and pages in that language.
DATA: dict[str, dict[str, str]] = {
    "de_DE": {
        "data/tiers.yml": """\
tiers:
  - id: stamm
    name: Stammkunden
    threshold: 0
  - id: partner
    name: Partner
    threshold: 5000
    price: 50
perks:
  - id: lieferung
    title: Kostenlose Lieferung
    benefit: shipping
    tiers: {stamm: ab 200 €, partner: yes}
  - id: beratung
    title: Technische Beratung vor Ort
    tiers: {partner: yes}
""",
        "data/events.yml": """\
events:
  - id: messe
    title: Hausmesse
    start: 2027-01-14 10:00
    duration: 6 hours
    location: Im Lager
    registration: https://anmeldung.example/messe
    tiers: [partner]
  - id: schulung
    title: Schulung Gewindetechnik
    start: 2027-01-09 09:00
    end: 11:00
    rrule: FREQ=WEEKLY;COUNT=12
    status: scheduled
  - id: abgesagt
    title: Werksführung
    start: 2027-02-02 14:00
    duration: 2 hours
    status: cancelled
  - id: idee
    title: Stammtisch Konstruktion
    status: proposed
""",
        "data/testimonials.yml": """\
testimonials:
  - id: weber
    quote: Schnell geliefert, gut beraten.
    author: Jana Weber
    date: 2026-11-02
    rating: 5
    event: messe
    tier: partner
    consent: true
""",
        "content/about.md": "# Über uns\n\nSeit 1962 in Solingen.\n",
    },
    "fr_FR": {
        "data/tiers.yml": """\
tiers:
  - id: amis
    name: Amis
    threshold: 0
  - id: fideles
    name: Fidèles
    threshold: 400
perks:
  - id: livraison
    title: Livraison offerte
    benefit: shipping
    tiers: {amis: dès 60 €, fideles: yes}
  - id: retouches
    title: Retouches gratuites
    tiers: {fideles: yes}
""",
        "data/events.yml": """\
events:
  - id: atelier
    title: Atelier couture
    start: 2027-01-16 14:00
    end: 16:00
    location: À la boutique
    registration: https://inscription.example/atelier
    tiers: [fideles]
  - id: lecture
    title: Heure du conte
    start: 2027-01-09 10:00
    end: 10:45
    rrule: FREQ=WEEKLY;COUNT=10
  - id: annule
    title: Soirée privée
    start: 2027-02-05 19:00
    duration: 2 hours
    status: cancelled
  - id: projet
    title: Atelier tricot
    status: proposed
""",
        "data/testimonials.yml": """\
testimonials:
  - id: martin
    quote: Un accueil chaleureux et de bons conseils.
    author: Claire Martin
    date: 2026-11-02
    rating: 5
    event: atelier
    tier: fideles
    consent: true
""",
        "content/about.md": "# À propos\n\nDepuis 1988 à Lyon.\n",
    },
}
_NAMES = {"de_DE": ("Schrauben Krause", "Europe/Berlin"), "fr_FR": ("Maison Lila", "Europe/Paris")}


def localized_portal(root: Path, locale: str) -> Path:
    """A portal in ``locale`` (de_DE or fr_FR): the starter ``init`` writes, with its data, its
    about page and its first newsletter issue in that language."""
    name, zone = _NAMES[locale]
    made = starter_files(
        name=name, url="https://shop.example/", timezone=zone, locale=locale, currency="EUR", today=TODAY
    )
    issue = next(path for path in made if path.startswith("content/newsletter/"))
    files = {**made, **{path: text.encode() for path, text in DATA[locale].items()}}
    files[issue] = (
        b"---\ntitle: Bienvenue Willkommen\ndate: 2026-11-20\n---\n\n"
        b"{{ greeting() }}\n\n{{ upcoming_events(3) }}\n"
    )
    for path, data in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return root


def english_of(locale: str) -> list[str]:
    """The English of every catalog text that ``locale`` says differently: the words around
    its placeholders, long enough not to be a word of that language as well."""
    with (REPO / "portal_gen" / "texts" / "locale" / "portal_gen.pot").open("rb") as pot:
        ids = [message.id for message in read_po(pot) if message.id]
    speaks = translations(locale)
    found: list[str] = []
    for message in ids:
        text = message[0] if isinstance(message, tuple) else message
        if speaks.gettext(text) != text:
            found += [part.strip(" ,.:") for part in PLACEHOLDER.split(text) if len(part.strip(" ,.:")) > 4]
    return found


def leaked(shown: str, locale: str) -> list[str]:
    """The English texts of portal-gen that ``shown`` (what a reader sees) still contains."""
    return sorted({words for words in english_of(locale) if re.search(rf"\b{re.escape(words)}\b", shown)})
