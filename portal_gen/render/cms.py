"""``admin/``: a form editor in the published site (Decap CMS) for the data files and issues.

``config.yml`` is made from the same pydantic models that validate the data, so the forms
ask for exactly what ``portal-gen check`` accepts: every field with its label and help (the
field's description, through the translation catalogs in the site's language), the widget
its type calls for, required when it has no default. Nested models become nested forms
whatever their depth, so a field added to a model shows up in the editor on the next build.
The page is written only when ``site.yml`` has ``editor:``: without a GitHub login set up,
an editor page would only ask visitors to log in to nothing.
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any, Literal

import annotated_types
from babel import Locale
from pydantic import BaseModel, PlainValidator
from pydantic.fields import FieldInfo

from portal_gen.model import values
from portal_gen.model.events import Event, EventsFile
from portal_gen.model.issues import IssueFrontMatter
from portal_gen.model.portal import Portal
from portal_gen.model.postal import parse_country
from portal_gen.model.records import DATA_MODELS
from portal_gen.model.repeat import parse_rrule
from portal_gen.model.site import EditorSettings
from portal_gen.texts.catalogs import N_, translations

#: The Decap CMS release the page loads (tests/cms/package.json pins the same one).
DECAP_VERSION = "3.16.3"
#: Where a published site loads it from, as Decap's documentation recommends, version pinned.
SCRIPT = f"https://unpkg.com/decap-cms@{DECAP_VERSION}/dist/decap-cms.js"
FOLDER = "admin"
#: The languages Decap's interface speaks (decap-cms-locales); others get English.
_DECAP_LOCALES = frozenset(
    [
        "bg",
        "ca",
        "cs",
        "da",
        "de",
        "en",
        "es",
        "fa",
        "fr",
        "gr",
        "he",
        "hr",
        "hu",
        "it",
        "ja",
        "ko",
        "lt",
        "mk",
        "nl",
        "pl",
        "pt",
        "ro",
        "ru",
        "sk",
        "sl",
        "sv",
        "th",
        "tr",
        "uk",
        "vi",
    ]
)
#: The stored formats of the datetime widget: what ``values.parse_when`` and ``parse_date`` read.
_WHEN_FORMAT = "YYYY-MM-DD HH:mm"
_DAY_FORMAT = "YYYY-MM-DD"

#: The plain string fields that name another record: a picker of the ones that exist.
_PICKERS = {"tier": "tiers", "tiers": "tiers", "partner": "partners", "event": "events"}
#: Labels that read better than the field's name; every other label is the name, capitalised.
_LABELS = {
    "rrule": N_("Repeats (rule)"),
    # "Start" is a word German pages use too: the catalog tests would take it for English.
    "start": N_("Begins"),
    "image_alt": N_("Image description"),
    "url": N_("Website"),
    "id": N_("Id (in the address)"),
    "extra_dates": N_("Extra dates"),
    "postal_code": N_("Postal code"),
}
#: What each data file is called in the editor.
_FILE_LABELS = {
    "site": N_("The business"),
    "tiers": N_("Tiers and perks"),
    "partners": N_("Partners"),
    "events": N_("Events (events.yml)"),
    "testimonials": N_("Testimonials"),
    "stories": N_("Stories"),
}
_BODY = N_("Text")

Gettext = Callable[[str], str]


def label(name: str) -> str:
    """The English label of a field (its msgid): ``image_alt`` -> ``Image description``."""
    return _LABELS.get(name) or name.replace("_", " ").capitalize()


class _Choices:
    """The tiers and partners a picker lists (empty when the walk only collects texts)."""

    def __init__(self, portal: Portal | None) -> None:
        self.tiers = [(tier.id, tier.name) for tier in portal.tiers] if portal else []
        self.partners = [(pid, p.name) for pid, p in portal.partners.items()] if portal else []
        self.events = [(event.id, event.title) for event in portal.events] if portal else []

    def of(self, kind: str) -> list[tuple[str, str]]:
        return {"tiers": self.tiers, "partners": self.partners, "events": self.events}[kind]


def _bare(annotation: Any) -> tuple[Any, tuple[Any, ...]]:
    """The type inside ``Annotated`` and ``X | None``, with the Annotated metadata gathered."""
    metadata: list[Any] = []
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            metadata.extend(annotation.__metadata__)
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            arms = [arm for arm in typing.get_args(annotation) if arm is not type(None)]
            # Text | UnitForms: the one-line form is the one a form can offer.
            annotation = arms[0]
        else:
            return annotation, tuple(metadata)


def _validator(metadata: tuple[Any, ...]) -> Callable[..., Any] | None:
    """The function that parses a value type of ``model.values`` (its PlainValidator)."""
    for item in metadata:
        if isinstance(item, PlainValidator):
            return item.func
    return None


def _limits(metadata: tuple[Any, ...]) -> dict[str, int]:
    """``min``/``max`` of a number widget from ``Field(ge=..., le=...)``."""
    found: dict[str, int] = {}
    for item in metadata:
        for constraint in [item, *getattr(item, "metadata", [])]:
            if isinstance(constraint, annotated_types.Ge):
                found["min"] = int(constraint.ge)  # type: ignore[call-overload]
            elif isinstance(constraint, annotated_types.Le):
                found["max"] = int(constraint.le)  # type: ignore[call-overload]
    return found


#: Widgets for the value types of ``model.values``, by the function that parses them.
_BY_PARSER: dict[Callable[..., Any], dict[str, Any]] = {
    values.parse_markdown: {"widget": "markdown"},
    # A day and a time; the date picker alone would drop the time an event starts at.
    values.parse_when: {"widget": "datetime", "format": _WHEN_FORMAT},
    values.parse_date: {"widget": "datetime", "format": _DAY_FORMAT, "time_format": False},
    values.parse_money: {"widget": "number", "value_type": "float", "min": 0},
    values.parse_number: {"widget": "number", "value_type": "float"},
    values.parse_image: {"widget": "image", "choose_url": True},
    values.parse_color: {"widget": "color"},
    values.parse_included: {"widget": "string"},
}
#: Value types checked as the owner types, with the field's help as the message.
_PATTERNS: dict[Callable[..., Any], str] = {
    values.parse_id: f"^{values.ID_PATTERN.pattern}$",
    values.parse_web_url: "^https?://\\S+$",
    values.parse_link: "^(https?://|mailto:)\\S+$",
    values.parse_email: "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$",
    # UNTIL may be written 2027-03-27 or 2027-03-27 18:00, as every other date is.
    parse_rrule: "^(RRULE:)?[A-Za-z]+=[A-Za-z0-9,+:\\- ]+(;[A-Za-z]+=[A-Za-z0-9,+:\\- ]+)*$",
    values.parse_end: "^(\\d{4}-\\d{2}-\\d{2}( \\d{1,2}:\\d{2})?|\\d{1,2}:\\d{2})$",
    values.parse_currency: "^[A-Za-z]{3}$",
    parse_country: "^[A-Za-z]{2}$",
}


class _Walk:
    """Turns models into Decap fields; every text passes through ``gettext``."""

    def __init__(self, gettext: Gettext, choices: _Choices) -> None:
        self._ = gettext
        self.choices = choices

    def fields(self, model: type[BaseModel], optional: bool = False) -> list[dict[str, Any]]:
        """The model's fields; ``optional``: the model is an optional field's value, whose own
        required fields Decap would demand even when the owner left it empty."""
        return [self.field(name, info, optional) for name, info in model.model_fields.items()]

    def field(self, name: str, info: FieldInfo, optional: bool = False) -> dict[str, Any]:
        spec: dict[str, Any] = {"name": name, "label": self._(label(name))}
        if info.description:
            spec["hint"] = self._(info.description)
        # Decap takes a field as required unless told otherwise; ours are when they have no default.
        spec["required"] = info.is_required() and not optional
        spec.update(
            self.widget(
                name, info.annotation, tuple(info.metadata), spec.get("hint", ""), not spec["required"]
            )
        )
        return spec

    def widget(
        self, name: str, annotation: Any, outer: tuple[Any, ...], hint: str, optional: bool = False
    ) -> dict[str, Any]:
        kind, metadata = _bare(annotation)
        metadata = outer + metadata
        origin = typing.get_origin(kind)
        # A value type of model.values is known by its parser, whatever Python type it holds.
        parser = _validator(metadata)
        if parser in _BY_PARSER and origin is not list:
            return dict(_BY_PARSER[parser])
        if name in _PICKERS and kind is str:
            return self.picker(_PICKERS[name], multiple=False)
        if origin is list:
            item = typing.get_args(kind)[0]
            inner, _meta = _bare(item)
            if name in _PICKERS and inner is str:
                return self.picker(_PICKERS[name], multiple=True)
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return {"widget": "list", "fields": self.fields(inner)}
            return {
                "widget": "list",
                "field": {"name": name, "label": self._(label(name)), **self.widget(name, item, (), hint)},
            }
        if origin is dict and name in _PICKERS:
            # Per tier id a value: one field for each tier that exists.
            value = typing.get_args(kind)[1]
            fields = [
                {"name": key, "label": shown, "required": False, **self.widget(key, value, (), hint)}
                for key, shown in self.choices.of(_PICKERS[name])
            ]
            # Decap refuses an object without fields: with no tiers yet, there is nothing to set.
            return {"widget": "object", "fields": fields} if fields else {"widget": "hidden"}
        if origin is Literal:
            return {"widget": "select", "options": [str(option) for option in typing.get_args(kind)]}
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            # portal-gen check still says which part of a given place or address is missing.
            return {"widget": "object", "fields": self.fields(kind, optional)}
        if kind is bool:
            return {"widget": "boolean"}
        if kind is int:
            return {"widget": "number", "value_type": "int", **_limits(metadata)}
        if parser in _BY_PARSER:
            return dict(_BY_PARSER[parser])
        if parser in _PATTERNS:
            return {"widget": "string", "pattern": [_PATTERNS[parser], hint]}
        # Text, durations, zones and anything new: a line of text, checked by portal-gen check.
        return {"widget": "string"}

    def picker(self, kind: str, multiple: bool) -> dict[str, Any]:
        options = [{"label": shown, "value": key} for key, shown in self.choices.of(kind)]
        if not options:
            # Decap refuses a select without options; check names what is unknown.
            return {"widget": "list"} if multiple else {"widget": "string"}
        return {"widget": "select", "multiple": multiple, "options": options}


def _language(locale: str) -> str:
    language = Locale.parse(locale).language
    return language if language in _DECAP_LOCALES else "en"


def _backend(settings: EditorSettings) -> dict[str, Any]:
    backend: dict[str, Any] = {"name": "github", "repo": settings.repo, "branch": settings.branch}
    if settings.base_url:
        backend["base_url"] = settings.base_url
    if settings.auth_endpoint:
        backend["auth_endpoint"] = settings.auth_endpoint
    return backend


def _collections(walk: _Walk, event_lists: tuple[str, ...]) -> list[dict[str, Any]]:
    _ = walk._
    files = [
        {
            "name": name,
            "label": _(_FILE_LABELS[name]),
            "file": f"data/{name}.yml",
            "fields": walk.fields(model),
        }
        for name, model in DATA_MODELS.items()
    ]
    files += [
        {
            "name": f"events-{stem}",
            "label": f"{_('Events')} ({stem}.yml)",
            "file": f"data/events/{stem}.yml",
            "fields": walk.fields(EventsFile),
        }
        for stem in event_lists
    ]
    return [
        {"name": "data", "label": _("Data files"), "files": files},
        {
            # One event per file, data/events/<id>.yml: read as an event whose id is the name.
            "name": "events",
            "label": _("Events"),
            "label_singular": _("Event"),
            "folder": "data/events",
            "extension": "yml",
            "format": "yml",
            "create": True,
            "identifier_field": "id",
            "slug": "{{id}}",
            "summary": "{{title}}",
            "fields": walk.fields(Event),
        },
        {
            "name": "newsletter",
            "label": _("Newsletter"),
            "label_singular": _("Newsletter issue"),
            "folder": "content/newsletter",
            "extension": "md",
            "format": "frontmatter",
            "create": True,
            # As the sample names them: 2026-11-yoga-piano-and-a-preview.md.
            "slug": "{{year}}-{{month}}-{{slug}}",
            "sortable_fields": ["date", "title"],
            "fields": [
                *walk.fields(IssueFrontMatter),
                {"name": "body", "label": _(_BODY), "widget": "markdown", "required": True},
            ],
        },
    ]


def config(portal: Portal) -> dict[str, Any]:
    """Decap's ``config.yml`` for ``portal`` (whose site has ``editor:``)."""
    site = portal.site
    settings = site.editor or EditorSettings(repo="owner/name")
    walk = _Walk(translations(site.locale).gettext, _Choices(portal))
    return {
        "backend": _backend(settings),
        # Opened from localhost with decap-server running, the editor saves to the files on
        # disk; anywhere else it uses the backend above.
        "local_backend": {"url": f"http://localhost:{settings.local_port}/api/v1"},
        "locale": _language(site.locale),
        "site_url": site.url,
        "display_url": site.url,
        "media_folder": "content/images",
        "public_folder": "images",
        "collections": _collections(walk, portal.event_lists),
    }


_PAGE = """<!doctype html>
<html lang="{lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>{title}</title>
  <link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
  <script src="{script}"></script>
</body>
</html>
"""


def admin_files(portal: Portal) -> dict[str, bytes]:
    """``admin/index.html`` and ``admin/config.yml`` when the site asks for the editor."""
    if portal.site.editor is None:
        return {}
    # JSON is YAML: json.dumps quotes every text, so no value is read as another type.
    text = json.dumps(config(portal), ensure_ascii=False, indent=2, default=_plain) + "\n"
    title = translations(portal.site.locale).gettext("Edit %(name)s") % {"name": portal.site.name}
    page = _PAGE.format(lang=_language(portal.site.locale), title=_escape(title), script=SCRIPT)
    return {f"{FOLDER}/config.yml": text.encode("utf-8"), f"{FOLDER}/index.html": page.encode("utf-8")}


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(repr(value))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def editor_texts() -> Iterator[str]:
    """Every text the editor's forms show, for ``pybabel extract`` (see ``cms_texts``)."""
    seen: list[str] = []

    def record(text: str) -> str:
        if text not in seen:
            seen.append(text)
        return text

    _collections(_Walk(record, _Choices(None)), ("stem",))
    yield from seen
