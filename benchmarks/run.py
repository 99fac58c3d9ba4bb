"""portal-gen's benchmark: what an owner, a customer and CI feel, and how it grows.

Everything is measured in one run, interleaved (each round measures every item once, so a
busy moment on a shared machine hits all of them alike), and reported as the median of the
rounds. What matters is the ratios, which hold across machines:

1. generate (fresh process, empty staging folder, the compiled templates cached as the command
   line keeps them): wall time and peak memory;
2. the floor: reading and composing the same YAML with PyYAML's C loader and writing the same
   bytes to the same files in the same folders; generate / floor;
3. the full build (``portal-gen build``: generate, then MkDocs) at 1x and at ``--big`` times
   the portal (10 by default): seconds per built page, the ratio of the two, and the peak
   memory of the largest process; and the same Markdown with every page in the nav (the
   naive layout) at 1x;
4. the preview an owner feels: the real ``portal-gen serve`` on the benchmark portal and on
   the sample, each save (an event title, an owner page, a newsletter issue, written in
   place and renamed over) timed until the served page shows it (``preview.py``);
5. incremental: with generate warm (as in ``portal-gen serve``: same process, same memo),
   change one event's title and time until its page on disk is updated; how many files were
   rewritten;
6. scaling of generate alone: 1x, 2x and 4x the portal;
7. startup: ``portal-gen --help`` and ``portal-gen check`` on the sample against a bare
   ``python -c pass`` (the commands of ``startup.py``);
8. what a first visit to an event page downloads, gzipped, as Chromium fetches it from a
   server that compresses as GitHub Pages does (``first_visit.py``).

    python benchmarks/run.py [--rounds 3] [--scale 1] [--big 10] [--no-build] [--no-serve]
                             [--json out.json] [--markdown out.md]
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

HERE = Path(__file__).resolve().parent.parent

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
import portal_gen.output.write as writer
real_write, writer.write = writer.write, timed_write  # the writer, as app imports it when it writes
if hasattr(app, "write"):
    app.write = timed_write  # an app that imported it on its own import
start = time.perf_counter()
day, templates = dt.date.fromisoformat(sys.argv[2]), Path(sys.argv[3])
result = app.generate(app.Run(Path(sys.argv[1]), day, parallel=True, template_cache=templates))
took = time.perf_counter() - start
# The calendar feeds are made in a forked child: count its peak too (a sum, to be safe).
peak = sum(resource.getrusage(w).ru_maxrss for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
print(took, peak, len(result.report.written), sum(writing))
"""
_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PORTAL_GEN_ACTIVE": "1"}


def _emptied(folder: Path) -> None:
    """``folder`` removed, and the removal on disk before the clock starts: otherwise the file
    system's deferred work for thousands of deleted files lands on whatever writes next."""
    shutil.rmtree(folder, ignore_errors=True)
    os.sync()


def _generate_fresh(root: Path, templates: Path) -> tuple[float, float, int, float]:
    """As ``portal-gen generate`` runs on CI: a fresh process, no staging folder, and the
    compiled templates in the cache folder (warm after the first round's warm-up)."""
    _emptied(root / "build")
    out = subprocess.run(
        [sys.executable, "-c", _GENERATE, str(root), TODAY.isoformat(), str(templates)],
        check=True,
        capture_output=True,
        text=True,
        env=_ENV,
    ).stdout.split()
    return float(out[0]), float(out[1]), int(out[2]), float(out[3])


def _floor(root: Path) -> float:
    """Compose every YAML document with the C loader and write the staging folder's bytes to
    the same files in the same folders, where generate writes them (a fresh folder elsewhere
    can be ten times faster to fill on a busy disk)."""
    staging = root / "build" / "docs"
    files = {
        path.relative_to(staging).as_posix(): path.read_bytes()
        for path in staging.rglob("*")
        if path.is_file()
    }
    sources = [*(root / "data").rglob("*.yml"), *(root / "content").rglob("*.md")]
    target = root / "build" / "floor"
    _emptied(target)
    start = time.perf_counter()
    for source in sources:
        text = source.read_text(encoding="utf-8")
        if source.suffix == ".md":
            text = text.split("---", 2)[1] if text.startswith("---") else ""
        yaml.compose(text, Loader=yaml.CSafeLoader)
    made: set[str] = set()
    for name, data in files.items():
        path = os.path.join(target, name)
        folder = os.path.dirname(path)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        with open(path, "xb") as handle:
            handle.write(data)
    took = time.perf_counter() - start
    _emptied(target)
    return took


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


_BUILD = """
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
took = time.perf_counter() - start
# The largest single process waited for: portal-gen itself or the MkDocs it started.
print(took, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
"""


def _build(root: Path) -> tuple[float, int, float]:
    """``portal-gen build`` from nothing, as CI runs it: seconds, pages built, peak MB."""
    _emptied(root / "build")
    _emptied(root / "site")
    command = [sys.executable, "-m", "portal_gen", "build", "--root", str(root), "--today", TODAY.isoformat()]
    out = subprocess.run(
        [sys.executable, "-c", _BUILD, *command],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    ).stdout.split()
    pages = sum(1 for _ in (root / "build" / "docs").rglob("*.md"))
    return float(out[0]), pages, float(out[1])


def run(
    rounds: int,
    scale: float,
    big: float = 10,
    with_build: bool = True,
    with_serve: bool = True,
    naive: bool = False,
) -> dict[str, object]:
    from first_visit import measure as first_visit
    from preview import SAMPLE_TODAY
    from preview import _round as _saves

    work = Path(tempfile.mkdtemp(prefix="portal-gen-bench-"))
    try:
        portals = {factor: write_portal(work / f"x{factor}", scale * factor) for factor in (1, 2, 4)}
        base = portals[1]
        large = write_portal(work / f"x{big:g}", scale * big) if with_build else None
        templates = work / "templates"
        _generate_fresh(base, templates)  # compiles the templates into the cache, as a first run does
        samples: dict[str, list[float]] = {}

        def add(name: str, value: float) -> None:
            samples.setdefault(name, []).append(value)

        changed = total = 0
        for round_number in range(rounds):
            for factor, root in portals.items():
                took, peak, files, writing = _generate_fresh(root, templates)
                add(f"generate_{factor}x_s", took)
                add(f"generate_{factor}x_without_writing_s", took - writing)
                if factor == 1:
                    add("generate_peak_mb", peak)
                    add("files", files)
            add("floor_s", _floor(base))
            if with_build and large is not None:
                for name, root in (("1x", base), ("big", large)):
                    took, pages, peak = _build(root)
                    add(f"build_{name}_s", took)
                    add(f"build_{name}_pages", pages)
                    add(f"build_{name}_per_page_ms", took / pages * 1000)
                    add(f"build_{name}_peak_mb", peak)
                add(
                    "build_big_over_1x_per_page",
                    samples["build_big_per_page_ms"][-1] / samples["build_1x_per_page_ms"][-1],
                )
                seen = first_visit(base / "site", search="class")
                add("first_visit_page_kb", seen["visit"].get("page", 0) / 1000)
                add(
                    "first_visit_rest_kb", (sum(seen["visit"].values()) - seen["visit"].get("page", 0)) / 1000
                )
                add("first_visit_index_kb", seen["visit"].get("search index", 0) / 1000)
                add("first_search_kb", sum(seen["search"].values()) / 1000)
                if naive:
                    if round_number == 0:
                        naive_config = _naive_config(base)
                    add("build_naive_s", samples["generate_1x_s"][-1] + _mkdocs(base, naive_config))
            if with_serve:
                for portal_name, source, today in (
                    ("benchmark", base, TODAY.isoformat()),
                    ("sample", HERE, SAMPLE_TODAY),
                ):
                    saves = _saves(HERE, source, today, round_number)
                    for key, value in saves.items():
                        add(f"serve_{portal_name}: {key}", value)
            took, changed, total = _incremental(base, round_number)
            add("incremental_s", took)
            for name, key in (("python -c pass", "python_s"), ("portal-gen --help", "help_s")):
                add(key, _started(COMMANDS[name]))
            add("check_sample_s", _started(COMMANDS["portal-gen check (sample)"]))
        result: dict[str, object] = {
            name: sum(values) if name.endswith("second rebuilds") else statistics.median(values)
            for name, values in samples.items()
        }
        result.update(
            rounds=rounds,
            scale=scale,
            big=big,
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
        if "build_naive_s" in result:
            result["naive_over_ours"] = result["build_naive_s"] / result["build_1x_s"]  # type: ignore[operator]
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _ms(seconds: object) -> str:
    return f"{float(seconds) * 1000:.0f} ms"  # type: ignore[arg-type]


def table(result: dict[str, object]) -> str:
    """The results as a Markdown table, with the targets of issue 19."""
    r = result
    rows: list[tuple[str, str, str]] = []
    for portal, target in (("benchmark", "<= 1.0 s"), ("sample", "<= 0.4 s")):
        keys = sorted(
            key for key in r if key.startswith(f"serve_{portal}: ") and not key.endswith("rebuilds")
        )
        for key in keys:
            rows.append(
                (
                    f"serve, {portal} portal, save to served page: {key.split(': ', 1)[1]}",
                    f"{r[key]:.2f} s",
                    target,
                )
            )
        if keys:
            rows.append(
                (
                    f"serve, {portal} portal: rebuilds without a save",
                    f"{r[f'serve_{portal}: second rebuilds']}",
                    "0",
                )
            )
    rows += [
        ("generate (fresh process, empty staging)", f"{r['generate_1x_s']:.2f} s", "<= 1.0 s"),
        ("floor (compose YAML + write the bytes)", f"{r['floor_s']:.2f} s", ""),
        ("generate / floor", f"{r['generate_over_floor']:.1f}x", "<= 3x"),
        ("peak memory of generate", f"{r['generate_peak_mb']:.0f} MB", ""),
    ]
    if "build_1x_s" in r:
        big = f"{r['big']:g}x"
        rows += [
            (
                "full build at 1x: time, pages, per page",
                f"{r['build_1x_s']:.1f} s, {r['build_1x_pages']:.0f}, {r['build_1x_per_page_ms']:.2f} ms",
                "",
            ),
            (
                f"full build at {big}: time, pages, per page",
                f"{r['build_big_s']:.1f} s, {r['build_big_pages']:.0f}, {r['build_big_per_page_ms']:.2f} ms",
                "",
            ),
            (f"per page at {big} / at 1x", f"{r['build_big_over_1x_per_page']:.2f}", "<= 1.1"),
            (
                "peak memory of the build at 1x (largest process)",
                f"{r['build_1x_peak_mb']:.0f} MB",
                "<= 200 MB",
            ),
            (
                f"peak memory of the build at {big} (largest process)",
                f"{r['build_big_peak_mb']:.0f} MB",
                "<= 400 MB",
            ),
            (
                "first visit to an event page (gzip): the page, everything else",
                f"{r['first_visit_page_kb']:.0f} kB, {r['first_visit_rest_kb']:.0f} kB",
                "else <= 100 kB",
            ),
            ("of which the search index", f"{r['first_visit_index_kb']:.0f} kB", ""),
            ("opening search and typing a word, then", f"{r['first_search_kb']:.0f} kB", ""),
        ]
    if "build_naive_s" in r:
        rows += [
            ("full build, every page in the nav", f"{r['build_naive_s']:.1f} s", ""),
            ("naive / project layout", f"{r['naive_over_ours']:.1f}x", ">= 8x"),
        ]
    rows += [
        ("portal-gen --help (bare python)", f"{_ms(r['help_s'])} ({_ms(r['python_s'])})", "<= 100 ms"),
        ("portal-gen check on the sample", _ms(r["check_sample_s"]), "<= 400 ms"),
        ("incremental: one title edited (generate alone)", _ms(r["incremental_s"]), ""),
        (
            "files rewritten by that edit",
            f"{r['incremental_files_rewritten']} of {r['incremental_files_total']}",
            "only affected",
        ),
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
    parser.add_argument("--big", type=float, default=10, help="the large portal's size, in benchmark portals")
    parser.add_argument("--no-build", action="store_true", help="skip the full builds and the first visit")
    parser.add_argument("--no-serve", action="store_true", help="skip the preview's saves")
    parser.add_argument("--naive", action="store_true", help="also build with every page in the nav")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument("--markdown", type=Path, help="also write the table as Markdown here")
    args = parser.parse_args()
    result = run(
        args.rounds,
        args.scale,
        args.big,
        with_build=not args.no_build,
        with_serve=not args.no_serve,
        naive=args.naive,
    )
    text = table(result)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n")
    if args.markdown:
        args.markdown.write_text(text)


if __name__ == "__main__":
    main()
