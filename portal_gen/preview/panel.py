"""What the preview tells the owner on top of every served page: the problems of the last
save (as ``portal-gen check`` prints them), and a link to what the site holds back.

It is added by the preview's server as it serves a page, never written into the site: the
words are for the owner, in English like every other message to the owner (the catalogs of
``portal_gen.texts`` are for the words customers read).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from html import escape
from pathlib import Path

from portal_gen.errors import InvalidDataError, PortalError

#: Where the preview-only pages are, under the site's address: MkDocs leaves out every file
#: and folder whose name starts with a dot, so no page of the site can be there.
PREVIEW_FOLDER = ".portal-gen/"
#: The page listing what is held back, under the site's address.
HELD_BACK = PREVIEW_FOLDER + "held-back/"
#: In every element's id, and what the tests look for in the build's output.
MARK = "portal-gen-preview"
#: What the owner reads after the problems: the served site is the one before the save.
KEPT = "The site keeps showing the last good version."


class PreviewFailed(PortalError):
    """MkDocs failed on a save (a broken theme override, say): what the owner is told, with
    the file and line of a template's mistake (relative to ``root``) when the error has them."""

    def __init__(self, error: Exception, root: Path | None = None) -> None:
        filename, line = getattr(error, "filename", None), getattr(error, "lineno", None)
        where = ""
        if isinstance(filename, str) and isinstance(line, int) and root is not None:
            path = Path(filename)
            with contextlib.suppress(ValueError):
                path = path.resolve().relative_to(root.resolve())
            where = f"{path.as_posix()}:{line}: "
        super().__init__(
            f"MkDocs could not build the site: {where}{getattr(error, 'message', None) or error}"
        )


@dataclass(frozen=True)
class Problems:
    """Why the last save is not shown: a summary line and each problem's line."""

    summary: str
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Notes:
    """What every served page shows on top of the site."""

    problems: Problems | None = None
    #: How many records and issues the site holds back.
    held_back: int = 0


def problems_of(error: Exception) -> Problems:
    """The problems of a failed regeneration, worded as the terminal shows them."""
    if isinstance(error, InvalidDataError):
        return Problems(f"{error} {KEPT}", tuple(str(problem) for problem in error.errors))
    if isinstance(error, PortalError):
        return Problems(f"error: {error} {KEPT}")
    # A bug in portal-gen: the terminal shows the traceback.
    return Problems(f"portal-gen failed: {error!r}. The terminal shows the details. {KEPT}")


# Inline styles: the theme's stylesheet must not make the panel unreadable, nor the panel
# change the page. White on dark red and on near-black is well above WCAG AA contrast.
_BOX = (
    "all:initial;display:block;box-sizing:border-box;position:sticky;top:0;z-index:2147483647;"
    "max-height:50vh;overflow:auto;padding:.75rem 1rem;background:#8b1a1a;color:#fff;"
    "font:16px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;"
    "border-bottom:3px solid #fff;outline-offset:-4px"
)
_LINE = (
    "display:block;margin:.3rem 0;font:15px/1.4 ui-monospace,Menlo,Consolas,monospace;overflow-wrap:anywhere"
)
_BAR = (
    "all:initial;position:fixed;left:.5rem;bottom:.5rem;z-index:2147483647;padding:.4rem .8rem;"
    "border-radius:1rem;background:#1f1f1f;color:#fff;font:15px/1.4 system-ui,sans-serif"
)
_LINK = "color:#fff;text-decoration:underline;font:inherit;cursor:pointer"


def banner(problems: Problems) -> str:
    """The problems, as an alert the keyboard reaches first (it is the body's first element)."""
    lines = "".join(f'<li style="{_LINE}">{escape(line)}</li>' for line in problems.lines)
    listed = f'<ul style="margin:0;padding:0;list-style:none">{lines}</ul>' if lines else ""
    return (
        f'<section id="{MARK}-problems" role="alert" aria-labelledby="{MARK}-summary" tabindex="0" '
        f'style="{_BOX}"><strong id="{MARK}-summary" style="display:block;font-weight:700">'
        f"{escape(problems.summary)}</strong>{listed}</section>"
    )


def toolbar(mount: str, held_back: int) -> str:
    """A small link to the held-back page, on every page of the preview."""
    return (
        f'<nav id="{MARK}-bar" aria-label="Preview" style="{_BAR}">'
        f'<a href="{escape(mount + HELD_BACK)}" style="{_LINK}">Preview: held back ({held_back})</a></nav>'
    )


def decorate(body: bytes, notes: Notes, mount: str) -> bytes:
    """An HTML page with the notes added: the problems first in the body, the link last."""
    top = banner(notes.problems).encode() if notes.problems is not None else b""
    bottom = toolbar(mount, notes.held_back).encode()
    start = body.find(b"<body")
    opened = body.find(b">", start) + 1 if start >= 0 else 0
    end = body.rfind(b"</body>")
    if end < opened:
        end = len(body)
    return body[:opened] + top + body[opened:end] + bottom + body[end:]
