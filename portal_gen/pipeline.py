"""Kept for portals made before 0.2, whose mkdocs.yml says
``docs_dir: !!python/object/apply:portal_gen.pipeline.staging_folder []``. New portals name
``content/`` there (see the MkDocs plugin); use ``portal_gen.app`` for everything else."""

from __future__ import annotations

import warnings
from pathlib import Path

from portal_gen.app import STAGING


def staging_folder() -> str:
    """Deprecated: makes ``build/docs`` in the current folder, so an old mkdocs.yml still loads
    when MkDocs runs from the portal's folder. Replace the line with ``docs_dir: content``."""
    warnings.warn(
        "docs_dir: !!python/object/apply:portal_gen.pipeline.staging_folder [] is deprecated; "
        "write 'docs_dir: !ENV [PORTAL_GEN_DOCS_DIR, content]' in mkdocs.yml instead",
        FutureWarning,  # shown by default: the owner is the one who must change the line
        stacklevel=2,
    )
    if Path("mkdocs.yml").is_file():
        STAGING.mkdir(parents=True, exist_ok=True)
    return STAGING.as_posix()
