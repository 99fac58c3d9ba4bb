"""The base of every data record (unknown fields are mistakes, values never change), and
the fields that must never reach the published site."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, model_validator

#: Marks a field that is validated but must never reach the published site.
PRIVATE: dict[str, Any] = {"private": True}


class Record(BaseModel):
    """Base of every data model: unknown fields are mistakes, values never change."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _empty_means_none(cls, data: Any) -> Any:
        """``tiers:`` with nothing after it means "no tiers", as an owner would expect.

        YAML reads an empty value as null; for fields that default to an empty list or
        mapping, null is taken as that default instead of a type error. An empty text in a
        field that may be left out is left out too: the browser editor (``admin/``) writes
        ``summary: ""`` for a field the owner cleared.
        """
        if not isinstance(data, dict):
            return data
        empty = [
            name
            for name, info in cls.model_fields.items()
            if (data.get(name, ...) is None and isinstance(info.default, list | dict))
            or (data.get(name) == "" and not info.is_required())
        ]
        return {key: value for key, value in data.items() if key not in empty} if empty else data


RecordT = TypeVar("RecordT", bound=BaseModel)


def scrub_private(record: RecordT) -> RecordT:
    """A copy of ``record`` with every private field (at any depth) set to None."""
    updates: dict[str, Any] = {}
    for name, info in type(record).model_fields.items():
        value = getattr(record, name)
        if info.json_schema_extra == PRIVATE:
            updates[name] = None
        elif isinstance(value, BaseModel):
            updates[name] = scrub_private(value)
        elif isinstance(value, list | tuple) and value and isinstance(value[0], BaseModel):
            updates[name] = type(value)(scrub_private(item) for item in value)
    return record.model_copy(update=updates) if updates else record
