"""Tests for portal_gen.model.blocks: data blocks in owners' Markdown, found, checked and rendered."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE_TODAY, PortalWriter, files_of, problems

from portal_gen.model.blocks import find

CODE = """\
Intro {{ upcoming_events(limit=1) }}

```jinja
{{ upcoming_events(limit=2) }}
```

Inline `{{ tier_table() }}` stays, and so does {{ 7*7 }} and {{ name }}.

    {{ how_to_qualify() }}

- a list item
    {{ perk("free-shipping") }}
"""


def test_blocks_in_code_and_non_calls_are_left_alone() -> None:
    """Fenced, indented and inline code keep their braces; only real calls are blocks."""
    calls, errors = find(CODE, "content/a.md", 1)
    assert errors == []
    assert [(call.name, call.position.line, call.position.column) for call in calls] == [
        ("upcoming_events", 1, 7),
        ("perk", 12, 5),
    ]


def _page(sample_copy: Path, name: str, text: str) -> str:
    (sample_copy / "content" / name).write_text(text, encoding="utf-8")
    return files_of(sample_copy, SAMPLE_TODAY)[name].decode("utf-8")


def test_code_comes_through_byte_for_byte(sample_copy: Path) -> None:
    """The page's code blocks and spans are unchanged after the blocks around them render."""
    page = _page(sample_copy, "code.md", CODE)
    assert "```jinja\n{{ upcoming_events(limit=2) }}\n```" in page
    assert "`{{ tier_table() }}`" in page and "{{ 7*7 }} and {{ name }}" in page
    assert "    {{ how_to_qualify() }}" in page
    assert "Intro \n\n- **[Kids' yoga with Lotus Tree Yoga]" in page


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        (
            "{{ upcoming_events(limit=2) }}",
            "- **[Kids' yoga with Lotus Tree Yoga](events/kids-yoga.md)**: "
            "Every other Saturday, 10:00\u2009\u2013\u200910:45\u202fAM; next Sat, Dec 5\n"
            "- **[Your child's first piano lesson]",
        ),
        ('{{ upcoming_events(tier="family", limit=9) }}', "*(for the Family and Patron tiers)*"),
        (
            '{{ next_event("first-piano-lesson") }}',
            "**[Your child's first piano lesson]"
            "(events/first-piano-lesson.md)**: Saturday, December 12, 2026",
        ),
        ("{{ featured_testimonials(1) }}", "My daughter talked about yoga for a week"),
        ('{{ testimonial("priya-story-time") }}', "Story time was the calmest hour"),
        ("{{ stories(limit=1) }}", "From a free yoga class to a winter that fits"),
        (
            '{{ story("okafor-school-wardrobe") }}',
            "| Time spent shopping for school clothes | 9 hours | 1 hour | **down 8 hours (\u221289%)** |",
        ),
        ("{{ tier_table() }}", '<th scope="col">Patron</th>'),
        ("{{ how_to_qualify() }}", "- **Family**: spend $500 or more in a year."),
        (
            'Shipping: {{ perk("free-shipping") }}.',
            "Shipping: **Free shipping**: Friends over $75, Family over $40, Patron included.",
        ),
    ],
)
def test_each_block_renders(sample_copy: Path, block: str, expected: str) -> None:
    """Every documented block shows its data in an owner's page."""
    assert expected in _page(sample_copy, "blocks.md", f"# Blocks\n\n{block}\n")


def test_blocks_in_an_issue_count_from_the_issue_date(sample_copy: Path) -> None:
    """An issue from November 14 keeps listing the November 21 class after that day has passed."""
    page = files_of(sample_copy, SAMPLE_TODAY)["newsletter/2026-11-yoga-piano-and-a-preview.md"].decode()
    assert "Every other Saturday, 10:00\u2009\u2013\u200910:45\u202fAM; next Sat, Nov 21\n" in page


def test_block_mistakes_are_reported_where_they_are(make_portal: PortalWriter) -> None:
    """Unknown blocks and arguments, wrong types, unreadable arguments, unknown ids: line and column
    in the file, counting the front matter."""
    root = make_portal(
        tiers="tiers:\n  - id: friends\n    name: Friends\nperks:\n  - id: gift-wrap\n    title: Gift wrap\n",
        testimonials="""\
        testimonials:
          - id: hidden
            author: A.
            quote: Nice.
            date: 2026-01-01
        """,
        pages={
            "about.md": "---\ntitle: About\n---\n"
            "{{ upcoming_event() }}\n"
            "Text {{ upcoming_events(tiers='friends') }}\n"
            "{{ upcoming_events(limit=0) }}\n"
            "{{ perk(free-shipping) }}\n"
            "{{ perk('free-shiping') }}\n"
            "{{ testimonial('hidden') }}\n"
            "{{ upcoming_events(tier='gold') }}\n"
            "{{ perk() }}\n"
        },
    )
    assert problems(root) == [
        "content/about.md:4:1: upcoming_event(): unknown data block (did you mean 'upcoming_events'?); "
        "expected one of: upcoming_events, next_event, proposed_events, featured_testimonials, "
        "testimonial, stories, story, tier_table, how_to_qualify, greeting, perk",
        "content/about.md:5:6: upcoming_events(): has no argument 'tiers' (did you mean 'tier'?); it takes: "
        "limit, tier",
        "content/about.md:6:1: upcoming_events(): limit must be a whole number of 1 or more, got 0",
        'content/about.md:7:1: perk(): put text in quotes and numbers as they are, like limit=3 or "patron"; '
        "got (free-shipping)",
        "content/about.md:8:1: perk(): unknown perk 'free-shiping'; expected one of: gift-wrap",
        "content/about.md:9:1: testimonial(): testimonial 'hidden' is held back (no 'consent: true' in "
        "data/testimonials.yml); add it once the customer agrees, or remove this block",
        "content/about.md:10:1: upcoming_events(): unknown tier 'gold'; expected one of: friends",
        'content/about.md:11:1: perk(): needs id, like perk("...")',
    ]


def test_block_mistakes_in_a_newsletter_issue(make_portal: PortalWriter) -> None:
    """Issues are checked the same way, at their own lines."""
    root = make_portal(
        pages={
            "newsletter/2026-01-hello.md": "---\ntitle: Hello\ndate: 2026-01-05\n---\n\n{{ tier_tabel() }}\n"
        }
    )
    assert problems(root) == [
        "content/newsletter/2026-01-hello.md:6:1: tier_tabel(): unknown data block (did you mean "
        "'tier_table'?); expected one of: upcoming_events, next_event, proposed_events, "
        "featured_testimonials, testimonial, stories, story, tier_table, how_to_qualify, greeting, perk"
    ]
