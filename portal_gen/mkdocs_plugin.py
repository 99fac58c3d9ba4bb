"""The MkDocs plugin ``portal``: plain ``mkdocs build`` and ``mkdocs serve`` generate first.

It is a thin adapter over the same pipeline as the CLI: ``on_config`` regenerates the staging
folder (``docs_dir``) before MkDocs reads it, and ``on_serve`` adds the owner's folders to
what ``mkdocs serve`` watches, so a save regenerates and the browser reloads. Data errors
become a ``PluginError`` carrying the same ``path:line:col`` lines as the CLI prints.

Under ``portal-gen build`` and ``portal-gen serve``, which generate themselves, the plugin
stands aside (they set ``PORTAL_GEN_ACTIVE``), so nothing is generated twice.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from pathspec.gitignore import GitIgnoreSpec

from portal_gen import app
from portal_gen.addresses import NOT_IN_NAV
from portal_gen.errors import InvalidDataError, PortalError
from portal_gen.host import clock
from portal_gen.host.handoff import generated_by_caller
from portal_gen.host.watch import WATCHED
from portal_gen.incremental.session import Session
from portal_gen.output import swap


class PortalConfig(Config):  # type: ignore[no-untyped-call]
    #: Pretend it is this day (YYYY-MM-DD), as ``--today`` does; default: SOURCE_DATE_EPOCH or today.
    today = config_options.Optional(config_options.Type((str, dt.date)))


class PortalPlugin(BasePlugin[PortalConfig]):  # type: ignore[no-untyped-call]
    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps one plugin object for the whole of `mkdocs serve`, and
        # with it one session: a rebuild after a save reuses what the save did not change.
        self.command = command
        self.session = Session() if command == "serve" else None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        root = _root(config)
        # MkDocs insists that docs_dir exists before any plugin runs, so mkdocs.yml names a
        # folder that is always there (content/); the site is built from the generated one.
        config["docs_dir"] = str(root / app.STAGING)
        app.theme_settings(root).apply(config, config.user_configs)
        # Pages linked from their index pages, in no menu: MkDocs would warn of each.
        generated = GitIgnoreSpec.from_lines(NOT_IN_NAV)
        config["not_in_nav"] = config.not_in_nav + generated if config.not_in_nav else generated
        if generated_by_caller():
            return config
        try:
            asked = self.config.today
            today = clock.parse_day(asked) if isinstance(asked, str | dt.date) else clock.now()
            session = getattr(self, "session", None)
            app.generate(app.Run(root, today, session, parallel=session is None))
        except InvalidDataError as failure:
            raise PluginError("\n".join([*map(str, failure.errors), str(failure)])) from None
        except PortalError as failure:
            raise PluginError(str(failure)) from None
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # MkDocs reads docs_dir for the whole build: hold off portal-gen's exchange of the
        # staging folder (serve regenerates on save) until it is done, so a build sees one
        # tree from its first page to its last.
        self._reading = contextlib.ExitStack()
        self._reading.enter_context(swap.reading(Path(config.docs_dir)))

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._release()

    def on_build_error(self, *, error: Exception) -> None:
        self._release()

    def _release(self) -> None:
        reading: contextlib.ExitStack[bool | None] | None = getattr(self, "_reading", None)
        if reading is not None:
            del self._reading
            reading.close()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        if not generated_by_caller():
            for name in WATCHED:
                if (_root(config) / name).is_dir():
                    server.watch(str(_root(config) / name))
        return server


def _root(config: MkDocsConfig) -> Path:
    """The portal is the folder holding mkdocs.yml."""
    return Path(config.config_file_path or ".").resolve().parent
