"""A synthetic portal for benchmarks: a busy shop, seeded so every run writes the same files.

At scale 1 it has about 2,000 event occurrences (single events, weekly classes with
exceptions, all-day fairs, tier-only previews), 500 testimonials, 10 tiers with 40 perks,
and 240 newsletter issues (twenty years of monthly issues). ``scale`` multiplies all of it.

    python benchmarks/synthetic.py OUT_DIR [--scale 2]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
#: "Today" for the benchmark portal: half the events are past, half upcoming.
TODAY = dt.date(2026, 11, 23)
WORDS = [
    "coat",
    "yoga",
    "piano",
    "story",
    "winter",
    "spring",
    "school",
    "shoes",
    "fitting",
    "talk",
    "family",
    "wool",
    "knit",
    "rain",
    "boots",
    "teen",
    "preview",
    "music",
    "garden",
    "craft",
    "reading",
    "corner",
    "cider",
    "lesson",
    "class",
    "morning",
    "evening",
    "market",
]


def _count(base: int, scale: float) -> int:
    """``base`` items at scale 1; at least one of each kind at any scale."""
    return max(1, round(base * scale))


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _sentence(rng: random.Random, words: int = 12) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _events(rng: random.Random, scale: float, tiers: list[str]) -> str:
    """About 2,000 occurrences per scale: 160 weekly classes of 8, 600 single events, 60
    two-day fairs, 40 tier-only previews."""
    lines = ["events:"]
    start = TODAY - dt.timedelta(days=180)
    for n in range(_count(160, scale)):
        day = start + dt.timedelta(days=rng.randrange(360))
        hour = rng.randrange(8, 18)
        skipped = day + dt.timedelta(weeks=rng.randrange(1, 7))
        lines += [
            f"  - id: class-{n}",
            f"    title: {_q(_sentence(rng, 3))}",
            f"    start: {day} {hour}:00",
            "    duration: 45 minutes",
            "    rrule: FREQ=WEEKLY;COUNT=9",
            f"    exceptions: [{skipped} {hour}:00]",
            f"    summary: {_q(_sentence(rng))}",
            f"    description: {_q(_sentence(rng, 40))}",
        ]
    for n in range(_count(600, scale)):
        day = start + dt.timedelta(days=rng.randrange(360))
        lines += [
            f"  - id: talk-{n}",
            f"    title: {_q(_sentence(rng, 4))}",
            f"    start: {day} 18:30",
            "    end: 20:00",
            f"    summary: {_q(_sentence(rng))}",
        ]
    for n in range(_count(60, scale)):
        day = start + dt.timedelta(days=rng.randrange(360))
        lines += [
            f"  - id: fair-{n}",
            f"    title: {_q(_sentence(rng, 2))}",
            f"    start: {day}",
            f"    end: {day + dt.timedelta(days=1)}",
        ]
    for n in range(_count(40, scale)):
        day = start + dt.timedelta(days=rng.randrange(360))
        lines += [
            f"  - id: preview-{n}",
            f"    title: {_q(_sentence(rng, 3))}",
            f"    start: {day} 17:00",
            "    duration: 2 hours",
            f"    tiers: [{rng.choice(tiers[5:])}]",
        ]
    return "\n".join(lines) + "\n"


def _tiers(rng: random.Random) -> tuple[str, list[str]]:
    ids = [f"tier-{n}" for n in range(10)]
    lines = ["tiers:"]
    for n, tier in enumerate(ids):
        lines += [f"  - id: {tier}", f"    name: Tier {n}", f"    threshold: {n * 250}"]
    lines.append("perks:")
    for n in range(40):
        lines += [
            f"  - id: perk-{n}",
            f"    title: {_q(_sentence(rng, 3))}",
            f"    category: Group {n % 5}",
            "    tiers:",
        ]
        lines += [f"      {tier}: {'yes' if i * 4 >= n else 'no'}" for i, tier in enumerate(ids)]
    return "\n".join(lines) + "\n", ids


def _testimonials(rng: random.Random, scale: float, tiers: list[str]) -> str:
    lines = ["testimonials:"]
    for n in range(_count(500, scale)):
        lines += [
            f"  - id: said-{n}",
            f"    author: Customer {n}",
            f"    quote: {_q(_sentence(rng, 25))}",
            f"    date: {TODAY - dt.timedelta(days=rng.randrange(2000))}",
            "    consent: true",
            f"    featured: {'true' if n < 3 else 'false'}",
            f"    tier: {rng.choice(tiers)}",
            f"    contact: {{name: Private Person {n}, email: p{n}@example.com}}",
        ]
    return "\n".join(lines) + "\n"


def _issue(rng: random.Random, number: int) -> tuple[str, str]:
    date = dt.date(2006, 1, 5) + dt.timedelta(days=round(number * 30.44))
    slug = f"{date:%Y-%m}-issue-{number}"
    body = "\n\n".join(_sentence(rng, 50) for _ in range(6))
    text = (
        f"---\ntitle: {_q('Issue ' + str(number) + ': ' + _sentence(rng, 4))}\ndate: {date}\n"
        f"summary: {_q(_sentence(rng))}\ntags: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]\n---\n\n"
        f"{{{{ greeting() }}}}\n\n{body}\n\n## Coming up\n\n{{{{ upcoming_events(limit=3) }}}}\n"
    )
    return slug, text


def write_portal(out: Path, scale: float = 1, seed: int = 2026) -> Path:
    """Write the synthetic portal into ``out`` (replacing what was there)."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "data").mkdir(parents=True)
    (out / "content" / "newsletter").mkdir(parents=True)
    site = (
        "name: Benchmark Outfitters\nurl: https://bench.example/\ntimezone: America/Chicago\n"
        'contact: {email: hello@bench.example, address: "1 Main St, Springfield"}\n'
    )
    tiers_text, tiers = _tiers(rng)
    files = {
        "data/site.yml": site,
        "data/tiers.yml": tiers_text,
        "data/events.yml": _events(rng, scale, tiers),
        "data/testimonials.yml": _testimonials(rng, scale, tiers),
        "data/partners.yml": "partners: []\n",
        "data/stories.yml": "stories: []\n",
        "content/about.md": "# About us\n\n" + _sentence(rng, 60) + "\n",
    }
    for number in range(_count(240, scale)):
        slug, text = _issue(rng, number)
        files[f"content/newsletter/{slug}.md"] = text
    for path, text in files.items():
        (out / path).write_text(text, encoding="utf-8")
    mkdocs = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    mkdocs = mkdocs.replace("site_name: Bramble & Bloom", "site_name: Benchmark Outfitters")
    mkdocs = mkdocs.replace("  - portal\n", "")  # the benchmark times generate and MkDocs apart
    (out / "mkdocs.yml").write_text(mkdocs, encoding="utf-8")
    shutil.copytree(REPO / "theme_overrides", out / "theme_overrides")
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--scale", type=float, default=1)
    args = parser.parse_args()
    print(write_portal(args.out, args.scale))
