"""Rollback: pick a past setup from the journal, review its inverse, undo it, watch it go."""

from __future__ import annotations

from datetime import UTC, datetime

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Static

from wizard.journal import AppliedSetup, Journal
from wizard.model.errors import WizardError
from wizard.rollback import RevertPlan, plan_revert, revert_apply, revertible
from wizard.tui.safe import escape, literal
from wizard.tui.screens.base import StepScreen
from wizard.vendors import load_profile
from wizard.watch import Expectation


def when(stamp: str) -> str:
    """The journal's ISO time as a person reads it: 2026-11-20 09:30 UTC."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return f"{moment.astimezone(UTC):%Y-%m-%d %H:%M} UTC"


class RollbackScreen(StepScreen):
    STEP = "Roll back"
    HELP = (
        "Every setup the wizard made is in its journal. Pick one: the wizard reads your DNS "
        "host now and shows what undoing it takes (delete what it created, restore what it "
        "replaced, leave alone anything changed since). Nothing is written until you confirm."
    )

    def body(self) -> ComposeResult:
        with Vertical(id="rollback-body"):
            yield Static(f"Journal: {escape(str(self.session.env.journal_path))}", classes="muted")
            yield DataTable(id="setups", cursor_type="row", zebra_stripes=True)
            yield Static("", id="inverse")
            with Horizontal(id="rollback-actions"):
                yield Button("Show what undoing takes", id="review", variant="primary")
                yield Button("Undo it", id="confirm", variant="error", disabled=True)

    def on_mount(self) -> None:
        self.setups = revertible(Journal(self.session.env.journal_path))
        table = self.query_one("#setups", DataTable)
        table.add_columns("When", "Zone", "DNS host", "Changes")
        for applied in self.setups:
            table.add_row(
                when(applied.setup.time),
                literal(applied.setup.zone),
                literal(applied.setup.provider_id),
                str(len(applied.changes)),
                key=applied.apply_id,
            )
        if not self.setups:
            self.query_one("#inverse", Static).update("The journal has no setup left to undo.")
            self.query_one("#review", Button).disabled = True
        table.focus()
        self.revert_plan: RevertPlan | None = None

    def _selected(self) -> AppliedSetup:
        return self.setups[self.query_one("#setups", DataTable).cursor_row]

    @on(Button.Pressed, "#review")
    def review(self) -> None:
        self.inverse(self._selected())

    @work(thread=True, exit_on_error=False, group="rollback", exclusive=True)
    def inverse(self, applied: AppliedSetup) -> None:
        try:
            provider = self.session.env.provider_factory(
                applied.setup.provider_id, applied.setup.settings
            )
            rplan = plan_revert(provider, applied)
        except WizardError as err:
            self.app.call_from_thread(self.say, f"[red]{escape(f'{err.title}: {err}')}[/]")
            return
        self.session.provider = provider
        self.app.call_from_thread(self.show_inverse, rplan)

    def say(self, text: str) -> None:
        self.query_one("#inverse", Static).update(text)

    def show_inverse(self, rplan: RevertPlan) -> None:
        self.revert_plan = rplan
        lines = [f"• {escape(str(change))}" for change in rplan.changes] or [
            "Nothing left to undo."
        ]
        lines += [f"[yellow]left alone:[/] {escape(str(c))}" for c in rplan.conflicts]
        self.say("\n".join(lines))
        self.query_one("#confirm", Button).disabled = not rplan.changes

    @on(Button.Pressed, "#confirm")
    def confirm(self) -> None:
        self.query_one("#confirm", Button).disabled = True
        self.undo()

    @work(thread=True, exit_on_error=False, group="rollback", exclusive=True)
    def undo(self) -> None:
        rplan, provider = self.revert_plan, self.session.provider
        assert rplan is not None and provider is not None
        try:
            revert_apply(
                provider, rplan, Journal(self.session.env.journal_path), digest=rplan.digest
            )
        except WizardError as err:
            self.app.call_from_thread(self.say, f"[red]{escape(f'{err.title}: {err}')}[/]")
            return
        self.app.call_from_thread(self.reverted, rplan)

    def reverted(self, rplan: RevertPlan) -> None:
        from wizard.tui.screens.propagation import PropagationScreen

        target = rplan.target.setup
        if target.profile:
            self.session.profile = load_profile(target.profile)
        self.session.domain = target.zone
        self.session.zone = None
        self.session.summary.append(f"Rolled back {len(rplan.changes)} change(s) in {target.zone}.")
        expectations = []
        for change in rplan.changes:
            if change.action == "delete" and change.existing is not None:
                expectations.append(Expectation(change.existing, present=False))
            elif change.new is not None:
                expectations.append(Expectation(change.new))
        self.notify(
            f"Undone. Now at {self.session.profile.vendor}: {self.session.profile.revert_vendor}",
            timeout=12,
        )
        self.app.push_screen(PropagationScreen(expectations, removal=True))
