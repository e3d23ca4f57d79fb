"""The Textual app: built by one factory for the CLI and the tests."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from wizard.environment import Environment
from wizard.tui.session import Session


class WizardApp(App[int]):
    CSS_PATH = "wizard.tcss"
    TITLE = "Tracking Domain Wizard"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def __init__(self, env: Environment) -> None:
        super().__init__()
        self.session = Session(env)
        if env.demo is not None:
            self.session.paste, self.session.domain = env.demo.sample_paste, env.demo.sample_domain
            self.sub_title = env.demo.badge

    def on_mount(self) -> None:
        from wizard.tui.screens.start import StartScreen

        self.push_screen(StartScreen())


def build_app(env: Environment) -> WizardApp:
    return WizardApp(env)


def run_app(demo: bool) -> int:
    """Open the wizard; in demo mode on the embedded DNS server with no account."""
    if demo:
        from wizard.demo import demo_environment

        with demo_environment() as env:
            return build_app(env).run() or 0
    return build_app(Environment.from_environment()).run() or 0
