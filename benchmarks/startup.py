"""How long a person waits for ``portal-gen --help`` and ``portal-gen check`` on the sample,
against a bare ``python -c pass``: fresh processes, interleaved rounds, medians.

    python benchmarks/startup.py [--rounds 9]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "portal-gen --help": [sys.executable, "-m", "portal_gen", "--help"],
    "portal-gen check (sample)": [
        sys.executable, "-m", "portal_gen", "check", "--root", str(REPO), "--today", "2026-11-23",
    ],
}  # fmt: skip


def _once(command: list[str]) -> float:
    began = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(args.rounds):
        for name, command in COMMANDS.items():
            times[name].append(_once(command))
    for name, taken in times.items():
        print(f"{name}: median {statistics.median(taken) * 1000:.0f} ms (min {min(taken) * 1000:.0f})")


if __name__ == "__main__":
    main()
