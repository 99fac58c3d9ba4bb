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


def _datetime(value: dt.datetime) -> bytes:
    zone = value.tzinfo
    key = zone.key if isinstance(zone, ZoneInfo) else repr(zone)
    return f"t{value.isoformat()}|{key}|{value.fold}".encode()


#: The exact spelling of each simple kind of value, with its type.
_SPELLINGS: dict[type, Any] = {
    str: lambda value: b"s" + value.encode("utf-8", "surrogatepass"),
    int: lambda value: b"i" + str(value).encode(),
    bool: lambda value: b"T" if value else b"F",
    type(None): lambda value: b"N",
    bytes: lambda value: b"y" + value,
    float: lambda value: b"f" + repr(value).encode(),
    Decimal: lambda value: b"D" + str(value).encode(),
    dt.datetime: _datetime,
    dt.date: lambda value: b"d" + value.isoformat().encode(),
    dt.time: lambda value: f"h{value.isoformat()}|{value.tzinfo!r}|{value.fold}".encode(),
    dt.timedelta: lambda value: f"w{value.days},{value.seconds},{value.microseconds}".encode(),
    ZoneInfo: lambda value: b"z" + str(value.key).encode(),
}


# How each type is read; found once per type (see ``_how``).
_LEAF, _ODD_LEAF, _SEQUENCE, _MAPPING, _SET, _RECORD, _MODEL, _OWN, _DATACLASS, _UNKNOWN = range(10)
_HOW: dict[type, int] = dict.fromkeys(_SPELLINGS, _LEAF)
#: Kinds that never change once made: their digests are remembered by identity across
#: regenerations (anything else, for one regeneration).
_LASTING = {_RECORD: True, _DATACLASS: True}


#: Sequences this short are spelled inside their container, not given a digest of their own.
_INLINE = 4


def _how(kind: type) -> int:
    known = _HOW.get(kind)
    if known is not None:
        return known
    if issubclass(kind, str | enum.Enum) or issubclass(kind, type):
        how = _ODD_LEAF
    elif kind is tuple or kind is list:
        how = _SEQUENCE
    elif kind is dict:
        how = _MAPPING
    elif kind is set or kind is frozenset:
        how = _SET
    elif getattr(kind, "__fingerprint__", None) is not None:
        how = _OWN
    elif issubclass(kind, BaseModel):
        how = _RECORD if kind.model_config.get("frozen") else _MODEL
    elif dataclasses.is_dataclass(kind):
        how = _DATACLASS
    else:
        how = _UNKNOWN
    _HOW[kind] = how
    return how


def _odd_leaf(value: Any) -> bytes:
    """Text of another type (Markup), an enum member, a class: with what it is."""
    kind = type(value)
    if isinstance(value, str):
        return f"S{kind.__module__}.{kind.__qualname__}|".encode() + value.encode("utf-8", "surrogatepass")
    if isinstance(value, enum.Enum):
        return f"e{kind.__qualname__}.{value.name}".encode()
    return f"c{value.__module__}.{value.__qualname__}".encode()


class Fingerprints:
    """Computes fingerprints, remembering those of values that cannot change."""

    def __init__(self) -> None:
        #: id -> (the value, kept alive so that its id is not reused, and its digest).
        self._lasting: dict[int, tuple[Any, bytes]] = {}
        self._used: set[int] = set()
        #: The same for values that could change (a dict, a list): for one regeneration only,
        #: during which nothing changes what the steps are given.
        self._this_run: dict[int, tuple[Any, bytes]] = {}

    def of(self, value: Any) -> bytes:
        """The value's digest (16 bytes); raises ``Unsure``."""
        how = _how(type(value))
        if how == _LEAF:
            return hashlib.blake2b(_SPELLINGS[type(value)](value), digest_size=16).digest()
        if how == _ODD_LEAF:
            return hashlib.blake2b(_odd_leaf(value), digest_size=16).digest()
        return self._digest(value, how)

    def of_all(self, values: list[Any]) -> tuple[Any, ...]:
        """A key for these values in order (a step's arguments), equal to another exactly when
        their fingerprints are; raises ``Unsure``.

        A step is looked up thousands of times a save, mostly with text and records: text
        stays itself in the key (string equality is exact spelling, and Python hashes and
        compares it in C), every other simple value is its spelling, a short tuple a tuple of
        its parts, a value with a short ``__fingerprint__`` its class and that tuple's parts,
        anything else its digest. No two of these are ever equal to each other.
        """
        return tuple(self._parts(values))

    def key(self, value: Any) -> Any:
        """A key for one value, as ``of_all`` makes for each argument: equal to another exactly
        when the fingerprints are, and cheaper than a digest for text and short lists (what a
        page's questions are mostly answered with); raises ``Unsure``."""
        return self._parts((value,))[0]

    def _parts(self, values: Any) -> list[Any]:
        parts: list[Any] = []
        lasting, used = self._lasting, self._used
        for item in values:
            kind = type(item)
            if kind is str:
                parts.append(item)
                continue
            spell = _SPELLINGS.get(kind)
            if spell is not None:
                parts.append(spell(item))
                continue
            how = _how(kind)
            if how == _ODD_LEAF:
                parts.append(_odd_leaf(item))
            elif how == _SEQUENCE and len(item) <= _INLINE:
                # Spelled in place whatever was cached, so the key depends on the value alone.
                parts.append((b"(" if kind is tuple else b"[", *self._parts(item)))
            elif how == _OWN and type(own := item.__fingerprint__()) is tuple and len(own) <= _INLINE:
                # A value told apart by a few others (an item by its text): those, in place, so
                # that a long text is compared as itself instead of hashed on every lookup.
                parts.append((f"o{kind.__module__}.{kind.__qualname__}".encode(), *self._parts(own)))
            else:
                # A record seen before: ``_digest``'s first step, in line, as most lookups are.
                known = lasting.get(id(item))
                if known is not None and known[0] is item:
                    used.add(id(item))
                    parts.append(b"#" + known[1])
                else:
                    parts.append(b"#" + self._digest(item, how))
        return parts

    def _digest(self, value: Any, how: int) -> bytes:
        key = id(value)
        known = self._lasting.get(key)
        if known is not None and known[0] is value:
            self._used.add(key)
            return known[1]
        known = self._this_run.get(key)
        if known is not None and known[0] is value:
            return known[1]
        if how == _RECORD:
            digest = _record(value)
        else:
            hasher = hashlib.blake2b(digest_size=16)
            self._fill(hasher, value, how)
            digest = hasher.digest()
        if _LASTING.get(how, False) or type(value) is tuple or type(value) is frozenset:
            self._lasting[key] = (value, digest)
            self._used.add(key)
        else:
            self._this_run[key] = (value, digest)
        return digest

    def _items(self, hasher: Any, values: Any) -> None:
        lasting, used = self._lasting, self._used
        for item in values:
            kind = type(item)
            spell = _SPELLINGS.get(kind)
            if spell is not None:
                spelled = spell(item)
                hasher.update(len(spelled).to_bytes(4, "little") + spelled)
                continue
            how = _how(kind)
            if how == _ODD_LEAF:
                spelled = _odd_leaf(item)
                hasher.update(len(spelled).to_bytes(4, "little") + spelled)
            elif how == _SEQUENCE and len(item) <= _INLINE:
                # A short tuple made for one call (a pair of a page's arguments): spelled in
                # place, which is cheaper than a digest of its own that nobody asks for again.
                hasher.update((b"<(" if kind is tuple else b"<[") + len(item).to_bytes(4, "little"))
                self._items(hasher, item)
            else:
                # A record seen before (most items of a list of dates): ``_digest``'s first
                # step in line, as in ``_parts``.
                known = lasting.get(id(item))
                if known is not None and known[0] is item:
                    used.add(id(item))
                    hasher.update(b"#" + known[1])
                else:
                    hasher.update(b"#" + self._digest(item, how))

    def _fill(self, hasher: Any, value: Any, how: int) -> None:
        kind = type(value)
        if how == _SEQUENCE:
            hasher.update((b"(" if kind is tuple else b"[") + len(value).to_bytes(8, "little"))
            self._items(hasher, value)
        elif how == _MAPPING:
            hasher.update(b"{" + len(value).to_bytes(8, "little"))
            for item in value.items():  # in order: a template shows them in this order
                self._items(hasher, item)
        elif how == _SET:
            hasher.update(b"<" + len(value).to_bytes(8, "little"))
            for digest in sorted(self.of(item) for item in value):
                hasher.update(digest)
        else:
            hasher.update(f"o{kind.__module__}.{kind.__qualname__}".encode())
            if how == _OWN:
                self._items(hasher, (value.__fingerprint__(),))
            elif how == _MODEL:
                self._items(hasher, [getattr(value, name) for name in kind.model_fields])
                self._items(hasher, (tuple(sorted(value.model_fields_set)),))
            elif how == _DATACLASS:
                self._items(hasher, [getattr(value, field.name) for field in dataclasses.fields(value)])
            else:
                raise Unsure(f"no fingerprint for a {kind.__qualname__}")

    def sweep(self, forget: bool = True) -> None:
        """End a regeneration: what was fingerprinted for it alone goes, and with ``forget``,
        the lasting values it did not fingerprint (they may be gone)."""
        if forget:
            self._lasting = {key: entry for key, entry in self._lasting.items() if key in self._used}
        self._used = set()
        self._this_run = {}


def _record(value: BaseModel) -> bytes:
    """A frozen record's digest from the exact spelling (``repr``) of its class and fields.

    Records hold only values whose ``repr`` spells them fully (text, numbers as written,
    dates with their zone and fold, lists, mappings in order, other records), and ``repr`` is
    C code for all of them: ten times faster than walking the fields here.
    """
    kind = type(value)
    spelling = f"R{kind.__module__}.{kind.__qualname__}|{tuple(value.__dict__.items())!r}|"
    spelling += repr(sorted(value.model_fields_set))
    return hashlib.blake2b(spelling.encode("utf-8", "surrogatepass"), digest_size=16).digest()
