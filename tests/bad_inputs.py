"""The corpus of broken inputs: each case changes a copy of the sample portal.

A case maps a path (relative to the portal root) to new contents: text, bytes, a callable
that edits the current text, or None to delete the file or folder.
"""

from __future__ import annotations

from collections.abc import Callable

Change = str | bytes | Callable[[str], str] | None


def _append(text: str) -> Callable[[str], str]:
    return lambda current: current + text


def _replace(old: str, new: str) -> Callable[[str], str]:
    def edit(current: str) -> str:
        assert old in current, old
        return current.replace(old, new, 1)

    return edit


EVENT = "events:\n  - id: {id}\n    title: Talk\n    start: 2026-12-05 10:00\n    end: 11:00\n"
YOGA_TITLE = "title: Kids' yoga with Lotus Tree Yoga"

CASES: dict[str, dict[str, Change]] = {
    # YAML that cannot be read
    "yaml-unclosed-flow": {"data/tiers.yml": "tiers: [\n"},
    "yaml-bad-indent": {"data/partners.yml": "partners:\n  - id: a\n   name: A\n"},
    "yaml-tab-indent": {"data/partners.yml": "partners:\n\t- id: a\n"},
    "yaml-duplicate-key": {"data/site.yml": _append("name: Again\n")},
    "yaml-unknown-tag": {"data/partners.yml": "partners: !!python/object:os.system [ls]\n"},
    "yaml-two-documents": {"data/partners.yml": "partners: []\n---\npartners: []\n"},
    "yaml-alias-bomb": {
        "data/partners.yml": "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]\n" for i in range(6)
        )
    },
    "yaml-deep-nesting": {"data/partners.yml": "partners: " + "[" * 150 + "]" * 150 + "\n"},
    "yaml-huge-file": {"data/partners.yml": "partners:\n" + "  - {id: p, name: P}\n" * 400_000},
    "yaml-huge-events-file": {"data/events.yml": "events:\n" + "  - {id: e, title: E}\n" * 400_000},
    "binary-junk": {"data/partners.yml": bytes(range(256)) * 4},
    "not-utf8": {"data/partners.yml": "partners:\n  - id: cafe\n    name: Caf\xe9\n".encode("latin-1")},
    "bom-then-mistake": {"data/partners.yml": "\ufeffpartners:\n  - id: a\n    nam: A\n"},
    "empty-site-file": {"data/site.yml": ""},
    "site-not-a-mapping": {"data/site.yml": "- name: Shop\n"},
    "missing-data-folder": {"data": None},
    "missing-site-file": {"data/site.yml": None},
    # wrong types and missing or unknown fields
    "wrong-type-threshold": {"data/tiers.yml": _replace("threshold: 500", "threshold: lots")},
    "wrong-type-list": {"data/events.yml": _replace("tiers: [family, patron]", "tiers: family")},
    "wrong-type-bool": {"data/testimonials.yml": _replace("featured: true", "featured: maybe")},
    "missing-title": {"data/events.yml": _replace(f"    {YOGA_TITLE}\n", "")},
    "missing-name": {"data/site.yml": _replace("name: Bramble & Bloom\n", "")},
    "unknown-key": {"data/events.yml": _replace(YOGA_TITLE, "titel: Kids' yoga")},
    "unknown-key-site": {"data/site.yml": _append("timezon: UTC\n")},
    "negative-capacity": {"data/events/extra.yml": EVENT.format(id="full") + "    capacity: -3\n"},
    "fractional-capacity": {"data/events/extra.yml": EVENT.format(id="full") + "    capacity: 2.5\n"},
    "rating-out-of-range": {"data/testimonials.yml": _replace("rating: 5", "rating: 9")},
    "bad-url": {
        "data/site.yml": _replace("url: https://brambleandbloom.example/", "url: brambleandbloom.example")
    },
    "javascript-url": {"data/site.yml": _append("interest_form: javascript:alert(1)\n")},
    "bad-email": {
        "data/site.yml": _replace("email: hello@brambleandbloom.example", "email: hello-at-example")
    },
    "bad-colour": {"data/tiers.yml": _replace('color: "#2e7d32"', "color: green")},
    # ids
    "id-path-traversal": {"data/events/extra.yml": EVENT.format(id="../x")},
    "id-absolute": {"data/events/extra.yml": EVENT.format(id="/etc/passwd")},
    "id-with-slash": {"data/events/extra.yml": EVENT.format(id="a/b")},
    "id-uppercase-space": {"data/events/extra.yml": EVENT.format(id='"Kids Yoga"')},
    "duplicate-id": {"data/events/extra.yml": EVENT.format(id="kids-yoga")},
    "duplicate-partner-id": {
        "data/partners.yml": _append("  - id: lotus-tree-yoga\n    name: Lotus again\n")
    },
    # references
    "unknown-tier": {"data/events.yml": _replace("tiers: [family, patron]", "tiers: [family, gold]")},
    "unknown-partner": {"data/events.yml": _replace("partner: lotus-tree-yoga", "partner: lotus-yoga")},
    "unknown-event-in-testimonial": {
        "data/testimonials.yml": _replace("event: kids-yoga", "event: kid-yoga")
    },
    "unknown-block": {"content/about.md": _append("\n{{ upcoming_event() }}\n")},
    # dates, times and rules
    "impossible-date": {"data/testimonials.yml": _replace("date: 2026-11-09", "date: 2026-02-30")},
    "impossible-time": {"data/events/extra.yml": EVENT.format(id="late").replace("10:00", "25:00")},
    "end-before-start": {"data/events/extra.yml": EVENT.format(id="backwards").replace("11:00", "09:00")},
    "bad-zone": {"data/site.yml": _replace("timezone: America/Chicago", "timezone: Chicago")},
    "bad-event-zone": {"data/events/extra.yml": EVENT.format(id="zoned") + "    timezone: Mars/Olympus\n"},
    "bad-rrule": {"data/events/extra.yml": EVENT.format(id="rule") + "    rrule: FREQ=FORTNIGHTLY\n"},
    "rrule-count-and-until": {
        "data/events/extra.yml": EVENT.format(id="rule") + "    rrule: FREQ=WEEKLY;COUNT=3;UNTIL=20270101\n"
    },
    "repeat-and-rrule": {
        "data/events/extra.yml": EVENT.format(id="rule")
        + "    rrule: FREQ=WEEKLY;COUNT=3\n    repeat: {every: week}\n"
    },
    "repeat-until-before-start": {
        "data/events/extra.yml": EVENT.format(id="rule") + "    repeat: {every: week, until: 2026-11-28}\n"
    },
    "time-12-hour": {"data/events/extra.yml": EVENT.format(id="evening").replace("10:00", "7pm")},
    "newsletter-bad-date": {
        "content/newsletter/2026-12-extra.md": "---\ntitle: Extra\ndate: 2026-13-01\n---\nHi\n"
    },
    "newsletter-no-front-matter-title": {
        "content/newsletter/2026-12-extra.md": "---\ndate: 2026-12-01\n---\nHi\n"
    },
}
