"""`?` on any screen: what this step is for and the keys that work here."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

GENERAL = (
    "Keys: Tab moves between fields, Enter presses a button, Esc goes back a step, "
    "? shows this help, Ctrl+Q quits. The mouse works too."
)


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        #help-box {
            width: 70;
            height: auto;
            padding: 1 2;
            border: thick $accent;
            background: $surface;
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close"),
        Binding("question_mark", "dismiss", "Close"),
    ]

    def __init__(self, step: str, text: str) -> None:
        super().__init__()
        self.step = step
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static(f"[b]{self.step}[/b]", id="help-title")
            yield Static(self.text or "This step explains itself on the screen.")
            yield Static(GENERAL, classes="muted")
            yield Button("Close", id="help-close", variant="primary")

    def on_button_pressed(self) -> None:
        self.dismiss()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss()
