"""Step 8: the records appearing on every server, live, with what went wrong if anything did."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping, Sequence
from typing import Literal

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Static

from wizard.diagnosis import diagnose_sweep
from wizard.model.errors import WizardError
from wizard.model.records import Finding, Record
from wizard.propagation import (
    Expectation,
    PairResult,
    ServerSpec,
    Sweep,
    Watcher,
    discover_authoritative,
    format_duration,
    given_authoritative_specs,
    resolver_specs,
)
from wizard.tui.journey import WatchEnd
from wizard.tui.safe import escape, literal
from wizard.tui.screens.base import StepScreen
from wizard.zones import make_resolver

GLYPHS = {
    "match": "[green]✓[/]",
    "missing": "[red]✗ missing[/]",
    "wrong": "[red]≠ wrong[/]",
    "pending": "[yellow]⏳[/]",
    "error": "[red]! error[/]",
    "waiting": "[dim]… waiting[/]",
}


def cell(result: PairResult) -> str:
    text = GLYPHS[result.status]
    if result.status == "pending" and result.eta is not None:
        text += f" {format_duration(result.eta)}"
    return text


def column_label(spec: ServerSpec) -> str:
    """Who on the first line, the address on the second: "Cloudflare" over "1.1.1.1"."""
    who, _, address = spec.label.rpartition(" ")

    def fit(text: str) -> str:
        return text if len(text) <= 16 else text[:15] + "…"

    return f"{fit(who)}\n{fit(address)}" if who else fit(address)


#: What the watch is for: records just written, records that should already be there, or
#: records just removed by a roll back.
WatchMode = Literal["setup", "check", "removal"]
TITLES: dict[WatchMode, str] = {
    "setup": "Going live",
    "check": "Checking your records",
    "removal": "Watching them go",
}
MEANINGS = (
    "✓ as expected · ✗ missing: the server has no such record · ≠ wrong: the server has a "
    "different value (shown below) · ⏳ an old answer is cached for that long · … not asked yet"
)


def removal_summary(sweep: Sweep) -> str:
    """The status line of a roll back's watch: about records going, not going live."""
    total, good = len(sweep.expectations), sweep.good_count
    noun = "record" if total == 1 else "records"
    if total and good == total:
        return f"All {total} {noun} are gone from every server asked (or back as before)."
    return f"{good} of {total} {noun} are gone from every server asked."


class PropagationScreen(StepScreen[WatchEnd]):
    STEP = "Going live"
    HELP = (
        "Each row is a record, each column a server. The zone's own (authoritative) servers "
        "get the record first; public resolvers are asked only once all of those have it, "
        "because asking too early makes them remember 'does not exist' for a while. ⏳ shows "
        "how long a resolver keeps its old answer. You can leave and resume later with "
        "`tracking-wizard watch --last`."
    )

    def __init__(
        self, expectations: Sequence[Expectation], zone_name: str, mode: WatchMode = "setup"
    ) -> None:
        super().__init__()
        self.expectations = list(expectations)
        self.zone_name = zone_name
        self.mode = mode
        self.removal = mode == "removal"
        self.final: Sweep | None = None
        self.started = time.monotonic()
        self.watcher: Watcher | None = None
        self.columns: list[ServerSpec] = []

    @classmethod
    def for_records(
        cls, records: Sequence[Record], zone_name: str, mode: WatchMode = "setup"
    ) -> PropagationScreen:
        return cls([Expectation(r) for r in records], zone_name, mode)

    @property
    def step_title(self) -> str:
        return TITLES[self.mode]

    def body(self) -> ComposeResult:
        with Vertical(id="watch-body"):
            yield Static("Finding the zone's servers…", id="watch-status")
            yield DataTable(id="watch-table", cursor_type="none", zebra_stripes=True)
            yield Static(MEANINGS, id="watch-meanings", classes="muted")
            yield Static("", id="watch-guard", classes="muted")
            yield Static("", id="watch-wrong")
            yield Static("", id="watch-findings")
            with Horizontal(id="watch-actions"):
                yield Button("Leave, resume later", id="leave")
                yield Button("Continue", id="continue", variant="primary", disabled=True)

    def on_mount(self) -> None:
        self.watch_records()
        self.ticker = self.set_interval(1.0, self.tick)

    def tick(self) -> None:
        if self.watcher is not None and self.watcher.last is not None:
            self.update_status(self.watcher.last)

    async def _servers(self) -> tuple[list[ServerSpec], list[ServerSpec]]:
        env = self.env
        if env.authoritative:
            authoritative = given_authoritative_specs(env.authoritative, self.zone_name)
        else:
            resolver = make_resolver(env.resolvers, timeout=5.0)
            names = [e.record.name for e in self.expectations]
            authoritative, _ = await asyncio.to_thread(discover_authoritative, names, resolver)
        return authoritative, resolver_specs(env.resolvers)

    @work(exclusive=True, exit_on_error=False, group="watch")
    async def watch_records(self) -> None:
        try:
            authoritative, resolvers = await self._servers()
        except WizardError as err:
            self.query_one("#watch-status", Static).update(f"[red]{escape(str(err))}[/]")
            return
        self.show_servers(authoritative, resolvers)
        self.watcher = Watcher(self.expectations, authoritative, resolvers)
        if self.watcher.guard_note:
            self.query_one("#watch-guard", Static).update(self.watcher.guard_note)
        final = await self.watcher.watch(on_sweep=self.show_sweep)
        self.final = final
        self.ticker.stop()  # the clock stops with the watching
        self.update_status(final)
        button = self.query_one("#continue", Button)
        if final.all_good:
            button.label = "Continue"
            button.focus()

    def show_servers(self, authoritative: list[ServerSpec], resolvers: list[ServerSpec]) -> None:
        """One column per server, one row per record, every cell waiting for the first sweep."""
        self.columns = [*authoritative, *resolvers]
        table = self.query_one("#watch-table", DataTable)
        # The record column gives way (wrapping) so that more server columns fit the screen.
        longest = max((len(self._row_label(e)) for e in self.expectations), default=10)
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
                literal(self._row_label(expectation)),
                *(["[dim]…[/]"] * len(self.columns)),
                key=str(index),
                height=None,
            )

    @staticmethod
    def _row_label(expectation: Expectation) -> str:
        record = expectation.record
        return f"{record.type} {record.name}" + ("" if expectation.present else " (gone)")

    def show_sweep(self, sweep: Sweep) -> None:
        table = self.query_one("#watch-table", DataTable)
        column_of = {spec: str(i) for i, spec in enumerate(self.columns)}
        row_of = {e: str(i) for i, e in enumerate(self.expectations)}
        for result in sweep.results:
            row, column = row_of.get(result.expectation), column_of.get(result.server)
            if row is not None and column is not None:
                table.update_cell(row, column, cell(result))
        self.update_status(sweep)
        self.show_wrong(sweep)
        self.final = sweep
        button = self.query_one("#continue", Button)
        if button.disabled:
            button.disabled = False
            button.label = "See the verdict" if self.mode == "check" else "Continue anyway"
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

    def update_status(self, sweep: Sweep) -> None:
        elapsed = format_duration(time.monotonic() - self.started)
        summary = removal_summary(sweep) if self.removal else sweep.summary()
        self.query_one("#watch-status", Static).update(
            f"{escape(summary)}  ·  watching for {elapsed}"
        )

    @work(exclusive=True, exit_on_error=False, group="diagnosis")
    async def run_diagnosis(self, sweep: Sweep) -> None:
        self.show_findings(await diagnose_sweep(sweep, zone=self.zone_name or None))

    def show_findings(self, found: Mapping[Expectation, Sequence[Finding]]) -> None:
        lines = [
            f"[yellow]![/] {escape(finding.message)}"
            for findings in found.values()
            for finding in findings
        ]
        self.query_one("#watch-findings", Static).update("\n".join(lines))

    def on_unmount(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()

    def _end(self, *, left: bool) -> WatchEnd:
        if self.watcher is not None:
            self.watcher.stop()
        final = self.final
        if final is None:
            return WatchEnd(all_good=False, left=left, summary="Not checked yet.")
        summary = removal_summary(final) if self.removal else final.summary()
        return WatchEnd(all_good=final.all_good, left=left, summary=summary)

    @on(Button.Pressed, "#leave")
    def leave(self) -> None:
        self.dismiss(self._end(left=True))

    @on(Button.Pressed, "#continue")
    def next_step(self) -> None:
        self.dismiss(self._end(left=False))
