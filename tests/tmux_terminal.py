"""A terminal for tests: the installed wizard in tmux, driven by what is on the screen.

Keys go in as a terminal sends them (an SGR mouse click on a label's middle, a bracketed
paste), and the screen comes back as plain text, so a test reads what a person reads.
"""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path


class Terminal:
    def __init__(self, command: str, *, width: int = 80, height: int = 24, env: str = "") -> None:
        self.socket = f"wizard-test-{time.monotonic_ns()}"
        self._tmux(
            "new-session", "-d", "-s", "w", "-x", str(width), "-y", str(height),
            f"{env} TERM=xterm-256color {command}; echo EXIT=$?; sleep 30",
        )  # fmt: skip

    def _tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True
        )
        return done.stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "w")

    def wait(self, pattern: str, timeout: float = 20) -> str:
        """The screen, once `pattern` (a regular expression) is on it."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            shown = self.screen()
            if re.search(pattern, shown):
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{pattern!r} never appeared:\n{self.screen()}")

    def click(self, label: str, timeout: float = 20) -> None:
        """Click the middle of `label`, searched from the bottom up (a button before a sentence)."""
        end = time.monotonic() + timeout
        while True:
            lines = self.screen().splitlines()
            spots = [(y, line.find(label)) for y, line in enumerate(lines) if label in line]
            if spots:
                y, x = spots[-1]
                break
            if time.monotonic() > end:
                raise AssertionError(f"no {label!r} to click:\n{self.screen()}")
            time.sleep(0.1)
        column, row = x + len(label) // 2 + 1, y + 1
        for event in (f"\x1b[<0;{column};{row}M", f"\x1b[<0;{column};{row}m"):
            self._tmux("send-keys", "-t", "w", "-l", event)
        time.sleep(0.3)

    def keys(self, *names: str) -> None:
        for name in names:
            self._tmux("send-keys", "-t", "w", name)
            time.sleep(0.2)

    def type(self, text: str) -> None:
        """Type `text` as it is, character by character (no key names)."""
        self._tmux("send-keys", "-t", "w", "-l", text)
        time.sleep(0.2)

    def paste(self, path: Path) -> None:
        """As a terminal pastes: the text between bracketed-paste marks."""
        self._tmux("load-buffer", str(path))
        self._tmux("paste-buffer", "-p", "-t", "w")
        time.sleep(0.3)

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)
