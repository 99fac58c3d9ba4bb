"""Each document against its pydantic model, with pydantic's errors said the owner's way.

Nothing here raises for a data problem: the record, or None and every ``DataError`` found,
each pointing at the line and column the owner wrote.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from portal_gen.errors import DataError, SchemaError, did_you_mean
from portal_gen.model.record import Record
from portal_gen.read.yamldoc import Document, Loc, Written
from portal_gen.reuse import reusable

_GENERIC = {
    "missing": "missing required field {field!r}",
    "string_type": "expected text",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "list_type": "expected a list (lines starting with '- ')",
    "dict_type": "expected a mapping (lines of 'key: value')",
    "model_type": "expected a mapping (lines of 'key: value')",
    "model_attributes_type": "expected a mapping (lines of 'key: value')",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
}
#: Pydantic's limits, said the owner's way; the values come from the error's context.
_LIMITS = {
    "less_than_equal": "must be {le} or less",
    "greater_than_equal": "must be {ge} or more",
    "less_than": "must be less than {lt}",
    "greater_than": "must be more than {gt}",
    "too_short": "needs at least {min_length}",
    "too_long": "may have at most {max_length}",
}


def _shown(value: Any, raw: str | None) -> str:
    """The received value as the owner wrote it, for messages."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "an empty value"
    text = raw if raw is not None else str(value)
    if len(text) > _SHOWN_MAX:
        # A whole file read as one value (a password file saved as data/partners.yml, say)
        # must not be copied into a CI log: a short, escaped start says enough to find it.
        return repr(text[: _SHOWN_MAX - 20]) + f" (and {len(text) - _SHOWN_MAX + 20:,} more characters)"
    return repr(text) if isinstance(value, str) else text


#: The longest value a message quotes whole.
_SHOWN_MAX = 80


def _data_loc(data: Any, loc: Iterable[str | int]) -> Loc:
    """Keep the parts of a pydantic location that exist in the data (drops union tags)."""
    found: list[str | int] = []
    for part in loc:
        if isinstance(data, dict) and part in data:  # noqa: SIM114 (mypy: a list needs an int)
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            continue
        found.append(part)
    return tuple(found)


def _unwrap(annotation: Any) -> Any:
    """The model (or type) inside ``Annotated``, ``X | None``, ``list[X]`` or ``dict[str, X]``."""
    while True:
        origin = typing.get_origin(annotation)
        args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if (
            origin is typing.Annotated
            or (origin in (typing.Union, types.UnionType) and len(args) == 1)
            or (origin in (list, tuple) and args)
        ):
            annotation = args[0]
        elif origin is dict and len(args) == 2:
            annotation = args[1]
        else:
            return annotation


def _annotation_at(model: type[BaseModel], loc: Loc) -> Any:
    """The type the model declares at ``loc``, unwrapped (None when there is none)."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel) and isinstance(part, str):
            info = current.model_fields.get(part)
            if info is None:
                return None
            current = info.annotation
    return _unwrap(current)


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The field names the model expects at ``loc`` (a mapping inside the document)."""
    current = _annotation_at(model, loc)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


#: Problems with a whole text, not with how it is written, or with a whole mapping (two ways
#: of saying one thing): quoting it would only add noise.
_WHOLE_TEXT = frozenset({"portal_nesting", "portal_repeat_twice", "portal_repeat_end", "portal_on_mixed"})


def _schema_error(document: Document, model: type[BaseModel], error: Any) -> DataError:
    kind = error["type"]
    loc = _data_loc(document.data, error["loc"])
    position = document.position(loc)
    if kind == "missing":
        message = _GENERIC["missing"].format(field=error["loc"][-1])
    elif kind == "extra_forbidden":
        expected = _fields_at(model, loc[:-1])
        message = (
            f"unknown field{did_you_mean(str(loc[-1]), expected)}; expected one of: {', '.join(expected)}"
        )
    elif kind == "literal_error":
        choices = [str(choice) for choice in typing.get_args(_annotation_at(model, loc))]
        got = _shown(error["input"], document.raw.get(loc))
        hint = did_you_mean(str(error["input"]), choices)
        message = f"expected one of: {', '.join(choices)}{hint}, got {got}"
    elif not loc and kind in ("model_type", "dict_type", "model_attributes_type"):
        message = _top_level_message(model, _shown(error["input"], document.raw.get(loc)))
    else:
        got = _shown(error["input"], document.raw.get(loc))
        if kind in _LIMITS:
            template = _LIMITS[kind].format(**error.get("ctx", {}))
        else:
            template = error["msg"] if kind.startswith("portal_") else _GENERIC.get(kind, error["msg"])
        if "{got}" in template:
            message = template.replace("{got}", got)
        else:
            # A message that already says what it got ("got an empty value") says it once.
            quiet = kind in _WHOLE_TEXT or ", got " in template
            message = template if quiet else f"{template}, got {got}"
    return SchemaError(position, document.name(loc), message)


def _top_level_message(model: type[BaseModel], got: str) -> str:
    """A whole file of the wrong shape: say what its first line should be."""
    fields = list(model.model_fields)
    if len(fields) == 1:
        return (
            f"expected the file to start with '{fields[0]}:' followed by the list, got {got}; "
            f"put '{fields[0]}:' on the first line and indent the list under it"
        )
    return f"expected lines of 'key: value' such as '{fields[0]}: ...', got {got}"


def _listed(model: type[Record], data: Any) -> dict[str, type[Record]] | None:
    """For a file of lists of records (events, tiers and perks), the record model of each
    list given; None for any other shape."""
    if not isinstance(data, dict) or not data:
        return None
    listed: dict[str, type[Record]] = {}
    for name, value in data.items():
        info = model.model_fields.get(name)
        if info is None or not isinstance(value, list) or typing.get_origin(info.annotation) is not list:
            return None
        (item,) = typing.get_args(info.annotation)
        if not (isinstance(item, type) and issubclass(item, Record)):
            return None
        listed[name] = item
    return listed


@reusable()
def item_record(model: type[Record], item: Written) -> Record | None:
    """One item of a list validated on its own; None when it has a problem."""
    try:
        return model.model_validate(item.data)
    except ValidationError:
        return None


def _by_item(document: Document, model: type[Record]) -> Record | None:
    """The file validated item by item, or None when that cannot be done or finds a problem.

    Validating each record on its own gives the same record as validating the whole file;
    in ``portal-gen serve`` it lets an edit of one event reuse the other records themselves
    (and so everything made from them) instead of validating the whole file again.
    """
    listed = _listed(model, document.data)
    if listed is None:
        return None
    values: dict[str, list[Record]] = {}
    for name, item_model in listed.items():
        records = [
            item_record(item_model, document.written((name, index)))
            for index in range(len(document.data[name]))
        ]
        if any(record is None for record in records):
            return None
        values[name] = records  # type: ignore[assignment]
    try:
        return model.model_validate(values)
    except ValidationError:
        return None


def check_schema(document: Document, model: type[Record]) -> tuple[Record | None, list[DataError]]:
    """Validate one document against its model; the record, or None and every problem."""
    data = {} if document.data is None else document.data
    record = _by_item(document, model)
    if record is not None:
        return record, []
    # Validated whole, for the problems' messages exactly as pydantic says them.
    try:
        return model.model_validate(data), []
    except ValidationError as failure:
        return None, [_schema_error(document, model, error) for error in failure.errors(include_url=False)]
