"""Walking the wizard as a person would: wait for a screen, press a button when it is ready."""

from __future__ import annotations

from collections.abc import Callable

from textual.css.query import NoMatches
from textual.pilot import Pilot
from textual.widgets import Button

from wizard.tui.app import WizardApp


async def until(pilot: Pilot[int], check: Callable[[], bool], seconds: float = 45) -> None:
    """Wait for `check`; a widget not composed yet (NoMatches) counts as not yet."""
    for _ in range(int(seconds / 0.05)):
        try:
            if check():
                return
        except NoMatches:
            pass
        await pilot.pause(0.05)
    raise AssertionError("the app never got there")


def at(app: WizardApp, screen: str) -> Callable[[], bool]:
    """On that screen, and the screen has finished mounting its widgets."""
    return lambda: type(app.screen).__name__ == screen and app.screen.is_mounted


def loaded(app: WizardApp, attribute: str) -> Callable[[], bool]:
    """The screen's background work is done: its `attribute` (plan, outcome…) is set."""
    return lambda: getattr(app.screen, attribute, None) is not None


def ready(app: WizardApp, selector: str) -> Callable[[], bool]:
    return lambda: (
        bool(app.screen.query(selector)) and not app.screen.query_one(selector, Button).disabled
    )


async def go(pilot: Pilot[int], app: WizardApp, selector: str, screen: str) -> None:
    await until(pilot, ready(app, selector))
    app.screen.query_one(selector, Button).press()
    await until(pilot, at(app, screen))
