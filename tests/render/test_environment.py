"""Tests for portal_gen.render.environment: compiled templates kept between runs."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from conftest import SAMPLE_TODAY, copy_sample, override, templates_of

from portal_gen.app import Run, load_portal
from portal_gen.render.pages import plan


def _plan_with_cache(root: Path, cache: Path) -> dict[str, bytes]:
    portal = load_portal(Run(root, SAMPLE_TODAY))
    return plan(portal, dataclasses.replace(templates_of(root), compiled_cache=str(cache)))


def test_a_second_run_uses_the_compiled_templates_and_gives_the_same_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first run fills the cache folder; the next compiles nothing and renders the same bytes
    as a run without a cache."""
    import jinja2

    root = copy_sample(tmp_path / "shop")
    cache = tmp_path / "cache"
    first = _plan_with_cache(root, cache)
    assert len(list((cache / "pages").iterdir())) > 10
    compiled: list[str] = []
    real = jinja2.Environment._compile

    def counting(self: jinja2.Environment, source: str, filename: str) -> object:
        compiled.append(filename)
        return real(self, source, filename)

    monkeypatch.setattr(jinja2.Environment, "_compile", counting)
    second = _plan_with_cache(root, cache)
    assert compiled == []
    assert second == first == plan(load_portal(Run(root, SAMPLE_TODAY)), templates_of(root))


def test_an_edited_override_is_compiled_again(tmp_path: Path) -> None:
    """The cache tells templates apart by their text: a changed override shows at once."""
    root = copy_sample(tmp_path / "shop")
    cache = tmp_path / "cache"
    override(root, "partials/event_card.md", "card one\n")
    assert b"card one" in _plan_with_cache(root, cache)["events/index.md"]
    override(root, "partials/event_card.md", "card two\n")
    assert b"card two" in _plan_with_cache(root, cache)["events/index.md"]


def test_a_cache_folder_that_cannot_be_made_only_means_compiling(tmp_path: Path) -> None:
    """A cache path that is a file (or read-only) is no failure: the pages are the same."""
    root = copy_sample(tmp_path / "shop")
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert _plan_with_cache(root, blocked) == plan(load_portal(Run(root, SAMPLE_TODAY)), templates_of(root))
