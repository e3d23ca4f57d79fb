"""Step 2: paste the vendor's records and see exactly what the wizard understood."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.widgets import Button, DataTable, Input, Label, Static, TextArea

from wizard.app.planning import Pasted, read_records
from wizard.app.presentation import fold_name
from wizard.model.records import Finding, Record
from wizard.tui.journey import Goal
from wizard.tui.safe import escape, literal
from wizard.tui.screens.base import StepScreen
from wizard.tui.widgets import next_button

#: How much of a value the preview shows; the plan shows every value whole.
PREVIEW_CHARS = 90

#: A name whose last labels repeat, as a panel that appends the domain makes it:
#: `links.example.com.example.com` -> group 1 `links.`, group 2 `example.com`.
DOUBLED = re.compile(r"(?<![\w.-])([\w.-]*?)((?:[\w-]+\.)+[\w-]+)\.\2(?![\w-])")


def undouble(text: str, lines: set[int]) -> str:
    """`text` with each doubled domain on `lines` (1-based) written once."""
    out = text.split("\n")
    for number in lines:
        if 0 < number <= len(out):
            out[number - 1] = DOUBLED.sub(r"\1\2", out[number - 1])
    return "\n".join(out)


@dataclass(frozen=True)
class PasteResult:
    text: str
    domain: str
    records: tuple[Record, ...]
    findings: tuple[Finding, ...]


class PasteScreen(StepScreen[PasteResult]):
    DEFAULT_CSS = """
    PasteScreen {
        #paste-body { height: 1fr; }
        #paste-left { width: 2fr; padding: 0 1; }
        #paste-right { width: 3fr; padding: 0 1; }
        #paste-area { height: 1fr; min-height: 5; }
        #preview { height: auto; max-height: 14; }
        #findings { height: auto; max-height: 8; overflow-y: auto; }
        #paste-actions { height: auto; }
    }
    """
    STEP = "Paste the records"
    HELP = (
        "Paste the records in whatever shape the vendor's page shows them: a table, "
        "Type/Host/Value lines, zone-file lines, CSV or JSON. Names like `links` or "
        "`abc._domainkey` are relative to the domain you type. Anything odd (invisible "
        "characters, a doubled domain, a CNAME at the apex) is listed with its line number; "
        "Continue stays off while there are errors. Ctrl+A selects all the pasted text; "
        "Ctrl+F fixes a doubled domain."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        *StepScreen.BINDINGS,
        Binding("ctrl+a", "select_all", "Select all", priority=True),
        Binding("ctrl+f", "fix_doubled", "Fix doubled domain", show=False, priority=True),
    ]

    def __init__(self, goal: Goal, text: str, domain: str) -> None:
        super().__init__()
        self.goal = goal
        self.text, self.domain = text, domain
        self.pasted = Pasted((), ())

    def body(self) -> ComposeResult:
        with Horizontal(id="paste-body"):
            with Vertical(id="paste-left"):
                yield Label("Domain (for names like links):")
                yield Input(self.domain, placeholder="example.com", id="domain")
                yield Label("Paste the records here:")
                yield TextArea(self.text, id="paste-area", soft_wrap=True)
            with Vertical(id="paste-right"):
                yield Label("What the wizard understood:")
                yield DataTable(id="preview", cursor_type="row", zebra_stripes=True)
                yield Static("", id="findings")
                with Horizontal(id="paste-actions"):
                    yield Button("Fix doubled domain", id="fix")
                    yield next_button(disabled=True)

    def on_mount(self) -> None:
        self.query_one("#fix", Button).display = False
        self.add_columns()
        self.reparse()
        self.query_one("#paste-area", TextArea).focus()

    def add_columns(self) -> None:
        table = self.query_one("#preview", DataTable)
        table.clear(columns=True)
        # Name (bold) over value in one wrapped column: the value must be visible at 80 columns.
        # The preview pane takes 3/5 of the width, so a DKIM name fits on one line at 80.
        # The TTL column fits "auto" beside the scrollbar; names break at dots (fold_name).
        self.name_width = width = max(16, self.app.size.width * 3 // 5 - 20)
        table.add_column("Type", key="type", width=5)
        table.add_column("Name, then value", key="record", width=width)
        table.add_column("TTL", key="ttl", width=5)

    def on_resize(self, event: Resize) -> None:
        if self.is_mounted and self.query("#preview"):
            self.add_columns()
            self.show(self.pasted)

    @on(TextArea.Changed)
    @on(Input.Changed, "#domain")
    def reparse(self) -> None:
        """Parsing is pure and fast, so it runs on every keystroke."""
        self.text = self.query_one("#paste-area", TextArea).text
        self.domain = self.query_one("#domain", Input).value.strip()
        self.pasted = read_records(self.text, self.domain or None)
        self.show(self.pasted)

    def show(self, pasted: Pasted) -> None:
        table = self.query_one("#preview", DataTable)
        table.clear()
        for index, record in enumerate(pasted.records):
            value = record.value if record.priority is None else f"{record.priority} {record.value}"
            if len(value) > PREVIEW_CHARS:  # a long DKIM key: the plan shows it whole
                value = value[: PREVIEW_CHARS - 1] + "…"
            ttl = "auto" if record.ttl is None else str(record.ttl)
            name = fold_name(record.name, self.name_width)
            cell = Text.assemble((name, "bold"), "\n", value)
            table.add_row(literal(record.type), cell, ttl, key=str(index), height=None)
        lines = []
        for finding in pasted.findings:
            style = {"error": "red", "warning": "yellow", "info": "blue"}[finding.level]
            lines.append(f"[{style}]{finding.level.upper()}:[/] {escape(finding.message)}")
        if not self.text.strip():
            lines = ["Paste the vendor's records on the left."]
        elif pasted.usable:
            count = len(pasted.records)
            lines.append(f"[green]{count} record{'' if count == 1 else 's'} ready.[/]")
        self.query_one("#findings", Static).update("\n".join(lines))
        self.query_one("#fix", Button).display = bool(self._doubled_lines())
        self.query_one("#continue", Button).disabled = not pasted.usable

    def _doubled_lines(self) -> set[int]:
        return {
            f.line
            for f in self.pasted.findings
            if f.code == "doubled-domain" and f.line is not None
        }

    @on(Button.Pressed, "#fix")
    def action_fix_doubled(self) -> None:
        lines = self._doubled_lines()
        if not lines:
            self.notify("There is no doubled domain to fix.")
            return
        area = self.query_one("#paste-area", TextArea)
        area.text = undouble(area.text, lines)
        self.notify(
            f"Wrote the domain once on line{'s' if len(lines) > 1 else ''} "
            f"{', '.join(str(n) for n in sorted(lines))}."
        )

    def action_select_all(self) -> None:
        focused = self.focused
        if isinstance(focused, TextArea):
            focused.select_all()
        elif isinstance(focused, Input):
            focused.select_all()

    @on(Button.Pressed, "#continue")
    def next_step(self) -> None:
        pasted = self.pasted
        self.dismiss(PasteResult(self.text, self.domain, pasted.records, pasted.findings))
