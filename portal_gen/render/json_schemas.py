"""JSON Schemas for the data files, so editors autocomplete and check them as owners type.

The schemas come from the same pydantic models that validate the data, with what an editor
shows on hover: the description and example written beside each field in ``model.records``.
A field without both is caught by the tests, so the schemas stay complete as the models grow. Editors that
speak the YAML language server protocol (VS Code's YAML extension, and others) pick a schema
up from a first-line comment such as ``# yaml-language-server: $schema=../schemas/events.schema.json``.
"""

from __future__ import annotations

import json
from typing import Any

from portal_gen.model.record import Record
from portal_gen.model.records import DATA_MODELS

#: Where ``portal-gen schema`` writes, relative to the portal root.
FOLDER = "schemas"
_DIALECT = "https://json-schema.org/draft/2020-12/schema"

_ADDRESS = {"anyOf": [{"type": "string"}, {"$ref": "#/$defs/PostalAddress"}, {"type": "null"}]}

#: Fields whose YAML shorthand the model accepts before validating (a location as one line).
_LOCATION = {"anyOf": [{"type": "string"}, {"$ref": "#/$defs/Location"}, {"type": "null"}]}
_SHORTHANDS = {
    "Event.location": _LOCATION,
    "DateChange.location": _LOCATION,
    "Location.address": _ADDRESS,
    "Contact.address": _ADDRESS,
    # A bare address is a link to a sign-up page, as newsletter_signup was written before forms.
    "Site.newsletter_signup": {
        "anyOf": [{"type": "string"}, {"$ref": "#/$defs/NewsletterSignup"}, {"type": "null"}]
    },
}


class UndocumentedFieldError(Exception):
    """A model field has no description or example (a bug in portal-gen, caught by its tests)."""


def _records() -> dict[str, type[Record]]:
    """Every record model by name, as pydantic names their definitions."""
    found: dict[str, type[Record]] = {}
    waiting: list[type[Record]] = [Record]
    while waiting:
        model = waiting.pop()
        found[model.__name__] = model
        waiting.extend(model.__subclasses__())
    return found


def _document(model: type[Record], schema: dict[str, Any]) -> None:
    """Each property with its field's description and example (and no generated title)."""
    for field, prop in schema.get("properties", {}).items():
        key = f"{model.__name__}.{field}"
        info = model.model_fields[field]
        if not info.description or not info.examples:
            raise UndocumentedFieldError(
                f"{key} needs Field(description=..., examples=[...]) in model/records.py"
            )
        if key in _SHORTHANDS:
            default = prop.get("default")
            prop.clear()
            prop.update(_SHORTHANDS[key], default=default)
        prop.pop("title", None)  # pydantic's "Start" for start adds nothing to the description
        prop["description"] = info.description
        prop["examples"] = list(info.examples)


def json_schemas() -> dict[str, bytes]:
    """``schemas/<file>.schema.json`` for each data file, as bytes (sorted, stable)."""
    files: dict[str, bytes] = {}
    records = _records()
    for name, model in DATA_MODELS.items():
        schema = model.model_json_schema()
        for def_name, definition in schema.get("$defs", {}).items():
            _document(records[def_name], definition)
        _document(model, schema)
        for definition in schema.get("$defs", {}).values():
            definition["description"] = definition.get("description", "").replace("``", "")
        document = {
            "$schema": _DIALECT,
            "title": f"portal-gen data/{name}.yml",
            "description": (model.__doc__ or "").strip().replace("``", ""),
            **{key: value for key, value in schema.items() if key not in ("title", "description")},
        }
        text = json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True, default=str) + "\n"
        files[f"{name}.schema.json"] = text.encode("utf-8")
    return files
