"""Step 6: writing the reviewed plan, one line of progress per step, and undo on failure."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, RichLog, Static

from providers.base import Provider
from wizard.app import reverting
from wizard.app.applying import ApplyOutcome, apply_reviewed
from wizard.journal import Journal
from wizard.model.errors import WizardError
from wizard.model.records import Record
from wizard.model.words import counted
from wizard.plan import Plan
from wizard.rollback import RevertPlan
from wizard.tui.journey import ApplyNext
from wizard.tui.safe import escape
from wizard.tui.screens.base import StepScreen, in_red
from wizard.tui.screens.confirm import ConfirmScreen
from wizard.tui.widgets import next_button


class ApplyScreen(StepScreen[ApplyNext]):
    DEFAULT_CSS = """
    ApplyScreen {
        #apply-body { padding: 0 1; }
        #apply-log { height: 1fr; min-height: 5; border: round $primary; }
        #apply-actions { height: auto; }
        #apply-actions Button { width: auto; min-width: 16; }
    }
    """
    STEP = "Writing the records"
    HELP = (
        "Each change is written to the journal (and flushed to disk) before it is sent to "
        "your DNS host, so whatever happens, 'Revert now' can put the zone back as it was. "
        "It undoes exactly this attempt, never an earlier one."
    )

    def __init__(
        self,
        provider: Provider,
        plan: Plan,
        records: tuple[Record, ...],
        *,
        confirm_updates: bool,
        profile_id: str,
        by_hand: tuple[Record, ...] = (),
        then_by_hand: int = 0,
    ) -> None:
        super().__init__()
        #: Records the host cannot write, entered by hand next (the plan was split).
        self.then_by_hand = then_by_hand
        self.provider, self.plan, self.records = provider, plan, records
        #: Records the person edited or added: the journal marks their changes.
        self.by_hand = by_hand
        self.confirm_updates = confirm_updates
        self.profile_id = profile_id
        self.outcome: ApplyOutcome | None = None
        self.landed: RevertPlan | None = None

    def body(self) -> ComposeResult:
        with Vertical(id="apply-body"):
            yield Static(f"Journal: {escape(str(self.env.journal_path))}", id="journal-path")
            # min_width=1: lines wrap at the log's own width (Textual's 78 would hide a long
            # value's end past the right edge at 80 columns).
            yield RichLog(id="apply-log", wrap=True, markup=True, min_width=1)
            with Horizontal(id="apply-actions"):
                yield Button("Revert now", id="revert", variant="error")
                yield Button("Review the plan again", id="review")
                label = (
                    f"Next: add {self.then_by_hand} by hand"
                    if self.then_by_hand
                    else "Watch them go live"
                )
                yield next_button(label, disabled=True)

    def on_mount(self) -> None:
        self.query_one("#revert", Button).display = False
        self.query_one("#review", Button).display = False
        self.busy(True)
        self.write()

    def log_line(self, text: str) -> None:
        self.query_one("#apply-log", RichLog).write(text)

    def progress(self, text: str) -> None:
        """From the worker: a line of outside text (record names, host messages)."""
        self.app.call_from_thread(self.log_line, escape(text))

    @work(thread=True, exit_on_error=False, group="apply", exclusive=True)
    def write(self) -> None:
        for change in self.plan.changes:
            self.progress(f"• {change}")
        outcome = apply_reviewed(
            self.provider,
            self.plan,
            Journal(self.env.journal_path),
            self.records,
            confirm_updates=self.confirm_updates,
            progress=self.progress,
            profile=self.profile_id,
            by_hand=self.by_hand,
        )
        landed = None
        if outcome.error is not None and outcome.may_have_landed and outcome.apply_id:
            landed = self._what_landed(outcome.apply_id)
        self.app.call_from_thread(self.written, outcome, landed)

    def _what_landed(self, apply_id: str) -> RevertPlan | None:
        """The inverse of what this attempt left at the host; None when it cannot be read."""
        journal = Journal(self.env.journal_path)
        try:
            applied = reverting.target(journal, apply_id=apply_id)
            return reverting.review(applied, self.provider)[1] if applied else None
        except WizardError as err:
            self.progress(f"Could not read the DNS host to see what landed: {err}")
            return None

    def written(self, outcome: ApplyOutcome, landed: RevertPlan | None) -> None:
        self.busy(False)
        self.outcome, self.landed = outcome, landed
        if outcome.error is None:
            self.log_line(f"[green]Done: {counted(len(outcome.written), 'change')} written.[/]")
            if outcome.confirmation:
                self.log_line(f"[green]{escape(outcome.confirmation)}.[/]")
            button = self.query_one("#continue", Button)
            button.disabled = False
            button.focus()
            return
        self.log_line(in_red(outcome.error))
        review = self.query_one("#review", Button)
        review.display = True
        if landed is not None and landed.changes:
            count = counted(len(landed.changes), "change")
            self.log_line(
                f"Part of this attempt reached the DNS host ({count}); it is in the journal. "
                "Revert now undoes exactly that."
            )
            self.query_one("#revert", Button).display = True
            self.query_one("#revert", Button).focus()
        else:
            self.log_line("Nothing was written. Review the plan again: it is read afresh.")
            review.focus()

    @on(Button.Pressed, "#revert")
    def revert(self) -> None:
        landed = self.landed
        assert landed is not None
        asked, lines = reverting.question(landed, self.provider.display_name)
        self.app.push_screen(ConfirmScreen(asked, lines, confirm="Revert"), self.confirmed)

    def confirmed(self, yes: bool | None) -> None:
        if not yes:
            return
        self.query_one("#revert", Button).disabled = True
        self.busy(True)
        self.undo()

    @work(thread=True, exit_on_error=False, group="apply", exclusive=True)
    def undo(self) -> None:
        """Undo exactly the attempt this screen made, never an earlier apply."""
        assert self.landed is not None
        journal = Journal(self.env.journal_path)
        result = reverting.revert(self.provider, self.landed, journal, progress=self.progress)
        self.app.call_from_thread(self.undone, result)

    def undone(self, result: reverting.RevertOutcome) -> None:
        self.busy(False)
        if result.error is not None:
            self.log_line(in_red(result.error))
            self.query_one("#revert", Button).disabled = False
            return
        self.log_line("[green]Reverted: this attempt is undone; earlier applies are kept.[/]")
        if result.confirmation:
            self.log_line(f"[green]{escape(result.confirmation)}.[/]")
        self.query_one("#revert", Button).display = False
        self.query_one("#review", Button).focus()

    def worker_failed(self, message: str) -> None:
        self.busy(False)
        self.log_line(f"[red]{escape(message)}[/]")
        self.query_one("#review", Button).display = True

    @on(Button.Pressed, "#review")
    def review_again(self) -> None:
        self.dismiss("plan")

    @on(Button.Pressed, "#continue")
    def next_step(self) -> None:
        self.dismiss("watch")

    def action_back(self) -> None:
        if not self.can_go_back:
            super().action_back()
        else:
            self.dismiss("plan")
