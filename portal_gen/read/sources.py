"""The only reader: data files and Markdown pages in, plain values with positions out.

YAML parsing with positions lives in ``yamldoc``; this module finds the portal's files,
decodes them, splits Markdown front matter from the body, and gathers everything read.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from portal_gen.errors import ContentError, DataError, MissingFileError, Position, YamlSyntaxError
from portal_gen.model.nesting import message as nesting_message
from portal_gen.model.nesting import too_deep
from portal_gen.read.portal_files import portal_files
from portal_gen.read.yamldoc import Document, Loc, format_loc, parse_yaml
from portal_gen.reuse import reusable

#: The file every portal has: the business and how its portal speaks.
SITE_FILE = "data/site.yml"

__all__ = ["Document", "Loc", "format_loc", "parse_yaml", "read_sources"]

#: Where owners put template overrides, relative to the portal root.
OVERRIDES = Path("theme_overrides") / "portal"
#: Data files a portal may have, by stem. ``site`` is the only required one; more events
#: may live in ``data/events/*.yml`` (read as ``events/<stem>``).
DATA_FILES = ("site", "tiers", "events", "testimonials", "stories", "partners")


@dataclass
class MarkdownPage:
    """An owner's Markdown file: front matter (a Document) and the body below it."""

    path: str  # relative to content/, posix
    source: str  # relative to the portal root, for messages
    front_matter: Document
    body: str
    body_line: int  # line number of the body's first line in the file
    data: bytes = b""  # the file as written, for pages carried over unchanged
    head: str = ""  # the front matter block as written, up to the body


@dataclass
class Asset:
    """A non-Markdown file in content/ (an image, a PDF) carried into the site as it is."""

    path: str  # relative to content/, posix
    data: bytes


@dataclass
class Sources:
    """Everything read from a portal folder, before any validation."""

    data: dict[str, Document]
    pages: list[MarkdownPage]
    assets: list[Asset]
    #: The owner's template overrides (``theme_overrides/portal/``): name -> text as written.
    overrides: tuple[tuple[str, bytes], ...] = ()
    #: Whether the portal has a data folder at all.
    has_data: bool = True


def _decode(data: bytes, path: str) -> tuple[str, list[DataError]]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        # Count characters, not bytes, so the column matches what an editor shows.
        line_start = before[before.rfind(b"\n") + 1 :]
        column = len(line_start.decode("utf-8", errors="replace")) + 1
        message = (
            f"byte 0x{data[error.start]:02x} is not valid UTF-8 text; save the file with the UTF-8 encoding"
        )
        return "", [YamlSyntaxError(Position(path, line, column), "", message)]
    # Editors on Windows like to start files with a byte-order mark; it is not content.
    return text.removeprefix("\ufeff"), []


def _relative(path: Path, root: Path) -> str:
    return PurePosixPath(path.relative_to(root)).as_posix()


#: The largest data file read. The benchmark portal's 860 events take 211 kB, and a file of
#: 8 MB parses in about 5 s using some 300 MB: anything larger is a mistake (text pasted in,
#: a file generated in a loop), or a shop better served by several files.
MAX_BYTES = 8_000_000


def read_yaml_file(path: Path, root: Path) -> tuple[Document, list[DataError]]:
    """Read and parse one YAML data file."""
    name = _relative(path, root)
    size = path.stat().st_size
    if size > MAX_BYTES:
        message = f"the file is {size:,} bytes; a data file may be at most {MAX_BYTES:,} bytes; "
        if name == "data/events.yml" or name.startswith("data/events/"):
            message += (
                "move some of its events into files of their own in data/events/ (each starting "
                "with events:, for example data/events/2027.yml for next year's)"
            )
        else:
            message += "that is far more than records take: look for text pasted in by mistake"
        return Document(name, None, broken=True), [YamlSyntaxError(Position(name), "", message)]
    data = path.read_bytes()
    return parse_yaml_bytes(data, name)


@reusable()
def parse_yaml_bytes(data: bytes, name: str) -> tuple[Document, list[DataError]]:
    text, errors = _decode(data, name)
    if errors:
        return Document(name, None, broken=True), errors
    return parse_yaml(text, name)


def one_event(document: Document, stem: str) -> Document:
    """A file of ``data/events/`` that is one event (a mapping without ``events:``, as the
    browser editor writes ``data/events/<id>.yml``) read as a file listing that event; its
    id, when left out, is the file's name."""
    data = document.data
    if not isinstance(data, dict) or not data or "events" in data:
        return document
    within: Loc = ("events", 0)
    event = data if "id" in data else {"id": stem, **data}
    return dataclasses.replace(
        document,
        data={"events": [event]},
        marks={(*within, *loc): position for loc, position in document.marks.items()},
        raw={(*within, *loc): text for loc, text in document.raw.items()},
        sources={},
        within=within,
    )


_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)


def parse_markdown(text: str, path: str, source: str) -> tuple[MarkdownPage, list[DataError]]:
    """Split a Markdown file into front matter and body; the front matter keeps positions."""
    # Files saved on Windows end lines with CRLF; the body goes to MkDocs either way.
    text = text.replace("\r\n", "\n")
    if not text.startswith("---\n"):
        return MarkdownPage(path, source, Document(source, {}), text, 1), _nesting_errors(text, 1, source)
    start = text.index("\n") + 1
    end = _FRONT_MATTER_END.search(text, start)
    if end is None:
        error = YamlSyntaxError(
            Position(source), "", "front matter starts with '---' but has no closing '---' line"
        )
        return MarkdownPage(path, source, Document(source, {}, broken=True), text, 1), [error]
    document, errors = parse_yaml(text[start : end.start()], source, line_offset=1)
    body_start = text.find("\n", end.end())
    body = "" if body_start == -1 else text[body_start + 1 :]
    body_line = text.count("\n", 0, body_start + 1) + 1 if body_start != -1 else 1
    if document.data is None:
        document.data = {}
    page = MarkdownPage(path, source, document, body, body_line)
    page.head = text[: len(text) - len(body)]
    return page, [*errors, *_nesting_errors(body, body_line, source)]


def _nesting_errors(body: str, body_line: int, source: str) -> list[DataError]:
    deep = too_deep(body)
    if deep is None:
        return []
    depth, line = deep
    return [ContentError(Position(source, body_line + line - 1), "", nesting_message(depth))]


@reusable()
def read_page(raw: bytes, path: str, source: str) -> tuple[MarkdownPage | None, list[DataError]]:
    text, problems = _decode(raw, source)
    if problems:
        return None, problems
    page, problems = parse_markdown(text, path, source)
    page.data = raw
    return page, problems


def read_sources(root: Path) -> tuple[Sources, list[DataError]]:
    """Read every data file, content page and template override of the portal at ``root``.

    Returns what could be read plus every problem met; a missing optional file is not a
    problem (it is simply empty), a missing ``data/site.yml`` is.
    """
    errors: list[DataError] = []
    data_dir = root / "data"
    documents: dict[str, Document] = {}
    data_files, refused = portal_files(data_dir, root)
    errors.extend(refused)
    # A data folder or site.yml that was refused (a link out of the portal) has said why.
    said = {error.position.path for error in refused} & {"data", SITE_FILE}
    if not data_dir.is_dir() and not said:
        errors.append(
            MissingFileError(
                Position("data"),
                "",
                "no data folder; a portal keeps its YAML files in data/ (start with data/site.yml)",
            )
        )
    elif not said:
        for error in refused:
            # A refused file counts as unreadable, so checks that span files (unknown
            # partner, unknown event) stay quiet about what it would have defined.
            name = error.position.path
            if name.startswith("data/events/") or name == "data/events":
                documents[f"events/{name.removeprefix('data/events').lstrip('/')}"] = Document(
                    name, None, broken=True
                )
            elif name.startswith("data/") and name.count("/") == 1:
                documents[PurePosixPath(name).stem] = Document(name, None, broken=True)
        for path in data_files:
            name = _relative(path, root)
            stem, suffix = path.stem, path.suffix
            if path.parent == data_dir / "events" and suffix == ".yml":
                # Events may also be split into one file per season or per partner.
                document, problems = read_yaml_file(path, root)
                documents[f"events/{stem}"] = one_event(document, stem)
                errors.extend(problems)
                continue
            if path.parent != data_dir or suffix not in (".yml", ".yaml"):
                continue
            if suffix == ".yaml" or stem not in DATA_FILES:
                expected = ", ".join(f"{known}.yml" for known in DATA_FILES)
                hint = f"rename it to {stem}.yml" if stem in DATA_FILES else f"expected one of: {expected}"
                errors.append(
                    MissingFileError(Position(name), "", f"unknown data file {path.name!r}; {hint}")
                )
                continue
            document, problems = read_yaml_file(path, root)
            documents[stem] = document
            errors.extend(problems)
        if "site" not in documents:
            errors.append(
                MissingFileError(
                    Position(SITE_FILE),
                    "",
                    "file missing; every portal needs data/site.yml with at least name, url and timezone",
                )
            )

    pages: list[MarkdownPage] = []
    assets: list[Asset] = []
    content_dir = root / "content"
    content_files, refused = portal_files(content_dir, root)
    errors.extend(refused)
    if content_dir.is_dir():
        for path in content_files:
            relative = _relative(path, content_dir)
            raw = path.read_bytes()
            if path.suffix.lower() != ".md":
                assets.append(Asset(relative, raw))
                continue
            source = _relative(path, root)
            page, problems = read_page(raw, relative, source)
            errors.extend(problems)
            if page is not None:
                pages.append(page)
    # MkDocs publishes the other files in here and renders the HTML ones: a link out of the
    # portal must stop the build here too.
    theme_files, refused = portal_files(root / "theme_overrides", root)
    errors.extend(refused)
    overrides = []
    for path in theme_files:
        if not path.is_relative_to(root / OVERRIDES):
            continue
        # Every file: a template may include or import any name (partials/snippet.j2).
        name = _relative(path, root / OVERRIDES)
        try:
            overrides.append((name, path.read_bytes()))
        except OSError:
            continue  # removed while we looked (an editor's save): the next save reads again
    return Sources(documents, pages, assets, tuple(overrides), data_dir.is_dir()), errors
