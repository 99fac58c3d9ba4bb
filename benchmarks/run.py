"""portal-gen's benchmark: how fast generate and a full build are, and how they grow.

Everything is measured in one run, interleaved (each round measures every item once, so a
busy moment on a shared machine hits all of them alike), and reported as the median of the
rounds. What matters is the ratios, which hold across machines:

1. generate (fresh process, empty staging folder): wall time and peak memory;
2. the floor: reading and composing the same YAML with PyYAML's C loader and writing the same
   number of bytes to the same number of files; generate / floor;
3. a full build (generate + mkdocs build) with the project's layout, and the same Markdown with
   every page in the nav (the naive layout); naive / ours;
4. incremental: with generate warm (as in ``portal-gen serve``: same process, same memo),
   change one event's title and time until its page on disk is updated; how many files were
   rewritten;
5. scaling: generate at 1x, 2x and 4x the portal;
6. startup: ``portal-gen --help`` and ``portal-gen check`` on the sample against a bare
   ``python -c pass`` (the commands of ``startup.py``);
7. what a first visit to an event page downloads, gzipped: the page and the search index
   every page fetches (from the project-layout build).

    python benchmarks/run.py [--rounds 3] [--scale 1] [--json out.json] [--markdown out.md]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from startup import COMMANDS
from startup import _once as _started
from synthetic import TODAY, write_portal

#: Runs generate in a fresh interpreter and reports its own time, the part of it spent
#: writing files (which depends on the disk far more than on portal-gen), and peak memory.
_GENERATE = """
import resource, sys, time, datetime as dt
from pathlib import Path
from portal_gen import app
writing = []
def timed_write(*args, **kwargs):
    began = time.perf_counter()
    try:
        return real_write(*args, **kwargs)
    finally:
        writing.append(time.perf_counter() - began)
real_write, app.write = app.write, timed_write  # the writer, as app calls it
start = time.perf_counter()
result = app.generate(app.Run(Path(sys.argv[1]), dt.date.fromisoformat(sys.argv[2]), parallel=True))
took = time.perf_counter() - start
# The calendar feeds are made in a forked child: count its peak too (a sum, to be safe).
peak = sum(resource.getrusage(w).ru_maxrss for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
print(took, peak, len(result.report.written), sum(writing))
"""
_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PORTAL_GEN_ACTIVE": "1"}


def _generate_fresh(root: Path) -> tuple[float, float, int, float]:
    shutil.rmtree(root / "build", ignore_errors=True)
    out = subprocess.run(
        [sys.executable, "-c", _GENERATE, str(root), TODAY.isoformat()],
        check=True,
        capture_output=True,
        text=True,
        env=_ENV,
    ).stdout.split()
    return float(out[0]), float(out[1]), int(out[2]), float(out[3])


def _floor(root: Path) -> float:
    """Compose every YAML document with the C loader and write as many bytes to as many files."""
    staging = root / "build" / "docs"
    sizes = [path.stat().st_size for path in staging.rglob("*") if path.is_file()]
    sources = [*(root / "data").rglob("*.yml"), *(root / "content").rglob("*.md")]
    with tempfile.TemporaryDirectory() as scratch:
        start = time.perf_counter()
        for source in sources:
            text = source.read_text(encoding="utf-8")
            if source.suffix == ".md":
                text = text.split("---", 2)[1] if text.startswith("---") else ""
            yaml.compose(text, Loader=yaml.CSafeLoader)
        for number, size in enumerate(sizes):
            Path(scratch, f"{number}.out").write_bytes(b"x" * size)
        return time.perf_counter() - start


def _naive_config(root: Path) -> Path:
    """mkdocs.yml with every generated page in the nav (and no not_in_nav).

    Edited as text: mkdocs.yml holds Python tags that only MkDocs' own loader should run.
    """
    kept: list[str] = []
    skipping = False
    for line in (root / "mkdocs.yml").read_text().splitlines():
        if line and not line[0].isspace() and not line.startswith("#"):
            skipping = line.startswith(("nav:", "not_in_nav:"))
        if not skipping:
            kept.append(line)
    staging = root / "build" / "docs"
    pages = sorted(path.relative_to(staging).as_posix() for path in staging.rglob("*.md"))
    kept += ["nav:", *(f"  - {page}" for page in pages)]
    naive = root / "mkdocs-naive.yml"
    naive.write_text("\n".join(kept) + "\n")
    return naive


def _mkdocs(root: Path, config: Path) -> float:
    """MkDocs building the staging folder, as ``portal-gen build`` runs it (which tells it
    where the staging folder is: without that, mkdocs.yml's docs_dir is content/ alone)."""
    from portal_gen.host.handoff import child_environment

    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config)],
        cwd=root,
        check=True,
        capture_output=True,
        env={**_ENV, **child_environment(root / "build" / "docs")},
    )
    return time.perf_counter() - start


def _incremental(root: Path, round_number: int) -> tuple[float, int, int]:
    """Warm generate, then one title changed: seconds until the page is on disk, files rewritten.

    Warm as in ``portal-gen serve``: the same process, and the session serve keeps between saves.
    """
    from portal_gen.app import Run, generate
    from portal_gen.incremental.session import Session

    run = Run(root, TODAY, Session())
    generate(run)
    # serve fills the staging folder's spare while the owner reads the first page (see
    # portal_gen.output.tree); an owner's first save comes seconds after serve starts, not at once.
    time.sleep(1.0)
    events = root / "data" / "events.yml"
    text = events.read_text(encoding="utf-8")
    marker = f"Renamed talk {round_number}"
    first_title = text.index("  - id: talk-0\n    title: ") + len("  - id: talk-0\n    title: ")
    end = text.index("\n", first_title)
    events.write_text(text[:first_title] + json.dumps(marker) + text[end:], encoding="utf-8")
    start = time.perf_counter()
    result = generate(run)
    took = time.perf_counter() - start
    assert marker in (root / "build" / "docs" / "events" / "talk-0.md").read_text(encoding="utf-8")
    total = len(result.report.written) + result.report.unchanged
    return took, len(result.report.written), total


def _first_visit(root: Path) -> tuple[float, float]:
    """The gzipped kilobytes of one event's page and of the search index, as built into site/."""
    import gzip

    site = root / "site"
    page = next(iter(sorted((site / "events").glob("*/index.html"))))
    index = site / "search" / "search_index.json"
    return (len(gzip.compress(page.read_bytes(), 6)) / 1000, len(gzip.compress(index.read_bytes(), 6)) / 1000)


def run(rounds: int, scale: float, with_build: bool = True) -> dict[str, object]:
    work = Path(tempfile.mkdtemp(prefix="portal-gen-bench-"))
    try:
        portals = {factor: write_portal(work / f"x{factor}", scale * factor) for factor in (1, 2, 4)}
        base = portals[1]
        samples: dict[str, list[float]] = {}

        def add(name: str, value: float) -> None:
            samples.setdefault(name, []).append(value)

        changed = total = 0
        for round_number in range(rounds):
            for factor, root in portals.items():
                took, peak, files, writing = _generate_fresh(root)
                add(f"generate_{factor}x_s", took)
                add(f"generate_{factor}x_without_writing_s", took - writing)
                if factor == 1:
                    add("generate_peak_mb", peak)
                    add("files", files)
            add("floor_s", _floor(base))
            if with_build:
                if round_number == 0:
                    naive = _naive_config(base)
                add("build_ours_s", samples["generate_1x_s"][-1] + _mkdocs(base, base / "mkdocs.yml"))
                page_kb, index_kb = _first_visit(base)
                add("first_visit_page_kb", page_kb)
                add("first_visit_index_kb", index_kb)
                add("build_naive_s", samples["generate_1x_s"][-1] + _mkdocs(base, naive))
            took, changed, total = _incremental(base, round_number)
            add("incremental_s", took)
            for name, key in (("python -c pass", "python_s"), ("portal-gen --help", "help_s")):
                add(key, _started(COMMANDS[name]))
            add("check_sample_s", _started(COMMANDS["portal-gen check (sample)"]))
        result: dict[str, object] = {name: statistics.median(values) for name, values in samples.items()}
        result.update(
            rounds=rounds,
            scale=scale,
            incremental_files_rewritten=changed,
            incremental_files_total=total,
            machine=f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}",
            python=platform.python_version(),
        )
        result["generate_over_floor"] = result["generate_1x_s"] / result["floor_s"]  # type: ignore[operator]
        result["scaling_4x"] = result["generate_4x_s"] / result["generate_1x_s"]  # type: ignore[operator]
        result["scaling_4x_without_writing"] = (
            result["generate_4x_without_writing_s"] / result["generate_1x_without_writing_s"]  # type: ignore[operator]
        )
        if with_build:
            result["naive_over_ours"] = result["build_naive_s"] / result["build_ours_s"]  # type: ignore[operator]
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


def table(result: dict[str, object]) -> str:
    """The results as a Markdown table, with the targets from issue 8."""
    r = result
    rows = [
        ("generate (fresh process, empty staging)", f"{r['generate_1x_s']:.2f} s", "<= 1.5 s"),
        ("peak memory of generate", f"{r['generate_peak_mb']:.0f} MB", "<= 200 MB"),
        ("floor (compose YAML + write the bytes)", f"{r['floor_s']:.2f} s", ""),
        ("generate / floor", f"{r['generate_over_floor']:.1f}x", "<= 2x"),
    ]
    if "build_ours_s" in r:
        rows += [
            ("full build, project layout", f"{r['build_ours_s']:.1f} s", "<= 15 s"),
            ("full build, every page in the nav", f"{r['build_naive_s']:.1f} s", ""),
            ("naive / project layout", f"{r['naive_over_ours']:.1f}x", ">= 8x"),
            (
                "first visit to an event page: page, search index (gzip)",
                f"{r['first_visit_page_kb']:.0f} kB, {r['first_visit_index_kb']:.0f} kB",
                "index <= 100 kB",
            ),
        ]
    rows += [
        ("incremental: one title edited", f"{r['incremental_s'] * 1000:.0f} ms", "<= 150 ms"),
        (
            "files rewritten by that edit",
            f"{r['incremental_files_rewritten']} of {r['incremental_files_total']}",
            "only affected",
        ),
        (
            "portal-gen --help (bare python)",
            f"{r['help_s'] * 1000:.0f} ms ({r['python_s'] * 1000:.0f} ms)",
            "<= 100 ms",
        ),
        ("portal-gen check on the sample", f"{r['check_sample_s'] * 1000:.0f} ms", "<= 400 ms"),
        ("generate at 2x", f"{r['generate_2x_s']:.2f} s", ""),
        ("generate at 4x / 1x", f"{r['scaling_4x']:.2f}x", "<= 4.5x"),
        (
            "the same without writing files (1x, 4x / 1x)",
            f"{r['generate_1x_without_writing_s']:.2f} s, {r['scaling_4x_without_writing']:.2f}x",
            "",
        ),
    ]
    lines = ["| measure | result | target |", "| --- | --- | --- |"]
    lines += [f"| {name} | {value} | {target} |" for name, value, target in rows]
    lines.append("")
    lines.append(
        f"Median of {r['rounds']} interleaved rounds at scale {r['scale']} on {r['machine']}, "
        f"Python {r['python']}."
    )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--scale", type=float, default=1)
    parser.add_argument("--no-build", action="store_true", help="skip the two mkdocs builds")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument("--markdown", type=Path, help="also write the table as Markdown here")
    args = parser.parse_args()
    result = run(args.rounds, args.scale, with_build=not args.no_build)
    text = table(result)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n")
    if args.markdown:
        args.markdown.write_text(text)


if __name__ == "__main__":
    main()
