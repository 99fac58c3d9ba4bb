"""Tests for portal_gen.texts.catalogs: every shipped language is complete, and a portal in one
shows none of portal-gen's English words."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from conftest import files_of

from portal_gen.render.starter import starter_files
from portal_gen.texts.catalogs import has_catalog, shipped_languages, translations

_REPO = Path(__file__).resolve().parents[2]
_LOCALE = _REPO / "portal_gen" / "texts" / "locale"
_PLACEHOLDER = re.compile(r"%\(\w+\)s")


def _template() -> set[object]:
    with (_LOCALE / "portal_gen.pot").open("rb") as pot:
        return {message.id for message in read_po(pot) if message.id}


def test_the_template_catalog_holds_exactly_the_texts_the_code_uses() -> None:
    """pybabel extract (with babel.cfg) finds no text missing from portal_gen.pot, and the
    template keeps none the code no longer uses: run pybabel extract and update when this fails."""
    with (_REPO / "babel.cfg").open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found = {
        message[2] if isinstance(message[2], str) else tuple(message[2])
        for message in extract_from_dir(str(_REPO), method_map, options_map)
    }
    assert found == _template()


@pytest.mark.parametrize("language", [name for name in shipped_languages() if name != "en"])
def test_a_shipped_catalog_translates_every_text_with_the_same_placeholders(language: str) -> None:
    """No untranslated or fuzzy entry, none left over, and each %(name)s of the English kept."""
    with (_LOCALE / language / "LC_MESSAGES" / "portal_gen.po").open("rb") as po:
        catalog = read_po(po)
    messages = [message for message in catalog if message.id]
    assert {message.id for message in messages} == _template()
    for message in messages:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings) and not message.fuzzy, message.id
        wanted = set(_PLACEHOLDER.findall(ids[-1]))
        assert all(set(_PLACEHOLDER.findall(text)) == wanted for text in strings), message.id


def test_five_languages_ship() -> None:
    """English, German, French, Spanish and Dutch."""
    assert set(shipped_languages()) == {"en", "de", "fr", "es", "nl"}


def test_a_region_uses_its_languages_catalog_and_an_unknown_language_english() -> None:
    """de_AT reads the German catalog; Japanese, with none, gets the English texts."""
    assert translations("de_AT").gettext("Register") == "Anmelden"
    assert translations("ja_JP").gettext("Register") == "Register"
    assert has_catalog("de_AT") and has_catalog("en_GB") and not has_catalog("ja_JP")


_GERMAN_DATA = {
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
}


def _german_portal(tmp_path: Path) -> Path:
    """A portal made as ``init --locale de_DE`` makes one, with its data written in German."""
    root = tmp_path / "portal"
    made = starter_files(
        name="Schrauben Krause",
        url="https://krause.example/",
        timezone="Europe/Berlin",
        locale="de_DE",
        currency="EUR",
        today=dt.date(2026, 12, 3),
    )
    issue = next(path for path in made if path.startswith("content/newsletter/"))
    files = {**made, **{path: text.encode() for path, text in _GERMAN_DATA.items()}}
    files[issue] = (
        b"---\ntitle: Willkommen\ndate: 2026-12-03\n---\n\n{{ greeting() }}\n\n{{ upcoming_events(3) }}\n"
    )
    for path, data in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return root


#: Link targets, attributes, icon shortcodes and the calendar's PRODID carry ids and paths
#: (``#partner``, ``newsletter/``, ``:material-email-newsletter:``), not words.
_NOT_WORDS = re.compile(
    r"(?:https?|webcal)://[^\s)\"]+|PRODID:[^\r\n]*|:[\w-]+:(?!/)|\]\([^)]*\)|(?:href|src|class|id)=\"[^\"]*\"|https?://\S+|webcal://\S+|\{[^}]*\}"
)


def test_a_german_portal_shows_no_english_text_of_portal_gen(tmp_path: Path) -> None:
    """Every generated page, feed and calendar of a German portal: no English text of the
    catalog appears where German says it differently (placeholders stand for any value)."""
    root = _german_portal(tmp_path)
    files = files_of(root, dt.date(2026, 12, 3))
    german = translations("de_DE")
    english = []
    for message in _template():
        text = message[0] if isinstance(message, tuple) else message
        assert isinstance(text, str)
        if german.gettext(text) == text:
            continue
        # The words around the placeholders, long enough not to be a German word as well.
        english += [part.strip(" ,.:") for part in _PLACEHOLDER.split(text) if len(part.strip(" ,.:")) > 4]
    texts = [data.decode("utf-8") for path, data in files.items() if not path.endswith(".css")]
    shown = _NOT_WORDS.sub(" ", "\n".join(texts).replace("\\", ""))
    leaked = sorted({words for words in english if re.search(rf"\b{re.escape(words)}\b", shown)})
    assert leaked == [], leaked
    assert "Veranstaltungen" in shown and "Was jede Stufe umfasst" in shown and "Hallo zusammen," in shown
