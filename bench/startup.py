"""Start-up cost: median wall time of `--help` and of `records` on a paste, and the time from
launching `tracking-wizard --demo` to its first frame (the start screen) on a terminal, beside a
bare Textual app (Header, Static, Footer) measured the same way in the same run.

Run by hand: `python bench/startup.py [RUNS]`. Targets: 0.3 s or less for the two commands;
the demo's first frame within 1.2x the bare app's.
"""

from __future__ import annotations

import fcntl
import os
import pty
import random
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

PASTE = 'Type\tHost\tValue\nCNAME\tlinks\te.customeriomail.com\nTXT\t@\t"v=spf1 ~all"\n'


def median_seconds(command: list[str], runs: int, stdin: str | None = None) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, input=stdin, capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


#: A plain Textual app, run in the terminal as any app is.
PLAIN_APP = """
from textual.app import App
{imports}
class Plain(App[None]):
    def compose(self):
{compose}
Plain().run()
"""

#: A bare Textual app (Header, Static, Footer): the floor to compare with.
BARE_APP = PLAIN_APP.format(
    imports="from textual.widgets import Footer, Header, Static",
    compose="""
        yield Header()
        yield Static("Tracking Domain Wizard")
        yield Footer()
""",
)

#: The start screen's widgets in a plain Textual app, with none of the wizard: the floor that
#: Textual itself sets for a screen like ours.
SAME_WIDGETS_APP = PLAIN_APP.format(
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
INSTALLED["TERM"] = "xterm-256color"

#: The wizard as a person starts it: the script pip installed beside this interpreter (not a
#: version manager's shim, which the bare app is not run through either), else the module.
_SCRIPT = Path(sys.executable).parent / "tracking-wizard"
WIZARD = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "wizard"]

#: The app the others are compared with.
BARE = "bare Textual app"

#: What is launched, and the text that shows its first frame is on the terminal.
FRAMES: dict[str, tuple[list[str], bytes]] = {
    BARE: ([sys.executable, "-c", BARE_APP], b"Tracking Domain Wizard"),
    "start screen's widgets": ([sys.executable, "-c", SAME_WIDGETS_APP], b"Continue"),
    "tracking-wizard --demo": ([*WIZARD, "--demo"], b"Continue"),
}


def cpu_seconds(pid: int) -> float:
    """The CPU time a process has used so far (user and system, from /proc): steadier than the
    wall clock on a busy machine, and it says whether a change saved work or only waiting."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def first_frame(command: list[str], marker: bytes, home: str) -> tuple[float, float]:
    """Wall and CPU seconds from launch to the first frame being written to a terminal (an
    80x24 pseudo-terminal): what a person sees, with nothing else waited for. The app is then
    stopped."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**INSTALLED, "HOME": home, "TRACKING_WIZARD_DATA_DIR": home}
    start = time.perf_counter()
    app = subprocess.Popen(
        command, stdin=follower, stdout=follower, stderr=follower, env=env, start_new_session=True
    )
    os.close(follower)
    shown, seen = b"", None
    try:
        while seen is None and select.select([leader], [], [], 30)[0]:
            shown += os.read(leader, 65536)
            if marker in shown:
                seen = (time.perf_counter() - start, cpu_seconds(app.pid))
    finally:
        os.killpg(app.pid, signal.SIGKILL)
        app.wait()
        os.close(leader)
    if seen is None:
        raise RuntimeError(f"{command[-1]!r} drew no {marker!r} in 30 s")
    return seen


def first_frames(runs: int) -> dict[str, list[tuple[float, float]]]:
    """Wall and CPU seconds per app and run. Each run launches every app once, in a shuffled
    order, so each sees the same machine and none is always first or last; one warm-up run each
    comes first (bytecode written, files in the page cache). The home is a new one with no
    journal, so the wizard opens in demo mode as on a new machine."""
    seen: dict[str, list[tuple[float, float]]] = {label: [] for label in FRAMES}
    with tempfile.TemporaryDirectory() as home:
        for command, marker in FRAMES.values():
            first_frame(command, marker, home)
        for _ in range(runs):
            for label in random.sample(list(FRAMES), len(FRAMES)):
                seen[label].append(first_frame(*FRAMES[label], home))
    return seen


def ratio_to_bare(seen: dict[str, list[tuple[float, float]]], label: str, part: int) -> float:
    """The median of the run-by-run ratios to the bare app: a slow spell of the machine slows
    both apps of a run, so it cancels out, where medians taken apart would not."""
    pairs = zip(seen[label], seen[BARE], strict=True)
    return statistics.median(app[part] / bare[part] for app, bare in pairs)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    cases = {
        "--help": ([*WIZARD, "--help"], None),
        "records (3-line paste)": ([*WIZARD, "records", "-", "--domain", "example.com"], PASTE),
        "python -c pass (floor)": ([sys.executable, "-c", "pass"], None),
    }
    print(f"median wall time over {runs} runs (target <= 0.300 s)")
    for label, (command, stdin) in cases.items():
        print(f"  {label:<26} {median_seconds(command, runs, stdin):.3f} s")
    frame_runs = max(runs, 30)
    seen = first_frames(frame_runs)
    print(
        f"launch to first frame on a terminal, {frame_runs} runs: median seconds, and the median"
        " of each run's ratio to the bare app (target <= 1.2x wall)"
    )
    for label, times in seen.items():
        wall = statistics.median(wall for wall, _ in times)
        cpu = statistics.median(cpu for _, cpu in times)
        print(
            f"  {label:<26} {wall:.3f} s  ({ratio_to_bare(seen, label, 0):.2f}x)"
            f"   CPU {cpu:.3f} s  ({ratio_to_bare(seen, label, 1):.2f}x)"
        )
    ratio = ratio_to_bare(seen, "tracking-wizard --demo", 0)
    print(f"  {'OK' if ratio <= 1.2 else 'MISSED'}")


if __name__ == "__main__":
    main()
