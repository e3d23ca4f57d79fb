"""Start-up cost of the command line: median wall time of `--help` and of `records` on a paste.

Run by hand: `python bench/startup.py [RUNS]`. Target: 0.3 s or less for each.
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


if __name__ == "__main__":
    main()
