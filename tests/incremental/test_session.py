"""serve's session: what it reuses, what it forgets, and that it never serves a stale page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import SAMPLE_TODAY, copy_sample, files_of

from portal_gen.app import STAGING, Run, generate
from portal_gen.errors import InvalidDataError
from portal_gen.incremental.session import Session
from portal_gen.reuse import reusable, reusing


class _Counter:
    def __init__(self) -> None:
        self.calls = 0


COUNTER = _Counter()


@reusable()
def _double(value: object) -> object:
    COUNTER.calls += 1
    return (value, value)


@reusable()
def _page(value: int) -> int:
    return _double(value)[0] + 1  # type: ignore[operator]


def test_a_step_is_reused_while_its_arguments_have_the_same_fingerprint() -> None:
    """The same arguments give back the kept result; other arguments compute again."""
    session, before = Session(), COUNTER.calls
    with session.regeneration() as reuser, reusing(reuser):
        assert _double(1) == (1, 1)
        assert _double(1) == (1, 1)
        assert _double(2) == (2, 2)
    assert COUNTER.calls - before == 2


def test_outside_a_session_a_step_is_a_plain_call() -> None:
    """Without serve's session (a one-off generate) every call computes."""
    before = COUNTER.calls
    _double(1)
    _double(1)
    assert COUNTER.calls - before == 2


def test_equal_but_differently_ordered_or_spelled_arguments_compute_again() -> None:
    """Equality is not enough: a mapping in another order, 1.0 for 1, True for 1 all differ."""
    session, before = Session(), COUNTER.calls
    with session.regeneration() as reuser, reusing(reuser):
        _double({"a": 1, "b": 2})
        _double({"b": 2, "a": 1})
        _double(Decimal("1"))
        _double(Decimal("1.0"))
        _double(1)
        _double(True)
    assert COUNTER.calls - before == 6


def test_an_argument_without_a_fingerprint_is_computed_every_time() -> None:
    """When unsure (a function, a file handle), the step is computed, never guessed."""
    session, before = Session(), COUNTER.calls
    with session.regeneration() as reuser, reusing(reuser):
        _double(lambda: 1)
        _double(lambda: 1)
    assert COUNTER.calls - before == 2


def test_reusing_a_step_keeps_the_steps_it_called() -> None:
    """A page reused whole still needs its cards next time: reusing it keeps them."""
    session = Session()
    for _ in range(3):
        with session.regeneration() as reuser, reusing(reuser):
            _page(1)
    before = COUNTER.calls
    with session.regeneration() as reuser, reusing(reuser):
        _double(1)  # the card, called on its own: still known
    assert COUNTER.calls == before


def test_what_a_regeneration_did_not_ask_for_is_forgotten() -> None:
    """A step left unused for a whole regeneration (a deleted event's page) is dropped."""
    session = Session()
    with session.regeneration() as reuser, reusing(reuser):
        _double("kept")
        _double("gone")
    with session.regeneration() as reuser, reusing(reuser):
        _double("kept")
    assert len(session) == 1


class _Shop:
    def __init__(self, tiers: tuple[str, ...]) -> None:
        self.tiers = tiers

    def tier(self, index: int) -> str:
        return self.tiers[index]


@reusable(tracked="shop")
def _shown(shop: _Shop, index: int) -> str:
    COUNTER.calls += 1
    return f"{shop.tiers[0]} {shop.tier(index)}"


def test_a_tracked_step_is_reused_when_the_new_object_answers_alike() -> None:
    """What a step read of the tracked object is asked again of the new one."""
    session, before = Session(), COUNTER.calls
    with session.regeneration() as reuser, reusing(reuser):
        assert _shown(_Shop(("basic", "family")), 1) == "basic family"
    with session.regeneration() as reuser, reusing(reuser):
        assert _shown(_Shop(("basic", "family")), 1) == "basic family"  # same answers
    with session.regeneration() as reuser, reusing(reuser):
        assert _shown(_Shop(("basic", "patron")), 1) == "basic patron"  # tier(1) answers otherwise
    assert COUNTER.calls - before == 2


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
        "an anchored location shared by a second event through an alias",
        lambda root: (
            _replace(
                root / "data/events.yml",
                "    location: The reading corner\n",
                "    location: &corner The reading corner\n",
            )
            or _replace(
                root / "data/events.yml",
                "  - id: winter-story-time\n",
                "  - id: corner-sale\n    title: Corner sale\n    start: 2026-11-29 10:00\n"
                "    duration: 1 hour\n    location: *corner\n\n  - id: winter-story-time\n",
            )
        ),
    ),
    (
        "the anchored value changed (the aliased event's text is the same)",
        lambda root: _replace(
            root / "data/events.yml", "&corner The reading corner", "&corner The big armchair"
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
def served(tmp_path: Path) -> tuple[Path, Session]:
    """The sample portal, generated once with a session as serve does."""
    root = copy_sample(tmp_path / "portal")
    (root / OVERRIDE).parent.mkdir(parents=True, exist_ok=True)
    session = Session()
    generate(Run(root, SAMPLE_TODAY, session))
    return root, session


def test_every_save_gives_the_same_site_as_a_fresh_generate(served: tuple[Path, Session]) -> None:
    """After each kind of save, the session's staging folder equals a generate from nothing."""
    root, session = served
    for what, edit in EDITS:
        before = _staged(root)
        edit(root)
        result = generate(Run(root, SAMPLE_TODAY, session))
        fresh = files_of(root, SAMPLE_TODAY)
        assert _staged(root) == fresh, what
        changed = sorted(path for path in fresh if before.get(path) != fresh[path])
        assert sorted(result.report.written) == changed, what


def _swap_partners(root: Path) -> None:
    """The first two partners change places in data/partners.yml (equal as a set, not in order)."""
    path = root / "data/partners.yml"
    text = path.read_text(encoding="utf-8")
    head, first, second, rest = text.split("  - id: ", 3)
    path.write_text(
        head + "  - id: " + second + "  - id: " + first.rstrip("\n") + "\n\n  - id: " + rest, encoding="utf-8"
    )


def test_reordered_partners_show_in_their_new_order(served: tuple[Path, Session]) -> None:
    """An override that loops over the partners shows them in the file's order after a reorder
    during serve, as a fresh generate does (equality of the mapping would have kept the old)."""
    root, session = served
    override = root / "theme_overrides/portal/pages/testimonials.md"
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text(
        "{% for p in portal.partners.values() %}\n- {{ p.name }}\n{% endfor %}\n", encoding="utf-8"
    )
    generate(Run(root, SAMPLE_TODAY, session))
    _swap_partners(root)
    generate(Run(root, SAMPLE_TODAY, session))
    page = (root / STAGING / "testimonials" / "index.md").read_text(encoding="utf-8")
    assert page.index("Damen Avenue Music School") < page.index("Lotus Tree Yoga")
    assert _staged(root) == files_of(root, SAMPLE_TODAY)


def test_a_new_day_rolls_events_over_with_a_session(served: tuple[Path, Session]) -> None:
    """The same session on later days (serve left running) gives what a fresh generate gives."""
    root, session = served
    for day in (dt.date(2026, 12, 6), dt.date(2027, 4, 1), SAMPLE_TODAY):
        generate(Run(root, day, session))
        assert _staged(root) == files_of(root, day), day


def test_cards_in_a_newsletter_block_show_the_issue_date(served: tuple[Path, Session]) -> None:
    """A card drawn inside an issue's block sees the portal as of the issue's date, and stays
    right when serve is left running into a new day."""
    root, session = served
    block = root / "theme_overrides/portal/blocks/upcoming_events.md"
    block.parent.mkdir(parents=True, exist_ok=True)
    block.write_text(
        "As of {{ portal.today }}:\n\n{% for occurrence in portal.next_events(limit, tier) %}\n"
        "{{ event_card(occurrence) }}\n{% endfor %}\n",
        encoding="utf-8",
    )
    (root / OVERRIDE).write_text("card as of {{ portal.today }}\n", encoding="utf-8")
    for day in (dt.date(2026, 11, 20), SAMPLE_TODAY):
        generate(Run(root, day, session))
        fresh = files_of(root, day)
        assert _staged(root) == fresh, day
    issue = fresh["newsletter/2026-11-yoga-piano-and-a-preview.md"].decode()
    assert "As of 2026-11-14" in issue
    assert "card as of 2026-11-14" in issue
    assert "card as of 2026-11-23" in fresh["events/index.md"].decode()


def test_a_broken_save_then_a_fix_gives_the_fixed_site(served: tuple[Path, Session]) -> None:
    """A failed run in between leaves nothing stale behind in the session."""
    root, session = served
    events = root / "data/events.yml"
    good = events.read_text(encoding="utf-8")
    _replace(events, "title: Kids' yoga with Lotus Tree Yoga", "title: [unclosed")
    with pytest.raises(InvalidDataError):
        generate(Run(root, SAMPLE_TODAY, session))
    events.write_text(good.replace("Kids' yoga with Lotus Tree Yoga", "Kids' yoga, fixed"), encoding="utf-8")
    generate(Run(root, SAMPLE_TODAY, session))
    assert _staged(root) == files_of(root, SAMPLE_TODAY)


def test_a_staging_file_changed_by_someone_else_is_put_right(served: tuple[Path, Session]) -> None:
    """The writer's memory is checked against the file on disk: edited or deleted files are rewritten."""
    root, session = served
    page = root / STAGING / "events" / "index.md"
    feed = root / STAGING / "events" / "calendar.ics"
    good_page, good_feed = page.read_bytes(), feed.read_bytes()
    page.write_bytes(good_page.replace(b"Events", b"Tampered"))
    feed.unlink()
    result = generate(Run(root, SAMPLE_TODAY, session))
    assert sorted(result.report.written) == ["events/calendar.ics", "events/index.md"]
    assert page.read_bytes() == good_page
    assert feed.read_bytes() == good_feed


def test_an_unchanged_save_rewrites_nothing(served: tuple[Path, Session]) -> None:
    """A save that changes nothing (a touch, an editor's autosave) writes no file."""
    root, session = served
    (root / "data/events.yml").touch()
    result = generate(Run(root, SAMPLE_TODAY, session))
    assert result.report.written == []
    assert result.report.removed == []


def test_a_renamed_tier_shows_through_an_imported_macro(served: tuple[Path, Session]) -> None:
    """Jinja keeps the templates it has imported with the filters of their first import: a tier
    renamed while serving must still show its new name there, as a fresh generate does."""
    root, session = served
    overrides = root / "theme_overrides/portal"
    (overrides / "pages").mkdir(parents=True, exist_ok=True)
    (overrides / "partials/names.md").write_text("{% macro tier(id) %}{{ id | tier_name }}{% endmacro %}\n")
    (overrides / "pages/testimonials.md").write_text(
        '{% import "partials/names.md" as n %}Tier: {{ n.tier("family") }}\n'
    )
    generate(Run(root, SAMPLE_TODAY, session))
    _replace(root / "data/tiers.yml", "name: Family", "name: Household")
    generate(Run(root, SAMPLE_TODAY, session))
    assert (root / STAGING / "testimonials/index.md").read_text() == "Tier: Household\n"
    assert _staged(root) == files_of(root, SAMPLE_TODAY)


def test_a_save_reuses_what_it_did_not_change_from_the_very_first(served: tuple[Path, Session]) -> None:
    """The first save after serve starts, and the save that fixes a broken one, render again
    only what the edit touched (a failed regeneration forgets nothing)."""
    root, session = served
    _replace(root / "data/events.yml", "Kids' yoga with Lotus Tree Yoga", "Kids' yoga, weekly")
    generate(Run(root, SAMPLE_TODAY, session))
    first = session.computed
    _replace(root / "data/events.yml", "Kids' yoga, weekly", "Kids' yoga, every week")
    generate(Run(root, SAMPLE_TODAY, session))
    steady = session.computed
    assert first <= steady + 2 and session.reused > 2 * steady
    _replace(root / "data/events.yml", "Kids' yoga, every week", "Kids' yoga, weekly")
    events = root / "data/events.yml"
    good = events.read_text(encoding="utf-8")
    _replace(events, "title: Kids' yoga, weekly", "title: [unclosed")
    with pytest.raises(InvalidDataError):
        generate(Run(root, SAMPLE_TODAY, session))
    events.write_text(good.replace("Kids' yoga, weekly", "Kids' yoga, fixed"), encoding="utf-8")
    generate(Run(root, SAMPLE_TODAY, session))
    assert session.computed <= steady + 2
    assert _staged(root) == files_of(root, SAMPLE_TODAY)


def test_compiled_templates_from_the_cache_folder_are_reused_from_the_first_save(tmp_path: Path) -> None:
    """serve's runs all load compiled templates from the cache folder: the first save renders
    only what it touched, as every later one does."""
    root = copy_sample(tmp_path / "portal")
    cache = tmp_path / "compiled"
    session = Session()
    generate(Run(root, SAMPLE_TODAY, session, template_cache=cache))
    _replace(root / "data/events.yml", "Kids' yoga with Lotus Tree Yoga", "Kids' yoga, weekly")
    generate(Run(root, SAMPLE_TODAY, session, template_cache=cache))
    first = session.computed
    _replace(root / "data/events.yml", "Kids' yoga, weekly", "Kids' yoga, every week")
    generate(Run(root, SAMPLE_TODAY, session, template_cache=cache))
    assert first <= session.computed + 2 and session.reused > 2 * session.computed


def test_a_fingerprint_depends_on_the_value_alone() -> None:
    """Whatever was fingerprinted before, equal values give equal fingerprints."""
    from portal_gen.incremental.fingerprint import Fingerprints

    fingerprints = Fingerprints()
    before = fingerprints.of_all([(), ("a", 1)])
    fingerprints.of(())
    fingerprints.of(("a", 1))
    assert fingerprints.of_all([(), ("a", 1)]) == before


def test_a_digest_of_a_list_depends_on_its_items_alone() -> None:
    """A short tuple inside a long list is spelled the same whether or not it was
    fingerprinted on its own before (else the first save after a start recomputed all)."""
    from portal_gen.incremental.fingerprint import Fingerprints

    pair = ("a", 1)
    fresh = Fingerprints().of([pair] * 6)
    seen = Fingerprints()
    seen.of(pair)
    assert seen.of([pair] * 6) == fresh


def test_a_value_with_a_short_fingerprint_is_keyed_by_it_and_its_class() -> None:
    """A Written item is keyed by its column and text: the same text gives the same key, and
    the key is not that of a plain tuple of the same parts."""
    from portal_gen.incremental.fingerprint import Fingerprints
    from portal_gen.read.yamldoc import Written

    fingerprints = Fingerprints()
    key = fingerprints.key(Written({"a": 1}, (4, "a: 1")))
    assert fingerprints.key(Written({"a": 1}, (4, "a: 1"))) == key
    assert fingerprints.key(Written({"a": 1}, (4, "a: 2"))) != key
    assert fingerprints.key((4, "a: 1")) != key


def test_the_garbage_of_a_regeneration_waits_for_tidy() -> None:
    """After a regeneration what is alive is frozen for the collector; tidy collects, and a
    session nobody tidies does it itself before its TIDY_AFTER-th next regeneration."""
    import gc

    from portal_gen.incremental.session import TIDY_AFTER

    session = Session()
    with session.regeneration():
        pass
    assert gc.get_freeze_count() > 0 and session.untidy == 1
    session.tidy()
    assert gc.get_freeze_count() == 0 and session.untidy == 0
    for _ in range(TIDY_AFTER):
        with session.regeneration():
            pass
    assert session.untidy == TIDY_AFTER
    with session.regeneration():
        pass
    assert session.untidy == 1
    session.tidy()


def test_the_cycle_collector_is_paused_within_a_regeneration_and_resumes_after() -> None:
    """gc is off while a save regenerates and back on after, even when the save fails;
    a collector that was off before stays off."""
    import gc

    from portal_gen.incremental.session import collector_paused

    assert gc.isenabled()
    session = Session()
    with pytest.raises(RuntimeError), session.regeneration():
        assert not gc.isenabled()
        raise RuntimeError("a failed save")
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
