"""What a page asks of the portal, recorded so that the question can be asked again.

A template may read anything from the portal, so a page's inputs cannot all be named up
front: ``Recording`` stands in for the portal while a page renders and notes every attribute
read and method called, with the fingerprint of the answer. The page is reused only when
asking the new portal the same questions gives answers with the same fingerprints.
"""

from __future__ import annotations

import types
from dataclasses import dataclass
from typing import Any

from portal_gen.incremental.fingerprint import Fingerprints, Unsure


@dataclass(frozen=True)
class Question:
    """One thing a page asked: an attribute (``args`` None) or a method call, and the answer."""

    name: str
    args: tuple[tuple[Any, ...], tuple[tuple[str, Any], ...]] | None
    answer: Any  # its key (see ``Fingerprints.key``)


#: Recorded when an answer had no fingerprint: the page is never reused.
UNANSWERABLE = Question("\x00", None, b"")


class Recording:
    """Stands in for ``target`` while a step runs, recording what was asked of it."""

    __slots__ = ("_fingerprints", "_seen", "log", "target")

    def __init__(self, target: Any, fingerprints: Fingerprints) -> None:
        self.target = target
        self._fingerprints = fingerprints
        self._seen: set[str] = set()
        self.log: list[Question] = []

    def __getattr__(self, name: str) -> Any:
        value = getattr(self.target, name)
        if not isinstance(value, types.MethodType):
            if name not in self._seen:  # an attribute gives the same answer all through a step
                self._seen.add(name)
                self.log.append(self._question(name, None, value))
            return value

        def call(*args: Any, **kwargs: Any) -> Any:
            answer = value(*args, **kwargs)
            self.log.append(self._question(name, (args, tuple(kwargs.items())), answer))
            return answer

        return call

    def _question(self, name: str, args: Any, answer: Any) -> Question:
        try:
            return Question(name, args, self._fingerprints.key(answer))
        except Unsure:
            return UNANSWERABLE

    def extend(self, log: list[Question]) -> None:
        """Take on what a step run inside this one read of the same target: this one shows it too."""
        for question in log:
            if question.args is None:
                if question.name in self._seen:
                    continue
                self._seen.add(question.name)
            self.log.append(question)


def still_true(log: list[Question], target: Any, fingerprints: Fingerprints) -> bool:
    """Whether asking ``target`` the questions of ``log`` gives the same answers."""
    for question in log:
        if question is UNANSWERABLE:
            return False
        try:
            value = getattr(target, question.name)
            if question.args is not None:
                value = value(*question.args[0], **dict(question.args[1]))
            if fingerprints.key(value) != question.answer:
                return False
        except Exception:  # asked about a record that is gone, say; or no fingerprint
            return False
    return True
