"""Tests for portal_gen.render.cms: the browser editor's config.yml, made from the models."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import SAMPLE_TODAY, copy_sample, files_of

from portal_gen.app import Run, load_portal
from portal_gen.model.portal import Portal
from portal_gen.render import cms


def _portal(root: Path, locale: str = "en_US") -> Portal:
    site = root / "data" / "site.yml"
    text = site.read_text(encoding="utf-8").replace("locale: en_US", f"locale: {locale}")
    site.write_text(text + "editor:\n  repo: shop/portal\n", encoding="utf-8")
    return load_portal(Run(root, SAMPLE_TODAY))


def _field(fields: list[dict[str, Any]], *names: str) -> dict[str, Any]:
    for name in names:
        found = next(field for field in fields if field["name"] == name)
        fields = found.get("fields", [])
    return found


def _collection(config: dict[str, Any], name: str) -> dict[str, Any]:
    return next(collection for collection in config["collections"] if collection["name"] == name)


def test_each_kind_of_field_gets_its_widget(tmp_path: Path) -> None:
    """Datetimes, days, Markdown, images, choices, numbers, nested places and lists of changes."""
    config = cms.config(_portal(copy_sample(tmp_path / "p")))
    event = _collection(config, "events")["fields"]
    assert _field(event, "start")["widget"] == "datetime"
    assert _field(event, "start")["format"] == "YYYY-MM-DD HH:mm"
    assert _field(event, "description")["widget"] == "markdown"
    assert _field(event, "image")["widget"] == "image"
    assert _field(event, "status")["options"] == ["scheduled", "cancelled", "proposed"]
    assert _field(event, "capacity") == {**_field(event, "capacity"), "widget": "number", "min": 1}
    assert _field(event, "location", "address", "street")["widget"] == "string"
    assert _field(event, "changes")["widget"] == "list"
    assert _field(event, "changes", "date")["widget"] == "datetime"
    assert _field(event, "tags")["field"]["widget"] == "string"
    assert "FREQ=" in _field(event, "rrule")["hint"] or _field(event, "rrule")["pattern"]
    issue = _collection(config, "newsletter")["fields"]
    assert _field(issue, "date")["time_format"] is False
    assert _field(issue, "body")["widget"] == "markdown"
    assert _field(issue, "draft")["widget"] == "boolean"


def test_fields_without_a_default_are_required_and_optional_objects_ask_for_nothing(tmp_path: Path) -> None:
    """id and title are required; a place left out does not demand its name."""
    event = _collection(cms.config(_portal(copy_sample(tmp_path / "p"))), "events")["fields"]
    assert _field(event, "id")["required"] and _field(event, "title")["required"]
    assert not _field(event, "summary")["required"]
    assert not _field(event, "location", "name")["required"]


def test_pickers_list_the_tiers_and_partners_that_exist(tmp_path: Path) -> None:
    """An event's tiers and partner, and a perk's value per tier, offer what the data defines."""
    config = cms.config(_portal(copy_sample(tmp_path / "p")))
    event = _collection(config, "events")["fields"]
    tiers = _field(event, "tiers")
    assert tiers["widget"] == "select" and tiers["multiple"]
    assert [option["value"] for option in tiers["options"]] == ["friends", "family", "patron"]
    assert {"label": "Damen Avenue Music School", "value": "damen-music-school"} in _field(event, "partner")[
        "options"
    ]
    data = _collection(config, "data")["files"]
    tiers_file = next(entry for entry in data if entry["name"] == "tiers")["fields"]
    per_tier = _field(tiers_file, "perks", "tiers")["fields"]
    assert [(field["name"], field["widget"]) for field in per_tier] == [
        ("friends", "string"),
        ("family", "string"),
        ("patron", "string"),
    ]


def test_labels_and_help_are_in_the_sites_language(tmp_path: Path) -> None:
    """A German site's editor speaks German: Decap's own words, and our labels and help."""
    config = cms.config(_portal(copy_sample(tmp_path / "p"), "de_DE"))
    assert config["locale"] == "de"
    event = _collection(config, "events")["fields"]
    assert _field(event, "title")["label"] == "Titel"
    assert _field(event, "title")["hint"] == "Der Name der Veranstaltung."
    assert _collection(config, "data")["label"] == "Datendateien"


def test_the_editor_is_written_only_when_site_yml_turns_it_on(tmp_path: Path) -> None:
    """The sample as it is has no admin/; with editor: it has the page and its config."""
    plain = files_of(copy_sample(tmp_path / "plain"), SAMPLE_TODAY)
    assert not any(path.startswith("admin/") for path in plain)
    on = cms.admin_files(_portal(copy_sample(tmp_path / "on")))
    assert set(on) == {"admin/index.html", "admin/config.yml"}
    assert cms.SCRIPT.encode() in on["admin/index.html"]


def test_every_text_the_forms_show_is_in_the_catalog_template() -> None:
    """The extractor lists the labels and help the forms show (a new field's help included)."""
    texts = set(cms.editor_texts())
    assert "The event's name." in texts and "Image description" in texts
