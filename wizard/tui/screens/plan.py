"""Step 5: what will change, record by record. Nothing is written before Apply."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, DataTable, LoadingIndicator, Static

from wizard.app.planning import plan_at
from wizard.model.errors import WizardError
from wizard.plan import Kind, Plan
from wizard.tui.safe import escape, literal
from wizard.tui.screens.base import StepScreen

KIND_LABELS: dict[Kind, str] = {
    "create": "[green]create[/]",
    "present": "[dim]already there[/]",
    "update": "[yellow]update[/]",
    "conflict": "[red]conflict[/]",
}


class PlanScreen(StepScreen):
    STEP = "The plan"
    HELP = (
        "What the wizard will do at your DNS host. 'already there' records are left alone; "
        "values are added beside the ones a name already has (your SPF stays); an 'update' "
        "replaces an existing CNAME and needs your explicit yes; a 'conflict' cannot be done "
        "as asked and says why. Nothing is written until you press Apply."
    )

    def body(self) -> ComposeResult:
        with Vertical(id="plan-body"):
            yield LoadingIndicator(id="plan-loading")
            yield DataTable(id="plan-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="plan-notes")
            with Horizontal(id="plan-actions"):
                yield Checkbox("Yes, replace the existing values marked 'update'", id="confirm")
                yield Button("Apply", id="apply", variant="success", disabled=True)

    def on_mount(self) -> None:
        table = self.query_one("#plan-table", DataTable)
        # Fit the screen and wrap inside the rows: the reason of a conflict must not sit
        # off to the right where nobody scrolls (each column has one cell of padding a side).
        rest = max(48, self.app.size.width - 4 - 13 - 8)
        widths = {"Action": 13, "Record": rest * 9 // 20, "Now there": rest // 5}
        widths["Why"] = rest - widths["Record"] - widths["Now there"]
        for column, width in widths.items():
            table.add_column(column, key=column.lower(), width=width)
        self.query_one("#confirm", Checkbox).display = False
        self.make()

    @work(thread=True, exit_on_error=False, group="plan", exclusive=True)
    def make(self) -> None:
        provider = self.session.provider
        assert provider is not None
        try:
            plan = plan_at(provider, self.session.zone_name, self.session.records)
        except WizardError as err:
            self.app.call_from_thread(self.failed, f"{err.title}: {err}")
            return
        self.app.call_from_thread(self.show, plan)

    def failed(self, message: str) -> None:
        self.query_one("#plan-loading").display = False
        self.query_one("#plan-notes", Static).update(f"[red]{escape(message)}[/]")

    def show(self, plan: Plan) -> None:
        self.session.plan = plan
        self.query_one("#plan-loading").display = False
        table = self.query_one("#plan-table", DataTable)
        table.clear()
        for index, item in enumerate(plan.items):
            now = ", ".join(f"{r.type} {r.value}" for r in item.existing) or "—"
            table.add_row(
                KIND_LABELS[item.kind],
                literal(item.record),
                literal(now),
                literal(item.reason),
                key=str(index),
                height=None,
            )
        notes = [escape(f.message) for f in plan.findings]
        counts = ", ".join(f"{plan.count(k)} {k}" for k in KIND_LABELS if plan.count(k))
        notes.append(f"In all: {counts}.")
        if plan.has_conflicts:
            notes.append("[red]Fix the conflicts first (go back with Esc).[/]")
        self.query_one("#plan-notes", Static).update("\n".join(notes))
        self.query_one("#confirm", Checkbox).display = bool(plan.updates)
        self.refresh_apply()

    @on(Checkbox.Changed, "#confirm")
    def refresh_apply(self) -> None:
        plan = self.session.plan
        ready = plan is not None and not plan.has_conflicts and bool(plan.changes)
        if plan is not None and plan.updates:
            ready = ready and self.query_one("#confirm", Checkbox).value
        self.query_one("#apply", Button).disabled = not ready
        if plan is not None and not plan.changes and not plan.has_conflicts:
            self.query_one("#apply", Button).label = "Nothing to write: watch"
            self.query_one("#apply", Button).disabled = False

    @on(Button.Pressed, "#apply")
    def apply(self) -> None:
        plan = self.session.plan
        if plan is not None and not plan.changes:
            from wizard.tui.screens.propagation import PropagationScreen

            self.app.push_screen(PropagationScreen.for_records(self.session.records))
            return
        from wizard.tui.screens.apply import ApplyScreen

        self.app.push_screen(
            ApplyScreen(confirm_updates=self.query_one("#confirm", Checkbox).value)
        )
