"""Start-up cost: median wall time of `--help` and of `records` on a paste, and the time from
launching the demo to the wizard's first frame (embedded DNS servers included).

Run by hand: `python bench/startup.py [RUNS]`. Target: 0.3 s or less for the two commands.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time

PASTE = 'Type\tHost\tValue\nCNAME\tlinks\te.customeriomail.com\nTXT\t@\t"v=spf1 ~all"\n'


def median_seconds(command: list[str], runs: int, stdin: str | None = None) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, input=stdin, capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


#: Runs the demo headless and prints the wall-clock time of its first frame.
FIRST_FRAME = """
import tempfile
import time
from pathlib import Path
from wizard.demo import demo_environment
from wizard.tui.app import build_app

async def first_frame(pilot):
    await pilot.pause()
    print(time.time(), flush=True)
    pilot.app.exit()

with demo_environment(Path(tempfile.mkdtemp()) / "journal.jsonl") as env:
    build_app(env).run(headless=True, size=(80, 24), auto_pilot=first_frame)
"""


def median_first_frame(runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.time()
        done = subprocess.run(
            [sys.executable, "-c", FIRST_FRAME], capture_output=True, text=True, check=True
        )
        times.append(float(done.stdout.split()[-1]) - start)
    return statistics.median(times)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    script = shutil.which("tracking-wizard")
    base = [script] if script else [sys.executable, "-m", "wizard"]
    cases = {
        "--help": (base + ["--help"], None),
        "records (3-line paste)": (base + ["records", "-", "--domain", "example.com"], PASTE),
        "python -c pass (floor)": ([sys.executable, "-c", "pass"], None),
    }
    print(f"median wall time over {runs} runs (target <= 0.300 s)")
    for label, (command, stdin) in cases.items():
        print(f"  {label:<26} {median_seconds(command, runs, stdin):.3f} s")
    frame_runs = max(3, runs // 3)
    print(f"demo: launch to first frame, median of {frame_runs} runs (no target)")
    print(f"  {'tracking-wizard --demo':<26} {median_first_frame(frame_runs):.3f} s")


if __name__ == "__main__":
    main()
