"""Validation: types through the pydantic models, then the rules that span records and files.

Nothing here raises for a data problem: every function returns the list of ``DataError`` it
found, each pointing at the line and column the owner wrote, so one run reports every
mistake in every file.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from portal_gen.calendar import EndNotAfterStartError, EventTimeError, check_dates, event_span
from portal_gen.errors import (
    DataError,
    DuplicateIdError,
    EndBeforeStartError,
    Position,
    SchemaError,
    UnknownReferenceError,
)
from portal_gen.load import Document, Loc, format_loc
from portal_gen.memo import NO_MEMO, Memo
from portal_gen.models import (
    Event,
    EventsFile,
    PartnersFile,
    Record,
    StoriesFile,
    TestimonialsFile,
    TiersFile,
)

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
        if (isinstance(data, dict) and part in data) or (
            isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        ):
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


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'title'?)`` when one choice is close to ``word``, else nothing."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


#: Problems with a whole text, not with how it is written: quoting it would only add noise.
_WHOLE_TEXT = frozenset({"portal_nesting"})


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
    return SchemaError(position, format_loc(loc), message)


def _top_level_message(model: type[BaseModel], got: str) -> str:
    """A whole file of the wrong shape: say what its first line should be."""
    fields = list(model.model_fields)
    if len(fields) == 1:
        return (
            f"expected the file to start with '{fields[0]}:' followed by the list, got {got}; "
            f"put '{fields[0]}:' on the first line and indent the list under it"
        )
    return f"expected lines of 'key: value' such as '{fields[0]}: ...', got {got}"


def check_schema(document: Document, model: type[Record]) -> tuple[Record | None, list[DataError]]:
    """Validate one document against its model; the record, or None and every problem."""
    data = {} if document.data is None else document.data
    try:
        return model.model_validate(data), []
    except ValidationError as failure:
        return None, [_schema_error(document, model, error) for error in failure.errors(include_url=False)]


class _Checker:
    """Collects rule violations for one document, with positions."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.errors: list[DataError] = []

    def add(self, kind: type[DataError], loc: Loc, message: str) -> None:
        self.errors.append(kind(self.document.position(loc), format_loc(loc), message))

    def unique_ids(
        self, key: str, records: Iterable[Any], seen: dict[str, Position] | None = None
    ) -> set[str]:
        """Report every id used before (in this file, or in ``seen`` from earlier files)."""
        seen = {} if seen is None else seen
        ids: set[str] = set()
        for index, record in enumerate(records):
            here = self.document.position((key, index, "id"))
            first = seen.get(record.id)
            if first is not None:
                where = f"line {first.line}" if first.path == here.path else str(first)
                self.add(
                    DuplicateIdError,
                    (key, index, "id"),
                    f"duplicate id {record.id!r} (also used at {where}); give each one its own id",
                )
            else:
                seen[record.id] = here
            ids.add(record.id)
        return ids

    def reference(self, loc: Loc, value: str, kind: str, known: set[str] | None, where: str) -> None:
        """Report ``value`` unless it is one of ``known`` (None: that file had problems)."""
        if known is None or value in known:
            return
        if known:
            hint = f"{did_you_mean(value, sorted(known))}; expected one of: {', '.join(sorted(known))}"
        else:
            hint = f"; there are no {kind}s yet (they are listed in {where})"
        self.add(UnknownReferenceError, loc, f"unknown {kind} {value!r}{hint}")


def check_tiers(document: Document, tiers: TiersFile) -> tuple[set[str], list[DataError]]:
    """Unique ids, thresholds rising tier by tier, perks naming real tiers."""
    check = _Checker(document)
    tier_ids = check.unique_ids("tiers", tiers.tiers)
    check.unique_ids("perks", tiers.perks)
    for index, tier in enumerate(tiers.tiers):
        if tier.id == "calendar":
            check.add(
                SchemaError,
                ("tiers", index, "id"),
                "the id 'calendar' is taken by the feed of all events (/events/calendar.ics); choose another",
            )
    for index, (lower, higher) in enumerate(zip(tiers.tiers, tiers.tiers[1:], strict=False), 1):
        if higher.threshold <= lower.threshold:
            check.add(
                SchemaError,
                ("tiers", index, "threshold"),
                f"{higher.threshold} is not above {lower.threshold}, the threshold of "
                f"{lower.name!r}; list tiers from the lowest threshold to the highest",
            )
    for index, perk in enumerate(tiers.perks):
        for tier_id in perk.tiers:
            check.reference(("perks", index, "tiers", tier_id), tier_id, "tier", tier_ids, "data/tiers.yml")
    return tier_ids, check.errors


def check_events(
    files: list[tuple[Document, EventsFile]],
    tier_ids: set[str] | None,
    partner_ids: set[str] | None,
    site_zone: str,
    asset_paths: set[str],
    site_address: bool = True,
    memo: Memo = NO_MEMO,
) -> tuple[set[str], list[DataError]]:
    """Across events.yml and data/events/*.yml: unique ids; times that exist, end after they
    start and repeat by a readable rule; tiers, partners and images that exist.

    Expanding rules is the costly part, so with a ``memo`` an event that did not change is
    not expanded again (its problem, if any, is placed at its current position)."""
    seen: dict[str, Position] = {}
    event_ids: set[str] = set()
    errors: list[DataError] = []
    for document, events in files:
        check = _Checker(document)
        event_ids |= check.unique_ids("events", events.events, seen)
        for index, event in enumerate(events.events):
            loc: Loc = ("events", index)
            for position, tier_id in enumerate(event.tiers):
                check.reference((*loc, "tiers", position), tier_id, "tier", tier_ids, "data/tiers.yml")
            if event.partner is not None:
                check.reference((*loc, "partner"), event.partner, "partner", partner_ids, "data/partners.yml")
            if event.image and "://" not in event.image and event.image not in asset_paths:
                check.add(
                    UnknownReferenceError,
                    (*loc, "image"),
                    f"no file content/{event.image}; put the image there or use an https:// link",
                )
            if not (event.location or event.online or site_address or event.proposed):
                # Customers (and search engines) need to know where to go.
                check.add(
                    SchemaError,
                    loc,
                    "needs a location (like 'location: In the shop') or an online link, or a "
                    "contact.address in data/site.yml",
                )
            problem = memo.get(
                ("times", document.path, index), (event, site_zone), _time_problem, event, site_zone
            )
            if problem is not None:
                kind = EndBeforeStartError if isinstance(problem, EndNotAfterStartError) else SchemaError
                field_loc: Loc = loc if problem.field is None else (*loc, problem.field)
                if problem.index is not None:
                    field_loc = (*field_loc, problem.index)
                check.add(kind, field_loc, problem.message)
        errors.extend(check.errors)
    return event_ids, errors


def _time_problem(event: Event, site_zone: str) -> EventTimeError | None:
    """What is wrong with the event's times, if anything."""
    if event.start is None and event.proposed:
        return None
    try:
        event_span(event, site_zone)
        check_dates(event, site_zone)
    except EventTimeError as problem:
        return problem.with_traceback(None)  # kept in a memo: do not keep the frames alive
    return None


def check_partners(document: Document, partners: PartnersFile) -> tuple[set[str], list[DataError]]:
    check = _Checker(document)
    return check.unique_ids("partners", partners.partners), check.errors


def _check_refs(
    check: _Checker, key: str, records: Iterable[Any], tier_ids: set[str] | None, event_ids: set[str] | None
) -> None:
    for index, record in enumerate(records):
        if record.event is not None:
            check.reference((key, index, "event"), record.event, "event", event_ids, "data/events.yml")
        if record.tier is not None:
            check.reference((key, index, "tier"), record.tier, "tier", tier_ids, "data/tiers.yml")


def check_testimonials(
    document: Document,
    testimonials: TestimonialsFile,
    tier_ids: set[str] | None,
    event_ids: set[str] | None,
) -> list[DataError]:
    """Unique ids, a name to show, and references to events and tiers that exist."""
    check = _Checker(document)
    check.unique_ids("testimonials", testimonials.testimonials)
    _check_refs(check, "testimonials", testimonials.testimonials, tier_ids, event_ids)
    for index, testimonial in enumerate(testimonials.testimonials):
        if not testimonial.author and not (testimonial.contact and testimonial.contact.name):
            check.add(
                SchemaError,
                ("testimonials", index),
                "missing required field 'author' (or give contact.name, and the first name and "
                "initial are shown)",
            )
    return check.errors


def check_stories(
    document: Document,
    stories: StoriesFile,
    tier_ids: set[str] | None,
    event_ids: set[str] | None,
) -> list[DataError]:
    """Unique ids and references to events and tiers that exist."""
    check = _Checker(document)
    check.unique_ids("stories", stories.stories)
    _check_refs(check, "stories", stories.stories, tier_ids, event_ids)
    return check.errors
