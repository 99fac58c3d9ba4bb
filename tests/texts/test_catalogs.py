"""Tests for portal_gen.texts.catalogs: every shipped language is complete, and a portal in one
shows none of portal-gen's English words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from conftest import files_of
from localized import TODAY, leaked, localized_portal

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


#: Link targets, attributes, icon shortcodes and the calendar's PRODID carry ids and paths
#: (``#partner``, ``newsletter/``, ``:material-email-newsletter:``), not words.
_NOT_WORDS = re.compile(
    r"(?:https?|webcal)://[^\s)\"]+|PRODID:[^\r\n]*|:[\w-]+:(?!/)|\]\([^)]*\)|(?:href|src|class|id)=\"[^\"]*\"|https?://\S+|webcal://\S+|\{[^}]*\}"
)


@pytest.mark.parametrize(
    ("locale", "words"),
    [
        ("de_DE", ["Veranstaltungen", "Was jede Stufe umfasst", "Hallo zusammen,"]),
        ("fr_FR", ["Événements", "Bonjour à tous,"]),
    ],
)
def test_a_portal_in_another_language_shows_no_english_text_of_portal_gen(
    tmp_path: Path, locale: str, words: list[str]
) -> None:
    """Every generated page, feed and calendar of a German and a French portal: no English text
    of the catalog appears where the language says it differently."""
    files = files_of(localized_portal(tmp_path / "portal", locale), TODAY)
    # The stylesheet and the script are code (what the script shows comes from the page).
    texts = [data.decode("utf-8") for path, data in files.items() if not path.endswith((".css", ".js"))]
    shown = _NOT_WORDS.sub(" ", "\n".join(texts).replace("\\", ""))
    assert leaked(shown, locale) == []
    assert all(word in shown for word in words)
