"""Step 1: what the user wants to do, and for which vendor."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, RadioButton, RadioSet, Static

from wizard.tui.screens.base import StepScreen
from wizard.tui.session import Goal
from wizard.vendors import all_profiles, load_profile

GOALS: list[tuple[Goal, str]] = [
    ("setup", "Set up email/tracking domain"),
    ("check", "Check an existing setup"),
    ("rollback", "Roll back to vendor's default"),
]


class StartScreen(StepScreen):
    STEP = "Start"
    HELP = (
        "Pick what you want to do and which vendor sent you DNS records. The vendor sets the "
        "wording and checks later on: Customer.io wants a CNAME to its tracking host, Pendo "
        "sends DKIM CNAMEs and needs HTTPS through a CDN for tracked links."
    )

    def body(self) -> ComposeResult:
        with VerticalScroll(id="start-body"):
            yield Static(
                "Your vendor gave you some DNS records. This wizard puts them at your DNS host "
                "exactly as given, watches them go live, and can undo it all.",
                classes="intro",
            )
            with Horizontal(id="start-choices"):
                # The legends sit outside the RadioSets: a RadioSet counts every child as a
                # button, so a Label inside it would shift each choice's index by one.
                with Vertical(classes="choice"):
                    yield Label("What do you want to do?", classes="legend")
                    with RadioSet(id="goal"):
                        for goal, label in GOALS:
                            yield RadioButton(label, value=goal == self.session.goal)
                with Vertical(classes="choice"):
                    yield Label("Which vendor?", classes="legend")
                    with RadioSet(id="vendor"):
                        for profile in all_profiles():
                            yield RadioButton(
                                profile.label, value=profile.id == self.session.profile.id
                            )
            yield Button("Continue", id="continue", variant="primary")

    @on(RadioSet.Changed, "#vendor")
    def vendor_changed(self, event: RadioSet.Changed) -> None:
        self.session.profile = all_profiles()[event.index]

    @on(RadioSet.Changed, "#goal")
    def goal_changed(self, event: RadioSet.Changed) -> None:
        self.session.goal = GOALS[event.index][0]

    @on(Button.Pressed, "#continue")
    def next_step(self) -> None:
        if self.session.goal == "rollback":
            from wizard.tui.screens.rollback import RollbackScreen

            self.app.push_screen(RollbackScreen())
        else:
            from wizard.tui.screens.paste import PasteScreen

            self.app.push_screen(PasteScreen())

    def on_mount(self) -> None:
        self.session.profile = load_profile(self.session.profile.id)
