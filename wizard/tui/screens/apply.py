"""Step 6: writing the reviewed plan, one line of progress per step, and undo on failure."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, RichLog, Static

from wizard.apply import apply_plan
from wizard.journal import Journal
from wizard.model.errors import WizardError
from wizard.rollback import latest_revertible, plan_revert, revert_apply
from wizard.tui.safe import escape
from wizard.tui.screens.base import StepScreen


class ApplyScreen(StepScreen):
    STEP = "Writing the records"
    HELP = (
        "Each change is written to the journal (and flushed to disk) before it is sent to "
        "your DNS host, so whatever happens, 'Revert' can put the zone back as it was."
    )

    def __init__(self, *, confirm_updates: bool) -> None:
        super().__init__()
        self.confirm_updates = confirm_updates

    def body(self) -> ComposeResult:
        with Vertical(id="apply-body"):
            yield Static(
                f"Journal: {escape(str(self.session.env.journal_path))}", id="journal-path"
            )
            yield RichLog(id="apply-log", wrap=True, markup=True)
            with Horizontal(id="apply-actions"):
                yield Button("Revert now", id="revert", variant="error", disabled=True)
                yield Button("Watch them go live", id="continue", variant="primary", disabled=True)

    def on_mount(self) -> None:
        self.write()

    def log_line(self, text: str) -> None:
        self.query_one("#apply-log", RichLog).write(text)

    def progress(self, text: str) -> None:
        """From the worker: a line of outside text (record names, host messages)."""
        self.app.call_from_thread(self.log_line, escape(text))

    @work(thread=True, exit_on_error=False, group="apply", exclusive=True)
    def write(self) -> None:
        plan, provider = self.session.plan, self.session.provider
        assert plan is not None and provider is not None
        for change in plan.changes:
            self.progress(f"• {change}")
        try:
            result = apply_plan(
                provider,
                plan,
                Journal(self.session.env.journal_path),
                digest=plan.digest,
                confirm_updates=self.confirm_updates,
                progress=self.progress,
                profile=self.session.profile.id,
                recheck=self.session.records,
            )
        except WizardError as err:
            self.app.call_from_thread(self.failed, f"{err.title}: {err}")
            return
        self.session.apply_id = result.apply_id
        self.session.summary.append(
            f"{len(result.written)} change(s) written to {provider.display_name}."
        )
        self.app.call_from_thread(self.finished, len(result.written))

    def finished(self, written: int) -> None:
        self.log_line(f"[green]Done: {written} change(s) written.[/]")
        button = self.query_one("#continue", Button)
        button.disabled = False
        button.focus()

    def failed(self, message: str) -> None:
        self.log_line(f"[red]{escape(message)}[/]")
        self.log_line("Whatever landed is in the journal. Revert now puts the zone back.")
        self.query_one("#revert", Button).disabled = False

    @on(Button.Pressed, "#revert")
    def revert(self) -> None:
        self.query_one("#revert", Button).disabled = True
        self.undo()

    @work(thread=True, exit_on_error=False, group="apply", exclusive=True)
    def undo(self) -> None:
        provider = self.session.provider
        assert provider is not None
        journal = Journal(self.session.env.journal_path)
        try:
            applied = latest_revertible(journal, self.session.zone_name)
            if applied is None:
                self.progress("Nothing landed, so there is nothing to undo.")
                return
            rplan = plan_revert(provider, applied)
            revert_apply(provider, rplan, journal, digest=rplan.digest, progress=self.progress)
        except WizardError as err:
            self.app.call_from_thread(self.log_line, f"[red]{escape(f'{err.title}: {err}')}[/]")
            return
        self.app.call_from_thread(self.log_line, "[green]Reverted: the zone is as it was.[/]")

    @on(Button.Pressed, "#continue")
    def next_step(self) -> None:
        from wizard.tui.screens.propagation import PropagationScreen

        self.app.push_screen(PropagationScreen.for_records(self.session.records))
