"""The memo serve regenerates with: what it reuses, what it forgets, and that it never serves a stale page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SAMPLE_TODAY, copy_sample

from portal_gen.app import STAGING, generate, load_portal
from portal_gen.errors import InvalidDataError
from portal_gen.incremental.memo import NO_MEMO, Identity, Memo, Reads
from portal_gen.render.pages import plan


class _Counter:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, value: int) -> int:
        self.calls += 1
        return value * 2


def test_memo_reuses_a_result_while_its_inputs_are_equal() -> None:
    """An equal key gives back the kept value; a different key computes again."""
    memo, double = Memo(), _Counter()
    assert memo.get("slot", (1, "a"), double, 1) == 2
    assert memo.get("slot", (1, "a"), double, 1) == 2
    assert double.calls == 1
    assert memo.get("slot", (1, "b"), double, 5) == 10
    assert double.calls == 2


def test_no_memo_always_computes() -> None:
    """Without a memo (a one-off generate) nothing is kept."""
    double = _Counter()
    NO_MEMO.get("slot", 1, double, 1)
    NO_MEMO.get("slot", 1, double, 1)
    assert double.calls == 2
    assert NO_MEMO.peek("slot") is None


def test_identity_keys_match_only_the_same_object() -> None:
    """Identity(x) equals Identity(x) but not Identity of an equal copy."""
    value = {"a": 1}
    assert Identity(value) == Identity(value)
    assert Identity(value) != Identity(dict(value))


def test_sweep_keeps_what_a_reused_result_was_made_from() -> None:
    """A page reused whole still needs its cards next time: reusing it keeps them."""
    memo, double = Memo(), _Counter()

    def page(value: int) -> int:
        return memo.get("card", value, double, value) + 1

    memo.get("page", 1, page, 1)
    memo.sweep()
    memo.get("page", 1, page, 1)  # reused: the card is not looked up
    memo.sweep()
    assert memo.peek("card") is not None
    memo.get("page", 2, page, 1)  # the page changes, its card does not
    assert double.calls == 1


def test_sweep_forgets_what_the_last_run_did_not_ask_for() -> None:
    """A slot left unused for a whole run (a deleted event's page) is dropped."""
    memo, double = Memo(), _Counter()
    memo.get("kept", 1, double, 1)
    memo.get("gone", 1, double, 1)
    memo.sweep()
    memo.get("kept", 1, double, 1)
    memo.sweep()
    assert len(memo) == 1
    memo.get("gone", 1, double, 1)
    assert double.calls == 3


def test_intern_hands_back_last_runs_object_for_an_equal_record() -> None:
    """Unchanged records keep their identity from run to run; a changed one is new."""
    memo = Memo()
    first = memo.intern("records", [("a", 1), ("b", 2)], lambda r: r[0])
    again = memo.intern("records", [("a", 1), ("b", 3)], lambda r: r[0])
    assert again[0] is first[0]
    assert again[1] == ("b", 3)


class _Shop:
    def __init__(self, name: str, stock: dict[str, int]) -> None:
        self.name = name
        self.stock = stock

    def count(self, item: str) -> int:
        return self.stock[item]


def test_reads_records_attributes_and_calls_and_replays_them() -> None:
    """What a render asked is recorded, and checked against a new object by asking again."""
    reads = Reads(_Shop("Bramble", {"coat": 3, "hat": 1}))
    assert reads.name == "Bramble"
    assert reads.name == "Bramble"
    assert reads.count("coat") == 3
    assert reads.log == [("name", None, "Bramble"), ("count", (("coat",), ()), 3)]
    assert Reads.still_true(reads.log, _Shop("Bramble", {"coat": 3, "hat": 9}))
    assert not Reads.still_true(reads.log, _Shop("Bloom", {"coat": 3}))
    assert not Reads.still_true(reads.log, _Shop("Bramble", {"coat": 4}))
    assert not Reads.still_true(reads.log, _Shop("Bramble", {}))  # the question fails now


def test_reads_from_another_object_make_a_page_never_reused() -> None:
    """A part drawn from another portal cannot be checked against this one: never reuse."""
    shop = _Shop("Bramble", {"coat": 3})
    page, part = Reads(shop), Reads(shop)
    assert part.name == "Bramble"
    page.extend(part.log, shop)
    assert Reads.still_true(page.log, shop)
    other = Reads(_Shop("Bramble", {}))
    page.extend(other.log, other._target)
    assert not Reads.still_true(page.log, shop)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _staged(root: Path) -> dict[str, bytes]:
    staging = root / STAGING
    return {
        path.relative_to(staging).as_posix(): path.read_bytes()
        for path in sorted(staging.rglob("*"))
        if path.is_file()
    }


Edit = Callable[[Path], None]
OVERRIDE = Path("theme_overrides/portal/partials/event_card.md")

#: Saves an owner makes while serving, one after another; each touches a different input.
EDITS: list[tuple[str, Edit]] = [
    (
        "an event's title",
        lambda root: _replace(
            root / "data/events.yml", "Kids' yoga with Lotus Tree Yoga", "Kids' yoga, weekly"
        ),
    ),
    (
        "an event's time",
        lambda root: _replace(root / "data/events.yml", "start: 2026-11-07 10:00", "start: 2026-11-07 11:00"),
    ),
    (
        "an event added above the others",
        lambda root: _replace(
            root / "data/events.yml",
            "events:\n",
            "events:\n  - id: pop-up\n    title: Pop-up sale\n    start: 2026-11-30 10:00\n"
            "    duration: 2 hours\n",
        ),
    ),
    (
        "an amount written another way (equal, but printed in JSON-LD)",
        lambda root: _replace(root / "data/events.yml", "price: 15\n", "price: 15.00\n"),
    ),
    ("a tier's name", lambda root: _replace(root / "data/tiers.yml", "name: Family", "name: Household")),
    (
        "a partner's name",
        lambda root: _replace(root / "data/partners.yml", "name: Lotus Tree Yoga", "name: Lotus Tree Studio"),
    ),
    (
        "the site's name",
        lambda root: _replace(root / "data/site.yml", "name: Bramble & Bloom", "name: Bramble"),
    ),
    (
        "a testimonial",
        lambda root: _replace(
            root / "data/testimonials.yml", "talked about yoga", "would not stop talking about yoga"
        ),
    ),
    (
        "a newsletter issue",
        lambda root: _replace(
            root / "content/newsletter/2026-11-yoga-piano-and-a-preview.md", "forty-two", "forty-three"
        ),
    ),
    (
        "a new newsletter issue",
        lambda root: (root / "content/newsletter/2026-11-a-short-note.md").write_text(
            "---\ntitle: A short note\ndate: 2026-11-20\n---\n\n{{ upcoming_events(limit=2) }}\n",
            encoding="utf-8",
        ),
    ),
    (
        "a template override",
        lambda root: (root / OVERRIDE).write_text(
            "{% set event = occurrence.event %}\n"
            "* OVERRIDDEN {{ event.title }}: {{ fmt.when(occurrence) }}\n\n",
            encoding="utf-8",
        ),
    ),
    ("the same override changed", lambda root: _replace(root / OVERRIDE, "OVERRIDDEN", "CHANGED")),
    ("the override removed", lambda root: (root / OVERRIDE).unlink()),
    (
        "an owner page",
        lambda root: _replace(root / "content/about.md", "\n", "\nA line added while serving.\n"),
    ),
]


@pytest.fixture()
def served(tmp_path: Path) -> tuple[Path, Memo]:
    """The sample portal, generated once with a memo as serve does."""
    root = copy_sample(tmp_path / "portal")
    (root / OVERRIDE).parent.mkdir(parents=True, exist_ok=True)
    memo = Memo()
    generate(root, SAMPLE_TODAY, memo)
    return root, memo


def test_every_save_gives_the_same_site_as_a_fresh_generate(served: tuple[Path, Memo]) -> None:
    """After each kind of save, the memo's staging folder equals a generate from nothing."""
    root, memo = served
    for what, edit in EDITS:
        before = _staged(root)
        edit(root)
        result = generate(root, SAMPLE_TODAY, memo)
        fresh = plan(load_portal(root, SAMPLE_TODAY), root)
        assert _staged(root) == fresh, what
        changed = sorted(path for path in fresh if before.get(path) != fresh[path])
        assert sorted(result.report.written) == changed, what


def test_a_new_day_rolls_events_over_with_a_memo(served: tuple[Path, Memo]) -> None:
    """The same memo on later days (serve left running) gives what a fresh generate gives."""
    root, memo = served
    for day in (dt.date(2026, 12, 6), dt.date(2027, 4, 1), SAMPLE_TODAY):
        generate(root, day, memo)
        assert _staged(root) == plan(load_portal(root, day), root), day


def test_cards_in_a_newsletter_block_show_the_issue_date(served: tuple[Path, Memo]) -> None:
    """A card drawn inside an issue's block sees the portal as of the issue's date, and stays
    right when serve is left running into a new day."""
    root, memo = served
    block = root / "theme_overrides/portal/blocks/upcoming_events.md"
    block.parent.mkdir(parents=True, exist_ok=True)
    block.write_text(
        "As of {{ portal.today }}:\n\n{% for occurrence in portal.next_events(limit, tier) %}\n"
        "{{ event_card(occurrence) }}\n{% endfor %}\n",
        encoding="utf-8",
    )
    (root / OVERRIDE).write_text("card as of {{ portal.today }}\n", encoding="utf-8")
    for day in (dt.date(2026, 11, 20), SAMPLE_TODAY):
        generate(root, day, memo)
        fresh = plan(load_portal(root, day), root)
        assert _staged(root) == fresh, day
    issue = fresh["newsletter/2026-11-yoga-piano-and-a-preview.md"].decode()
    assert "As of 2026-11-14" in issue
    assert "card as of 2026-11-14" in issue
    assert "card as of 2026-11-23" in fresh["events/index.md"].decode()


def test_a_broken_save_then_a_fix_gives_the_fixed_site(served: tuple[Path, Memo]) -> None:
    """A failed run in between leaves nothing stale behind in the memo."""
    root, memo = served
    events = root / "data/events.yml"
    good = events.read_text(encoding="utf-8")
    _replace(events, "title: Kids' yoga with Lotus Tree Yoga", "title: [unclosed")
    with pytest.raises(InvalidDataError):
        generate(root, SAMPLE_TODAY, memo)
    events.write_text(good.replace("Kids' yoga with Lotus Tree Yoga", "Kids' yoga, fixed"), encoding="utf-8")
    generate(root, SAMPLE_TODAY, memo)
    assert _staged(root) == plan(load_portal(root, SAMPLE_TODAY), root)


def test_a_staging_file_changed_by_someone_else_is_put_right(served: tuple[Path, Memo]) -> None:
    """The writer's memory is checked against the file on disk: edited or deleted files are rewritten."""
    root, memo = served
    page = root / STAGING / "events" / "index.md"
    feed = root / STAGING / "events" / "calendar.ics"
    good_page, good_feed = page.read_bytes(), feed.read_bytes()
    page.write_bytes(good_page.replace(b"Events", b"Tampered"))
    feed.unlink()
    result = generate(root, SAMPLE_TODAY, memo)
    assert sorted(result.report.written) == ["events/calendar.ics", "events/index.md"]
    assert page.read_bytes() == good_page
    assert feed.read_bytes() == good_feed


def test_an_unchanged_save_rewrites_nothing(served: tuple[Path, Memo]) -> None:
    """A save that changes nothing (a touch, an editor's autosave) writes no file."""
    root, memo = served
    (root / "data/events.yml").touch()
    result = generate(root, SAMPLE_TODAY, memo)
    assert result.report.written == []
    assert result.report.removed == []
