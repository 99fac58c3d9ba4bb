"""What one generate may reuse from the one before it, in a process that keeps running.

``portal-gen serve`` (and the MkDocs plugin under ``mkdocs serve``) regenerate after every
save, and a save changes one file, usually one record in it. A ``Memo`` keeps the result of
each pure step together with the inputs it was computed from, and hands the result back
when the inputs come round again unchanged: the same objects, or equal ones. Unchanged
records keep their identity from run to run (see ``intern``), so most checks are an
identity test, and the one edited record misses everywhere it is used.

A template may read anything from the portal, so a page's inputs cannot all be named up
front: ``Reads`` stands in for the portal while a page renders and records every attribute
read and method called, with its answer. The page is reused only when asking the new portal
the same questions gives the same answers.

Without a memo (``generate``, ``build`` and ``check`` run once), ``NO_MEMO`` computes every
step, so there is one code path, and the tests check that both ways give the same bytes.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

Call = tuple[tuple[Any, ...], tuple[tuple[str, Any], ...]]

T = TypeVar("T")


def same(old: Any, new: Any) -> bool:
    """Whether a recorded input still holds. Tuples compare item by item, each identity
    first, so a tuple of unchanged records costs a pointer test per item."""
    if old is new:
        return True
    try:
        return bool(old == new)
    except Exception:  # an exotic __eq__ that refuses: treat as changed
        return False


class Identity:
    """A key part that matches only the very same object: for inputs (a parsed file, say)
    that are reused whole when unchanged, and whose deep comparison would cost more than
    recomputing."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Identity) and other.value is self.value

    __hash__ = None  # type: ignore[assignment]


class Memo:
    """Results of pure steps, by slot (what was computed) and key (from which inputs)."""

    enabled = True

    def __init__(self) -> None:
        self._entries: dict[Hashable, tuple[Any, Any]] = {}
        self._used: set[Hashable] = set()
        #: The slots each slot's computation looked up (an events page's cards, say): when
        #: the outer result is reused, the inner ones were not asked for, yet are still needed
        #: for the next time the outer one is computed.
        self._inner: dict[Hashable, set[Hashable]] = {}
        self._computing: list[set[Hashable]] = []

    def get(self, slot: Hashable, key: Any, compute: Callable[..., T], *args: Any) -> T:
        """The value kept in ``slot`` if it was computed from inputs equal to ``key``, else
        ``compute(*args)`` (kept for next time)."""
        entry = self.peek(slot)
        if entry is not None and same(entry[0], key):
            self.keep(slot)
            return entry[1]  # type: ignore[no-any-return]
        with self.computing(slot):
            value = compute(*args)
        self._entries[slot] = (key, value)
        return value

    def peek(self, slot: Hashable) -> tuple[Any, Any] | None:
        """The (key, value) kept in ``slot``, for steps that check their own inputs (and
        then call ``keep`` when they reuse it, or compute it inside ``computing``)."""
        self._used.add(slot)
        if self._computing:
            self._computing[-1].add(slot)
        return self._entries.get(slot)

    def keep(self, slot: Hashable) -> None:
        """``slot`` is reused: keep what its computation looked up as well."""
        waiting = list(self._inner.get(slot, ()))
        while waiting:
            inner = waiting.pop()
            if inner not in self._used:
                self._used.add(inner)
                waiting.extend(self._inner.get(inner, ()))

    @contextmanager
    def computing(self, slot: Hashable) -> Iterator[None]:
        """Record the slots looked up while ``slot`` is computed."""
        self._computing.append(set())
        try:
            yield
        finally:
            self._inner[slot] = self._computing.pop()

    def put(self, slot: Hashable, key: Any, value: Any) -> None:
        self._used.add(slot)
        if self._computing:
            self._computing[-1].add(slot)
        self._entries[slot] = (key, value)

    def intern(self, slot: Hashable, records: Iterable[T], name: Callable[[T], Hashable]) -> tuple[T, ...]:
        """``records`` with each one equal to last run's record of the same name replaced by
        that older object, so everything computed from it is found by identity."""
        entry = self._entries.get(slot)
        before: dict[Hashable, Any] = entry[1] if entry is not None else {}
        kept = tuple(before[name(r)] if same(before.get(name(r)), r) else r for r in records)
        self.put(slot, None, {name(record): record for record in kept})
        return kept

    def sweep(self) -> None:
        """Forget what the last run did not ask for (a deleted event's page, say)."""
        self._entries = {slot: entry for slot, entry in self._entries.items() if slot in self._used}
        self._inner = {slot: inner for slot, inner in self._inner.items() if slot in self._used}
        self._used = set()

    def __len__(self) -> int:
        return len(self._entries)


class _NoMemo(Memo):
    """Computes every time and keeps nothing: a one-off generate."""

    enabled = False

    def get(self, slot: Hashable, key: Any, compute: Callable[..., T], *args: Any) -> T:
        return compute(*args)

    def peek(self, slot: Hashable) -> tuple[Any, Any] | None:
        return None

    def keep(self, slot: Hashable) -> None:
        pass

    @contextmanager
    def computing(self, slot: Hashable) -> Iterator[None]:
        yield

    def put(self, slot: Hashable, key: Any, value: Any) -> None:
        pass

    def intern(self, slot: Hashable, records: Iterable[T], name: Callable[[T], Hashable]) -> tuple[T, ...]:
        return tuple(records)

    def sweep(self) -> None:
        pass


NO_MEMO: Memo = _NoMemo()


#: No object has this attribute, so a log holding it never replays true.
_NEVER = "\x00never reused"


class Reads:
    """Stands in for an object while a template renders, recording what was asked of it.

    ``log`` holds (name, call, answer): call is None for an attribute, the positional and
    keyword arguments for a method. ``still_true`` asks a new object the same questions.
    """

    __slots__ = ("_seen", "_target", "log")

    def __init__(self, target: Any) -> None:
        self._target = target
        self._seen: set[str] = set()
        self.log: list[tuple[str, Call | None, Any]] = []

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if not isinstance(value, types.MethodType):
            if name not in self._seen:  # an attribute gives the same answer all through a render
                self._seen.add(name)
                self.log.append((name, None, value))
            return value

        def call(*args: Any, **kwargs: Any) -> Any:
            answer = value(*args, **kwargs)
            self.log.append((name, (args, tuple(kwargs.items())), answer))
            return answer

        return call

    def extend(self, log: list[tuple[str, Call | None, Any]], target: Any) -> None:
        """Take on what a part rendered inside this page read from ``target``: the page
        shows it too. Answers from another object cannot be checked against this one, so
        the page is then never reused."""
        if target is not self._target:
            self.log.append((_NEVER, None, None))
            return
        for entry in log:
            if entry[1] is None:
                if entry[0] in self._seen:
                    continue
                self._seen.add(entry[0])
            self.log.append(entry)

    @staticmethod
    def still_true(log: list[tuple[str, Call | None, Any]], target: Any) -> bool:
        for name, call, answer in log:
            try:
                value = getattr(target, name)
                if call is not None:
                    value = value(*call[0], **dict(call[1]))
            except Exception:  # asked about a record that is gone, say
                return False
            if not same(answer, value):
                return False
        return True
