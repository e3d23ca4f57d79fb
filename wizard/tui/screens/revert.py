"""Roll back, step 2: writing the confirmed inverse, journalled like any apply."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, RichLog

from wizard.app import https, reverting
from wizard.app.https import HttpsRevertOutcome
from wizard.journal import Journal
from wizard.model.words import counted
from wizard.tui.safe import escape
from wizard.tui.screens.base import StepScreen, in_red
from wizard.tui.screens.rollback import HttpsRevertChoice, RevertChoice
from wizard.tui.widgets import next_button

Outcome = reverting.RevertOutcome | HttpsRevertOutcome


class RevertScreen(StepScreen[Outcome]):
    DEFAULT_CSS = """
    RevertScreen {
        #revert-body { padding: 0 1; }
        #revert-log { height: 1fr; min-height: 5; border: round $primary; }
        #revert-actions { height: auto; }
    }
    """
    STEP = "Rolling back"
    HELP = (
        "The inverse is journalled before it is sent, like any write, so a second roll back "
        "after a failure picks up where this one stopped."
    )

    def __init__(self, choice: RevertChoice | HttpsRevertChoice) -> None:
        super().__init__()
        self.choice = choice
        self.result: Outcome | None = None

    def body(self) -> ComposeResult:
        with Vertical(id="revert-body"):
            yield RichLog(id="revert-log", wrap=True, markup=True, min_width=1)
            with Horizontal(id="revert-actions"):
                yield next_button("Watch them go", disabled=True)

    def on_mount(self) -> None:
        self.busy(True)
        self.undo()

    def progress(self, text: str) -> None:
        self.app.call_from_thread(self.query_one("#revert-log", RichLog).write, escape(text))

    @work(thread=True, exit_on_error=False, group="revert", exclusive=True)
    def undo(self) -> None:
        journal = Journal(self.env.journal_path)
        choice = self.choice
        result: Outcome
        if isinstance(choice, HttpsRevertChoice):
            try:
                result = https.revert_https(
                    choice.plan, journal, report=lambda event: self.progress(event.text)
                )
            finally:
                choice.plan.close()
        else:
            for change in choice.plan.changes:
                self.progress(f"• {change}")
            result = reverting.revert(choice.provider, choice.plan, journal, progress=self.progress)
        self.app.call_from_thread(self.done, result)

    def done(self, result: Outcome) -> None:
        self.busy(False)
        self.result = result
        log = self.query_one("#revert-log", RichLog)
        button = self.query_one("#continue", Button)
        if result.error is not None:
            log.write(in_red(result.error))
            log.write("Roll back again once the host answers: it picks up where this stopped.")
            button.label = "Back to the list"
            button.refresh(layout=True)  # the width follows the label
        elif isinstance(result, HttpsRevertOutcome):
            log.write("[green]Done: the HTTPS setup is removed.[/]")
        else:
            log.write(f"[green]Done: {counted(len(result.plan.changes), 'change')} written.[/]")
            if result.confirmation:
                log.write(f"[green]{escape(result.confirmation)}.[/]")
        button.disabled = False
        button.focus()

    def worker_failed(self, message: str) -> None:
        self.busy(False)
        self.query_one("#revert-log", RichLog).write(f"[red]{escape(message)}[/]")

    @on(Button.Pressed, "#continue")
    def next_step(self) -> None:
        assert self.result is not None
        self.dismiss(self.result)
