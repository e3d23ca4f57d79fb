"""A yes/no question before anything that deletes or replaces live records; Cancel first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from wizard.tui.safe import escape


class ConfirmScreen(ModalScreen[bool]):
    """Names what goes; dismisses True only on the explicit confirm button."""

    DEFAULT_CSS = """
    ConfirmScreen {
        align: center middle;
        #confirm-box {
            width: 76;
            max-width: 100%;
            height: auto;
            max-height: 100%;
            padding: 1 2;
            border: thick $error;
            background: $surface;
        }
        #confirm-first { padding: 0 0 1 0; }
        #confirm-body { height: auto; }
        #confirm-actions { height: auto; margin-top: 1; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self, question: str, lines: Sequence[str] = (), *, confirm: str, first: str | None = None
    ) -> None:
        """`first` is a step to take elsewhere before confirming (the vendor's, before its
        records go), shown above what goes."""
        super().__init__()
        self.question = question
        self.lines = list(lines)
        self.confirm_label = confirm
        self.first = first

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            # What to read scrolls when it is taller than the screen; the buttons never shrink.
            with VerticalScroll(id="confirm-body"):
                if self.first:
                    yield Static(self.first, id="confirm-first")
                yield Static(f"[b]{escape(self.question)}[/b]", id="confirm-question")
                if self.lines:
                    yield Static(
                        "\n".join(f"• {escape(line)}" for line in self.lines), id="confirm-lines"
                    )
            with Horizontal(id="confirm-actions"):
                yield Button("Cancel", id="cancel", variant="primary")
                yield Button(self.confirm_label, id="confirm-yes", variant="error")

    def on_mount(self) -> None:
        self.fit_body()
        self.query_one("#cancel", Button).focus()

    def on_resize(self) -> None:
        self.fit_body()

    def fit_body(self) -> None:
        """The text takes what the border, padding, gap and buttons leave of the screen height."""
        self.query_one("#confirm-body").styles.max_height = max(3, self.app.size.height - 11)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#confirm-yes")
    def yes(self) -> None:
        self.dismiss(True)
