"""Private data never reaches the published site, the feeds or the e-mails.

Unique markers are planted in every private field (a customer's contact name, e-mail, phone
and notes) and in testimonials and stories without consent; after a full build and an
e-mail of the issue, no file under site/ or build/ may contain any of them.
"""

from __future__ import annotations

from conftest import MINIMAL_SITE, SAMPLE_TODAY, PortalWriter, build

from portal_gen.app import Run, newsletter_email

MARKERS = [f"Zq{n}private" for n in range(12)]


def test_private_fields_and_unconsented_records_never_published(make_portal: PortalWriter) -> None:
    """Grep every built file for every marker: none is found; consented text is there."""
    m = MARKERS
    root = make_portal(
        site=MINIMAL_SITE + "  email: hello@shop.example\n",
        tiers="tiers:\n  - id: friends\n    name: Friends\n",
        events="events:\n  - id: talk\n    title: Talk\n    start: 2026-12-05 10:00\n    end: 11:00\n",
        testimonials=f"""
testimonials:
  - id: shown
    quote: Public words.
    date: 2026-11-01
    consent: true
    featured: true
    contact:
      name: Maya {m[0]}
      email: {m[1]}@example.com
      phone: "555 {m[2]}"
      notes: {m[3]}
  - id: named
    author: Dan K.
    quote: More public words.
    date: 2026-11-02
    consent: true
    contact: {{name: {m[4]} {m[5]}, email: {m[6]}@example.com}}
  - id: hidden
    author: {m[7]}
    quote: {m[8]}
    date: 2026-11-03
    featured: true
""",
        stories=f"""
stories:
  - id: told
    customer: The Smiths
    title: A public story
    date: 2026-10-01
    situation: Before.
    solution: After.
    results: [{{metric: Hours, before: 2, after: 1}}]
    consent: true
    contact: {{name: {m[9]}, email: {m[10]}@example.com}}
  - id: untold
    customer: {m[11]}
    title: {m[11]}
    date: 2026-10-02
    situation: {m[11]}
    solution: {m[11]}
    results: [{{metric: {m[11]}, before: 2, after: 1}}]
""",
        pages={
            "about.md": "# About\n\n{{ stories() }}\n\n{{ featured_testimonials(count=5) }}\n",
            "newsletter/2026-11-news.md": "---\ntitle: News\ndate: 2026-11-10\n---\n\n"
            "{{ featured_testimonials(count=5) }}\n",
        },
    )
    (root / "mkdocs.yml").write_text(
        "site_name: Test Shop\nsite_url: https://shop.example/\ndocs_dir: build/docs\ntheme: material\n"
    )
    result = build(root)
    assert result.returncode == 0, result.stderr
    newsletter_email(Run(root, SAMPLE_TODAY), "2026-11-news", with_eml=True)

    published = [p for folder in ("site", "build") for p in (root / folder).rglob("*") if p.is_file()]
    assert len(published) > 20
    everything = b"\n".join(path.read_bytes() for path in published)
    assert b"Public words." in everything and b"A public story" in everything
    assert b"Maya Z" in everything  # the first name and initial, derived from the private name
    for marker in MARKERS:
        found = [p.relative_to(root).as_posix() for p in published if marker.encode() in p.read_bytes()]
        assert found == [], marker
