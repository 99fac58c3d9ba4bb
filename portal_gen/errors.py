"""The exception family: every problem portal-gen reports to a person.

Data problems are collected, not raised one by one: validation returns a list of
``DataError`` and the pipeline raises a single ``InvalidDataError`` holding all of them,
so an owner sees every mistake of every file in one run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Position:
    """Where a value was written: a path relative to the portal root, 1-based line and column."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


class PortalError(Exception):
    """Base of every error that adapters (CLI, MkDocs plugin) turn into a friendly message."""


class DataError(PortalError):
    """One problem in the owner's data, with the place it was written.

    ``where`` is the dotted path of the value inside its file (``events[2].end``); it is
    empty for problems that concern the file as a whole (a YAML syntax error).
    """

    def __init__(self, position: Position, where: str, message: str) -> None:
        self.position = position
        self.where = where
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.where:
            return f"{self.position}: {self.where}: {self.message}"
        return f"{self.position}: {self.message}"

    def sort_key(self) -> tuple[Position, str, str]:
        return (self.position, self.where, self.message)


class YamlSyntaxError(DataError):
    """A data file or front matter block is not well-formed YAML."""


class SchemaError(DataError):
    """A value has the wrong type, a required field is missing or a field is unknown."""


class DuplicateIdError(DataError):
    """Two records of the same kind share an id."""


class UnknownReferenceError(DataError):
    """A record names a tier, event or partner that does not exist."""


class EndBeforeStartError(DataError):
    """An event ends before (or when) it starts."""


class MissingFileError(DataError):
    """A file or folder the portal needs does not exist."""


class ContentError(DataError):
    """An owner's Markdown page cannot be used as it is (name clash, bad front matter)."""


class DataWarning(DataError):
    """Something the data allows but its owner probably did not mean: reported with its place,
    never stopping a build (``path:line:col: warning: ...``)."""

    def __str__(self) -> str:
        where = f"{self.where}: " if self.where else ""
        return f"{self.position}: warning: {where}{self.message}"


class RepeatedQuoteWarning(DataWarning):
    """Two testimonials have the same words: one customer counted twice, or a paste."""


class TestimonialBeforeEventWarning(DataWarning):
    """A testimonial about an event is dated before the event first took place."""


class InvalidDataError(PortalError):
    """The portal's data has one or more problems; nothing was written."""

    def __init__(self, errors: list[DataError]) -> None:
        self.errors = sorted(errors, key=DataError.sort_key)
        count = len(self.errors)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{count} {noun} found; nothing was written.")


class TemplateRenderError(PortalError):
    """A page template (often an owner's override) failed to render."""


class OutputError(PortalError):
    """The generated output could not be written where it belongs."""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'title'?)`` when one choice is close to ``word``, else nothing."""
    import difflib  # only when a name is wrong: not on every start

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
