"""Step 6: writing the reviewed plan, one line of progress per step, and undo on failure."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, RichLog, Static

from wizard.app import reverting
from wizard.app.applying import ApplyOutcome, apply_reviewed
from wizard.journal import Journal
from wizard.model.errors import WizardError
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
        self.outcome: ApplyOutcome | None = None

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
        outcome = apply_reviewed(
            provider,
            plan,
            Journal(self.session.env.journal_path),
            self.session.records,
            confirm_updates=self.confirm_updates,
            progress=self.progress,
            profile=self.session.profile.id,
        )
        self.outcome = outcome
        if outcome.error is not None:
            self.app.call_from_thread(self.failed, outcome)
            return
        self.session.apply_id = outcome.apply_id
        self.session.summary.append(
            f"{len(outcome.written)} change(s) written to {provider.display_name}."
        )
        self.app.call_from_thread(self.finished, len(outcome.written))

    def finished(self, written: int) -> None:
        self.log_line(f"[green]Done: {written} change(s) written.[/]")
        button = self.query_one("#continue", Button)
        button.disabled = False
        button.focus()

    def failed(self, outcome: ApplyOutcome) -> None:
        assert outcome.error is not None
        self.log_line(f"[red]{escape(f'{outcome.error.title}: {outcome.error}')}[/]")
        if outcome.may_have_landed:
            self.log_line("Whatever landed is in the journal. Revert now puts the zone back.")
            self.query_one("#revert", Button).disabled = False
        else:
            self.log_line("Nothing was written. Go back (Esc) to review the plan again.")

    @on(Button.Pressed, "#revert")
    def revert(self) -> None:
        self.query_one("#revert", Button).disabled = True
        self.undo()

    @work(thread=True, exit_on_error=False, group="apply", exclusive=True)
    def undo(self) -> None:
        """Undo exactly the apply this screen started, never an earlier one."""
        provider, outcome = self.session.provider, self.outcome
        assert provider is not None and outcome is not None and outcome.apply_id is not None
        journal = Journal(self.session.env.journal_path)
        try:
            applied = reverting.target(journal, apply_id=outcome.apply_id)
            assert applied is not None
            _, rplan = reverting.review(applied, provider)
        except WizardError as err:
            self.app.call_from_thread(self.log_line, f"[red]{escape(f'{err.title}: {err}')}[/]")
            return
        if not rplan.changes:
            self.progress(
                "Nothing of this attempt reached the DNS host, so there is nothing to undo."
            )
            return
        result = reverting.revert(provider, rplan, journal, progress=self.progress)
        if result.error is not None:
            failure = f"{result.error.title}: {result.error}"
            self.app.call_from_thread(self.log_line, f"[red]{escape(failure)}[/]")
            return
        self.app.call_from_thread(self.log_line, "[green]Reverted: the zone is as it was.[/]")

    @on(Button.Pressed, "#continue")
    def next_step(self) -> None:
        from wizard.tui.screens.propagation import PropagationScreen

        self.app.push_screen(PropagationScreen.for_records(self.session.records))
