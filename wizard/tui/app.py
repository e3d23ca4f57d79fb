"""The Textual app: built by one factory for the CLI and the tests; it runs the journeys."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from wizard.environment import Environment
from wizard.tui.journey import GOAL_NAMES, Facts, Goal


class WizardApp(App[int]):
    CSS_PATH = "wizard.tcss"
    TITLE = "Tracking Domain Wizard"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("f1", "help", "Help", priority=True),
    ]

    def __init__(self, env: Environment, *, resume: bool = False) -> None:
        super().__init__()
        self.env = env
        self.resume = resume
        self.facts = Facts(env)
        #: True while a write to a DNS host is under way: quitting then asks first.
        self.writing = False
        self.farewell = ""
        if env.demo is not None:
            self.facts.paste, self.facts.domain = env.demo.sample_paste, env.demo.sample_domain
            self.sub_title = env.demo.badge

    def on_mount(self) -> None:
        self.run_flow(None, self.resume)

    @work(exclusive=True, group="flow", exit_on_error=True)
    async def run_flow(self, goal: Goal | None, resume: bool = False) -> None:
        from wizard.tui.flow import Flow

        flow = Flow(self)
        if resume:
            await flow.resume()
        else:
            await flow.run(goal)

    def start_journey(self, goal: Goal) -> None:
        """From the command palette: leave whatever step is open and begin `goal`."""
        if self.writing:
            self.notify("Wait for the write to finish first.", severity="warning")
            return
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.facts.goal = goal
        self.run_flow(goal)

    def leave(self) -> None:
        """Stop here; say how to come back to this watch, in demo mode too."""
        journal = self.env.journal_path
        command = "tracking-wizard --demo --resume" if self.env.demo else "tracking-wizard --resume"
        #: Printed once the app has closed: where the journal is and how to come back.
        self.farewell = (
            f"Left while watching. The journal is at {journal}.\n"
            f"Resume with: {command}"
            + ("" if self.env.demo else "   (or: tracking-wizard watch --last)")
        )
        self.exit(0, message=self.farewell)

    def action_help(self) -> None:
        from wizard.tui.screens.help import HelpScreen

        screen = self.screen
        if isinstance(screen, HelpScreen):
            return
        step = getattr(screen, "step_title", "") or "Tracking Domain Wizard"
        self.push_screen(HelpScreen(step, getattr(screen, "HELP", "")))

    async def action_quit(self) -> None:
        if not self.writing:
            self.exit(0)
            return
        from wizard.tui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.exit(0, message="Quit during a write: `tracking-wizard revert` undoes it.")

        self.push_screen(
            ConfirmScreen(
                "A write to your DNS host is under way. Quit anyway?",
                [
                    "what was already sent stays at the host",
                    "the journal has it: `tracking-wizard revert` undoes it",
                ],
                confirm="Quit anyway",
            ),
            answered,
        )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The wizard's own commands first, then the theme picker."""
        for goal, name in GOAL_NAMES.items():
            yield SystemCommand(
                name, f"Start the {name.lower()} journey", lambda g=goal: self.start_journey(g)
            )
        yield SystemCommand("Journal", "Every change the wizard made", self.show_journal)
        yield SystemCommand("Help", "What this step is for, and the keys", self.action_help)
        for command in super().get_system_commands(screen):
            if "theme" in command.title.lower():
                yield command

    def show_journal(self) -> None:
        from wizard.tui.screens.journal import JournalScreen

        self.push_screen(JournalScreen(self.env.journal_path))


def build_app(env: Environment, *, resume: bool = False) -> WizardApp:
    return WizardApp(env, resume=resume)


def run_app(demo: bool, *, resume: bool = False) -> int:
    """Open the wizard; in demo mode on the embedded DNS server with no account."""
    if demo:
        from wizard.demo import demo_environment

        with demo_environment() as env:
            return build_app(env, resume=resume).run() or 0
    return build_app(Environment.from_environment(), resume=resume).run() or 0
