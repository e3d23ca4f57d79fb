"""`tracking-wizard serve` in a real browser: Debian's Chromium, headless, driven by Playwright.

The wizard is read from what the tab's terminal shows (see tests/browser_terminal.py for why
that is the terminal's byte stream, not pixels) and driven by keys and clicks on the page.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser_terminal import BrowserTerminal
from tests.tools import tool

SCREENSHOTS = Path(__file__).parents[1] / "screenshots"

#: Debian's chromium (tests/run installs it): skipped without it, a failure under tests/run.
pytestmark = pytest.mark.needs("chromium")

#: What the probe found a root, headless Chromium needs on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class Served:
    """A running `tracking-wizard serve`, and the address it printed."""

    def __init__(self, *flags: str, data_dir: Path) -> None:
        script = Path(sys.executable).parent / "tracking-wizard"
        command = [str(script)] if script.exists() else [sys.executable, "-m", "wizard"]
        env = dict(os.environ, TRACKING_WIZARD_DATA_DIR=str(data_dir))
        env["PYTHONPATH"] = str(Path(__file__).parents[1])
        self.process = subprocess.Popen(
            [*command, "serve", *flags],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
        assert self.process.stdout is not None
        self.data_dir = str(data_dir)
        self.printed: list[str] = []
        self.url = ""
        for line in self.process.stdout:
            self.printed.append(line)
            found = re.search(r"(http://\S+)", line)
            if found:
                self.url = found.group(1)
                break
        assert self.url, "".join(self.printed)

    def stop(self) -> str:
        """Ctrl+C, as a person stops it; what it printed on the way out."""
        self.process.send_signal(2)
        out, _ = self.process.communicate(timeout=20)
        return out


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    server = Served("--max-sessions", "2", data_dir=tmp_path)
    try:
        yield server
    finally:
        if server.process.poll() is None:
            server.stop()


@pytest.fixture
def browser() -> Iterator[Any]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=tool("chromium"), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def open_tab(browser: Any, url: str, width: int = 1100, height: int = 700) -> BrowserTerminal:
    context = browser.new_context(viewport={"width": width, "height": height})
    origin = url.split("/s/")[0]
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    page = context.new_page()
    terminal = BrowserTerminal(page)
    page.goto(url)
    return terminal


def wizard_processes(server: Served) -> list[int]:
    """The wizards `serve` runs now: its child processes (one shell and its Python per tab)."""
    children = Path(f"/proc/{server.process.pid}/task/{server.process.pid}/children")
    found: list[int] = []
    pending = [int(pid) for pid in children.read_text().split()]
    while pending:
        pid = pending.pop()
        found.append(pid)
        grandchildren = Path(f"/proc/{pid}/task/{pid}/children")
        if grandchildren.exists():
            pending.extend(int(child) for child in grandchildren.read_text().split())
    return found


def data_dirs(server: Served) -> set[str]:
    """Each tab's wizard's data folder, from its own environment."""
    folders = set()
    for pid in wizard_processes(server):
        try:
            environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        except OSError:
            continue
        for entry in environ:
            if entry.startswith(b"TRACKING_WIZARD_DATA_DIR="):
                folders.add(entry.split(b"=", 1)[1].decode())
    return folders


def until(check: Any, seconds: float = 20, tab: BrowserTerminal | None = None) -> None:
    """Wait for `check`; with a tab, the wait lets Playwright take in what the tab receives."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return
        if tab is not None:
            tab.page.wait_for_timeout(50)
        else:
            time.sleep(0.05)
    raise AssertionError("it never happened")


def test_a_whole_demo_story_in_the_browser(served: Served, browser: Any) -> None:
    tab = open_tab(browser, served.url)
    assert tab.page.title() == "Tracking Domain Wizard (demo)"
    tab.wait("What do you want to do")
    tab.click("Pendo (EU)")
    tab.click("Continue")
    tab.wait(r"\d+ records? ready")
    tab.click("Continue")
    tab.wait("already set|Demo DNS host")
    tab.click("Continue")
    tab.wait("needs no settings")
    tab.click("Check and continue")
    tab.wait("In all")
    tab.click("Apply")
    tab.wait("Done: .* written")
    tab.click("Watch them go live")
    tab.wait(r"(All \d+|Both) records are live", timeout=120)
    tab.click("Continue")
    shown = tab.wait(r"HTTPS\s+✓", timeout=60)
    assert "HSTS" in shown
    tab.click("Continue")
    shown = tab.wait("Back to the start")
    tab.page.wait_for_timeout(1500)  # the canvas draws a moment after the bytes arrive
    SCREENSHOTS.mkdir(exist_ok=True)
    tab.page.screenshot(path=str(SCREENSHOTS / "browser-done.png"))
    # The tab's wizard wrote to its own demo journal, in its own folder, not the server's.
    assert served.data_dir not in data_dirs(served)


def test_each_tab_is_its_own_wizard_and_closing_it_ends_that_wizard(
    served: Served, browser: Any
) -> None:
    first = open_tab(browser, served.url)
    first.wait("What do you want to do")
    second = open_tab(browser, served.url)
    second.wait("What do you want to do")
    until(lambda: len(data_dirs(served)) == 2)
    first.page.close()
    until(lambda: len(data_dirs(served)) == 1)
    second.wait("What do you want to do")
    columns, _ = second.size
    second.page.set_viewport_size({"width": 700, "height": 500})  # the wizard follows the window
    until(lambda: second.size[0] < columns, tab=second)
    second.wait("What do you want to do")


def test_a_copy_key_puts_the_text_on_the_browser_clipboard(served: Served, browser: Any) -> None:
    tab = open_tab(browser, served.url)
    tab.wait("What do you want to do")
    tab.click("Continue")
    tab.wait(r"\d+ records? ready")
    tab.click("Continue")
    tab.wait("Demo DNS host")
    tab.click("Demo DNS host")
    tab.click("By hand")
    tab.click("Continue")
    tab.wait("Copy host")
    tab.press("h")
    copied = ""
    end = time.monotonic() + 20
    while time.monotonic() < end and not copied:
        copied = tab.page.evaluate("() => navigator.clipboard.readText()")
        tab.page.wait_for_timeout(100)
    assert copied and copied in tab.text()


def test_a_full_server_says_so_and_a_closed_tab_frees_a_seat(served: Served, browser: Any) -> None:
    tabs = [open_tab(browser, served.url) for _ in range(2)]
    for tab in tabs:
        tab.wait("What do you want to do")
    turned_away = browser.new_page()
    response = turned_away.goto(served.url)
    assert response.status == 503
    assert "Every seat is taken" in turned_away.content()
    tabs[0].page.close()
    until(lambda: len(data_dirs(served)) == 1)
    again = BrowserTerminal(turned_away)
    turned_away.reload()
    again.wait("What do you want to do")


def test_the_address_without_its_token_is_refused(served: Served) -> None:
    base = served.url.split("/s/")[0]
    for path in ("/", "/s/not-the-token/", "/s/not-the-token/ws"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(base + path, timeout=10)
        assert refused.value.code == 403
        assert "token" in refused.value.read().decode()
    assert wizard_processes(served) == []  # nothing was started for a refused visitor
    with urllib.request.urlopen(served.url, timeout=10) as page:
        assert page.status == 200


def test_ctrl_c_stops_the_server_and_every_tab(served: Served, browser: Any) -> None:
    tab = open_tab(browser, served.url)
    tab.wait("What do you want to do")
    running = wizard_processes(served)
    assert running
    printed = served.stop()
    assert served.process.returncode == 0
    assert "Stopped." in printed
    assert not [pid for pid in running if Path(f"/proc/{pid}").exists()]
