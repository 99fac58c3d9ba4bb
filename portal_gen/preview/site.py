"""The site ``portal-gen serve`` shows, built by MkDocs in this process and kept up to date
page by page.

A full MkDocs build of the benchmark portal takes seconds, nearly all of it rendering pages
that a save did not touch. Since portal-gen's writer rewrites only the generated files whose
bytes changed, the files it reports are exactly the pages whose Markdown changed. So after
one full build, a save re-renders only those pages (with MkDocs' own functions, so each is
rendered as a full build renders it), copies the other changed files, and rewrites the
search index from every page's entries, the unchanged ones kept from before.

That holds only while nothing a page shows comes from another page's source. What would
break it is answered by a full build instead: a page added or removed (the nav and the file
list change), a page in the nav whose title or front matter changed (the nav of every page
shows it), an edit of ``mkdocs.yml`` or of the theme overrides, and any plugin whose state
this module does not know. When in doubt it rebuilds everything; the served site is always
what a fresh build of the same pages makes.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.commands.build import get_context
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

#: Plugins whose state between pages this module knows: the search index (rebuilt here from
#: each page's entries) and portal-gen's own (which only generates and holds a lock).
KNOWN_PLUGINS = frozenset({"search", "material/search", "portal"})
_OBSERVER = "portal-gen/preview"
#: A context the site holds while the folder it shows changes (the server makes requests wait).
Changing = Callable[[], AbstractContextManager[object]]


@dataclass
class _Built:
    """What one full build leaves for the saves after it."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: Any  # MkDocs' jinja2.Environment for the theme
    #: Each page's search entries, in build order (the index lists them in this order).
    entries: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    #: What a page shows in every page's nav: its title and front matter.
    nav_faces: dict[str, tuple[object, object]] = field(default_factory=dict)
    theme: tuple[tuple[str, int, int], ...] = ()


class _Observer(BasePlugin):  # type: ignore[type-arg, no-untyped-call]
    """Sees what MkDocs' full build makes, for the page-by-page rebuilds after it."""

    def __init__(self) -> None:
        super().__init__()
        self.files: Files | None = None
        self.nav: Navigation | None = None
        self.env: Any = None
        self.index: list[dict[str, Any]] | None = None
        self.entries: dict[str, list[dict[str, Any]]] = {}
        self._seen = 0

    @event_priority(-100)  # after every other plugin
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.files, self.nav = files, nav
        return nav

    @event_priority(-100)
    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        self.env = env
        return env

    @event_priority(-100)  # after the search plugin has added the page's entries
    def on_page_context(self, context: Any, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        if self.index is not None:
            self.entries[page.file.src_uri] = self.index[self._seen :]
            self._seen = len(self.index)
        return context

    def start(self, index: list[dict[str, Any]] | None) -> None:
        self.index, self.entries, self._seen = index, {}, 0


class PreviewSite:
    """MkDocs' build of ``docs_dir``, served at ``site_url``, in one of two folders under
    ``site_dir``: a full build fills the other one and takes its place only once it has
    succeeded, so a failed build leaves the site that was shown. ``update`` brings the site
    up to date after the writer changed some files of ``docs_dir``."""

    def __init__(self, config_file: Path, docs_dir: Path, site_dir: Path, site_url: str) -> None:
        self.config_file, self.docs_dir, self.site_url = config_file, docs_dir, site_url
        self._folders = (site_dir / "a", site_dir / "b")
        #: The folder that holds the site to show.
        self.folder = self._folders[1]
        self._built: _Built | None = None
        #: How the last build or update was done: "full" or "pages" (for the log and tests).
        self.last = ""
        #: What the last full build that succeeded left for rendering preview-only pages.
        self._shown: tuple[MkDocsConfig, Files, Navigation, Any] | None = None
        # The server renders preview-only pages in its own threads while the watcher's
        # thread updates the site: MkDocs' config and theme are used by one at a time.
        self._lock = threading.RLock()

    def _config(self, site_dir: Path) -> MkDocsConfig:
        config = load_config(
            config_file=str(self.config_file), docs_dir=str(self.docs_dir), site_dir=str(site_dir)
        )
        config.plugins.on_startup(command="serve", dirty=False)
        config.site_url = self.site_url  # links and the sitemap point at the preview, as in mkdocs serve
        return config

    def build(self, changing: Changing = contextlib.nullcontext) -> None:
        """A full build, as ``mkdocs serve`` makes it, into the folder not shown; it raises
        what MkDocs raises. ``changing`` is held while the new folder takes the old one's place."""
        with self._lock:
            self._build(changing)

    def _build(self, changing: Changing) -> None:
        self._built = None  # until it has succeeded, the next update builds in full again
        target = self._folders[0] if self.folder == self._folders[1] else self._folders[1]
        config = self._config(target)
        observer = _Observer()
        config.plugins[_OBSERVER] = observer
        known = set(config.plugins) - {_OBSERVER} <= KNOWN_PLUGINS

        def observe_index(config: MkDocsConfig) -> MkDocsConfig:
            # The search plugin makes its index anew in on_config: watch that one.
            observer.start(_entries_of(_search_index(config)) if known else None)
            return config

        config.plugins.events["config"].append(observe_index)
        mkdocs_build.build(config, serve_url=self.site_url)
        with changing():
            self.folder = target
        self.last = "full"
        if observer.files is not None and observer.nav is not None:
            self._shown = (config, observer.files, observer.nav, observer.env)
        if observer.index is None or observer.files is None or observer.nav is None:
            return  # every update builds in full
        built = _Built(config, observer.files, observer.nav, observer.env, dict(observer.entries))
        observer.start(None)  # the page-by-page rebuilds keep the entries themselves
        built.nav_faces = {page.file.src_uri: _face(page) for page in built.nav.pages}
        built.theme = _theme_signature(config)
        self._built = built

    def update(
        self, written: Iterable[str], removed: Iterable[str], changing: Changing = contextlib.nullcontext
    ) -> None:
        """Bring the site up to date after the writer wrote ``written`` and removed
        ``removed`` (paths relative to ``docs_dir``); ``changing`` is held while the shown
        folder changes."""
        with self._lock:
            self._update(written, removed, changing)

    def render_extra(self, markdown: str, src_uri: str, dest_uri: str) -> str | None:
        """``markdown`` as the page ``src_uri`` (its links are relative to that) in the theme of
        the site shown, for a preview-only page served at ``dest_uri``: not written, not in the
        nav nor in the search index. None until a full build has succeeded."""
        with self._lock:
            if self._shown is None:
                return None
            config, files, nav, env = self._shown
            file = File.generated(config, src_uri, content=markdown)
            file.dest_uri = dest_uri
            page = Page(None, file, config)
            config._current_page = page
            try:
                page.read_source(config)
                page.render(config, files)
                doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
                context = get_context(nav, doc_files, config, page)
                template = env.get_template(page.meta.get("template", "main.html"))
                return str(template.render(context))
            finally:
                config._current_page = None

    def _update(self, written: Iterable[str], removed: Iterable[str], changing: Changing) -> None:
        built = self._built
        written, removed = list(written), list(removed)
        if built is None or removed or _theme_signature(built.config) != built.theme:
            return self._build(changing)
        files = [built.files.get_file_from_path(name) for name in written]
        present = [file for file in files if file is not None]
        if len(present) != len(files):
            return self._build(changing)  # a new file: the nav and every page's links may change
        pages = [file for file in present if file.is_documentation_page() and file.page is not None]
        if not all(InclusionLevel.is_in_serve(file.inclusion) for file in pages):  # type: ignore[no-untyped-call]
            return self._build(changing)  # a page left out of the preview: MkDocs' rules decide
        with changing():
            try:
                done = self._pages(built, pages)
                if done:
                    for file in present:
                        if not file.is_documentation_page():
                            file.copy_file()
            except BaseException:
                self._built = None  # part of the pages may be new: build in full next time
                raise
        if not done:
            return self._build(changing)
        self.last = "pages"

    def _pages(self, built: _Built, changed: list[File]) -> bool:
        """Render ``changed`` again; False when that is not enough (a full build is needed)."""
        config, files, nav, env = built.config, built.files, built.nav, built.env
        config.plugins.on_pre_build(config=config)  # portal-gen's plugin holds the staging folder
        try:
            for file in changed:
                assert file.page is not None
                _reset(file.page)
                mkdocs_build._populate_page(file.page, config, files)
                if file.src_uri in built.nav_faces and _face(file.page) != built.nav_faces[file.src_uri]:
                    return False
            index = _entries_of(_search_index(config))
            assert index is not None
            doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
            for file in changed:
                assert file.page is not None
                del index[:]
                excluded = file.inclusion.is_excluded()  # type: ignore[no-untyped-call]
                mkdocs_build._build_page(file.page, config, doc_files, nav, env, excluded=excluded)
                built.entries[file.src_uri] = list(index)
            index[:] = [entry for entries in built.entries.values() for entry in entries]
            for template in config.theme.static_templates:
                mkdocs_build._build_theme_template(template, env, files, config, nav)
            for template in config.extra_templates:
                mkdocs_build._build_extra_template(template, files, config, nav)
            level = config.validation.links.anchors
            for file in changed:
                assert file.page is not None
                file.page.validate_anchor_links(files=files, log_level=level)
            config.plugins.on_post_build(config=config)  # writes the search index
        except Exception as error:
            config.plugins.on_build_error(error=error)
            raise
        return True


def _search_index(config: MkDocsConfig) -> Any:
    for name in ("material/search", "search"):
        if name in config.plugins:
            return getattr(config.plugins[name], "search_index", None)
    return None


def _entries_of(index: Any) -> list[dict[str, Any]] | None:
    """Material's index keeps its entries in a list; any other index is unknown here."""
    entries = getattr(index, "entries", None)
    return entries if isinstance(entries, list) else None


def _face(page: Page) -> tuple[object, object]:
    return (page.title, repr(sorted(page.meta.items(), key=lambda item: str(item[0]))))


def _reset(page: Page) -> None:
    """Forget what rendering the old Markdown left on ``page``, as a new Page has nothing."""
    page.markdown = None
    page.content = None
    page.toc = []  # type: ignore[assignment]
    page.meta = {}
    page._title_from_render = None


def _theme_signature(config: MkDocsConfig) -> tuple[tuple[str, int, int], ...]:
    """The config file and every file of the theme's own folder (``custom_dir``), as
    (path, size, mtime): an edit of any of them changes every page."""
    found = []
    paths = [config.config_file_path] if config.config_file_path else []
    custom = config.theme.custom_dir
    if custom and os.path.isdir(custom):
        for folder, _, names in os.walk(custom):
            paths += [os.path.join(folder, name) for name in names]
    for path in sorted(paths):
        try:
            status = os.stat(path)
        except OSError:
            continue
        found.append((path, status.st_size, status.st_mtime_ns))
    return tuple(found)
