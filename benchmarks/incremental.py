"""serve's save-to-disk time on the benchmark portal, for this checkout against another.

What an owner waits for in ``portal-gen serve`` before the browser can reload: from a saved
edit (one event's title in data/events.yml) until the regenerated staging folder is on
disk, with the session serve keeps between saves. Each round runs both checkouts, one after
the other, in fresh processes on fresh copies of the portal, and the ratio is taken round
by round, so a machine that speeds up or slows down hits both alike.

    python benchmarks/incremental.py OTHER_CHECKOUT [--rounds 5] [--saves 8]

Each round prints the wall-clock median and the processor-time median of its saves; the
processor time moves less when the machine is busy with something else.

OTHER_CHECKOUT is a folder holding another version of portal-gen (``git worktree add
/tmp/before <commit>``); versions before the stage packages (with ``portal_gen/memo.py``)
are measured the way they ran then.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import TODAY, write_portal

HERE = Path(__file__).resolve().parent.parent

#: Run inside a fresh interpreter with the checkout first on sys.path: warm up as serve does,
#: then time each save until the edited page is on disk. Prints the median in seconds.
_MEASURE = """
import json, statistics, sys, time, datetime as dt
from pathlib import Path
code, portal, saves = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
sys.path.insert(0, code)
today = dt.date.fromisoformat(sys.argv[4])
if Path(code, "portal_gen", "memo.py").exists():
    from portal_gen.memo import Memo
    from portal_gen.pipeline import generate as old_generate
    memo = Memo()
    def generate():
        return old_generate(portal, today, memo)
else:
    from portal_gen.app import Run, generate as new_generate
    from portal_gen.incremental.session import Session
    run = Run(portal, today, Session())
    def generate():
        return new_generate(run)
generate()
time.sleep(1.0)  # serve fills the staging folder's spare while the owner reads the first page
events = portal / "data" / "events.yml"
lead = "  - id: talk-0\\n    title: "
took, cpu = [], []
for number in range(saves):
    text = events.read_text(encoding="utf-8")
    start = text.index(lead) + len(lead)
    end = text.index("\\n", start)
    events.write_text(text[:start] + json.dumps(f"Renamed {number}") + text[end:], encoding="utf-8")
    began, began_cpu = time.perf_counter(), time.process_time()
    generate()
    took.append(time.perf_counter() - began)
    cpu.append(time.process_time() - began_cpu)
    assert f"Renamed {number}" in (portal / "build/docs/events/talk-0.md").read_text(encoding="utf-8")
    time.sleep(0.3)  # an owner does not save twice in the same instant
print(statistics.median(took), statistics.median(cpu))
"""


def _measure(code: Path, template: Path, saves: int) -> tuple[float, float]:
    """The median wall-clock and processor time of a save, in seconds."""
    with tempfile.TemporaryDirectory() as scratch:
        portal = Path(scratch) / "portal"
        shutil.copytree(template, portal)
        out = subprocess.run(
            [sys.executable, "-c", _MEASURE, str(code), str(portal), str(saves), TODAY.isoformat()],
            check=True,
            capture_output=True,
            text=True,
            env={"PORTAL_GEN_ACTIVE": "1", "PATH": "/usr/bin:/bin"},
        ).stdout
    wall, cpu = out.split()[-2:]
    return float(wall), float(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("other", type=Path, help="another checkout of portal-gen")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--saves", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        template = write_portal(Path(scratch) / "bench")
        ours, theirs, ratios, cpu_ratios = [], [], [], []
        for number in range(args.rounds):
            # Which goes first alternates, so that neither always runs on a cooler machine.
            if number % 2 == 0:
                a = _measure(HERE, template, args.saves)
                b = _measure(args.other.resolve(), template, args.saves)
            else:
                b = _measure(args.other.resolve(), template, args.saves)
                a = _measure(HERE, template, args.saves)
            ours.append(a[0])
            theirs.append(b[0])
            ratios.append(a[0] / b[0])
            cpu_ratios.append(a[1] / b[1])
            print(
                f"round: this {a[0] * 1000:.0f} ms, other {b[0] * 1000:.0f} ms, ratio {a[0] / b[0]:.2f}; "
                f"processor time {a[1] * 1000:.0f} / {b[1] * 1000:.0f} ms, ratio {a[1] / b[1]:.2f}",
                flush=True,
            )
    print(
        f"median save-to-disk: this checkout {statistics.median(ours) * 1000:.0f} ms, "
        f"{args.other} {statistics.median(theirs) * 1000:.0f} ms; "
        f"median ratio {statistics.median(ratios):.2f} (min {min(ratios):.2f}, max {max(ratios):.2f}); "
        f"processor time: median ratio {statistics.median(cpu_ratios):.2f} "
        f"(min {min(cpu_ratios):.2f}, max {max(cpu_ratios):.2f})"
    )


if __name__ == "__main__":
    main()
