"""Which steps are pure and worth reusing; how they are reused is ``portal_gen.incremental``'s.

A stage marks a function ``@reusable``: it promises that the result depends only on the
arguments, and that the arguments are values (records, tuples, text), not a folder or the
clock. Marked functions stay plain functions: called outside ``portal-gen serve`` (a build,
a check, a test), the marker calls straight through. Inside serve, the incremental layer
installs a ``Reuser`` for the run, which may hand back what the same call gave last time.

``tracked`` names an argument (the portal, on a page) that is too big to compare whole: the
reuser records what the step reads of it instead, and reuses the result only when asking
the new one the same questions gives the same answers.
"""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ParamSpec, Protocol, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


class Reuser(Protocol):
    """What the incremental layer provides while a run is reusing."""

    def call(
        self, function: Callable[..., Any], tracked: str | None, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> Any: ...


_ACTIVE: contextvars.ContextVar[Reuser | None] = contextvars.ContextVar("portal_gen_reuser", default=None)


def reusable(tracked: str | None = None) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Mark a pure step (see the module's docstring)."""

    def mark(function: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(function)
        def step(*args: P.args, **kwargs: P.kwargs) -> R:
            reuser = _ACTIVE.get()
            if reuser is None:
                return function(*args, **kwargs)
            return reuser.call(function, tracked, args, kwargs)  # type: ignore[no-any-return]

        step.__wrapped_step__ = function  # type: ignore[attr-defined]
        return step

    return mark


@contextmanager
def reusing(reuser: Reuser) -> Iterator[None]:
    """Within this block (one regeneration in serve), marked steps go through ``reuser``."""
    token = _ACTIVE.set(reuser)
    try:
        yield
    finally:
        _ACTIVE.reset(token)
