"""Small widgets the steps share."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Button, RadioSet, Static


def next_button(label: str = "Continue", *, disabled: bool = False) -> Button:
    """The step's way on: the primary button the flow and the tests press as #continue."""
    return Button(label, id="continue", variant="primary", disabled=disabled)


class TitleBar(Static):
    """The app's title and mode on one line at the top of every step.

    Textual's Header watches the app's title from a callback that fails when a step is
    dismissed in the same moment it mounts, which the flow's quick steps do.
    """

    def on_mount(self) -> None:
        app = self.app
        self.update(Text(f"{app.title} — {app.sub_title}" if app.sub_title else app.title))


class ChoiceSet(RadioSet):
    """A RadioSet where Enter picks the highlighted choice and moves on (space only picks)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,right", "next_button", "Next option", show=False),
        Binding("up,left", "previous_button", "Previous option", show=False),
        Binding("space", "toggle_button", "Pick", show=False),
        Binding("enter", "choose", "Pick and continue", show=False),
    ]

    class Chosen(Message):
        """Enter on a choice: pick it and go on to the next step."""

        def __init__(self, choice_set: ChoiceSet, index: int) -> None:
            super().__init__()
            self.choice_set = choice_set
            self.index = index

    def action_choose(self) -> None:
        # The highlighted index, read now: RadioSet.Changed arrives only after this message.
        index = self._selected
        if index is None:
            return
        self.action_toggle_button()
        self.post_message(self.Chosen(self, index))
