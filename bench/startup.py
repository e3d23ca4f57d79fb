"""Start-up cost: median wall time of `--help` and of `records` on a paste, and the time from
launching the demo to the wizard's first frame (its start screen, the little internet's DNS and
web servers running), beside a bare Textual app (Header, Static, Footer) measured the same way
in the same run.

Run by hand: `python bench/startup.py [RUNS]`. Targets: 0.3 s or less for the two commands;
the demo's first frame within 1.2x the bare app's.
"""

from __future__ import annotations

import os
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


#: Runs the demo headless and prints the wall-clock time its start screen is first drawn.
FIRST_FRAME = """
import tempfile
import time
from pathlib import Path
from wizard.demo import demo_environment
from wizard.tui.app import build_app, launch

async def first_frame(pilot):
    while type(pilot.app.screen).__name__ != "StartScreen":
        await pilot.pause(0.005)
    await pilot.pause()
    print(time.time(), flush=True)
    pilot.app.exit()

with demo_environment(Path(tempfile.mkdtemp()) / "journal.jsonl") as env:
    launch(build_app(env), headless=True, size=(80, 24), auto_pilot=first_frame)
"""

#: Times a plain Textual app the same way: its first frame once its compose is drawn.
PLAIN_APP_FRAME = """
import time
from textual.app import App
{imports}
class Plain(App[None]):
    def compose(self):
{compose}
async def first_frame(pilot):
    await pilot.pause()
    print(time.time(), flush=True)
    pilot.app.exit()

Plain().run(headless=True, size=(80, 24), auto_pilot=first_frame)
"""

#: A bare Textual app (Header, Static, Footer): the floor to compare with.
BARE_FRAME = PLAIN_APP_FRAME.format(
    imports="from textual.widgets import Footer, Header, Static",
    compose="""
        yield Header()
        yield Static("Tracking Domain Wizard")
        yield Footer()
""",
)

#: The start screen's widgets in a plain Textual app, with none of the wizard: the floor that
#: Textual itself sets for a screen like ours.
SAME_WIDGETS_FRAME = PLAIN_APP_FRAME.format(
    imports="from textual.containers import Horizontal, VerticalScroll\n"
    "from textual.widgets import Button, Footer, OptionList, Static",
    compose="""
        yield Static("Tracking Domain Wizard")
        yield Static("Start")
        with VerticalScroll():
            yield Static("Your vendor gave you some DNS records.")
            with Horizontal():
                for legend, count in (("What do you want to do?", 3), ("Which vendor?", 5)):
                    choices = OptionList(*(f"choice {index}" for index in range(count)))
                    choices.border_title = legend
                    yield choices
            yield Button("Continue", variant="primary")
        yield Footer()
""",
)

#: As installed by pip, with bytecode cached: this machine's PYTHONDONTWRITEBYTECODE would make
#: every run compile the wizard afresh while Textual's bytecode sits in site-packages.
INSTALLED = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def first_frame_seconds(script: str) -> float:
    start = time.time()
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=INSTALLED
    )
    return float(done.stdout.split()[-1]) - start


FRAMES = {
    "bare Textual app": BARE_FRAME,
    "start screen's widgets": SAME_WIDGETS_FRAME,
    "tracking-wizard --demo": FIRST_FRAME,
}


def median_first_frames(runs: int) -> dict[str, float]:
    """Medians per script, interleaved run by run so each sees the same machine; one warm-up
    run each first (bytecode written, files in the page cache)."""
    times: dict[str, list[float]] = {label: [] for label in FRAMES}
    for script in FRAMES.values():
        first_frame_seconds(script)
    for _ in range(runs):
        for label, script in FRAMES.items():
            times[label].append(first_frame_seconds(script))
    return {label: statistics.median(seconds) for label, seconds in times.items()}


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
    frame_runs = max(5, runs // 2)
    medians = median_first_frames(frame_runs)
    bare = medians["bare Textual app"]
    print(f"launch to first frame, median of {frame_runs} interleaved runs (target <= 1.2x)")
    for label, seconds in medians.items():
        print(f"  {label:<26} {seconds:.3f} s  ({seconds / bare:.2f}x)")
    ratio = medians["tracking-wizard --demo"] / bare
    print(f"  {'OK' if ratio <= 1.2 else 'MISSED'}")


if __name__ == "__main__":
    main()
