"""Small widgets the steps share."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Button, OptionList, Static


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


class ChoiceList(OptionList):
    """One question's choices: the highlighted one is the choice, marked ● so it shows when
    the list is not focused. Arrows and clicks choose; Enter chooses and moves on.

    One widget for every choice, where a RadioSet is a widget per choice: the start screen is
    the first frame, and each widget adds to it.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose", "Pick and continue", show=False),
    ]

    class Chosen(Message):
        """Enter on a choice: take it and go on to the next step."""

        def __init__(self, choice_list: ChoiceList, index: int) -> None:
            super().__init__()
            self.choice_list = choice_list
            self.index = index

    def __init__(self, labels: Sequence[str], chosen: int, *, legend: str, widget_id: str) -> None:
        self.labels = list(labels)
        super().__init__(*self._prompts(chosen), id=widget_id)
        self.border_title = legend
        self.highlighted = chosen

    def _prompts(self, chosen: int | None) -> list[str]:
        return [f"{'●' if i == chosen else '○'} {label}" for i, label in enumerate(self.labels)]

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        for index, prompt in enumerate(self._prompts(highlighted)):
            self.replace_option_prompt_at_index(index, prompt)

    def action_choose(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Chosen(self, self.highlighted))
