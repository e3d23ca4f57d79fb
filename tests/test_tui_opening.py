"""The start screen comes first; the environment opens behind it, and every later step waits
for it. The opener here is the real demo environment, held back until the test lets it go."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

from textual.message import Message
from textual.widgets import Button, OptionList, TextArea

from tests.pilot_steps import at, go, ready, until
from wizard.demo import demo_environment, load_story
from wizard.environment import Environment
from wizard.tui.app import DEMO_BADGE, WizardApp
from wizard.tui.opening import Opening
from wizard.vendors import all_profiles


class HeldDemo:
    """Opens the demo environment only once released, and says what happened to it."""

    def __init__(self, journal: Path) -> None:
        self.journal = journal
        self.release = threading.Event()
        self.asked = threading.Event()
        self.closed = False

    @contextlib.contextmanager
    def open(self) -> Iterator[Environment]:
        self.asked.set()
        assert self.release.wait(30), "the test never released the opening"
        with demo_environment(self.journal, pace="fast") as env:
            yield env
        self.closed = True


class WatchedOpening(Opening):
    """An opening that says when a step began to wait for it."""

    def __init__(self, held: HeldDemo) -> None:
        super().__init__(held.open, demo=True)
        self.awaited = threading.Event()

    async def wait(self) -> Environment:
        self.awaited.set()
        return await super().wait()


async def test_the_start_screen_is_drawn_before_the_environment_opens(tmp_path: Path) -> None:
    held = HeldDemo(tmp_path / "journal.jsonl")
    opening = WatchedOpening(held)
    with opening:
        app = WizardApp(opening)
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, at(app, "StartScreen"))
            assert app.sub_title == DEMO_BADGE
            await until(pilot, held.asked.is_set)
            assert app._env is None  # still opening: the start screen did not wait for it
            vendors = [profile.id for profile in all_profiles()]
            app.screen.query_one("#vendor", OptionList).highlighted = vendors.index("pendo-eu")
            await pilot.pause()
            assert not opening.awaited.is_set()
            app.screen.query_one("#continue", Button).press()
            await until(pilot, opening.awaited.is_set)  # the journey waits for the environment
            assert type(app.screen).__name__ != "PasteScreen" and app._env is None
            held.release.set()
            await until(pilot, at(app, "PasteScreen"))
            # Pendo (EU), picked before the environment was open, brings its own story.
            story = load_story("pendo-eu")
            assert app.screen.query_one(TextArea).text == story.paste
            assert app.env.journal_path == held.journal
        assert not held.closed  # open as long as the app runs...
    assert held.closed  # ...and closed with it


async def test_a_journey_opened_directly_waits_for_the_environment(tmp_path: Path) -> None:
    """`tracking-wizard demo --vendor customerio-eu`: no start screen, so the paste step itself
    waits, and shows that vendor's story."""
    held = HeldDemo(tmp_path / "journal.jsonl")
    held.release.set()
    with Opening(held.open, demo=True) as opening:
        app = WizardApp(opening, vendor="customerio-eu")
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, at(app, "PasteScreen"))
            assert app.screen.query_one(TextArea).text == load_story("customerio-eu").paste
            await go(pilot, app, "#continue", "DnsHostScreen")
            await until(pilot, ready(app, "#continue"))  # the zone found on the demo's servers
    assert held.closed


async def test_quitting_before_the_environment_opens_still_closes_it(tmp_path: Path) -> None:
    held = HeldDemo(tmp_path / "journal.jsonl")
    with Opening(held.open, demo=True) as opening:
        app = WizardApp(opening)
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, held.asked.is_set)
            held.release.set()
            await pilot.press("ctrl+q")
    assert held.closed


async def test_the_app_opens_on_the_start_screen_and_moves_on_once(tmp_path: Path) -> None:
    """The start screen is the app's own first screen (no blank one is drawn before it); its
    choice, pressed twice in a hurry, starts one journey, and the start comes back after it."""
    with demo_environment(tmp_path / "journal.jsonl", pace="fast") as env:
        app = WizardApp(env)
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, at(app, "StartScreen"))
            assert [type(screen).__name__ for screen in app.screen_stack] == ["StartScreen"]
            start = app.screen
            handled: list[Message] = []
            start.message_signal.subscribe(start, handled.append, immediate=True)
            button = start.query_one("#continue", Button)
            button.press()
            button.press()
            await until(pilot, at(app, "PasteScreen"))
            # The start screen has handled both presses to the end, so a second journey
            # would have begun by now.
            await until(pilot, lambda: [type(m) for m in handled].count(Button.Pressed) == 2)
            await pilot.pause()
            assert [type(screen).__name__ for screen in app.screen_stack] == [
                "Screen",
                "PasteScreen",
            ]
            await pilot.press("escape")
            await until(pilot, at(app, "StartScreen"))
            await go(pilot, app, "#continue", "PasteScreen")
