"""Roll back, step 1: pick a past setup from the journal and see what undoing it takes now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, DataTable, Static

from providers.base import Provider
from wizard.app import https, reverting
from wizard.https.ledger import HttpsRun
from wizard.https.revert import HttpsRevertPlan
from wizard.journal import AppliedSetup, Journal
from wizard.model.errors import WizardError
from wizard.model.words import counted
from wizard.rollback import RevertPlan, revertible
from wizard.tui.safe import escape, literal
from wizard.tui.screens.base import StepScreen, in_red


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
#: The same, for a setup a person entered by hand (done: seen live in DNS).
BY_HAND_WORDS = {
    "done": "entered by hand",
    "incomplete": "entered by hand, not seen yet",
    "failed": "entered by hand",
    "reverted": "rolled back by hand",
}


@dataclass(frozen=True)
class RevertChoice:
    provider: Provider
    plan: RevertPlan


@dataclass(frozen=True)
class HttpsRevertChoice:
    """Roll back an HTTPS run: its AWS resources and the records it wrote."""

    plan: HttpsRevertPlan


class RollbackScreen(StepScreen[RevertChoice | HttpsRevertChoice]):
    DEFAULT_CSS = """
    RollbackScreen {
        #rollback-body { padding: 0 1; height: 1fr; }
        #setups { height: auto; max-height: 10; }
        #rollback-actions { height: auto; padding: 0 1; }
    }
    """
    STEP = "Roll back"
    HELP = (
        "Every setup the wizard made is in its journal: records, and HTTPS through CloudFront. "
        "Pick one: the wizard reads your DNS host (and AWS) now and shows what undoing it takes "
        "(delete what it created, restore what it replaced, leave alone anything changed "
        "since). Nothing is written until you confirm."
    )

    def body(self) -> ComposeResult:
        with VerticalScroll(id="rollback-body"):
            yield Static(f"Journal: {escape(str(self.env.journal_path))}", classes="muted")
            yield DataTable(id="setups", cursor_type="row", zebra_stripes=True)
            yield Static("", id="inverse")
        with Horizontal(id="rollback-actions"):
            yield Button("Show what undoing takes", id="review", variant="primary")
            yield Button("Undo it…", id="confirm", variant="error", disabled=True)

    def on_mount(self) -> None:
        journal = Journal(self.env.journal_path)
        self.setups: list[AppliedSetup | HttpsRun] = [
            *https.revertible_runs(journal),
            *revertible(journal),
        ]
        self.choice: RevertChoice | HttpsRevertChoice | None = None
        table = self.query_one("#setups", DataTable)
        table.add_columns("When", "What", "Zone", "DNS host", "State")
        shown = self.setups or [a for a in reversed(journal.applies()) if a.setup.reverts is None]
        for item in shown:
            if isinstance(item, HttpsRun):
                row = (when(str(item.start.get("time", ""))), f"HTTPS for {item.host}")
                table.add_row(*row, literal(item.zone), literal(item.provider_id), item.status)
                continue
            what = counted(len(item.changes), "record change")
            words = BY_HAND_WORDS if item.setup.by_hand else STATUS_WORDS
            table.add_row(
                when(item.setup.time),
                what,
                literal(item.setup.zone),
                literal(item.setup.provider_id),
                words.get(item.status, item.status),
            )
        if not self.setups:
            self.say(
                "Nothing left to roll back: every setup in the journal is already undone"
                + (" (listed above)." if shown else ", or the journal is empty.")
            )
            self.query_one("#review", Button).disabled = True
        table.focus()

    def _selected(self) -> AppliedSetup | HttpsRun:
        return self.setups[self.query_one("#setups", DataTable).cursor_row]

    @on(Button.Pressed, "#review")
    def review(self) -> None:
        self.say("Reading your DNS host…")
        self.query_one("#confirm", Button).disabled = True
        self.inverse(self._selected())

    @work(thread=True, exit_on_error=False, group="rollback", exclusive=True)
    def inverse(self, item: AppliedSetup | HttpsRun) -> None:
        journal = Journal(self.env.journal_path)
        try:
            if isinstance(item, HttpsRun):
                plan = https.review_revert(item, journal)
                self.app.call_from_thread(self.show_https_inverse, plan)
                return
            provider = self.env.provider_factory(item.setup.provider_id, item.setup.settings)
            _, rplan = reverting.review(item, provider)
        except WizardError as err:
            self.app.call_from_thread(self.say, in_red(err))
            return
        self.app.call_from_thread(self.show_inverse, RevertChoice(provider, rplan))

    def say(self, text: str) -> None:
        self.query_one("#inverse", Static).update(text)

    def worker_failed(self, message: str) -> None:
        self.say(f"[red]{escape(message)}[/]")

    def show_inverse(self, choice: RevertChoice) -> None:
        rplan = choice.plan
        by_hand = "by hand: " if rplan.target.setup.by_hand else ""
        lines = [f"• {by_hand}{escape(str(change))}" for change in rplan.changes] or [
            "Nothing left to undo: the zone already looks as it did before."
        ]
        lines += [f"[dim]skip:[/] {escape(line)}" for line in rplan.skipped]
        lines += [f"[yellow]left alone:[/] {escape(str(c))}" for c in rplan.conflicts]
        button = self.query_one("#confirm", Button)
        button.label = "Delete them by hand…" if by_hand else "Undo it…"
        button.refresh(layout=True)  # the width follows the label
        self.offer(choice, lines, bool(rplan.changes))

    def show_https_inverse(self, plan: HttpsRevertPlan) -> None:
        lines = [f"• {escape(line)}" for line in plan.lines] or ["Nothing left to undo."]
        lines += [f"[yellow]by hand:[/] {escape(str(r))}" for r in plan.by_hand]
        lines += [f"[yellow]left alone:[/] {escape(c)}" for c in plan.conflicts]
        self.offer(HttpsRevertChoice(plan), lines, not plan.nothing_to_do)

    def offer(self, choice: RevertChoice | HttpsRevertChoice, lines: list[str], any_: bool) -> None:
        self.choice = choice
        self.say("\n".join(lines))
        button = self.query_one("#confirm", Button)
        button.disabled = not any_
        if any_:
            button.focus()

    @on(Button.Pressed, "#confirm")
    def confirm(self) -> None:
        assert self.choice is not None
        self.dismiss(self.choice)
