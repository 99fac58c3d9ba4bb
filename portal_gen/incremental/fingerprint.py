"""Fingerprints: a digest of a value that changes whenever anything a page could show changes.

Equality is not enough to decide that a step's result can be reused: ``{"a": 1, "b": 2} ==
{"b": 2, "a": 1}`` although a template looping over the mapping shows them in another order,
and ``Decimal("1.0") == Decimal("1")`` although one prints as "1.0". A fingerprint reads
order, types and spelling: mappings and lists in their order, every number by its exact
text, dates with their zone and fold, records by their class and every field.

A value of a kind not known here makes the fingerprint ``Unsure``: the caller then computes
instead of reusing. Records, tuples and frozen dataclasses do not change once made, so their
fingerprints are remembered by identity for as long as the value is alive and in use; an
unchanged record costs one dictionary lookup per regeneration.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel


class Unsure(Exception):
    """The value holds something whose changes a fingerprint cannot see."""


def _leaf(value: Any) -> bytes | None:
    """The exact spelling of a simple value, with its type; None for anything else."""
    kind = type(value)
    if kind is str:
        return b"s" + value.encode("utf-8", "surrogatepass")
    if kind is int:
        return b"i" + str(value).encode()
    if kind is bool:
        return b"T" if value else b"F"
    if value is None:
        return b"N"
    if kind is bytes:
        return b"y" + value
    if kind is float:
        return b"f" + repr(value).encode()
    if kind is Decimal:
        return b"D" + str(value).encode()
    if kind is dt.datetime:
        zone = value.tzinfo
        key = zone.key if isinstance(zone, ZoneInfo) else repr(zone)
        return f"t{value.isoformat()}|{key}|{value.fold}".encode()
    if kind is dt.date:
        return b"d" + value.isoformat().encode()
    if kind is dt.time:
        return f"h{value.isoformat()}|{value.tzinfo!r}|{value.fold}".encode()
    if kind is dt.timedelta:
        return f"w{value.days},{value.seconds},{value.microseconds}".encode()
    if kind is ZoneInfo:
        return b"z" + str(value.key).encode()
    if isinstance(value, str):  # Markup and other text types: the type is part of it
        return f"S{kind.__module__}.{kind.__qualname__}|".encode() + value.encode("utf-8", "surrogatepass")
    if isinstance(value, enum.Enum):
        return f"e{kind.__qualname__}.{value.name}".encode()
    if isinstance(value, type):
        return f"c{value.__module__}.{value.__qualname__}".encode()
    return None


class Fingerprints:
    """Computes fingerprints, remembering those of values that cannot change."""

    def __init__(self) -> None:
        #: id -> (the value, kept alive so that its id is not reused, and its digest).
        self._lasting: dict[int, tuple[Any, bytes]] = {}
        self._used: set[int] = set()

    def of(self, value: Any) -> bytes:
        """The value's digest (16 bytes); raises ``Unsure``."""
        leaf = _leaf(value)
        if leaf is not None:
            return hashlib.blake2b(leaf, digest_size=16).digest()
        return self._digest(value)

    def _digest(self, value: Any) -> bytes:
        key = id(value)
        known = self._lasting.get(key)
        if known is not None and known[0] is value:
            self._used.add(key)
            return known[1]
        hasher = hashlib.blake2b(digest_size=16)
        self._feed(hasher, value)
        digest = hasher.digest()
        if _lasting(value):
            self._lasting[key] = (value, digest)
            self._used.add(key)
        return digest

    def _feed(self, hasher: Any, value: Any) -> None:
        leaf = _leaf(value)
        if leaf is not None:
            hasher.update(len(leaf).to_bytes(8, "little"))
            hasher.update(leaf)
            return
        kind = type(value)
        if kind is tuple or kind is list:
            hasher.update(b"(" if kind is tuple else b"[")
            hasher.update(len(value).to_bytes(8, "little"))
            for item in value:
                self._child(hasher, item)
        elif kind is dict:
            hasher.update(b"{")
            hasher.update(len(value).to_bytes(8, "little"))
            for item in value.items():  # in order: a template shows them in this order
                self._child(hasher, item[0])
                self._child(hasher, item[1])
        elif kind is set or kind is frozenset:
            hasher.update(b"<")
            hasher.update(len(value).to_bytes(8, "little"))
            for digest in sorted(self.of(item) for item in value):
                hasher.update(digest)
        else:
            self._object(hasher, value)

    def _child(self, hasher: Any, value: Any) -> None:
        if _leaf(value) is not None:
            self._feed(hasher, value)
        else:
            hasher.update(b"#")
            hasher.update(self._digest(value))

    def _object(self, hasher: Any, value: Any) -> None:
        kind = type(value)
        hasher.update(f"o{kind.__module__}.{kind.__qualname__}".encode())
        own = getattr(kind, "__fingerprint__", None)
        if own is not None:
            self._child(hasher, own(value))
        elif isinstance(value, BaseModel):
            for name in kind.model_fields:
                self._child(hasher, getattr(value, name))
            self._child(hasher, tuple(sorted(value.model_fields_set)))
        elif dataclasses.is_dataclass(value):
            for field in dataclasses.fields(value):
                self._child(hasher, getattr(value, field.name))
        else:
            raise Unsure(f"no fingerprint for a {kind.__qualname__}")

    def sweep(self) -> None:
        """Forget the values the last regeneration did not fingerprint (they may be gone)."""
        self._lasting = {key: entry for key, entry in self._lasting.items() if key in self._used}
        self._used = set()


def _lasting(value: Any) -> bool:
    """Values that do not change once made: their digest may be remembered by identity.

    Records (pydantic), dataclasses and tuples are never changed after they are made
    anywhere in portal-gen; a dict or list may be, so it is read again every time.
    """
    kind = type(value)
    return (
        kind is tuple or kind is frozenset or isinstance(value, BaseModel) or dataclasses.is_dataclass(value)
    )
