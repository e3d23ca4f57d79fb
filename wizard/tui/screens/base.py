"""What every step shares: a title, the key bindings, Esc to go back, and the session."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

if TYPE_CHECKING:
    from wizard.tui.app import WizardApp
    from wizard.tui.session import Session


class StepScreen(Screen[None]):
    """A step of the wizard. Subclasses give `STEP` and compose their body in `body()`."""

    STEP: ClassVar[str] = ""
    HELP: ClassVar[str] = ""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("question_mark", "help", "Help"),
    ]

    @property
    def wizard(self) -> WizardApp:
        from wizard.tui.app import WizardApp

        assert isinstance(self.app, WizardApp)
        return self.app

    @property
    def session(self) -> Session:
        return self.wizard.session

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Static(self.STEP, classes="step-title")
        yield from self.body()
        yield Footer()

    def body(self) -> ComposeResult:
        yield from ()

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()

    def action_help(self) -> None:
        from wizard.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.STEP, self.HELP))
