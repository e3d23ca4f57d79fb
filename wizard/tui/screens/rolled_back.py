"""Roll back, last step: what was undone here, and the vendor's side of going back to default."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from wizard.model.words import counted
from wizard.tui.journey import Facts
from wizard.tui.safe import escape
from wizard.tui.screens.base import StepScreen


class RolledBackScreen(StepScreen[str]):
    DEFAULT_CSS = """
    RolledBackScreen {
        #rolled-back-body { padding: 0 1; height: 1fr; }
        #rolled-back-actions { height: auto; padding: 0 1; }
    }
    """
    STEP = "Rolled back"
    HELP = (
        "The DNS side is undone. Your vendor uses the custom domain until you tell it not to: "
        "that step was asked for before the removal, and is written here again in case it "
        "is still to do."
    )

    def __init__(self, facts: Facts) -> None:
        super().__init__()
        self.facts = facts

    def body(self) -> ComposeResult:
        facts, profile = self.facts, self.facts.profile
        result = facts.revert
        lines = []
        if result is not None:
            n = len(result.plan.changes)
            setup = result.plan.target.setup
            of = f"the setup of {setup.time[:10] or 'an earlier run'}"
            if setup.by_hand:
                lines.append(
                    f"{counted(n, 'record')} deleted by hand in {result.plan.zone}, "
                    f"undoing {of} (entered by hand)."
                )
            else:
                lines.append(f"{counted(n, 'change')} written in {result.plan.zone} to undo {of}.")
            lines += [f"left alone: {c}" for c in result.plan.conflicts]
        if facts.https_revert is not None:
            run = facts.https_revert.plan.run
            lines.append(f"HTTPS for {run.host} removed:")
            lines += [f"  {line}" for line in facts.https_revert.lines]
        if facts.watch is not None:
            lines.append(facts.watch.summary)
        with VerticalScroll(id="rolled-back-body"):
            yield Static("\n".join(f"• {escape(line)}" for line in lines), id="rollback-summary")
            # Asked for before the removal (on the confirmation); said again in case it waits.
            yield Static(
                f"[b]At {escape(profile.vendor)}, if not done yet:[/b] "
                f"{escape(profile.revert_vendor)}",
                id="vendor-side",
            )
            yield Static(f"Journal: {escape(str(self.env.journal_path))}", classes="muted")
        with Horizontal(id="rolled-back-actions"):
            yield Button("Back to the start", id="restart", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#restart", Button).focus()

    @on(Button.Pressed, "#restart")
    def restart(self) -> None:
        self.dismiss("start")
