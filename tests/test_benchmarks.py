"""A quick run of the benchmark at a tiny size, so the script keeps working as the code changes."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))

import run as bench
import synthetic

from portal_gen.app import Run


def test_synthetic_portal_is_valid_and_the_same_every_time(tmp_path: Path) -> None:
    """The seeded portal validates, and two writes give the same files."""
    from portal_gen.app import load_portal

    one = synthetic.write_portal(tmp_path / "one", 0.02)
    two = synthetic.write_portal(tmp_path / "two", 0.02)
    files = sorted(p.relative_to(one).as_posix() for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(two).as_posix() for p in two.rglob("*") if p.is_file())
    assert all((one / name).read_bytes() == (two / name).read_bytes() for name in files)
    portal = load_portal(Run(one, synthetic.TODAY))
    assert portal.events and portal.issues and portal.testimonials


def test_benchmark_smoke_run_reports_every_measure(tmp_path: Path) -> None:
    """One round at 2% size: every number is there, the table prints, an edit rewrites few files."""
    result = bench.run(rounds=1, scale=0.02, big=3, with_serve=False)
    for key in ("generate_1x_s", "generate_peak_mb", "floor_s", "build_1x_s", "build_big_s",
                "build_1x_per_page_ms", "build_big_over_1x_per_page", "build_1x_peak_mb", "build_big_peak_mb",
                "incremental_s", "generate_4x_s", "scaling_4x", "first_search_kb",
                "generate_1x_without_writing_s", "scaling_4x_without_writing", "help_s", "python_s",
                "check_sample_s", "first_visit_page_kb", "first_visit_rest_kb"):  # fmt: skip
        assert result[key] > 0, key
    assert result["build_big_pages"] > result["build_1x_pages"]
    assert result["first_visit_index_kb"] == 0  # search loads its index when a visitor searches
    assert 0 < result["incremental_files_rewritten"] < result["incremental_files_total"]
    table = bench.table(result)
    assert table.startswith("| measure | result | target |")
    assert "per page at 3x / at 1x" in table and "portal-gen --help" in table


def test_benchmark_smoke_run_times_serves_saves(tmp_path: Path) -> None:
    """At 2% size through the real serve: each save on both portals is timed, none rebuilds twice."""
    result = bench.run(rounds=1, scale=0.02, with_build=False)
    for portal in ("benchmark", "sample"):
        for kind in ("event title", "owner page", "newsletter issue"):
            for style in ("in place", "renamed"):
                assert 0 < result[f"serve_{portal}: {kind}, {style}"] < 60  # type: ignore[operator]
        assert result[f"serve_{portal}: second rebuilds"] == 0
    table = bench.table(result)
    assert "| serve, sample portal, save to served page: event title, in place |" in table
    assert "| serve, benchmark portal: rebuilds without a save | 0 | 0 |" in table
