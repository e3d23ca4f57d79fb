"""A browser tab on `tracking-wizard serve`, read and driven by what it shows.

The page draws the wizard on an xterm.js canvas, so there is no text in the DOM to read. What
the canvas shows is exactly the byte stream the wizard sends over the tab's websocket, and
Playwright sees every frame of it: a second terminal emulator (pyte) fed the same frames holds
the same screen as text. That is steadier than reading pixels, and it is still the browser's own
connection being read; keys and clicks go in through the page, as a person's do.
"""

from __future__ import annotations

import re
import time
from typing import Any
from urllib.parse import parse_qs, urlparse

import pyte


class BrowserTerminal:
    def __init__(self, page: Any) -> None:
        self.page = page
        self.screen_model: pyte.Screen | None = None
        self.stream: pyte.ByteStream | None = None
        self.socket_url = ""
        page.on("websocket", self._on_websocket)

    def _on_websocket(self, websocket: Any) -> None:
        self.socket_url = websocket.url
        query = parse_qs(urlparse(websocket.url).query)
        width = int(query.get("width", ["80"])[0])
        height = int(query.get("height", ["24"])[0])
        self.screen_model = pyte.Screen(width, height)
        self.stream = pyte.ByteStream(self.screen_model)
        websocket.on("framereceived", self._on_frame)
        websocket.on("framesent", self._on_sent)

    def _on_frame(self, payload: bytes | str) -> None:
        if isinstance(payload, bytes) and self.stream is not None:
            self.stream.feed(payload)

    def _on_sent(self, payload: bytes | str) -> None:
        if isinstance(payload, str) and payload.startswith('["resize"') and self.screen_model:
            size = re.search(r'"width":\s*(\d+),\s*"height":\s*(\d+)', payload)
            if size:
                self.screen_model.resize(int(size.group(2)), int(size.group(1)))

    @property
    def size(self) -> tuple[int, int]:
        assert self.screen_model is not None
        return self.screen_model.columns, self.screen_model.lines

    def text(self) -> str:
        """The screen as plain text, one line per row."""
        if self.screen_model is None:
            return ""
        return "\n".join(line.rstrip() for line in self.screen_model.display)

    def wait(self, pattern: str, timeout: float = 30) -> str:
        """The screen, once `pattern` (a regular expression) is on it."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            shown = self.text()
            if re.search(pattern, shown):
                return shown
            self.page.wait_for_timeout(50)
        raise AssertionError(f"{pattern!r} never appeared in the browser:\n{self.text()}")

    def click(self, label: str, timeout: float = 30) -> None:
        """A mouse click on the middle of `label`, the lowest one on the screen (a button wins
        over the sentence above it that names it)."""
        end = time.monotonic() + timeout
        while True:
            rows = self.text().splitlines()
            hits = [(r, line.find(label)) for r, line in enumerate(rows) if label in line]
            if hits or time.monotonic() > end:
                break
            self.page.wait_for_timeout(50)
        assert hits, f"{label!r} is not on the screen:\n{self.text()}"
        row, column = hits[-1]
        self.click_cell(column + len(label) // 2, row)

    def click_cell(self, column: int, row: int) -> None:
        box = self.page.locator(".xterm-screen").bounding_box()
        assert box is not None
        columns, lines = self.size
        x = box["x"] + (column + 0.5) * box["width"] / columns
        y = box["y"] + (row + 0.5) * box["height"] / lines
        self.page.mouse.click(x, y)

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
