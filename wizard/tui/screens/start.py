"""Step 1: what the person wants to do, and for which vendor."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from wizard.tui.journey import Goal
from wizard.tui.screens.base import StepScreen
from wizard.tui.widgets import ChoiceList, next_button
from wizard.vendors import all_profiles

GOALS: list[tuple[Goal, str]] = [
    ("setup", "Set up email/tracking domain"),
    ("check", "Check an existing setup"),
    ("rollback", "Roll back to vendor's default"),
]


@dataclass(frozen=True)
class StartChoice:
    goal: Goal
    profile_id: str


class StartScreen(StepScreen[StartChoice]):
    DEFAULT_CSS = """
    StartScreen {
        #start-body { padding: 0 1; }
        #start-choices { height: auto; }
        ChoiceList {
            width: 1fr; height: auto; margin-right: 1;
            border-title-color: $foreground; border-title-style: bold;
        }
    }
    """
    STEP = "Start"
    #: Focused as the screen is first laid out: focusing in on_mount restyles every widget again.
    AUTO_FOCUS = "#goal"
    HELP = (
        "Pick what you want to do and which vendor sent you DNS records. The vendor sets the "
        "wording and checks later on: Customer.io wants a CNAME to its tracking host, Pendo "
        "sends DKIM CNAMEs and needs HTTPS through a CDN for tracked links. The arrows or a click "
        "choose, Tab goes to the other question, and Enter moves on."
    )

    def __init__(self, goal: Goal, profile_id: str) -> None:
        super().__init__()
        self.goal = goal
        self.profile_id = profile_id

    def body(self) -> ComposeResult:
        profiles = all_profiles()
        chosen = next((i for i, p in enumerate(profiles) if p.id == self.profile_id), 0)
        with VerticalScroll(id="start-body"):
            yield Static(
                "Your vendor gave you some DNS records. This wizard puts them at your DNS host "
                "exactly as given, watches them go live, and can undo it all.",
                classes="intro",
            )
            with Horizontal(id="start-choices"):
                yield ChoiceList(
                    [label for _, label in GOALS],
                    [goal for goal, _ in GOALS].index(self.goal),
                    legend="What do you want to do?",
                    widget_id="goal",
                )
                yield ChoiceList(
                    [p.label for p in profiles], chosen, legend="Which vendor?", widget_id="vendor"
                )
            yield next_button()

    def on_mount(self) -> None:
        """The wizard's environment opens behind this screen once it is drawn: choosing takes a
        person longer than the opening does."""
        self.call_after_refresh(self.wizard.open_environment)

    @on(ChoiceList.OptionHighlighted, "#goal")
    def goal_changed(self, event: ChoiceList.OptionHighlighted) -> None:
        self.goal = GOALS[event.option_index][0]

    @on(ChoiceList.OptionHighlighted, "#vendor")
    def vendor_changed(self, event: ChoiceList.OptionHighlighted) -> None:
        self.profile_id = all_profiles()[event.option_index].id

    @on(ChoiceList.Chosen)
    def chosen(self) -> None:
        self.next_step()

    @on(Button.Pressed, "#continue")
    def next_step(self) -> None:
        self.dismiss(StartChoice(self.goal, self.profile_id))

    def action_back(self) -> None:
        """The first step has nothing before it."""
