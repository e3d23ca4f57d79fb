"""No widget drawn over another, on every step of the demo stories, at three terminal sizes.

Each walk goes through a story as a presenter would (set up through Done, roll back through
Rolled back, then Check through its verdict, and the manual path) and, on each step once it has
settled, asks the compositor cell by cell whether any widget's text lies under another widget
(tests/layout.py). A button docked over the last lines of a summary fails here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input, Select

from tests.layout import covered
from tests.pilot_steps import at, go, ready, until
from wizard.demo import demo_environment
from wizard.environment import Environment
from wizard.tui.app import WizardApp, build_app

SIZES = [(80, 24), (100, 32), (120, 40)]
STORIES = ["pendo-us", "customerio-us", "generic"]


@pytest.fixture
def env(tmp_path: Path) -> Iterator[Environment]:
    with demo_environment(tmp_path / "journal.jsonl", pace="fast") as environment:
        yield environment


class Layouts:
    """Each settled step's overlaps, gathered so one walk reports every screen at once."""

    def __init__(self, pilot: Pilot[int], app: WizardApp) -> None:
        self.pilot, self.app = pilot, app
        self.problems: list[str] = []
        self.seen: list[str] = []

    async def check(self) -> None:
        await self.pilot.pause()
        self.seen.append(type(self.app.screen).__name__)
        self.problems += covered(self.app.screen)

    async def step(self, selector: str, screen: str) -> None:
        await go(self.pilot, self.app, selector, screen)
        await until(self.pilot, lambda: any(self.app.screen.query(Button)))

    async def to(self, selector: str, screen: str, wait_for: str | None = None) -> None:
        """Press `selector` into `screen`, wait until `wait_for` is ready, and check it."""
        await self.step(selector, screen)
        if wait_for is not None:
            await until(self.pilot, ready(self.app, wait_for))
        await self.check()


async def start(app: WizardApp, pilot: Pilot[int], goal: str, profile: str) -> None:
    await until(pilot, at(app, "StartScreen"))
    app.screen.goal = goal  # type: ignore[attr-defined]
    app.screen.profile_id = profile  # type: ignore[attr-defined]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("profile", STORIES)
async def test_no_widget_is_drawn_over_another(
    env: Environment, profile: str, size: tuple[int, int]
) -> None:
    app = build_app(env)
    async with app.run_test(size=size) as pilot:
        walk = Layouts(pilot, app)
        await start(app, pilot, "setup", profile)
        await walk.check()
        await walk.to("#continue", "PasteScreen")
        await walk.to("#continue", "DnsHostScreen", "#continue")
        await walk.to("#continue", "CredentialsScreen")
        await walk.to("#continue", "PlanScreen", "#apply")
        await walk.to("#apply", "ApplyScreen", "#continue")
        await walk.to("#continue", "PropagationScreen", "#continue")
        await walk.to("#continue", "ReadinessScreen", "#continue")
        await walk.to("#continue", "DoneScreen")
        if app.screen.query("#api-key"):
            app.screen.query_one("#api-key", Input).value = "0123456789abcdef"
            await walk.check()

        await walk.step("#restart", "StartScreen")
        await start(app, pilot, "rollback", profile)
        await walk.to("#continue", "RollbackScreen")
        await go(pilot, app, "#review", "RollbackScreen")
        await until(pilot, ready(app, "#confirm"))
        await walk.check()
        await walk.to("#confirm", "ConfirmScreen")
        await walk.to("#confirm-yes", "RevertScreen", "#continue")
        await walk.to("#continue", "PropagationScreen", "#continue")
        await walk.to("#continue", "RolledBackScreen")

        await walk.step("#restart", "StartScreen")
        await start(app, pilot, "check", profile)
        await walk.step("#continue", "PasteScreen")
        await walk.to("#continue", "DnsHostScreen", "#continue")
        await walk.to("#continue", "PropagationScreen", "#continue")
        await walk.to("#continue", "ReadinessScreen", "#continue")
        await walk.to("#continue", "DoneScreen")

        await walk.step("#restart", "StartScreen")
        await start(app, pilot, "setup", profile)
        await walk.step("#continue", "PasteScreen")
        await walk.step("#continue", "DnsHostScreen")
        await until(pilot, ready(app, "#continue"))
        app.screen.query_one("#provider", Select).value = "manual"
        await walk.to("#continue", "ManualScreen")
    assert walk.problems == [], "\n".join(walk.problems)
    assert len(walk.seen) >= 20


async def test_the_check_sees_a_button_docked_over_text() -> None:
    """The check itself, on a screen made to fail: a docked button over a summary's last line."""
    from textual.app import App, ComposeResult
    from textual.containers import VerticalScroll
    from textual.widgets import Static

    class Docked(App[None]):
        CSS = "#restart { dock: bottom; }"

        def compose(self) -> ComposeResult:
            with VerticalScroll():
                yield Static("\n".join(f"line {i}" for i in range(30)))
                yield Button("Back to the start", id="restart")

    app = Docked()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        problems = covered(app.screen)
    assert any("under Button#restart" in p for p in problems), problems
