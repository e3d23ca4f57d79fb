"""Watching records on every server, live: after a setup, for a check, or after a roll back."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.events import Resize
from textual.widgets import Button, DataTable, Static

from wizard.app.presentation import (
    MEANINGS,
    REMOVAL_MEANINGS,
    VIA_HTTPS,
    cell,
    column_label,
    format_duration,
    not_as_expected,
    record_summary,
    removal_summary,
    row_label,
    row_lines,
    server_name,
    summary,
    via_https,
)
from wizard.app.watching import WatchSession, expectations_for_records, open_watch
from wizard.model.errors import WizardError
from wizard.model.records import Finding, Record
from wizard.model.words import counted
from wizard.tui.safe import escape, literal
from wizard.tui.screens.base import StepScreen
from wizard.tui.widgets import next_button
from wizard.watch import Expectation, PairResult, ServerSpec, Sweep

#: What the watch is for: records just written, records that should already be there, or
#: records just removed by a roll back.
WatchMode = Literal["setup", "check", "removal"]
TITLES: dict[WatchMode, str] = {
    "setup": "Going live",
    "check": "Checking your records",
    "removal": "Watching them go",
}


def markup(result: PairResult) -> str:
    """The table cell: the mark in its colour, then the ETA of a pending answer."""
    shown = cell(result, compact=True)
    text = f"[{shown.style}]{shown.label}[/]"
    return text + (f" {shown.eta}" if shown.eta else "")


@dataclass(frozen=True)
class WatchEnd:
    """How watching ended: everything as expected, or not; or the person left to resume later."""

    all_good: bool
    left: bool = False
    summary: str = ""
    #: Each record not as expected everywhere, named, with what the servers said.
    not_as_expected: tuple[str, ...] = ()


class PropagationScreen(StepScreen[WatchEnd]):
    DEFAULT_CSS = """
    PropagationScreen {
        #watch-body { padding: 0 1; height: 1fr; }
        #watch-table { height: auto; max-height: 14; }
        #watch-actions { height: auto; padding: 0 1; }
        #watch-actions Button { width: auto; min-width: 16; }
    }
    """
    STEP = "Going live"
    BINDINGS: ClassVar[list[BindingType]] = [
        *StepScreen.BINDINGS,
        Binding("d", "toggle_detail", "Each server"),
    ]
    HELP = (
        "Each row is a record, each column a server. The zone's own (authoritative) servers "
        "get the record first; public resolvers are asked only once all of those have it, "
        "because asking too early makes them remember 'does not exist' for a while. ⏳ shows "
        "how long a resolver keeps its old answer. 'Leave, resume later' closes the wizard and "
        "says how to come back to this watch."
    )

    def __init__(
        self, expectations: Sequence[Expectation], zone_name: str, mode: WatchMode = "setup"
    ) -> None:
        super().__init__()
        self.expectations = list(expectations)
        self.zone_name = zone_name
        self.mode = mode
        self.removal = mode == "removal"
        self.started = time.monotonic()
        self.watching: WatchSession | None = None
        self.columns: list[ServerSpec] = []
        self.final: Sweep | None = None
        #: Per-server columns even when they do not fit (the d key).
        self.detail = False

    @classmethod
    def for_records(
        cls, records: Sequence[Record], zone_name: str, mode: WatchMode = "setup"
    ) -> PropagationScreen:
        return cls(expectations_for_records(records), zone_name, mode)

    @property
    def step_title(self) -> str:
        return TITLES[self.mode]

    def body(self) -> ComposeResult:
        with VerticalScroll(id="watch-body"):
            yield Static("Finding the zone's servers…", id="watch-status")
            yield DataTable(id="watch-table", cursor_type="none", zebra_stripes=True)
            meanings = REMOVAL_MEANINGS if self.removal else MEANINGS
            yield Static(meanings, id="watch-meanings", classes="muted")
            yield Static("", id="watch-guard", classes="muted")
            yield Static("", id="watch-wrong")
            yield Static("", id="watch-findings")
        with Horizontal(id="watch-actions"):
            yield Button("Leave, resume later", id="leave")
            yield next_button(disabled=True)

    def on_mount(self) -> None:
        self.watch_records()
        self.ticker = self.set_interval(1.0, self.tick)

    def tick(self) -> None:
        if self.watching is not None and self.watching.last is not None:
            self.update_status(self.watching.last)

    @work(exclusive=True, exit_on_error=False, group="watch")
    async def watch_records(self) -> None:
        env = self.env
        try:
            self.watching = await open_watch(
                self.expectations,
                zone=self.zone_name or None,
                authoritative=env.authoritative or None,
                resolvers=env.resolvers,
                doh=env.doh,
            )
        except WizardError as err:
            self.query_one("#watch-status", Static).update(f"[red]{escape(str(err))}[/]")
            return
        self.show_servers(list(self.watching.authoritative), list(self.watching.resolvers))
        # Why resolvers wait is about records appearing: it has nothing to say about removal.
        if self.watching.guard_note and not self.removal:
            self.query_one("#watch-guard", Static).update(self.watching.guard_note)
        final = await self.watching.watch(on_sweep=self.show_sweep)
        self.final = final
        self.ticker.stop()  # the clock stops with the watching
        self.update_status(final)
        if final.all_good:
            button = self.query_one("#continue", Button)
            button.label = "See the verdict" if self.mode == "check" else "Continue"
            button.refresh(layout=True)  # the width follows the label
            button.focus()

    def show_servers(self, authoritative: list[ServerSpec], resolvers: list[ServerSpec]) -> None:
        """One row per record; a column per server when they fit, else a summary per record."""
        self.columns = [*authoritative, *resolvers]
        self.draw()

    def _server_width(self) -> int:
        return sum(
            max(10, *(len(line) for line in column_label(spec).split("\n"))) + 2
            for spec in self.columns
        )

    def collapsed(self) -> bool:
        """Too many servers for the width (the real world: each NS address plus resolvers)."""
        return not self.detail and self._server_width() + 22 > self.app.size.width - 4

    def draw(self) -> None:
        """(Re)build the table for the current width from the last sweep: resizes follow."""
        table = self.query_one("#watch-table", DataTable)
        table.clear(columns=True)
        longest = max((len(row_label(e)) for e in self.expectations), default=10)
        if self.collapsed():
            record = max(20, min(longest, (self.app.size.width - 8) // 3))
            table.header_height = 1
            table.add_column("Record", key="record", width=record)
            table.add_column(
                f"On {counted(len(self.columns), 'server')} (d: each server)",
                key="all",
                width=max(30, self.app.size.width - record - 10),
            )
        else:
            # The record column gives way (wrapping) so that more server columns fit.
            room = self.app.size.width - 8 - self._server_width()
            record = max(20, min(longest, room))
            table.add_column("Record", key="record", width=record)
            via = self.via(self.final)
            table.header_height = 3 if via else 2
            for index, spec in enumerate(self.columns):
                table.add_column(literal(column_label(spec, spec in via)), key=str(index))
        cells = 1 if self.collapsed() else len(self.columns)
        for index, expectation in enumerate(self.expectations):
            table.add_row(
                literal(row_lines(expectation, record)),
                *(["[dim]…[/]"] * cells),
                key=str(index),
                height=None,
            )
        if self.final is not None:
            self.fill(self.final)

    def fill(self, sweep: Sweep) -> None:
        table = self.query_one("#watch-table", DataTable)
        row_of = {e: str(i) for i, e in enumerate(self.expectations)}
        if self.collapsed():
            for expectation, row in row_of.items():
                text = record_summary(sweep.for_expectation(expectation))
                table.update_cell(row, "all", literal(text))
            return
        column_of = {spec: str(i) for i, spec in enumerate(self.columns)}
        for result in sweep.results:
            at_row, column = row_of.get(result.expectation), column_of.get(result.server)
            if at_row is not None and column is not None:
                table.update_cell(at_row, column, markup(result))

    def action_toggle_detail(self) -> None:
        self.detail = not self.detail
        self.draw()

    def on_resize(self, event: Resize) -> None:
        if self.columns and self.query("#watch-table"):
            self.draw()

    def via(self, sweep: Sweep | None) -> list[ServerSpec]:
        """The servers that answered over DNS-over-HTTPS in `sweep` (their column says so)."""
        return [spec for spec in self.columns if sweep is not None and via_https(sweep, spec)]

    def show_sweep(self, sweep: Sweep) -> None:
        # A resolver whose port 53 went unanswered is asked over HTTPS: its column says so.
        redraw = self.via(sweep) != self.via(self.final)
        self.final = sweep
        if redraw:
            self.draw()
        self.fill(sweep)
        self.update_status(sweep)
        self.show_wrong(sweep)
        button = self.query_one("#continue", Button)
        if button.disabled:  # a check ends on a verdict, whatever the servers say
            button.disabled = False
            button.label = "See the verdict" if self.mode == "check" else "Continue anyway"
            button.refresh(layout=True)  # the width follows the label
        if not self.removal:
            self.run_diagnosis(sweep)

    def show_wrong(self, sweep: Sweep) -> None:
        """What is there instead, for each record some server answers differently."""
        lines: dict[Expectation, str] = {}
        for result in sweep.results:
            if result.status == "wrong" and result.expectation not in lines:
                record = result.expectation.record
                lines[result.expectation] = (
                    f"[red]≠[/] {escape(f'{record.type} {record.name}')} on "
                    f"{escape(result.server.label)}: {escape(result.detail)}"
                )
        self.query_one("#watch-wrong", Static).update("\n".join(lines.values()))

    def status_sentence(self, sweep: Sweep) -> str:
        sentence = removal_summary(sweep) if self.removal else summary(sweep)
        via = self.via(sweep)
        if not via:
            return sentence
        return f"{sentence} ({', '.join(map(server_name, via))}: answered {VIA_HTTPS})"

    def update_status(self, sweep: Sweep) -> None:
        elapsed = format_duration(time.monotonic() - self.started)
        self.query_one("#watch-status", Static).update(
            f"{escape(self.status_sentence(sweep))}  ·  watching for {elapsed}"
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

    def _end(self, *, left: bool) -> WatchEnd:
        if self.watching is not None:
            self.watching.stop()
        if self.final is None:
            return WatchEnd(all_good=False, left=left, summary="Not checked yet.")
        sentence = self.status_sentence(self.final)
        return WatchEnd(
            all_good=self.final.all_good,
            left=left,
            summary=sentence,
            not_as_expected=tuple(not_as_expected(self.final)),
        )

    @on(Button.Pressed, "#leave")
    def leave(self) -> None:
        self.dismiss(self._end(left=True))

    @on(Button.Pressed, "#continue")
    def next_step(self) -> None:
        self.dismiss(self._end(left=False))
