"""Step 8: the records appearing on every server, live, with what went wrong if anything did."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Static

from wizard.app.presentation import (
    cell,
    column_label,
    done_sentence,
    format_duration,
    row_label,
    summary,
)
from wizard.app.watching import WatchSession, expectations_for_records, open_watch
from wizard.model.errors import WizardError
from wizard.model.records import Finding, Record
from wizard.tui.safe import escape, literal
from wizard.tui.screens.base import StepScreen
from wizard.watch import Expectation, PairResult, ServerSpec, Sweep


def markup(result: PairResult) -> str:
    """The table cell: the mark in its colour, then the ETA of a pending answer."""
    shown = cell(result, compact=True)
    text = f"[{shown.style}]{shown.label}[/]"
    return text + (f" {shown.eta}" if shown.eta else "")


class PropagationScreen(StepScreen):
    STEP = "Going live"
    HELP = (
        "Each row is a record, each column a server. The zone's own (authoritative) servers "
        "get the record first; public resolvers are asked only once all of those have it, "
        "because asking too early makes them remember 'does not exist' for a while. ⏳ shows "
        "how long a resolver keeps its old answer. You can leave and resume later with "
        "`tracking-wizard watch --last`."
    )

    def __init__(self, expectations: Sequence[Expectation], *, removal: bool = False) -> None:
        super().__init__()
        self.expectations = list(expectations)
        self.removal = removal
        self.started = time.monotonic()
        self.watching: WatchSession | None = None
        self.columns: list[ServerSpec] = []

    @classmethod
    def for_records(cls, records: Sequence[Record]) -> PropagationScreen:
        return cls(expectations_for_records(records))

    def body(self) -> ComposeResult:
        with Vertical(id="watch-body"):
            yield Static("Finding the zone's servers…", id="watch-status")
            yield DataTable(id="watch-table", cursor_type="none", zebra_stripes=True)
            yield Static("", id="watch-guard", classes="muted")
            yield Static("", id="watch-findings")
            with Horizontal(id="watch-actions"):
                yield Button("Leave, resume later", id="leave")
                yield Button("Continue", id="continue", variant="primary", disabled=True)

    def on_mount(self) -> None:
        self.session.expectations = self.expectations
        self.watch_records()
        self.ticker = self.set_interval(1.0, self.tick)

    def tick(self) -> None:
        if self.watching is not None and self.watching.last is not None:
            self.update_status(self.watching.last)

    @work(exclusive=True, exit_on_error=False, group="watch")
    async def watch_records(self) -> None:
        env = self.session.env
        try:
            self.watching = await open_watch(
                self.expectations,
                zone=self.session.zone_name or None,
                authoritative=env.authoritative or None,
                resolvers=env.resolvers,
            )
        except WizardError as err:
            self.query_one("#watch-status", Static).update(f"[red]{escape(str(err))}[/]")
            return
        self.show_servers(list(self.watching.authoritative), list(self.watching.resolvers))
        if self.watching.guard_note:
            self.query_one("#watch-guard", Static).update(self.watching.guard_note)
        final = await self.watching.watch(on_sweep=self.show_sweep)
        self.ticker.stop()  # the clock stops with the watching
        if final.all_good:
            done = done_sentence(len(self.expectations), removal=self.removal)
            self.notify(done, title="Done", timeout=8)
            button = self.query_one("#continue", Button)
            button.disabled = False
            button.focus()

    def show_servers(self, authoritative: list[ServerSpec], resolvers: list[ServerSpec]) -> None:
        """One column per server, one row per record, every cell waiting for the first sweep."""
        self.columns = [*authoritative, *resolvers]
        table = self.query_one("#watch-table", DataTable)
        # The record column gives way (wrapping) so that more server columns fit the screen.
        longest = max((len(row_label(e)) for e in self.expectations), default=10)
        servers = sum(
            max(10, *(len(line) for line in column_label(spec).split("\n"))) + 2
            for spec in self.columns
        )
        room = self.app.size.width - 8 - servers
        table.add_column("Record", key="record", width=max(20, min(longest, room)))
        table.header_height = 2
        for index, spec in enumerate(self.columns):
            table.add_column(literal(column_label(spec)), key=str(index))
        for index, expectation in enumerate(self.expectations):
            table.add_row(
                literal(row_label(expectation)),
                *(["[dim]…[/]"] * len(self.columns)),
                key=str(index),
                height=None,
            )

    def show_sweep(self, sweep: Sweep) -> None:
        table = self.query_one("#watch-table", DataTable)
        column_of = {spec: str(i) for i, spec in enumerate(self.columns)}
        row_of = {e: str(i) for i, e in enumerate(self.expectations)}
        for result in sweep.results:
            row, column = row_of.get(result.expectation), column_of.get(result.server)
            if row is not None and column is not None:
                table.update_cell(row, column, markup(result))
        self.update_status(sweep)
        if not self.removal:
            self.run_diagnosis(sweep)

    def update_status(self, sweep: Sweep) -> None:
        elapsed = format_duration(time.monotonic() - self.started)
        self.query_one("#watch-status", Static).update(
            f"{summary(sweep)}  ·  sweep {sweep.number}  ·  watching for {elapsed}"
        )

    @work(exclusive=True, exit_on_error=False, group="diagnosis")
    async def run_diagnosis(self, sweep: Sweep) -> None:
        if self.watching is not None:
            self.show_findings(await self.watching.diagnose(sweep))

    def show_findings(self, found: Mapping[Expectation, Sequence[Finding]]) -> None:
        lines = [
            f"[yellow]![/] {escape(finding.message)}"
            for findings in found.values()
            for finding in findings
        ]
        self.query_one("#watch-findings", Static).update("\n".join(lines))

    def on_unmount(self) -> None:
        if self.watching is not None:
            self.watching.stop()

    @on(Button.Pressed, "#leave")
    def leave(self) -> None:
        if self.watching is not None:
            self.watching.stop()
        self.notify("Resume any time with: tracking-wizard watch --last", timeout=8)
        self.next_step()

    @on(Button.Pressed, "#continue")
    def next_step(self) -> None:
        from wizard.tui.screens.done import DoneScreen
        from wizard.tui.screens.readiness import ReadinessScreen, tracking_host

        if not self.removal and tracking_host(self.session) is not None:
            self.app.push_screen(ReadinessScreen())
        else:
            self.app.push_screen(DoneScreen())
