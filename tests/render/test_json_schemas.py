"""Tests for portal_gen.render.json_schemas: editor schemas that accept the sample data and catch mistakes."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import REPO

from portal_gen.cli import main
from portal_gen.read.yamldoc import parse_yaml
from portal_gen.render.json_schemas import json_schemas


def _schema(name: str) -> dict:
    return json.loads(json_schemas()[f"{name}.schema.json"])


def _data(path: Path) -> object:
    document, errors = parse_yaml(path.read_text(encoding="utf-8"), path.name)
    assert errors == []
    return document.data


def _properties(schema: dict) -> list[tuple[str, dict]]:
    found = [(f"root.{name}", prop) for name, prop in schema.get("properties", {}).items()]
    for model, definition in schema.get("$defs", {}).items():
        found += [(f"{model}.{name}", prop) for name, prop in definition.get("properties", {}).items()]
    return found


def test_every_field_has_a_description_and_an_example() -> None:
    """What an editor shows on hover: every field of every file is described, with an example."""
    for name in ("site", "tiers", "partners", "events", "testimonials", "stories"):
        for field, prop in _properties(_schema(name)):
            assert prop.get("description"), f"{name}: {field}"
            assert prop.get("examples"), f"{name}: {field}"


@pytest.mark.parametrize(
    "path",
    sorted((REPO / "data").rglob("*.yml")),
    ids=lambda path: path.relative_to(REPO).as_posix(),
)
def test_sample_data_files_point_at_their_schema_which_accepts_them(path: Path) -> None:
    """Each sample file's first line names its schema, and that schema accepts the file."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    schema_file = (path.parent / first[len(prefix) :]).resolve()
    assert schema_file.parent == REPO / "schemas"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    jsonschema.validate(_data(path), schema)


@pytest.mark.parametrize(
    ("name", "data", "complaint"),
    [
        ("events", {"events": [{"id": "yoga", "titel": "Yoga"}]}, "'titel' was unexpected"),
        ("events", {"events": [{"id": "Kids Yoga", "title": "Yoga"}]}, "does not match"),
        ("events", {"events": [{"id": "yoga", "title": "Yoga", "start": "5 December"}]}, "does not match"),
        ("events", {"events": [{"id": "yoga", "title": "Yoga", "status": "maybe"}]}, "is not one of"),
        ("tiers", {"tiers": [{"id": "gold"}]}, "'name' is a required property"),
        ("site", {"name": "Shop", "url": "shop.example", "timezone": "UTC"}, "does not match"),
        ("testimonials", {"testimonials": [{"id": "a", "quote": "Hi", "date": "2026-01-01", "rating": 9}]},
         "9 is greater than the maximum of 5"),
    ],
)  # fmt: skip
def test_schemas_reject_broken_documents(name: str, data: dict, complaint: str) -> None:
    """Unknown fields, bad ids, unreadable dates, unknown statuses, missing names, relative
    addresses and out-of-range ratings are flagged in the editor already."""
    with pytest.raises(jsonschema.ValidationError) as failure:
        jsonschema.validate(data, _schema(name))
    assert complaint in failure.value.message


def test_committed_schemas_are_up_to_date() -> None:
    """The sample's schemas/ is what `portal-gen schema` writes today (rerun it after a model change)."""
    for name, data in json_schemas().items():
        assert (REPO / "schemas" / name).read_bytes() == data, name


def test_schema_command_writes_the_files(tmp_path: Path) -> None:
    """portal-gen schema writes one file per data file and says how to use them."""
    result = CliRunner().invoke(main, ["schema", "--root", str(tmp_path), "--today", "2026-11-23"])
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in (tmp_path / "schemas").iterdir()) == [
        "events.schema.json",
        "partners.schema.json",
        "site.schema.json",
        "stories.schema.json",
        "testimonials.schema.json",
        "tiers.schema.json",
    ]
    assert result.output.endswith("# yaml-language-server: $schema=../schemas/events.schema.json\n")
