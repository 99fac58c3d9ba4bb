"""The translations of one locale: its own catalog (de_CH), its language's (de), else English."""

from __future__ import annotations

import gettext
from functools import cache
from importlib import resources
from io import BytesIO

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

#: The gettext domain: ``portal_gen.po`` in each language's folder.
DOMAIN = "portal_gen"
#: The language the message ids are written in: it needs no catalog.
SOURCE_LANGUAGE = "en"
_LOCALE = resources.files("portal_gen") / "texts" / "locale"


def N_(text: str) -> str:
    """Marks a text for pybabel extract where it is written down; it is translated where it
    is used."""
    return text


class _Plurals:
    """Marks a pair of texts, the one and the many, for pybabel extract, which reads every
    call named ``ngettext``; they are translated where they are used."""

    @staticmethod
    def ngettext(singular: str, plural: str) -> tuple[str, str]:
        return singular, plural


#: ``PLURAL.ngettext("%(count)s visit", "%(count)s visits")`` marks a pair to translate later.
PLURAL = _Plurals()


def shipped_languages() -> tuple[str, ...]:
    """The languages a catalog ships for (``de``, ``fr``...), English first."""
    found = sorted(
        entry.name for entry in _LOCALE.iterdir() if (entry / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()
    )
    return (SOURCE_LANGUAGE, *found)


def _catalog_name(locale: str) -> str | None:
    """The folder of the catalog that speaks for ``locale``, most specific first."""
    parsed = Locale.parse(locale)
    for name in (str(parsed), parsed.language):
        if (_LOCALE / name / "LC_MESSAGES" / f"{DOMAIN}.po").is_file():
            return name
    return None


def has_catalog(locale: str) -> bool:
    """Whether portal-gen speaks ``locale``'s language (English always)."""
    return Locale.parse(locale).language == SOURCE_LANGUAGE or _catalog_name(locale) is not None


@cache
def translations(locale: str) -> gettext.NullTranslations:
    """The compiled catalog for ``locale``; the English ids themselves when none is shipped."""
    name = _catalog_name(locale)
    if name is None:
        return gettext.NullTranslations()
    with (_LOCALE / name / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as po:
        catalog = read_po(po, locale=name, domain=DOMAIN)
    compiled = BytesIO()
    # Fuzzy entries are guesses pybabel made while merging: English is better than a wrong text.
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)
