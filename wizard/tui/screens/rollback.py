"""Roll back, step 1: pick a past setup from the journal and see what undoing it takes now."""

from __future__ import annotations

from datetime import UTC, datetime

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Static

from providers.base import Provider
from wizard.app import reverting
from wizard.journal import AppliedSetup, Journal
from wizard.model.errors import WizardError
from wizard.rollback import RevertPlan, revertible
from wizard.tui.journey import RevertChoice
from wizard.tui.safe import escape, literal
from wizard.tui.screens.base import StepScreen


def when(stamp: str) -> str:
    """The journal's ISO time as a person reads it: 2026-11-20 09:30 UTC."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return f"{moment.astimezone(UTC):%Y-%m-%d %H:%M} UTC"


STATUS_WORDS = {
    "done": "written",
    "incomplete": "maybe written",
    "failed": "failed",
    "reverted": "rolled back",
}


class RollbackScreen(StepScreen[RevertChoice]):
    STEP = "Roll back"
    HELP = (
        "Every setup the wizard made is in its journal. Pick one: the wizard reads your DNS "
        "host now and shows what undoing it takes (delete what it created, restore what it "
        "replaced, leave alone anything changed since). Nothing is written until you confirm."
    )

    def body(self) -> ComposeResult:
        with Vertical(id="rollback-body"):
            yield Static(f"Journal: {escape(str(self.env.journal_path))}", classes="muted")
            yield DataTable(id="setups", cursor_type="row", zebra_stripes=True)
            yield Static("", id="inverse")
            with Horizontal(id="rollback-actions"):
                yield Button("Show what undoing takes", id="review", variant="primary")
                yield Button("Undo it…", id="confirm", variant="error", disabled=True)

    def on_mount(self) -> None:
        journal = Journal(self.env.journal_path)
        self.setups = revertible(journal)
        self.revert_plan: RevertPlan | None = None
        self.provider: Provider | None = None
        table = self.query_one("#setups", DataTable)
        table.add_columns("When", "Zone", "DNS host", "Changes", "State")
        shown = self.setups or [a for a in reversed(journal.applies()) if a.setup.reverts is None]
        for applied in shown:
            table.add_row(
                when(applied.setup.time),
                literal(applied.setup.zone),
                literal(applied.setup.provider_id),
                str(len(applied.changes)),
                STATUS_WORDS.get(applied.status, applied.status),
                key=applied.apply_id,
            )
        if not self.setups:
            self.say(
                "Nothing left to roll back: every setup in the journal is already undone"
                + (" (listed above)." if shown else ", or the journal is empty.")
            )
            self.query_one("#review", Button).disabled = True
        table.focus()

    def _selected(self) -> AppliedSetup:
        return self.setups[self.query_one("#setups", DataTable).cursor_row]

    @on(Button.Pressed, "#review")
    def review(self) -> None:
        self.say("Reading your DNS host…")
        self.inverse(self._selected())

    @work(thread=True, exit_on_error=False, group="rollback", exclusive=True)
    def inverse(self, applied: AppliedSetup) -> None:
        try:
            provider = self.env.provider_factory(applied.setup.provider_id, applied.setup.settings)
            _, rplan = reverting.review(applied, provider)
        except WizardError as err:
            self.app.call_from_thread(self.say, f"[red]{escape(f'{err.title}: {err}')}[/]")
            return
        self.provider = provider
        self.app.call_from_thread(self.show_inverse, rplan)

    def say(self, text: str) -> None:
        self.query_one("#inverse", Static).update(text)

    def worker_failed(self, message: str) -> None:
        self.say(f"[red]{escape(message)}[/]")

    def show_inverse(self, rplan: RevertPlan) -> None:
        self.revert_plan = rplan
        lines = [f"• {escape(str(change))}" for change in rplan.changes] or [
            "Nothing left to undo: the zone already looks as it did before."
        ]
        lines += [f"[dim]skip:[/] {escape(line)}" for line in rplan.skipped]
        lines += [f"[yellow]left alone:[/] {escape(str(c))}" for c in rplan.conflicts]
        self.say("\n".join(lines))
        button = self.query_one("#confirm", Button)
        button.disabled = not rplan.changes
        if rplan.changes:
            button.focus()

    @on(Button.Pressed, "#confirm")
    def confirm(self) -> None:
        assert self.revert_plan is not None and self.provider is not None
        self.dismiss(RevertChoice(self.provider, self.revert_plan))
