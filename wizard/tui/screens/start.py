"""Step 1: what the person wants to do, and for which vendor."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, RadioButton, RadioSet, Static

from wizard.tui.journey import Goal, StartChoice
from wizard.tui.screens.base import StepScreen
from wizard.tui.widgets import ChoiceSet, next_button
from wizard.vendors import all_profiles

GOALS: list[tuple[Goal, str]] = [
    ("setup", "Set up email/tracking domain"),
    ("check", "Check an existing setup"),
    ("rollback", "Roll back to vendor's default"),
]


class StartScreen(StepScreen[StartChoice]):
    STEP = "Start"
    HELP = (
        "Pick what you want to do and which vendor sent you DNS records. The vendor sets the "
        "wording and checks later on: Customer.io wants a CNAME to its tracking host, Pendo "
        "sends DKIM CNAMEs and needs HTTPS through a CDN for tracked links. Enter on a choice "
        "moves on; space only picks it."
    )

    def __init__(self, goal: Goal, profile_id: str) -> None:
        super().__init__()
        self.goal = goal
        self.profile_id = profile_id

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
                    with ChoiceSet(id="goal"):
                        for goal, label in GOALS:
                            yield RadioButton(label, value=goal == self.goal)
                with Vertical(classes="choice"):
                    yield Label("Which vendor?", classes="legend")
                    with ChoiceSet(id="vendor"):
                        for profile in all_profiles():
                            yield RadioButton(profile.label, value=profile.id == self.profile_id)
            yield next_button()

    def on_mount(self) -> None:
        self.query_one("#goal", ChoiceSet).focus()

    @on(RadioSet.Changed, "#vendor")
    def vendor_changed(self, event: RadioSet.Changed) -> None:
        self.profile_id = all_profiles()[event.index].id

    @on(RadioSet.Changed, "#goal")
    def goal_changed(self, event: RadioSet.Changed) -> None:
        self.goal = GOALS[event.index][0]

    @on(ChoiceSet.Chosen)
    def chosen(self, event: ChoiceSet.Chosen) -> None:
        if event.choice_set.id == "goal":
            self.goal = GOALS[event.index][0]
        else:
            self.profile_id = all_profiles()[event.index].id
        self.next_step()

    @on(Button.Pressed, "#continue")
    def next_step(self) -> None:
        self.dismiss(StartChoice(self.goal, self.profile_id))

    def action_back(self) -> None:
        """The first step has nothing before it."""
