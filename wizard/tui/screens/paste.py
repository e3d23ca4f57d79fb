"""Step 2: paste the vendor's records, see exactly what the wizard understood, and correct it.

The understood table is corrected in place: a record edited, removed or typed by hand, a line
that gave an error said to be no record. The corrections are laid over every reading of the
paste (`wizard.app.correcting`), and the corrected set is what goes on to the plan. The record
form and the question before a removal are opened by the app: a step imports no other screen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.widgets import Button, DataTable, Input, Label, Static, TextArea

from wizard.app.correcting import (
    Corrections,
    LineKey,
    RecordForm,
    Row,
    Typed,
    correct,
    fields_of,
)
from wizard.app.planning import Pasted, read_records
from wizard.app.presentation import fold_name
from wizard.model.records import Finding, Record
from wizard.model.words import counted, noun
from wizard.paste.fields import TypedFields
from wizard.tui.journey import Goal
from wizard.tui.safe import escape, literal
from wizard.tui.screens.base import StepScreen
from wizard.tui.widgets import next_button

#: How a record the person changed is marked, here and in the plan.
MARKS = {"edited": "edited by you", "added": "added by you"}

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
    #: The corrected set: what goes on to the plan.
    records: tuple[Record, ...]
    findings: tuple[Finding, ...]
    #: The records the person edited or added (marked in the plan and the journal).
    by_hand: tuple[Record, ...] = ()
    #: The corrections, kept so that going back to this step shows them again.
    corrections: Corrections = field(default_factory=Corrections)


def row_cells(row: Row, name_width: int = 0) -> tuple[Text, Text, Text]:
    """Type, "name, then value" (the value whole, wrapped; the name broken at dots to fit),
    TTL; an error line in red."""
    if row.record is not None:
        record = row.record
        value = record.value if record.priority is None else f"{record.priority} {record.value}"
        cell = Text.assemble((fold_name(record.name, name_width), "bold"), "\n", value)
        if row.mark:
            cell.append(f"\n{MARKS[row.mark]}", style="italic magenta")
        ttl = "auto" if record.ttl is None else str(record.ttl)
        return literal(record.type), cell, Text(ttl)
    if row.kind == "error":
        cell = Text.assemble((f"Line {row.line} gave no record:", "bold red"), "\n", row.text)
        return Text("✗", style="bold red"), cell, Text("")
    cell = Text.assemble(
        (f"Line {row.line}: ", "dim"), (row.text, "dim strike"), "\n", ("not a record", "italic")
    )
    return Text("–", style="dim"), cell, Text("")


class UnderstoodTable(DataTable[Text]):
    """What the wizard understood, row by row; the keys correct the row under the cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "screen.edit_row", "Edit"),
        Binding("enter", "screen.edit_row", "Edit", show=False),
        Binding("d,delete", "screen.remove_row", "Remove"),
        Binding("a", "screen.add_record", "Add"),
        Binding("n", "screen.not_a_record", "Not a record"),
    ]


class PasteScreen(StepScreen[PasteResult]):
    DEFAULT_CSS = """
    PasteScreen {
        #paste-body { height: 1fr; }
        #paste-left { width: 2fr; padding: 0 1; }
        #paste-right { width: 3fr; padding: 0 1; }
        #paste-area { height: 1fr; min-height: 5; }
        #preview { height: 1fr; min-height: 5; }
        #findings { height: auto; max-height: 6; overflow-y: auto; }
        #correct-actions { height: 1; }
        #correct-actions Button { margin: 0 1 0 0; }
        #paste-actions { height: auto; }
    }
    """
    STEP = "Paste the records"
    HELP = (
        "Paste the records as the vendor's page shows them: a table, Type/Host/Value lines, "
        "zone-file lines, CSV or JSON. Names like `links` are relative to the domain you type. "
        "The table on the right is what the wizard understood, with each line that gave an "
        "error. Correct it in place (Tab to the table): e or Enter edits the record under the "
        "cursor, d removes it, a adds one by hand, n says an error line is not a record, and e "
        "on an error line types the record it should be. Each edit is checked as a pasted "
        "record is; Esc cancels it. Continue stays off while an error is unsettled. Ctrl+F "
        "fixes a doubled domain."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        *StepScreen.BINDINGS,
        Binding("ctrl+a", "select_all", "Select all", priority=True),
        Binding("ctrl+f", "fix_doubled", "Fix doubled domain", show=False, priority=True),
    ]

    def __init__(
        self, goal: Goal, text: str, domain: str, corrections: Corrections | None = None
    ) -> None:
        super().__init__()
        self.goal = goal
        self.text, self.domain = text, domain
        self.pasted = Pasted((), ())
        self.corrections = corrections or Corrections()
        self.corrected = correct(self.pasted, "", None, Corrections())

    def body(self) -> ComposeResult:
        with Horizontal(id="paste-body"):
            with Vertical(id="paste-left"):
                yield Label("Domain (for names like links):")
                yield Input(self.domain, placeholder="example.com", id="domain")
                yield Label("Paste the records here:")
                yield TextArea(self.text, id="paste-area", soft_wrap=True)
            with Vertical(id="paste-right"):
                yield Label("What the wizard understood:")
                yield UnderstoodTable(id="preview", cursor_type="row", zebra_stripes=True)
                yield Static("", id="findings")
                with Horizontal(id="correct-actions"):
                    yield Button("Edit", id="row-edit", compact=True)
                    yield Button("Remove", id="row-remove", compact=True)
                    yield Button("Add", id="row-add", compact=True)
                    yield Button("Not a record", id="row-not", compact=True)
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
            self.show()

    @on(TextArea.Changed)
    @on(Input.Changed, "#domain")
    def reparse(self) -> None:
        """Parsing is pure and fast, so it runs on every keystroke; the person's corrections
        are laid over each reading."""
        self.text = self.query_one("#paste-area", TextArea).text
        self.domain = self.query_one("#domain", Input).value.strip()
        self.pasted = read_records(self.text, self.domain or None)
        self.recorrect()

    def recorrect(self) -> None:
        """Lay the corrections over the paste again; say so when some no longer apply."""
        self.corrected = correct(self.pasted, self.text, self.domain or None, self.corrections)
        lapsed = self.corrected.lapsed
        if lapsed:
            self.notify(
                f"{lapsed} of your corrections no longer match the paste, so "
                f"{'it was' if lapsed == 1 else 'they were'} dropped.",
                severity="warning",
            )
        self.corrections = self.corrected.corrections
        self.show()

    def show(self) -> None:
        corrected = self.corrected
        table = self.query_one("#preview", DataTable)
        cursor = table.cursor_row
        table.clear()
        for index, row in enumerate(corrected.rows):
            table.add_row(*row_cells(row, self.name_width), key=str(index), height=None)
        if corrected.rows:
            table.move_cursor(row=min(max(cursor, 0), len(corrected.rows) - 1))
        lines = []
        for finding in corrected.findings:
            style = {"error": "red", "warning": "yellow", "info": "blue"}[finding.level]
            lines.append(f"[{style}]{finding.level.upper()}:[/] {escape(finding.message)}")
        if not self.text.strip() and not corrected.records:
            lines = ["Paste the vendor's records on the left."]
        elif corrected.usable:
            lines.append(f"[green]{counted(len(corrected.records), 'record')} ready.[/]")
        self.query_one("#findings", Static).update("\n".join(lines))
        self.query_one("#fix", Button).display = bool(self._doubled_lines())
        for button in ("#row-edit", "#row-remove", "#row-not"):
            self.query_one(button, Button).disabled = not corrected.rows
        self.query_one("#continue", Button).disabled = not corrected.usable

    # -- corrections, to the row under the table's cursor ---------------------------------------

    def current_row(self) -> Row | None:
        rows = self.corrected.rows
        index = self.query_one("#preview", DataTable).cursor_row
        return rows[index] if 0 <= index < len(rows) else None

    def others(self, row: Row | None) -> tuple[Record, ...]:
        """The table's records but `row`'s: a record typed twice is refused."""
        return tuple(r.record for r in self.corrected.rows if r.record is not None and r != row)

    def corrected_by(self, corrections: Corrections, said: str) -> None:
        self.corrections = corrections
        self.recorrect()
        self.notify(escape(said))

    @on(Button.Pressed, "#row-edit")
    def action_edit_row(self) -> None:
        row = self.current_row()
        if row is None:
            self.notify("There is no record to edit: a adds one by hand.")
            return
        if row.record is None:
            self.type_line(row)
            return
        record = row.record
        where = f" (line {row.line})" if row.line is not None else ""
        form = RecordForm(
            f"Edit {record.type} {record.name}{where}",
            fields_of(record),
            self.domain or None,
            row.line,
            self.others(row),
        )

        def answered(typed: Typed | None) -> None:
            if typed is not None:
                self.corrected_by(self.corrections.edit(row, typed), f"Changed: {typed.record}")

        self.wizard.ask_record(form, answered)

    def type_line(self, row: Row) -> None:
        """An error line typed as the record it should be; the record then stands for it."""
        key = row.line_key
        assert key is not None
        form = RecordForm(
            f"Line {row.line} as a record: {key[1].strip()}",
            TypedFields("", "", ""),
            self.domain or None,
            row.line,
            self.others(row),
        )

        def answered(typed: Typed | None) -> None:
            if typed is None:
                return
            corrections = self.corrections
            if key in corrections.not_records:
                corrections = corrections.toggle_not_a_record(key)
            said = f"Line {row.line} is now: {typed.record}"
            self.corrected_by(corrections.add(typed, key), said)

        self.wizard.ask_record(form, answered)

    @on(Button.Pressed, "#row-add")
    def action_add_record(self) -> None:
        form = RecordForm(
            "Add a record by hand",
            TypedFields("", "", ""),
            self.domain or None,
            None,
            self.others(None),
        )

        def answered(typed: Typed | None) -> None:
            if typed is not None:
                self.corrected_by(self.corrections.add(typed), f"Added: {typed.record}")

        self.wizard.ask_record(form, answered)

    @on(Button.Pressed, "#row-remove")
    def action_remove_row(self) -> None:
        row = self.current_row()
        if row is None or row.record is None:
            self.notify(
                "This line gave no record, so there is none to remove: n says it is not a "
                "record, e types the record it should be."
                if row is not None
                else "There is no record to remove."
            )
            return
        record = row.record

        def answered(yes: bool) -> None:
            if yes:
                self.corrected_by(self.corrections.remove(row), f"Removed: {record}")

        self.wizard.ask_yes(
            f"Remove the {record.type} record {record.name}?",
            [str(record)],
            confirm="Remove",
            answered=answered,
        )

    @on(Button.Pressed, "#row-not")
    def action_not_a_record(self) -> None:
        row = self.current_row()
        key: LineKey | None = row.line_key if row is not None else None
        if row is None or key is None:
            self.notify("This row is a record: d removes it.")
            return
        said = "not a record, as you said" if row.kind == "error" else "an error again"
        self.corrected_by(self.corrections.toggle_not_a_record(key), f"Line {row.line}: {said}.")

    # -- the paste itself ---------------------------------------------------------------------

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
            f"Wrote the domain once on {noun(len(lines), 'line')} "
            f"{', '.join(str(n) for n in sorted(lines))}."
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Ctrl+A selects text: off (and out of the footer) while the table has the focus,
        whose correction keys the footer shows instead."""
        if action == "select_all" and isinstance(self.focused, DataTable):
            return False
        return True

    def action_select_all(self) -> None:
        focused = self.focused
        if isinstance(focused, TextArea):
            focused.select_all()
        elif isinstance(focused, Input):
            focused.select_all()

    @on(Button.Pressed, "#continue")
    def next_step(self) -> None:
        corrected = self.corrected
        self.dismiss(
            PasteResult(
                self.text,
                self.domain,
                corrected.records,
                corrected.findings,
                corrected.by_hand,
                corrected.corrections,
            )
        )
