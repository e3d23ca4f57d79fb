"""Step 5: what will change, record by record. Nothing is written before Apply."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.widgets import Button, Checkbox, DataTable, LoadingIndicator, Static

from providers.base import Provider
from wizard.app.planning import Split, plan_at, split
from wizard.app.presentation import fold_name, plan_counts
from wizard.model.errors import WizardError
from wizard.model.records import Record
from wizard.model.words import counted
from wizard.plan import Kind, Plan, PlanItem
from wizard.tui.safe import escape
from wizard.tui.screens.base import StepScreen

KIND_LABELS: dict[Kind, str] = {
    "create": "[green]create[/]",
    "present": "[dim]already there[/]",
    "update": "[yellow]update[/]",
    "conflict": "[red]conflict[/]",
}


#: The mark of a record the person edited or added on the paste step.
BY_HAND = "edited by you"


def record_cell(record: Record, width: int = 0, by_hand: bool = False) -> Text:
    """The name on its own line (broken at dots when wider than the column), the data below
    it, whole (wrapped, never cut): the column is sized to fit the longest name when the screen
    allows. A record the person edited or added says so."""
    prio = f"{record.priority} " if record.priority is not None else ""
    name = fold_name(record.name, width)
    cell = Text.assemble((name, "bold"), "\n", f"{record.type} {prio}{record.value}")
    if by_hand:
        cell.append(f"\n{BY_HAND}", style="italic magenta")
    return cell


def details_cell(item: PlanItem) -> Text:
    now = ", ".join(f"{r.type} {r.value}" for r in item.existing)
    text = Text()
    if now and item.kind != "present":
        text.append("Now there: ", style="dim")
        text.append(now + "\n")
    if item.kind != "present":  # the Action column already says "already there"
        text.append(item.reason)
    return text


@dataclass(frozen=True)
class PlanDecision:
    plan: Plan
    confirm_updates: bool
    #: Chosen when the host cannot write some records exactly: the rest through its API, these
    #: by hand in its panel (the plan above is then `split.plan`, without them).
    split: Split | None = None


class PlanScreen(StepScreen[PlanDecision]):
    DEFAULT_CSS = """
    PlanScreen {
        #plan-body { padding: 0 1; height: 1fr; }
        #plan-loading { height: 3; }
        #plan-table { height: 1fr; }
        #plan-actions { height: auto; }
        #plan-split { height: auto; }
        #apply, #split { width: auto; min-width: 16; }
    }
    """
    STEP = "The plan"
    HELP = (
        "What the wizard will do at your DNS host, read from the host just now. 'already "
        "there' records are left alone; values are added beside the ones a name already has "
        "(your SPF stays); an 'update' replaces an existing CNAME and needs your explicit yes; "
        "a 'conflict' cannot be done as asked and says why. Nothing is written until you "
        "press Apply."
    )

    def __init__(
        self,
        provider: Provider,
        zone_name: str,
        records: tuple[Record, ...],
        by_hand: tuple[Record, ...] = (),
    ) -> None:
        super().__init__()
        self.provider = provider
        self.zone_name = zone_name
        self.records = records
        self.by_hand = by_hand
        self.plan: Plan | None = None
        #: The plan's split, when every conflict is a record the host cannot write exactly.
        self.split: Split | None = None

    def typed_by_hand(self, record: Record) -> bool:
        """The plan's record is one the person edited or added (its TTL may be the host's)."""
        return any(record.same_data(r) for r in self.by_hand)

    def body(self) -> ComposeResult:
        with Vertical(id="plan-body"):
            yield LoadingIndicator(id="plan-loading")
            yield DataTable(id="plan-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="plan-notes")
            with Horizontal(id="plan-split"):
                yield Button("", id="split", variant="warning")
            with Horizontal(id="plan-actions"):
                yield Checkbox("Yes, replace the existing values marked 'update'", id="confirm")
                yield Button("Apply", id="apply", variant="success", disabled=True)

    def on_mount(self) -> None:
        self.add_columns()
        self.query_one("#confirm", Checkbox).display = False
        self.query_one("#plan-split").display = False
        self.make()

    def add_columns(self) -> None:
        """Fit the screen and wrap inside the rows, so the reason is never off to the right."""
        table = self.query_one("#plan-table", DataTable)
        table.clear(columns=True)
        rest = max(44, self.app.size.width - 4 - 13 - 6)
        longest = max((len(r.name) for r in self.records), default=24)
        # As wide as the longest name, leaving the reason at least a third of the room.
        self.record_width = max(24, min(longest, rest * 2 // 3))
        record = self.record_width
        table.add_column("Action", key="action", width=13)
        table.add_column("Record", key="record", width=record)
        table.add_column("What and why", key="why", width=rest - record)

    def on_resize(self, event: Resize) -> None:
        if self.query("#plan-table"):
            self.add_columns()
            if self.plan is not None:
                self.fill(self.plan)

    @work(thread=True, exit_on_error=False, group="plan", exclusive=True)
    def make(self) -> None:
        try:
            plan = plan_at(self.provider, self.zone_name, self.records)
        except WizardError as err:
            self.app.call_from_thread(self.worker_failed, f"{err.title}: {err}")
            return
        self.app.call_from_thread(self.show, plan)

    def worker_failed(self, message: str) -> None:
        self.query_one("#plan-loading").display = False
        self.query_one("#plan-notes", Static).update(f"[red]{escape(message)}[/]")

    def fill(self, plan: Plan) -> None:
        table = self.query_one("#plan-table", DataTable)
        table.clear()
        for index, item in enumerate(plan.items):
            table.add_row(
                KIND_LABELS[item.kind],
                record_cell(item.record, self.record_width, self.typed_by_hand(item.record)),
                details_cell(item),
                key=str(index),
                height=None,
            )

    def show(self, plan: Plan) -> None:
        self.plan = plan
        self.query_one("#plan-loading").display = False
        self.fill(plan)
        notes = [escape(f.message) for f in plan.findings]
        notes.append(f"In all: {plan_counts(plan)}.")
        edited = sum(1 for i in plan.items if self.typed_by_hand(i.record))
        if edited:
            notes.append(
                f"[magenta]{counted(edited, 'record')} {BY_HAND} on the paste "
                "step; the journal will say so.[/]"
            )
        self.split = split(plan, self.records)
        if self.split is not None:
            notes.append(self.split_note(self.split))
        elif plan.has_conflicts:
            notes.append("[red]Fix the conflicts first (go back with Esc).[/]")
        self.query_one("#plan-notes", Static).update("\n".join(notes))
        self.query_one("#confirm", Checkbox).display = bool(plan.updates)
        self.offer_split(self.split)
        self.refresh_apply()

    def split_note(self, split: Split) -> str:
        host = escape(self.provider.display_name)
        refused = counted(len(split.by_hand), "record")
        rest = (
            f"write the other {counted(len(split.plan.changes), 'change')} through its API and "
            if split.plan.changes
            else ""
        )
        return (
            f"[yellow]{host} cannot write {refused} exactly through the wizard: {rest}add "
            f"{'it' if len(split.by_hand) == 1 else 'them'} by hand in its panel (the wizard "
            "shows exactly what, and watches every record), or go back with Esc.[/]"
        )

    def offer_split(self, split: Split | None) -> None:
        """The button that writes what the host can and leaves the rest to the person."""
        self.query_one("#plan-split").display = split is not None
        # Apply cannot be pressed beside a conflict: the split is the way on, in its place.
        self.query_one("#apply", Button).display = split is None
        if split is None:
            return
        button = self.query_one("#split", Button)
        by_hand = f"add {len(split.by_hand)} by hand"
        written = len(split.plan.changes)
        if written:
            button.label = f"Write {written} through {self.provider.display_name}, {by_hand}"
        else:
            button.label = by_hand.capitalize()
        button.refresh(layout=True)  # the width follows the label

    @on(Checkbox.Changed, "#confirm")
    def refresh_apply(self) -> None:
        plan = self.plan
        button = self.query_one("#apply", Button)
        if plan is not None and not plan.changes and not plan.has_conflicts:
            button.label = "Nothing to write: watch"
            button.refresh(layout=True)  # the width follows the label
            button.disabled = False
            return
        ready = plan is not None and not plan.has_conflicts and bool(plan.changes)
        confirmed = plan is None or not plan.updates or self.query_one("#confirm", Checkbox).value
        button.disabled = not (ready and confirmed)
        self.query_one("#split", Button).disabled = not (self.split is not None and confirmed)

    @on(Button.Pressed, "#apply")
    def apply(self) -> None:
        assert self.plan is not None
        self.dismiss(PlanDecision(self.plan, self.query_one("#confirm", Checkbox).value))

    @on(Button.Pressed, "#split")
    def apply_split(self) -> None:
        assert self.split is not None
        confirm = self.query_one("#confirm", Checkbox).value
        self.dismiss(PlanDecision(self.split.plan, confirm, self.split))
