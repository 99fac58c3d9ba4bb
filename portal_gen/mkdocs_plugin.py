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
import os
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from portal_gen import clock, pipeline, swap
from portal_gen.errors import InvalidDataError, PortalError
from portal_gen.memo import NO_MEMO, Memo
from portal_gen.watch import WATCHED


class PortalConfig(Config):
    #: Pretend it is this day (YYYY-MM-DD), as ``--today`` does; default: SOURCE_DATE_EPOCH or today.
    today = config_options.Optional(config_options.Type((str, dt.date)))


class PortalPlugin(BasePlugin[PortalConfig]):
    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps one plugin object for the whole of `mkdocs serve`, and
        # with it one memo: a rebuild after a save reuses what the save did not change.
        self.command = command
        self.memo = Memo() if command == "serve" else NO_MEMO

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if os.environ.get(pipeline.ACTIVE_ENV):
            return config
        root = _root(config)
        try:
            today = pipeline.parse_day(self.config.today) if self.config.today else clock.now()
            pipeline.generate(root, today, getattr(self, "memo", NO_MEMO))
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
        reading = getattr(self, "_reading", None)
        if reading is not None:
            self._reading = None
            reading.close()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        if not os.environ.get(pipeline.ACTIVE_ENV):
            for name in WATCHED:
                if (_root(config) / name).is_dir():
                    server.watch(str(_root(config) / name))
        return server


def _root(config: MkDocsConfig) -> Path:
    """The portal is the folder holding mkdocs.yml."""
    return Path(config.config_file_path or ".").resolve().parent
