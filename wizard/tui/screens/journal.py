"""The journal, read-only: every setup and roll back the wizard made, newest first."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Static

from wizard.journal import Journal
from wizard.tui.safe import escape, literal
from wizard.tui.screens.rollback import STATUS_WORDS, when


class JournalScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    JournalScreen {
        align: center middle;
        #journal-box {
            width: 100%;
            max-width: 110;
            height: auto;
            max-height: 90%;
            padding: 1 2;
            border: thick $accent;
            background: $surface;
        }
        #journal-table { height: auto; max-height: 16; }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close")]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(id="journal-box"):
            yield Static(f"[b]Journal[/b]  {escape(str(self.path))}")
            yield DataTable(id="journal-table", cursor_type="row", zebra_stripes=True)
            yield Button("Close", id="journal-close", variant="primary")

    def on_mount(self) -> None:
        table = self.query_one("#journal-table", DataTable)
        table.add_columns("When", "What", "Zone", "DNS host", "Changes", "State")
        for applied in reversed(Journal(self.path).applies()):
            what = "roll back" if applied.setup.reverts else "setup"
            table.add_row(
                when(applied.setup.time),
                what,
                literal(applied.setup.zone),
                literal(applied.setup.provider_id),
                str(len(applied.changes)),
                STATUS_WORDS.get(applied.status, applied.status),
            )
        if not table.row_count:
            table.add_row("—", "nothing written yet", "", "", "", "")

    def on_button_pressed(self) -> None:
        self.dismiss()

    def action_close(self) -> None:
        self.dismiss()
