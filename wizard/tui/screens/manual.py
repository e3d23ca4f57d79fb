"""Step 7 (manual path): exactly what to type into the DNS host's panel, with copy keys; or,
rolling back a setup entered by hand, exactly what to delete there."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, DataTable, Static

from providers.hosts import HOSTS, DnsHost
from wizard.app.planning import manual_steps
from wizard.model.records import Record
from wizard.model.words import counted
from wizard.tui.safe import escape, literal
from wizard.tui.screens.base import StepScreen
from wizard.tui.widgets import next_button


class ManualScreen(StepScreen[str]):
    DEFAULT_CSS = """
    ManualScreen {
        #manual-body { padding: 0 1; height: 1fr; }
        #manual-table { height: auto; max-height: 10; }
        #hosts-table { height: auto; }
        #manual-actions { height: auto; padding: 0 1; }
    }
    """
    STEP = "Add the records at your DNS host"
    HELP = (
        "Log in to your DNS host and add each row as shown: the Host field relative to your "
        "domain (most panels add the domain themselves; typing it again gives "
        "`links.example.com.example.com`), the value exactly as shown. Select a row and press "
        "c to copy its value, h to copy its host field. Then watch them go live."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        *StepScreen.BINDINGS,
        Binding("c", "copy_value", "Copy value"),
        Binding("h", "copy_host", "Copy host"),
    ]

    def __init__(
        self,
        records: tuple[Record, ...],
        zone_name: str,
        host: DnsHost | None,
        note: tuple[str, str | None] | None = None,
        *,
        removal: bool = False,
    ) -> None:
        super().__init__()
        #: Rolling back by hand: the rows are to be deleted, not added.
        self.removal = removal
        #: Why the host is written by hand after all, and a link to its DNS page, if known.
        self.note = note
        self.records = records
        self.zone_name = zone_name
        self.host = host

    def body(self) -> ComposeResult:
        with VerticalScroll(id="manual-body"):
            yield Static("", id="manual-intro")
            yield DataTable(id="manual-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="manual-warnings")
            yield Static("[b]Your DNS host's own guide[/b]", classes="legend")
            yield DataTable(id="hosts-table", cursor_type="none", zebra_stripes=True)
        with Horizontal(id="manual-actions"):
            demo = self.env.demo
            if demo is not None and not self.removal:
                yield Button(demo.panel_label(self.zone_name), id="demo-panel")
            if demo is not None and self.removal and demo.panel_remove is not None:
                yield Button("Delete them in the demo panel", id="demo-remove")
            yield next_button(
                "I've deleted them: watch them go" if self.removal else "I've added them: watch"
            )

    @property
    def step_title(self) -> str:
        return "Delete the records at your DNS host" if self.removal else self.STEP

    def _note(self) -> str:
        if self.note is None:
            return ""
        message, url = self.note
        link = f"\nIts DNS page: [b]{escape(url)}[/b]" if url else ""
        return f"\n[yellow]{escape(message)}[/]{link}"

    def on_mount(self) -> None:
        host = self.host
        self.steps = manual_steps(self.records, self.zone_name, host)
        where = host.name if host else "your DNS host"
        if self.removal:
            intro = (
                f"Log in to {where} and delete {counted(len(self.steps), 'record')} in the "
                f"zone [b]{escape(self.zone_name)}[/b]: the ones entered by hand in the setup, "
                "each with exactly this value. Leave every other record alone."
            )
        else:
            intro = (
                f"Log in to {where} and add {counted(len(self.steps), 'record')} in the zone "
                f"[b]{escape(self.zone_name)}[/b]. Copy each value exactly."
            )
        self.query_one("#manual-intro", Static).update(intro + self._note())
        table = self.query_one("#manual-table", DataTable)
        # Panels ask for an MX's priority in a field of its own: a column of its own here.
        prioritised = any(step.priority is not None for step in self.steps)
        columns = (
            ("Type", "Host", "Priority", "Value", "TTL")
            if prioritised
            else ("Type", "Host", "Value", "TTL")
        )
        for column in columns:
            table.add_column(column, key=column.lower())
        for index, step in enumerate(self.steps):
            priority = (
                () if not prioritised else ("" if step.priority is None else str(step.priority),)
            )
            table.add_row(
                step.type,
                literal(step.host_field),
                *priority,
                literal(step.value),
                "default" if step.ttl is None else str(step.ttl),
                key=str(index),
            )
        warnings = sorted({s.warning for s in self.steps if s.warning})
        self.query_one("#manual-warnings", Static).update(
            "\n".join(f"[yellow]![/] {escape(w)}" for w in warnings)
        )
        hosts = self.query_one("#hosts-table", DataTable)
        hosts.add_columns("DNS host", "Look for this guide")
        for known in HOSTS:
            if known.docs_title:
                hosts.add_row(known.name, known.docs_title)
        table.focus()

    def _selected(self) -> int:
        return self.query_one("#manual-table", DataTable).cursor_row

    def action_copy_value(self) -> None:
        step = self.steps[self._selected()]
        self.app.copy_to_clipboard(step.value)
        priority = (
            ""
            if step.priority is None
            else f" Its priority, {step.priority}, goes in the panel's Priority field."
        )
        self.notify(f"Copied the value for {escape(step.host_field)}.{priority}")

    def action_copy_host(self) -> None:
        step = self.steps[self._selected()]
        self.app.copy_to_clipboard(step.host_field)
        self.notify(f"Copied the host field {escape(step.host_field)}.")

    @on(Button.Pressed, "#demo-panel")
    def type_in_demo_panel(self) -> None:
        self.query_one("#demo-panel", Button).disabled = True
        self.demo_typing()

    @work(thread=True, exit_on_error=False, group="demo-panel", exclusive=True)
    def demo_typing(self) -> None:
        panel = self.env.demo.panel if self.env.demo else None
        assert panel is not None
        typed = panel(self.zone_name, self.records)
        self.app.call_from_thread(self.typed, typed)

    def typed(self, lines: list[str]) -> None:
        """Say what the panel did; the button then offers what comes next (a fix, say)."""
        self.notify(escape("\n".join(lines)), title="Demo DNS panel")
        if self.env.demo is not None:
            button = self.query_one("#demo-panel", Button)
            button.label = self.env.demo.panel_label(self.zone_name)
            button.disabled = False

    @on(Button.Pressed, "#demo-remove")
    def delete_in_demo_panel(self) -> None:
        self.query_one("#demo-remove", Button).disabled = True
        self.demo_deleting()

    @work(thread=True, exit_on_error=False, group="demo-panel", exclusive=True)
    def demo_deleting(self) -> None:
        remove = self.env.demo.panel_remove if self.env.demo else None
        assert remove is not None
        said = remove(self.zone_name, self.records)
        self.app.call_from_thread(self.notify, escape("\n".join(said)), title="Demo DNS panel")

    @on(Button.Pressed, "#continue")
    def next_step(self) -> None:
        self.dismiss("watch")
