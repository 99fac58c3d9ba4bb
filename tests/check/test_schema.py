"""Tests for portal_gen.check.schema: validated item by item, the same records and messages as whole."""

from __future__ import annotations

from pathlib import Path

from portal_gen.check.schema import check_schema
from portal_gen.errors import DataError
from portal_gen.incremental.session import Session
from portal_gen.model.records import DATA_MODELS
from portal_gen.read.yamldoc import parse_yaml
from portal_gen.reuse import reusing

SAMPLE_DATA = Path(__file__).resolve().parents[2] / "data"


def _whole(text: str, name: str) -> object:
    document, _ = parse_yaml(text, f"data/{name}.yml")
    return DATA_MODELS[name].model_validate(document.data)


def test_every_sample_file_gives_the_record_a_whole_file_validation_gives() -> None:
    """Item by item or whole, each of the sample's data files validates to an equal record."""
    for name, model in DATA_MODELS.items():
        text = (SAMPLE_DATA / f"{name}.yml").read_text(encoding="utf-8")
        document, _ = parse_yaml(text, f"data/{name}.yml")
        record, problems = check_schema(document, model)
        assert problems == [], name
        assert record == _whole(text, name), name


def test_a_bad_item_is_reported_as_a_whole_file_validation_reports_it() -> None:
    """One bad event among good ones: every problem, word for word, and no record."""
    text = "events:\n  - id: a\n    title: A\n    start: 2026-03-01 10:00\n  - id: b\n    start: soon\n"
    document, _ = parse_yaml(text, "data/events.yml")
    record, problems = check_schema(document, DATA_MODELS["events"])
    assert record is None
    assert [str(problem) for problem in problems] == [
        "data/events.yml:5:5: events[1]: missing required field 'title'",
        "data/events.yml:6:5: events[1].start: expected a date like 2026-03-07 or a date and time"
        " like 2026-03-07 10:00, got 'soon'",
    ]
    assert all(isinstance(problem, DataError) for problem in problems)


def test_an_unchanged_item_keeps_its_record_while_serving() -> None:
    """In a session, an edit of one event gives back the other events' records themselves."""
    before = (
        "events:\n  - id: a\n    title: A\n    start: 2026-03-01 10:00\n"
        "  - id: b\n    title: B\n    start: 2026-03-02 10:00\n"
    )
    after = before.replace("title: B", "title: Bee")
    session = Session()
    records = []
    for text in (before, after):
        document, _ = parse_yaml(text, "data/events.yml")
        with session.regeneration() as reuser, reusing(reuser):
            record, _ = check_schema(document, DATA_MODELS["events"])
        records.append(record)
    first, second = (record.events for record in records)  # type: ignore[union-attr]
    assert second[0] is first[0]
    assert second[1] is not first[1] and second[1].title == "Bee"
