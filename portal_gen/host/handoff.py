"""How portal-gen's own commands tell the MkDocs plugin in the MkDocs they start that they
have generated already, so that nothing is generated twice."""

from __future__ import annotations

import os
from pathlib import Path

#: Set in the environment of the MkDocs that ``portal-gen build`` and ``serve`` run.
ACTIVE_ENV = "PORTAL_GEN_ACTIVE"


def generated_by_caller() -> bool:
    """Whether this process is an MkDocs started by portal-gen, which has generated already."""
    return bool(os.environ.get(ACTIVE_ENV))


#: What mkdocs.yml's ``docs_dir: !ENV [PORTAL_GEN_DOCS_DIR, content]`` reads.
DOCS_DIR_ENV = "PORTAL_GEN_DOCS_DIR"


def child_environment(staging: Path) -> dict[str, str]:
    """The environment for an MkDocs started by portal-gen to build ``staging``: it is the
    docs_dir even if mkdocs.yml does not list the portal plugin."""
    # Material prints a banner about its successor on every build; owners cannot act on it
    # (moving to Zensical is the project's job), so keep their output to what matters.
    return {"NO_MKDOCS_2_WARNING": "1", **os.environ, ACTIVE_ENV: "1", DOCS_DIR_ENV: str(staging)}


def hand_off_in_process(staging: Path) -> None:
    """For an MkDocs run in this process (``serve``): what ``child_environment`` tells a child."""
    os.environ.update(child_environment(Path(os.path.abspath(staging))))
