"""Rewrite tests/golden/ from what the code generates now (after a change of output on purpose)."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "tests"), str(REPO / "benchmarks")]

from conftest import SAMPLE_TODAY, copy_sample  # noqa: E402
from synthetic import write_portal  # noqa: E402
from test_golden import GOLDEN, emails_and_schemas, manifest  # noqa: E402

from portal_gen.app import STAGING, Run, generate  # noqa: E402


def main() -> None:
    work = Path(tempfile.mkdtemp())
    try:
        sample = copy_sample(work / "sample")
        generate(Run(sample, SAMPLE_TODAY))
        bench = write_portal(work / "bench")
        generate(Run(bench, SAMPLE_TODAY))
        outputs = {
            "sample.sha256": manifest(sample / STAGING),
            "benchmark.sha256": manifest(bench / STAGING),
            "sample-email-and-schemas.sha256": manifest(emails_and_schemas(sample, work / "extra")),
        }
        for name, lines in outputs.items():
            (GOLDEN / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
            print(f"wrote tests/golden/{name} ({len(lines)} files)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
